"""Reads of the operating-room council's allocations: who sees which, and each clinic's reasons.

The council (heads of a hospital's operating clinics, ``organisation.access.can_decide_room_time``)
and region-wide readers see a hospital's whole allocation; anyone else who sees one of its
operating clinics reads that clinic's sessions and reasons only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kps.formatting import number
from organisation import access
from organisation.models import Clinic

from .choices import AllocationStatus
from .models import AllocatedSession, Allocation, Room
from .need import operating_clinics
from .selectors import visible_sites


def visible_allocations(user: User | AnonymousUser) -> QuerySet[Allocation]:
    """Allocations of the hospitals where the user sees an operating clinic, newest period first."""
    return Allocation.objects.filter(site__in=visible_sites(user)).select_related(
        "site", "created_by", "decided_by"
    )


def sees_whole_allocation(user: User | AnonymousUser, site_id: int) -> bool:
    return access.sees_whole_region(user) or may_decide(user, site_id)


def may_decide(user: User | AnonymousUser, site_id: int) -> bool:
    return user.is_authenticated and access.can_decide_room_time(
        user, operating_clinics(site_id=site_id)
    )


# Unmet need under half an hour is a rounding of whole sessions, not need left unmet.
UNMET_SHOWN = 0.5


@dataclass
class ClinicShare:
    """One clinic's part of an allocation: what it needed, what it got, and why."""

    id: int
    code: str
    name: str
    sessions: int
    hours: float
    need_hours: float
    unmet_hours: float
    minimum_sessions: int
    eligible_sessions: int
    weight: float
    reasons: dict = field(default_factory=dict)
    explanation: str = ""
    # The clinic's colour on the pages (one of ten), by its place in the list.
    colour: int = 0


@dataclass
class AllocationView:
    allocation: Allocation
    whole: bool
    may_decide: bool
    sessions: list[AllocatedSession]
    clinics: list[ClinicShare]
    rooms: list[Room]
    open_sessions: int
    open_hours: float


def _explain(share: ClinicShare) -> str:
    r = share.reasons
    parts = [
        _(
            "Behov %(need)s timmar i perioden: %(pace)s operationer per vecka (kötaktens "
            "avlastningstakt) × %(minutes)s salsminuter per operation."
        )
        % {
            "need": number(share.need_hours),
            "pace": number(r.get("relief_pace", 0.0), 1),
            "minutes": number(r.get("room_minutes_per_operation") or 0.0),
        },
        _(
            "Vikt %(weight)s: %(waiting)s väntande, %(past)s över måldatum, %(guarantee)s "
            "över vårdgarantins 90 dagar."
        )
        % {
            "weight": number(share.weight, 2),
            "waiting": number(r.get("waiting", 0)),
            "past": number(r.get("past_target", 0)),
            "guarantee": number(r.get("past_guarantee", 0)),
        },
        _("Fick %(sessions)s salstider, %(hours)s timmar, av %(eligible)s i salar den får använda.")
        % {
            "sessions": number(share.sessions),
            "hours": number(share.hours),
            "eligible": number(share.eligible_sessions),
        },
    ]
    if share.unmet_hours >= UNMET_SHOWN:
        parts.append(_("Ouppfyllt behov: %(unmet)s timmar.") % {"unmet": number(share.unmet_hours)})
    else:
        parts.append(_("Behovet är täckt."))
    if share.sessions < share.minimum_sessions:
        parts.append(
            _("Salarna rymmer inte klinikens minimum om %(minimum)s salstider.")
            % {"minimum": share.minimum_sessions}
        )
    if r.get("minutes_from_hospital"):
        parts.append(_("Inga egna operationer att mäta: sjukhusets medeltid används."))
    return " ".join(parts)


def allocation_view(*, user: User | AnonymousUser, allocation: Allocation) -> AllocationView:
    """The allocation as the reader may see it, with each clinic's shares counted from its sessions."""
    whole = sees_whole_allocation(user, allocation.site_id)
    sessions = list(allocation.sessions.select_related("room", "clinic"))
    explained = allocation.explanation.get("clinics", {})
    clinic_ids = {int(c) for c in explained} | {s.clinic_id for s in sessions if s.clinic_id}
    if not whole:
        clinic_ids &= set(access.visible_clinics(user).values_list("id", flat=True))
        sessions = [s for s in sessions if s.clinic_id in clinic_ids]
    got: dict[int, list[float]] = defaultdict(list)
    for s in sessions:
        if s.clinic_id:
            got[s.clinic_id].append(s.hours)
    shares = []
    for clinic in Clinic.objects.filter(id__in=clinic_ids).order_by("name"):
        reasons = explained.get(str(clinic.id), {})
        need_hours = float(reasons.get("need_hours", 0.0))
        hours = sum(got[clinic.id])
        share = ClinicShare(
            id=clinic.id,
            code=clinic.code,
            name=clinic.name,
            sessions=len(got[clinic.id]),
            hours=hours,
            need_hours=need_hours,
            unmet_hours=max(need_hours - hours, 0.0) if need_hours - hours >= UNMET_SHOWN else 0.0,
            minimum_sessions=int(reasons.get("minimum_sessions", 0)),
            eligible_sessions=int(reasons.get("eligible_sessions", 0)),
            weight=float(reasons.get("weight", 1.0)),
            reasons=reasons,
        )
        share.explanation = _explain(share)
        share.colour = len(shares) % 10
        shares.append(share)
    open_ = [s for s in sessions if s.clinic_id is None]
    return AllocationView(
        allocation=allocation,
        whole=whole,
        may_decide=may_decide(user, allocation.site_id)
        and allocation.status == AllocationStatus.PROPOSED,
        sessions=sessions,
        clinics=shares,
        rooms=list(
            Room.objects.filter(site_id=allocation.site_id, active=True)
            .prefetch_related("clinics")
            .order_by("code")
        ),
        open_sessions=len(open_),
        open_hours=sum(s.hours for s in open_),
    )


def decided_room_hours(*, clinic_id: int, start: date, end: date) -> dict[date, float]:
    """Room hours per day the council's decided allocations give a clinic from ``start`` to ``end``."""
    hours: dict[date, float] = defaultdict(float)
    for s in AllocatedSession.objects.filter(
        clinic_id=clinic_id,
        date__range=(start, end),
        allocation__status=AllocationStatus.DECIDED,
    ).only("date", "start_time", "end_time"):
        hours[s.date] += s.hours
    return dict(hours)
