"""Writes to the KPS programme. Each checks that the user may edit and records every change.

Only Qulturum and administrators edit (``organisation.access.can_edit_rollout``).
A ``user`` of None records the change as made by the system; only the demo
generator does that, views always pass the signed-in user.
Bad input raises ``ValidationError`` with a Swedish message and changes nothing.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, cast

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Field
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisation import access
from organisation.models import Clinic

from .models import Programme, ProgrammeRole, ProgrammeRoleKind, ProgrammeStep, RolloutChange, Step
from .status import default_planned_end, default_step_dues

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_TEXT = 10_000


class Unset(Enum):
    """Marks a keyword argument the caller left out, so None can mean "clear this date"."""

    UNSET = "unset"


UNSET = Unset.UNSET

AGREEMENT_TEXTS = ("goals", "expectations", "timeline", "follow_up")
PROGRAMME_FIELDS = ("decision_date", "agreement_date", *AGREEMENT_TEXTS, "start", "planned_end")


def _require_editor(user: User | None) -> None:
    if user is not None and not access.can_edit_rollout(user):
        raise PermissionDenied(_("Endast Qulturum och administratörer ändrar införandet."))


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _day(value: date) -> str:
    return date_format(value, "Y-m-d")


def _label(name: str) -> str:
    """A programme field's name as users read it, in the active language."""
    return str(cast(Field, Programme._meta.get_field(name)).verbose_name)


def _change(
    clinic_id: int, user: User | None, subject: StrOrPromise, field: StrOrPromise, old, new
) -> RolloutChange:
    # Names are stored in Swedish, the catalogue's own language, whoever made the change; the
    # page and the API translate them when they show them, so English readers read English.
    with translation.override("sv"):
        return RolloutChange(
            clinic_id=clinic_id,
            user=user,
            subject=str(subject),
            field=str(field),
            old=_shown(old),
            new=_shown(new),
        )


def _field_name(name: str) -> StrOrPromise:
    """A programme field's name for the change log (lazy: stored in Swedish by ``_change``)."""
    return cast(Field, Programme._meta.get_field(name)).verbose_name


def _check_text(label: str, value: str) -> None:
    if len(value) > MAX_TEXT:
        raise ValidationError(
            _("%(field)s är för lång (högst %(max)s tecken).") % {"field": label, "max": MAX_TEXT}
        )


def _check_programme(programme: Programme, today: date) -> None:
    """The rules a programme's own dates and texts must keep, whether new or edited."""
    if programme.decision_date > today:
        raise ValidationError(_("Områdeschefens beslut kan inte ligga i framtiden."))
    if programme.start < programme.decision_date:
        raise ValidationError(_("Programmet kan inte starta före områdeschefens beslut."))
    if programme.planned_end <= programme.start:
        raise ValidationError(_("Planerat slut måste ligga efter programstart."))
    if programme.agreement_date and programme.agreement_date < programme.decision_date:
        raise ValidationError(_("Överenskommelsen kan inte vara undertecknad före beslutet."))
    if programme.agreement_date and programme.agreement_date > today:
        raise ValidationError(_("Överenskommelsen kan inte vara undertecknad i framtiden."))
    for name in AGREEMENT_TEXTS:
        _check_text(_label(name).capitalize(), getattr(programme, name))


@transaction.atomic
def programme_create(
    *,
    user: User | None,
    clinic: Clinic,
    decision_date: date,
    start: date | None = None,
    planned_end: date | None = None,
    agreement_date: date | None = None,
    goals: str = "",
    expectations: str = "",
    timeline: str = "",
    follow_up: str = "",
    today: date | None = None,
) -> Programme:
    """Enter a clinic into the programme after the area director's decision, with every step due by default."""
    _require_editor(user)
    today = today or timezone.localdate()
    start = start or decision_date
    programme = Programme(
        clinic=clinic,
        decision_date=decision_date,
        agreement_date=agreement_date,
        goals=goals,
        expectations=expectations,
        timeline=timeline,
        follow_up=follow_up,
        start=start,
        planned_end=planned_end or default_planned_end(start),
    )
    _check_programme(programme, today)
    if Programme.objects.filter(clinic=clinic).exists():
        raise ValidationError(
            _("%(clinic)s är redan med i KPS-programmet.") % {"clinic": clinic.name}
        )
    try:
        # A savepoint, so a concurrent registration of the same clinic ends in a message, not a 500.
        with transaction.atomic():
            programme.save()
    except IntegrityError as error:
        raise ValidationError(
            _("%(clinic)s är redan med i KPS-programmet.") % {"clinic": clinic.name}
        ) from error
    dues = default_step_dues(start=programme.start, planned_end=programme.planned_end)
    ProgrammeStep.objects.bulk_create(
        ProgrammeStep(programme=programme, kind=kind, due=due) for kind, due in dues.items()
    )
    subject = gettext_lazy("Program")
    RolloutChange.objects.bulk_create(
        _change(
            clinic.id,
            user,
            subject,
            _field_name(name),
            None,
            getattr(programme, name),
        )
        for name in PROGRAMME_FIELDS
        if getattr(programme, name) not in (None, "")
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    user: User | None,
    programme: Programme,
    decision_date: date | Unset = UNSET,
    agreement_date: date | None | Unset = UNSET,
    goals: str | Unset = UNSET,
    expectations: str | Unset = UNSET,
    timeline: str | Unset = UNSET,
    follow_up: str | Unset = UNSET,
    start: date | Unset = UNSET,
    planned_end: date | Unset = UNSET,
    today: date | None = None,
) -> Programme:
    """Change the decision, the agreement or the programme's dates; a new planned end moves the completion step."""
    _require_editor(user)
    today = today or timezone.localdate()
    given = {
        "decision_date": decision_date,
        "agreement_date": agreement_date,
        "goals": goals,
        "expectations": expectations,
        "timeline": timeline,
        "follow_up": follow_up,
        "start": start,
        "planned_end": planned_end,
    }
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    before = {name: getattr(programme, name) for name in PROGRAMME_FIELDS}
    for name, value in given.items():
        if value is not UNSET:
            if value is None and name != "agreement_date":
                raise ValidationError(_("%(field)s måste anges.") % {"field": _label(name)})
            setattr(programme, name, value)
    _check_programme(programme, today)
    changed = [name for name in PROGRAMME_FIELDS if getattr(programme, name) != before[name]]
    if not changed:
        return programme
    programme.save()
    subject = gettext_lazy("Program")
    changes = [
        _change(
            programme.clinic_id,
            user,
            subject,
            _field_name(name),
            before[name],
            getattr(programme, name),
        )
        for name in changed
    ]
    if "planned_end" in changed:
        # The completion step is due when the agreement says the programme ends.
        ProgrammeStep.objects.filter(programme=programme, kind=Step.COMPLETED).update(
            due=programme.planned_end
        )
        changes.append(
            _change(
                programme.clinic_id,
                user,
                Step.COMPLETED.label,
                gettext_lazy("senast"),
                before["planned_end"],
                programme.planned_end,
            )
        )
    RolloutChange.objects.bulk_create(changes)
    return programme


def _step_kind(kind: int | str) -> Step:
    try:
        return Step(int(kind))
    except (TypeError, ValueError):
        raise ValidationError(_("Okänt programsteg: %(kind)s.") % {"kind": kind}) from None


@transaction.atomic
def programme_step_update(
    *,
    user: User | None,
    programme: Programme,
    kind: int | str,
    due: date | None | Unset = UNSET,
    done_on: date | None | Unset = UNSET,
    notes: str | Unset = UNSET,
    today: date | None = None,
) -> ProgrammeStep:
    """Tick off a step (or undo it), move its due date or write its notes."""
    _require_editor(user)
    today = today or timezone.localdate()
    kind = _step_kind(kind)
    steps = {
        s.kind: s for s in ProgrammeStep.objects.select_for_update().filter(programme=programme)
    }
    step = steps.get(kind)
    if step is None:
        raise ValidationError(_("Programmet saknar steget %(step)s.") % {"step": kind.label})
    before = {"due": step.due, "done_on": step.done_on, "notes": step.notes}
    if due is not UNSET:
        if kind == Step.COMPLETED and due != programme.planned_end:
            raise ValidationError(
                _("Programmet ska vara avslutat vid planerat slut; ändra det i överenskommelsen.")
            )
        if due is not None and due < programme.start:
            raise ValidationError(
                _("Ett steg kan inte vara planerat före programstart (%(start)s).")
                % {"start": _day(programme.start)}
            )
        step.due = due
    if done_on is not UNSET:
        if done_on is not None and done_on > today:
            raise ValidationError(_("Ett steg kan inte vara klart i framtiden."))
        if done_on is not None and done_on < programme.decision_date:
            raise ValidationError(
                _("Ett steg kan inte vara klart före områdeschefens beslut (%(day)s).")
                % {"day": _day(programme.decision_date)}
            )
        action_plan, completed = steps.get(Step.ACTION_PLAN), steps.get(Step.COMPLETED)
        if (
            kind == Step.COMPLETED
            and done_on is not None
            and not (action_plan and action_plan.done_on)
        ):
            raise ValidationError(
                _("Programmet kan avslutas först när handlingsplanen är skriven.")
            )
        if kind == Step.ACTION_PLAN and done_on is None and completed and completed.done_on:
            raise ValidationError(_("Programmet är avslutat; ångra först avslutet."))
        step.done_on = done_on
    if notes is not UNSET:
        _check_text(_("Anteckningar"), notes)
        step.notes = notes
    labels = {
        "due": gettext_lazy("senast"),
        "done_on": gettext_lazy("klart"),
        "notes": gettext_lazy("anteckningar"),
    }
    changes = [
        _change(
            programme.clinic_id, user, kind.label, labels[name], before[name], getattr(step, name)
        )
        for name in before
        if getattr(step, name) != before[name]
    ]
    if changes:
        step.save(update_fields=[name for name in before if getattr(step, name) != before[name]])
        RolloutChange.objects.bulk_create(changes)
    return step


@transaction.atomic
def programme_steps_update(
    *,
    user: User | None,
    programme: Programme,
    values: dict[int, dict],
    today: date | None = None,
) -> list[ProgrammeStep]:
    """Save the whole step table at once: every row's changed fields, or none of them.

    ``values`` maps a step's kind to the fields the form sent for it (due, done_on, notes).
    Only fields that differ from what is stored are written, so an untouched row never
    fails on a rule it met when it was saved. Undoing runs first, from the last step back, and
    ticking off in the usual order, so the action plan and the completion can be changed
    together either way. The message of a broken rule names its step.
    """
    _require_editor(user)
    stored = {step.kind: step for step in programme.steps.all()}
    changed: dict[int, dict] = {}
    for kind, fields in values.items():
        step = stored.get(_step_kind(kind))
        if step is None:
            raise ValidationError(
                _("Programmet saknar steget %(step)s.") % {"step": Step(kind).label}
            )
        diff = {name: value for name, value in fields.items() if getattr(step, name) != value}
        if diff:
            changed[step.kind] = diff

    def order(kind: int) -> tuple[int, int]:
        undoing = "done_on" in changed[kind] and changed[kind]["done_on"] is None
        return (0, -kind) if undoing else (1, kind)

    saved = []
    for kind in sorted(changed, key=order):
        try:
            saved.append(
                programme_step_update(
                    user=user, programme=programme, kind=kind, today=today, **changed[kind]
                )
            )
        except ValidationError as error:
            raise ValidationError(
                [f"{Step(kind).label}: {message}" for message in error.messages]
            ) from None
    return sorted(saved, key=lambda step: step.kind)


@transaction.atomic
def programme_role_add(
    *,
    user: User | None,
    programme: Programme,
    role: str,
    name: str = "",
    username: str = "",
) -> ProgrammeRole:
    """Name a person in the programme; a new owner or leader replaces the one before."""
    _require_editor(user)
    if role not in ProgrammeRoleKind.values:
        raise ValidationError(_("Okänd roll: %(role)s.") % {"role": role})
    role = ProgrammeRoleKind(role)
    name, username = name.strip(), username.strip()
    account = None
    if username:
        account = User.objects.filter(username=username).first()
        if account is None:
            raise ValidationError(
                _("Det finns ingen användare med användarnamnet %(username)s.")
                % {"username": username}
            )
        name = name or account.get_full_name() or account.username
    if not name:
        raise ValidationError(_("Ange personens namn eller användarnamn."))
    if len(name) > cast(int, ProgrammeRole._meta.get_field("name").max_length):
        raise ValidationError(_("Namnet är för långt (högst 150 tecken)."))
    existing = list(
        ProgrammeRole.objects.select_for_update().filter(programme=programme, role=role)
    )
    if role == ProgrammeRoleKind.MEMBER and any(
        r.name.casefold() == name.casefold() for r in existing
    ):
        raise ValidationError(_("%(name)s är redan med i KPS-gruppen.") % {"name": name})
    old = ""
    if role != ProgrammeRoleKind.MEMBER and existing:
        old = existing[0].name
        ProgrammeRole.objects.filter(pk=existing[0].pk).delete()
    added = ProgrammeRole.objects.create(programme=programme, role=role, name=name, user=account)
    new = f"{name} ({account.username})" if account else name
    _change(programme.clinic_id, user, gettext_lazy("Roller"), role.label, old, new).save()
    return added


@transaction.atomic
def programme_role_remove(*, user: User | None, role: ProgrammeRole) -> None:
    """Take a person off the programme's roles."""
    _require_editor(user)
    clinic_id = role.programme.clinic_id
    label = ProgrammeRoleKind(role.role).label
    deleted, _rows = ProgrammeRole.objects.filter(pk=role.pk).delete()
    if deleted:
        _change(clinic_id, user, gettext_lazy("Roller"), label, role.name, None).save()
