"""Every change to a production assignment: creating it from the approved plan, saving its lines,
and moving a version through the plan's statuses (``planning.versioning``).

Each function checks the user's right through ``organisation.access`` itself, so the page and
the API cannot differ in what they allow. The refusals are the plan's (``planning.errors``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kps.validators import no_identity_numbers
from organisation import access
from organisation.models import Activity, Clinic
from planning import versioning
from planning.choices import PlanStatus
from planning.errors import PlanConflict, PlanLocked
from planning.services import FIRST_PLAN_YEAR, LAST_PLAN_YEAR, MIN_REASON_LENGTH

from ..choices import CareForm
from . import selectors
from .models import Assignment, AssignmentLine, AssignmentVersion

MAX_VOLUME = Decimal("9999999999")
MAX_POINTS_PER_VOLUME = Decimal("99999")


@dataclass(frozen=True)
class LineEdit:
    """An activity's line as the user leaves it: volume per tertial and expected points per unit."""

    activity_id: int
    volumes: tuple[Decimal, Decimal, Decimal]
    points_per_volume: Decimal


def _require_edit(user: User, clinic: Clinic) -> None:
    if not access.can_edit_assignment(user, clinic):
        raise PermissionDenied(
            _("Bara klinikens chef, områdets chef och administratörer kan ändra uppdraget.")
        )


def _require_approve(user: User, clinic: Clinic) -> None:
    if not access.can_approve_assignment(user, clinic):
        raise PermissionDenied(
            _("Bara områdets chef och administratörer kan fastställa eller öppna uppdraget.")
        )


def proposed_lines(*, clinic: Clinic, year: int) -> list[LineEdit]:
    """The approved plan's activities (and bed plan) for the year, with last year's case mix."""
    volumes = selectors.plan_volumes(clinic_id=clinic.pk, year=year)
    mix = selectors.case_mix(clinic_id=clinic.pk, year=year - 1)
    lines = []
    for activity_id, by_tertial in volumes.items():
        known = mix.get(activity_id)
        per_volume = known.points_per_volume if known else None
        lines.append(
            LineEdit(
                activity_id=activity_id,
                volumes=(by_tertial[0], by_tertial[1], by_tertial[2]),
                points_per_volume=(per_volume or Decimal(0)).quantize(Decimal("0.0001")),
            )
        )
    return lines


def assignment_create(*, clinic: Clinic, year: int, user: User) -> AssignmentVersion:
    """A new assignment for the clinic and year: version 1, a draft proposed from the approved
    production plan and bed plan, with last year's case mix and this year's point prices."""
    _require_edit(user, clinic)
    if not FIRST_PLAN_YEAR <= year <= LAST_PLAN_YEAR:
        raise ValidationError(_("Året %(year)s går inte att planera.") % {"year": year})
    lines = proposed_lines(clinic=clinic, year=year)
    with transaction.atomic():
        try:
            with transaction.atomic():
                assignment = Assignment.objects.create(clinic=clinic, year=year, created_by=user)
                version = AssignmentVersion.objects.create(
                    assignment=assignment, number=1, created_by=user
                )
        except IntegrityError:
            raise ValidationError(
                _("%(clinic)s har redan ett produktionsuppdrag för %(year)s.")
                % {"clinic": clinic, "year": year}
            ) from None
        versioning.record(version, user=user, to=PlanStatus.DRAFT)
        _write_lines(version, lines, origins={}, origin=AssignmentLine.Origin.PLAN)
    return version


def _validate(lines: Sequence[LineEdit]) -> None:
    errors = []
    ids = [line.activity_id for line in lines]
    if len(set(ids)) != len(ids):
        errors.append(_("En aktivitet finns två gånger i uppdraget."))
    if set(ids) - set(Activity.objects.filter(id__in=ids).values_list("id", flat=True)):
        errors.append(_("Okänd aktivitet."))
    for line in lines:
        if any(v < 0 or v > MAX_VOLUME for v in line.volumes):
            errors.append(_("En volym ska vara mellan 0 och 9 999 999 999."))
        if not 0 <= line.points_per_volume <= MAX_POINTS_PER_VOLUME:
            errors.append(_("DRG-poäng per volymenhet ska vara mellan 0 och 99 999."))
    if errors:
        raise ValidationError(sorted(set(errors)))


def _write_lines(
    version: AssignmentVersion, lines: Sequence[LineEdit], *, origins: dict[int, str], origin: str
) -> None:
    """Replace the version's lines; each takes today's point price of its year and care form,
    and its origin from ``origins`` (by activity id) or else ``origin``."""
    _validate(lines)
    prices = selectors.Prices(version.assignment.year)
    missing, rows = set(), []
    forms = selectors.care_forms(line.activity_id for line in lines)
    for line in lines:
        care_form = forms[line.activity_id]
        price = prices.of(care_form, line.activity_id)
        if price is None:
            missing.add(str(CareForm(care_form).label).lower())
            continue
        rows.append(
            AssignmentLine(
                version=version,
                activity_id=line.activity_id,
                care_form=care_form,
                volume_t1=line.volumes[0],
                volume_t2=line.volumes[1],
                volume_t3=line.volumes[2],
                points_per_volume=line.points_per_volume,
                price_per_point=price,
                origin=origins.get(line.activity_id, origin),
            )
        )
    if missing:
        raise ValidationError(
            _("Det finns inget poängpris för %(year)s i %(forms)s. Administratören anger det.")
            % {"year": version.assignment.year, "forms": ", ".join(sorted(missing))}
        )
    version.lines.all().delete()
    AssignmentLine.objects.bulk_create(rows)


def assignment_save_lines(
    *, version: AssignmentVersion, user: User, based_on_revision: int, lines: Sequence[LineEdit]
) -> int:
    """Save a draft's lines as a whole, or refuse all of them; returns the new revision.

    Compare-and-swap on the revision as in a plan's save: a save based on an older revision
    is refused, so nobody overwrites a colleague's work unseen. A line whose volumes differ
    from what it held is marked typed.
    """
    _require_edit(user, version.assignment.clinic)
    # A line whose volumes the save leaves as they were keeps where it came from.
    kept = {
        activity_id: origin
        for activity_id, origin, *volumes in version.lines.values_list(
            "activity_id", "origin", "volume_t1", "volume_t2", "volume_t3"
        )
        if any(e.activity_id == activity_id and e.volumes == tuple(volumes) for e in lines)
    }
    with transaction.atomic():
        if not versioning.claim_revision(version, based_on_revision):
            version.refresh_from_db(fields=["status", "revision"])
            if version.status != PlanStatus.DRAFT:
                raise versioning.locked(version)
            raise PlanConflict(current_revision=version.revision, changes=[])
        _write_lines(version, lines, origins=kept, origin=AssignmentLine.Origin.TYPED)
    version.revision = based_on_revision + 1
    return version.revision


def assignment_submit(*, version: AssignmentVersion, user: User) -> AssignmentVersion:
    """The draft is handed to the area's director for approval; it is locked meanwhile."""
    _require_edit(user, version.assignment.clinic)
    if version.status != PlanStatus.DRAFT:
        raise PlanLocked(_("Bara ett utkast kan skickas in."))
    if not version.lines.exists():
        raise ValidationError(_("Uppdraget har inga rader att skicka in."))
    versioning.submit(version, user=user)
    return version


def assignment_approve(*, version: AssignmentVersion, user: User) -> AssignmentVersion:
    """The director approves a submitted version; the one approved before is kept as superseded."""
    _require_approve(user, version.assignment.clinic)
    if version.status != PlanStatus.SUBMITTED:
        raise PlanLocked(_("Bara en inskickad version kan fastställas."))
    with transaction.atomic():
        versioning.approve(version, user=user)
    return version


def assignment_reopen(*, version: AssignmentVersion, user: User, reason: str) -> AssignmentVersion:
    """Open a locked version again, with the reason recorded; returns the draft.

    A submitted version goes back to draft. An approved one keeps counting in the follow-up
    while a new draft, a copy of it, is worked on; approving that draft supersedes it.
    """
    _require_approve(user, version.assignment.clinic)
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(_("Ange varför uppdraget öppnas igen."))
    no_identity_numbers(reason)

    def copy_lines(draft: AssignmentVersion) -> None:
        lines = list(version.lines.all())
        for line in lines:
            line.pk, line.version = None, draft
        AssignmentLine.objects.bulk_create(lines)

    return versioning.reopen(
        version,
        user=user,
        reason=reason,
        copy=copy_lines,
        already_open=_("Uppdraget har redan en öppen version att arbeta i."),
    )
