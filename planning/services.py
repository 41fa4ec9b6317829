"""Every change to a production plan: creating it, saving cells, and moving a version through its statuses.

Each function checks the user's right through ``organisation.access`` itself,
so pages, the API and the Excel import cannot differ in what they allow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from inpatient import bedplan
from kps.validators import no_identity_numbers
from organisation import access
from organisation.calendar import weeks_in_year
from organisation.models import Activity, Clinic, Unit

from . import capacity, selectors, versioning, writes
from .cells import MAX_CELLS_PER_SAVE, CellEdit
from .errors import PlanConflict, PlanLocked
from .models import (
    Plan,
    PlanCell,
    PlanSave,
    PlanStatus,
    PlanVersion,
    SaveSource,
)

FIRST_PLAN_YEAR = 2000
LAST_PLAN_YEAR = 2100
MIN_REASON_LENGTH = 3


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What a save did: the version's revision afterwards and how many cells changed."""

    revision: int
    changed: int
    save_id: int | None


def _require_edit(user: User, clinic: Clinic) -> None:
    if not access.can_edit_plan(user, clinic):
        raise PermissionDenied(_("Bara klinikens KPS-ledare och administratörer kan ändra planen."))


def _require_approve(user: User, clinic: Clinic) -> None:
    if not access.can_approve_plan(user, clinic):
        raise PermissionDenied(
            _("Bara klinikens chef och administratörer kan fastställa eller öppna planen.")
        )


def plan_create(
    *,
    clinic: Clinic,
    year: int,
    user: User,
    cells: Sequence[CellEdit] = (),
    proposal: dict | None = None,
) -> PlanVersion:
    """A new plan for the clinic and year, with version 1 as a draft holding the given cells."""
    _require_edit(user, clinic)
    if not FIRST_PLAN_YEAR <= year <= LAST_PLAN_YEAR:
        raise ValidationError(_("Året %(year)s går inte att planera.") % {"year": year})
    # One transaction for the plan, its status change and its cells: a refused cell leaves no
    # half-created plan behind that would block creating it again.
    with transaction.atomic():
        try:
            # A savepoint of its own, so the duplicate's IntegrityError can become a message.
            with transaction.atomic():
                plan = Plan.objects.create(clinic=clinic, year=year, created_by=user)
                version = PlanVersion.objects.create(
                    plan=plan, number=1, created_by=user, proposal=proposal or {}
                )
        except IntegrityError:
            raise ValidationError(
                _("%(clinic)s har redan en produktionsplan för %(year)s.")
                % {"clinic": clinic, "year": year}
            ) from None
        versioning.record(version, user=user, to=PlanStatus.DRAFT)
        if cells:
            plan_save_cells(
                version=version,
                user=user,
                based_on_revision=0,
                cells=cells,
                source=SaveSource.PROPOSAL,
            )
            version.refresh_from_db()
    return version


def _validate_cells(
    version: PlanVersion, cells: Sequence[CellEdit]
) -> dict[tuple[int, int, int], CellEdit]:
    """The edits keyed by cell, after checking units, activities and weeks belong to this plan."""
    if len(cells) > MAX_CELLS_PER_SAVE:
        raise ValidationError(
            _("En sparning får innehålla högst %(max)s celler.") % {"max": MAX_CELLS_PER_SAVE}
        )
    plan = version.plan
    unit_ids = {c.unit_id for c in cells}
    activity_ids = {c.activity_id for c in cells}
    known_units = set(
        Unit.objects.filter(clinic_id=plan.clinic_id, id__in=unit_ids).values_list("id", flat=True)
    )
    known_activities = set(
        Activity.objects.filter(id__in=activity_ids).values_list("id", flat=True)
    )
    first, last = plan.year * 100 + 1, plan.year * 100 + weeks_in_year(plan.year)
    errors = []
    if unit_ids - known_units:
        errors.append(_("Enheten hör inte till %(clinic)s.") % {"clinic": plan.clinic})
    if activity_ids - known_activities:
        errors.append(_("Okänd aktivitet."))
    bad_weeks = sorted({c.week for c in cells if not first <= c.week <= last})
    if bad_weeks:
        errors.append(
            _("Veckorna %(weeks)s finns inte i planens år %(year)s.")
            % {"weeks": ", ".join(str(w) for w in bad_weeks[:5]), "year": plan.year}
        )
    if errors:
        raise ValidationError(errors)
    by_key: dict[tuple[int, int, int], CellEdit] = {}
    for cell in cells:
        by_key[cell.key] = cell  # the last edit of a cell in one request wins
    return by_key


def plan_save_cells(
    *,
    version: PlanVersion,
    user: User,
    based_on_revision: int,
    cells: Sequence[CellEdit],
    source: str = SaveSource.GRID,
) -> SaveResult:
    """Save the changed cells of a draft version in one transaction, or refuse all of them.

    Optimistic concurrency: the save names the revision it was based on, and
    the version's revision is advanced with a compare-and-swap. A save based
    on an older revision raises ``PlanConflict`` carrying what changed since,
    so nobody overwrites a colleague's work unseen. The number of queries
    does not depend on the number of cells.
    """
    _require_edit(user, version.plan.clinic)
    edits = _validate_cells(version, cells)
    with transaction.atomic():
        existing = {}
        if edits:
            units = {k[0] for k in edits}
            activities = {k[1] for k in edits}
            weeks = [k[2] for k in edits]
            existing = {
                (u, a, w): (pk, volume)
                for pk, u, a, w, volume in PlanCell.objects.filter(
                    version=version,
                    unit_id__in=units,
                    activity_id__in=activities,
                    week__gte=min(weeks),
                    week__lte=max(weeks),
                ).values_list("id", "unit_id", "activity_id", "week", "volume")
            }
        changes = []
        for key, edit in edits.items():
            pk, old = existing.get(key, (None, None))
            if old != edit.volume:
                changes.append((key, pk, old, edit.volume))
        if not changes:
            current = (
                PlanVersion.objects.filter(pk=version.pk).values_list("revision", "status").first()
            )
            _check_unchanged(version, based_on_revision, current)
            return SaveResult(revision=based_on_revision, changed=0, save_id=None)

        if not versioning.claim_revision(version, based_on_revision):
            current = (
                PlanVersion.objects.filter(pk=version.pk).values_list("revision", "status").first()
            )
            _check_unchanged(version, based_on_revision, current)
            assert current is not None  # _check_unchanged refused a version that is gone
            raise PlanConflict(current_revision=current[0], changes=[])  # lost a race just now
        revision = based_on_revision + 1

        removed = [pk for _key, pk, _old, new in changes if pk is not None and new is None]
        if removed:
            PlanCell.objects.filter(pk__in=removed).delete()
        # An upsert: new cells are inserted, changed ones only get their volume updated, which
        # touches no index (PostgreSQL can update in place) and is the cheapest write there is.
        writes.cells_upsert(
            version_id=version.pk,
            rows=[(u, a, w, new) for (u, a, w), _pk, _old, new in changes if new is not None],
        )
        record = PlanSave.objects.create(
            version=version,
            user=user,
            based_on_revision=based_on_revision,
            revision=revision,
            source=source,
            changed=len(changes),
        )
        writes.changes_insert(
            save_id=record.pk, rows=[(u, a, w, old, new) for (u, a, w), _pk, old, new in changes]
        )
    version.revision = revision
    return SaveResult(revision=revision, changed=len(changes), save_id=record.pk)


def _check_unchanged(
    version: PlanVersion, based_on_revision: int, current: tuple[int, str] | None
) -> None:
    """Raise why a version cannot take a save based on this revision; return if it can."""
    if current is None:
        raise PlanLocked(_("Planversionen finns inte längre."))
    revision, status = current
    if status != PlanStatus.DRAFT:
        version.status = status
        raise versioning.locked(version)
    if revision != based_on_revision:
        raise PlanConflict(
            current_revision=revision,
            changes=selectors.plan_changes_since(version_id=version.pk, revision=based_on_revision),
        )


def _capacity_comment(version: PlanVersion, comment: str) -> str:
    """The comment a status change stores; required when the capacity or the bed check is red.

    A plan that needs more hours than HR has in some period can still be right (overtime,
    hires on the way), but whoever hands it on or approves it says why, on the record.
    """
    comment = (comment or "").strip()
    if comment:
        no_identity_numbers(comment)
    if len(comment) < MIN_REASON_LENGTH and capacity.plan_capacity_red(version=version):
        raise ValidationError(
            _(
                "Kapacitetskontrollen är röd: planen behöver fler timmar än HR har i någon "
                "schemaperiod. Skriv en kommentar om varför den ändå ska gå vidare."
            ),
            code="comment_required",
        )
    if len(comment) < MIN_REASON_LENGTH and bedplan.plan_beds_red(version=version):
        raise ValidationError(
            _(
                "Vårdplatskontrollen är röd: med de planerade vårdplatserna möter för många "
                "inskrivningar full avdelning någon vecka. Skriv en kommentar om varför planen "
                "ändå ska gå vidare."
            ),
            code="comment_required",
        )
    return comment


def plan_submit(*, version: PlanVersion, user: User, comment: str = "") -> PlanVersion:
    """The KPS leader hands the draft to the manager for approval; it is locked meanwhile.

    With a red capacity check the leader must say why (``comment``, kept with the status change).
    """
    _require_edit(user, version.plan.clinic)
    if version.status != PlanStatus.DRAFT:
        raise PlanLocked(_("Bara ett utkast kan skickas in."))
    versioning.submit(version, user=user, reason=_capacity_comment(version, comment))
    return version


def plan_withdraw(*, version: PlanVersion, user: User, reason: str = "") -> PlanVersion:
    """The KPS leader takes a submitted version back to draft before it is approved.

    For a mistake noticed after submitting: the manager's approval is no longer asked
    for, and the history shows who withdrew it, when, and why if they said.
    """
    _require_edit(user, version.plan.clinic)
    if version.status != PlanStatus.SUBMITTED:
        raise PlanLocked(_("Bara en inskickad version kan dras tillbaka."))
    reason = (reason or "").strip()
    if reason:
        no_identity_numbers(reason)
    versioning.back_to_draft(
        version, user=user, reason=reason or _("Inskickningen drogs tillbaka.")
    )
    return version


def plan_approve(*, version: PlanVersion, user: User, comment: str = "") -> PlanVersion:
    """The manager approves a submitted version; the one approved before it is kept as superseded.

    With a red capacity check the manager must say why (``comment``, kept with the status change).
    """
    _require_approve(user, version.plan.clinic)
    if version.status != PlanStatus.SUBMITTED:
        raise PlanLocked(_("Bara en inskickad version kan fastställas."))
    comment = _capacity_comment(version, comment)
    with transaction.atomic():
        versioning.approve(version, user=user, reason=comment)
        # Sum the approved cells for follow-up now, not at the next region-wide page. Robust:
        # the approval has committed by then, and reads fall back to the cells if this fails.
        from followup.tasks import sum_approved_plans

        transaction.on_commit(sum_approved_plans.delay, robust=True)
    return version


def plan_reopen(*, version: PlanVersion, user: User, reason: str) -> PlanVersion:
    """Open a locked version for changes again, with the reason recorded; returns the draft.

    A submitted version goes back to draft. An approved one stays approved (and
    keeps counting for follow-up) while a new draft version, a copy of it, is
    worked on; approving that draft supersedes it.
    """
    _require_approve(user, version.plan.clinic)
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(_("Ange varför planen öppnas igen."))

    def copy_cells(draft: PlanVersion) -> None:
        PlanCell.objects.bulk_create(
            PlanCell(version=draft, unit_id=u, activity_id=a, week=w, volume=v)
            for u, a, w, v in version.cells.values_list("unit_id", "activity_id", "week", "volume")
        )

    return versioning.reopen(
        version,
        user=user,
        reason=reason,
        copy=copy_cells,
        already_open=_("Planen har redan en öppen version att arbeta i."),
        proposal=version.proposal,
    )
