"""Writes of the operating-room council: propose an allocation, move a session, decide it.

The decided allocation becomes the period's session plan: its sessions replace the hospital's
``Session`` rows for every room and day it covers, as an imported ``salstider`` file would (a
later file from Orbit replaces them in turn, the same way).
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from kps.errors import DomainError, InvalidInput
from kps.figure_cache import figures_changed_on_commit
from kps.validators import no_identity_numbers
from organisation import access
from organisation.calendar import Period, holidays_in
from organisation.models import Clinic, Site, Unit

from . import allocation as solver
from .choices import AllocationStatus
from .models import AllocatedSession, Allocation, Operation, Room, Session
from .need import council_need, operating_clinics
from .selectors import opening_hours

MAX_PERIOD_DAYS = 7 * 20
MAX_NOTE_LENGTH = 2000


class AllocationLocked(DomainError):
    """The allocation is decided and can no longer be changed."""

    status_code = 409
    code = "allocation_locked"


class NotCouncil(DomainError):
    status_code = 403
    code = "permission_denied"


def _require_council(user: User, site: Site) -> None:
    if not access.can_decide_room_time(user, operating_clinics(site_id=site.id)):
        raise NotCouncil(
            _(
                "Bara operationsrådet (chefer för sjukhusets opererande kliniker) och "
                "administratörer föreslår och beslutar salsfördelningen."
            )
        )


def period_slots(*, site: Site, start: date, end: date) -> tuple[list[solver.Slot], bool]:
    """The period's staffed sessions to give away, and whether they come from the template.

    From the session plan when it has staffed sessions in the period; otherwise a template of
    the hospital's elective opening hours for every active room on every working weekday.
    """
    rooms = {
        r.id: frozenset(r.clinics.values_list("id", flat=True))
        for r in Room.objects.filter(site=site, active=True).prefetch_related("clinics")
    }
    planned = (
        Session.objects.filter(room_id__in=rooms, date__range=(start, end), staffed=True)
        .order_by("date", "room__code", "start_time")
        .values_list("room_id", "date", "start_time", "end_time")
    )
    slots = [solver.Slot(r, d, s, e, rooms[r]) for r, d, s, e in planned]
    if slots:
        return slots, False
    hours = opening_hours(site_id=site.id)
    closed = holidays_in(start.year) | holidays_in(end.year)
    day = start
    while day <= end:
        if day.weekday() in hours and day not in closed:
            opens, closes = hours[day.weekday()]
            slots.extend(solver.Slot(r, day, opens, closes, rooms[r]) for r in sorted(rooms))
        day += timedelta(days=1)
    return slots, True


def _minimums(clinics: list[Clinic], weeks: float, chosen: dict[int, int] | None) -> dict[int, int]:
    per_week = settings.KPS_THEATRE_MIN_SESSIONS_PER_WEEK
    default = math.floor(per_week * weeks + 1e-9)
    chosen = chosen or {}
    unknown = set(chosen) - {c.id for c in clinics}
    if unknown or any(n < 0 for n in chosen.values()):
        raise InvalidInput(
            _("Minsta antal salstider gäller sjukhusets opererande kliniker och är 0 eller mer."),
            errors={"minimums": [_("Okänd klinik eller negativt antal.")]},
        )
    return {c.id: chosen.get(c.id, default) for c in clinics}


def allocation_propose(
    *,
    site: Site,
    period: Period,
    user: User,
    minimums: dict[int, int] | None = None,
    today: date | None = None,
) -> Allocation:
    """The optimiser's proposal for the hospital's sessions in ``period``, with its reasons."""
    _require_council(user, site)
    if period.end < period.start or (period.end - period.start).days >= MAX_PERIOD_DAYS:
        raise InvalidInput(_("Perioden ska sluta efter att den börjar och vara högst 20 veckor."))
    picture = council_need(site=site, period=period, today=today)
    clinics = operating_clinics(site_id=site.id)
    weeks = ((period.end - period.start).days + 1) / 7
    keep = _minimums(clinics, weeks, minimums)
    slots, from_template = period_slots(site=site, start=period.start, end=period.end)
    demands = [
        solver.Demand(
            clinic_id=need.clinic_id,
            need_hours=need.hours_per_week_needed * weeks,
            weight=need.weight,
            minimum_sessions=keep[need.clinic_id],
        )
        for need in picture.clinics
    ]
    proposal = solver.propose(slots, demands)
    explanation = {
        "snapshot": picture.snapshot.isoformat() if picture.snapshot else None,
        "history": [picture.history_start.isoformat(), picture.history_end.isoformat()],
        "weeks": weeks,
        "template": from_template,
        "optimal": proposal.optimal,
        "clinics": {
            str(need.clinic_id): {
                **need.as_dict(),
                "need_hours": max(need.hours_per_week_needed * weeks, 0.0),
                "minimum_sessions": keep[need.clinic_id],
                "eligible_sessions": proposal.clinics[need.clinic_id].eligible_sessions,
                "proposed_sessions": proposal.clinics[need.clinic_id].sessions,
                "proposed_hours": proposal.clinics[need.clinic_id].hours,
            }
            for need in picture.clinics
        },
    }
    with transaction.atomic():
        allocation = Allocation.objects.create(
            site=site,
            start=period.start,
            end=period.end,
            created_by=user,
            explanation=explanation,
        )
        AllocatedSession.objects.bulk_create(
            AllocatedSession(
                allocation=allocation,
                room_id=slot.room_id,
                date=slot.day,
                start_time=slot.start,
                end_time=slot.end,
                clinic_id=clinic,
            )
            for slot, clinic in zip(slots, proposal.assignment, strict=True)
        )
    return allocation


def _require_proposed(allocation: Allocation) -> None:
    if allocation.status != AllocationStatus.PROPOSED:
        raise AllocationLocked(_("Fördelningen är beslutad och kan inte längre ändras."))


def allocation_move(
    *, allocation: Allocation, session_id: int, clinic_id: int | None, user: User
) -> AllocatedSession:
    """The council gives one session of the proposal to another clinic (or leaves it open)."""
    _require_council(user, allocation.site)
    _require_proposed(allocation)
    session = allocation.sessions.select_related("room").filter(id=session_id).first()
    if session is None:
        raise InvalidInput(
            _("Salstiden finns inte i fördelningen."), errors={"session": [_("Okänd salstid.")]}
        )
    if clinic_id is not None and not session.room.clinics.filter(id=clinic_id).exists():
        raise InvalidInput(
            _("Kliniken får inte använda %(room)s (salens utrustning).") % {"room": session.room},
            errors={"clinic": [_("Salen tar inte emot klinikens operationer.")]},
        )
    session.clinic_id = clinic_id
    session.save(update_fields=["clinic"])
    return session


def operating_unit(clinic_id: int, site_id: int) -> int | None:
    """The clinic's unit a session goes to: the one with most operations in the hospital's rooms."""
    busiest = (
        Operation.objects.filter(unit__clinic_id=clinic_id, room__site_id=site_id)
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by("-n", "unit_id")
        .first()
    )
    if busiest:
        return busiest["unit_id"]
    return (
        Unit.objects.filter(clinic_id=clinic_id)
        .order_by("code")
        .values_list("id", flat=True)
        .first()
    )


def allocation_decide(*, allocation: Allocation, user: User, note: str = "") -> Allocation:
    """The council decides the allocation; it becomes the period's session plan."""
    _require_council(user, allocation.site)
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidInput(
            _("Anteckningen är för lång (högst %(n)s tecken).") % {"n": MAX_NOTE_LENGTH},
            errors={"note": [_("För lång.")]},
        )
    if note:
        no_identity_numbers(note)
    with transaction.atomic():
        # A guarded update: two clicks cannot both decide.
        moved = Allocation.objects.filter(
            pk=allocation.pk, status=AllocationStatus.PROPOSED
        ).update(
            status=AllocationStatus.DECIDED,
            decided_by=user,
            decided_at=timezone.now(),
            note=note,
        )
        if not moved:
            raise AllocationLocked(_("Fördelningen är redan beslutad."))
        sessions = list(allocation.sessions.all())
        units = {
            c: operating_unit(c, allocation.site_id)
            for c in {s.clinic_id for s in sessions if s.clinic_id is not None}
        }
        days: dict[int, set[date]] = {}
        for s in sessions:
            days.setdefault(s.room_id, set()).add(s.date)
        for room_id, dates in days.items():
            Session.objects.filter(room_id=room_id, date__in=dates).delete()
        Session.objects.bulk_create(
            Session(
                room_id=s.room_id,
                date=s.date,
                start_time=s.start_time,
                end_time=s.end_time,
                unit_id=units.get(s.clinic_id) if s.clinic_id else None,
                staffed=True,
            )
            for s in sessions
        )
        figures_changed_on_commit()
    allocation.refresh_from_db()
    return allocation
