"""What a clinic needs to send elsewhere in the coming schedule period, per procedure group.

A procedure group is a medical care area of the clinic's waiting list for one phase (first
visits or operations). For each, the queue arithmetic of ``waitlists`` gives the weekly pace
that keeps up with inflow and brings the queue to the guarantee (its relief pace); the volume
to send is what that pace asks beyond the clinic's own planned capacity:

    send = max(0, required pace − planned pace)

The approved plan is per activity, not per care area, so a group's planned pace is the
clinic's planned weekly volume of the phase's activities over the coming period, times the
group's share of the clinic's observed outflow (performed contacts) of the phase. Without an
approved plan for the period the volume to send is unknown, not the whole pace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser, User

from organisation import access
from organisation import selectors as organisation_selectors
from organisation.calendar import IsoWeek, Period
from organisation.models import Clinic
from waitlists.selectors import Pace, plan_ahead, scope_units, waitlist_pace
from waitlists.selectors.common import (
    GUARANTEE_DAYS,
    care_area_resolver,
    care_areas,
    guarantee_waiting_q,
    visible_entries,
    waited_more_than,
)

from ..rules import volume_to_send
from .agreements import AgreementUse, agreements_use, agreements_visible

LONGEST_WAITERS = 25


@dataclass
class Group:
    """One procedure group's need: the pace, the planned pace and the weekly volume to send."""

    area_id: int | None
    name: str
    pace: Pace
    plan_pace: float | None
    send_per_week: float | None
    weeks: int
    agreements: list[AgreementUse] = field(default_factory=list)

    @property
    def send_in_period(self) -> float | None:
        return None if self.send_per_week is None else self.send_per_week * self.weeks


@dataclass
class Waiter:
    patient: str
    unit: str
    kva_code: str
    care_area: str
    waited_days: int


@dataclass
class SendPlan:
    clinic: Clinic
    phase: int
    snapshot: date | None
    period: Period
    plan_pace: float | None
    total: Group
    groups: list[Group]
    waiters: list[Waiter]
    shows_agreements: bool


def coming_period(*, clinic: Clinic, now: IsoWeek) -> Period:
    """The first schedule period of the clinic's area that starts after this week."""
    periods = [
        p
        for year in (now.year, now.year + 1)
        for p in organisation_selectors.schedule_periods(area=clinic.area, year=year)
    ]
    return next(p for p in periods if p.first_week > now)


def _mean_plan(plan: dict[int, float], weeks: list[IsoWeek]) -> float | None:
    volumes = [plan[w.key] for w in weeks if w.key in plan]
    return sum(volumes) / len(volumes) if volumes else None


def send_plan(
    *, user: User | AnonymousUser, clinic_id: int, phase: int, today: date | None = None
) -> SendPlan | None:
    """The clinic's need to send per group; None when the user may not see the clinic."""
    clinic = access.visible_clinics(user).select_related("area").filter(id=clinic_id).first()
    if clinic is None:
        return None
    unit_ids = scope_units(user=user, clinic_id=clinic.id, unit_id=None)
    whole = waitlist_pace(user=user, unit_ids=unit_ids, phase=phase)
    period = coming_period(clinic=clinic, now=whole.observed.now)
    plan = plan_ahead(
        unit_ids=unit_ids, phase=phase, first=period.first_week, weeks=len(period.weeks)
    )
    planned = _mean_plan(plan, period.weeks)
    snapshot = whole.observed.snapshot
    resolver = care_area_resolver()
    entries = visible_entries(user=user).filter(
        unit_id__in=unit_ids, phase=phase, snapshot_date=snapshot
    )
    area_ids = {
        resolver.area_of(code) for code in entries.values_list("kva_code", flat=True).distinct()
    }
    names = dict(
        care_areas().filter(id__in=[a for a in area_ids if a is not None]).values_list("id", "name")
    )

    def group(area_id: int | None, name: str, pace: Pace) -> Group:
        share = (
            (pace.observed.capacity or 0.0) / whole.observed.capacity
            if whole.observed.capacity
            else None
        )
        group_plan = planned * share if planned is not None and share is not None else None
        if area_id is None:
            group_plan = planned
        return Group(
            area_id=area_id,
            name=name,
            pace=pace,
            plan_pace=group_plan,
            send_per_week=volume_to_send(
                required_pace=pace.model.required_pace, plan_pace=group_plan
            ),
            weeks=len(period.weeks),
        )

    groups = [
        group(
            area_id,
            names[area_id],
            waitlist_pace(user=user, unit_ids=unit_ids, phase=phase, care_area_id=area_id),
        )
        for area_id in sorted(names, key=lambda a: names[a])
    ]
    total = group(None, str(clinic.name), whole)
    shows_agreements = access.economics_clinics(user).filter(id=clinic.id).exists()
    if shows_agreements:
        _attach_agreements(
            clinic=clinic, period=period, groups=[total, *groups], user=user, resolver=resolver
        )
    return SendPlan(
        clinic=clinic,
        phase=phase,
        snapshot=snapshot,
        period=period,
        plan_pace=planned,
        total=total,
        groups=groups,
        waiters=_longest_waiters(
            entries=entries, snapshot=snapshot, resolver=resolver, names=names
        ),
        shows_agreements=shows_agreements,
    )


def _attach_agreements(*, clinic, period: Period, groups: list[Group], user, resolver) -> None:
    """The agreements the clinic may send under in the period that cover each group, with their room."""
    candidates = [
        a
        for a in agreements_visible(user=user)
        if clinic in a.clinics.all() and a.start <= period.end and a.last_day >= period.start
    ]
    uses = agreements_use(agreements=candidates)
    for g in groups:
        for use in uses:
            a = use.agreement
            areas = {c.id for c in a.care_areas.all()}
            codes = a.code_list()
            takes_all = not areas and not codes
            if (
                g.area_id is None
                or takes_all
                or g.area_id in areas
                or any(resolver.area_of(code) == g.area_id for code in codes)
            ):
                g.agreements.append(use)


def _longest_waiters(*, entries, snapshot, resolver, names) -> list[Waiter]:
    """Those past the guarantee who wait the longest: pseudonyms only, for the coordinator."""
    if snapshot is None:
        return []
    rows = (
        entries.filter(guarantee_waiting_q(), waited_more_than(GUARANTEE_DAYS, snapshot))
        .order_by("decision_date", "waiting_id")
        .values_list("patient", "unit__name", "kva_code", "decision_date")[:LONGEST_WAITERS]
    )
    return [
        Waiter(
            patient=patient,
            unit=unit,
            kva_code=kva,
            care_area=names.get(resolver.area_of(kva), "") if kva else "",
            waited_days=(snapshot - decided).days,
        )
        for patient, unit, kva, decided in rows
    ]
