"""The figures the queue arithmetic and the what-if start from, observed for one waiting list.

A waiting list here is a set of units, one phase (first visit, operation, …)
and optionally one medical care area: weekly inflow from accepted referrals,
weekly outflow from performed contacts, the queue and its mean wait from the
latest snapshot, and the approved production plan's weekly volumes ahead.
The weeks observed are those before the snapshot's week that both extracts
(referrals and contacts) had covered to their end. Inflow and outflow are
read through ``facts.selectors.flow``, the one rule for them: a week an
extract has not delivered is unknown (None), not a week of no inflow or
outflow, and the means and their variation are taken over the known weeks
only (``inflow_weeks_known``, ``outflow_weeks_known``); with no known week
the mean is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q, Sum
from django.utils import timezone

from facts.kinds import Kind
from facts.selectors.coverage import data_until, last_complete_week
from facts.selectors.flow import contact_weeks_known, inflow_outflow
from organisation import access
from organisation.calendar import IsoWeek
from organisation.models import ContactActivityRule, Unit
from planning.selectors import plan_weekly_volumes

from .. import queue
from .common import DaysBetween, care_area_q, snapshot_dates, visible_entries

DEFAULT_HISTORY_WEEKS = 26


@dataclass
class ObservedQueue:
    """One waiting list as the data show it: inflow, outflow, queue, mean wait, and the plan ahead."""

    unit_ids: list[int]
    phase: int
    snapshot: date | None
    # The snapshot's week: history ends before it (the week before, when the extracts cover
    # it), projections start the week after.
    now: IsoWeek
    weeks: list[IsoWeek]
    # Per week; None where the extract has not delivered the week.
    inflow: list[int | None]
    outflow: list[int | None]
    queue_size: int
    mean_wait_weeks: float | None
    # Planned weekly volume per week key from the snapshot's week on; empty without an approved plan.
    plan: dict[int, float] = field(default_factory=dict)

    @property
    def inflow_weeks_known(self) -> int:
        return len(_known(self.inflow))

    @property
    def outflow_weeks_known(self) -> int:
        return len(_known(self.outflow))

    @property
    def demand(self) -> float | None:
        """Mean weekly inflow over the known weeks; None when no week is known."""
        return _mean(_known(self.inflow))

    @property
    def capacity(self) -> float | None:
        """Mean weekly outflow over the known weeks; None when no week is known."""
        return _mean(_known(self.outflow))

    @property
    def cv_demand(self) -> float:
        return _cv_or_random(_known(self.inflow))

    @property
    def cv_capacity(self) -> float:
        return _cv_or_random(_known(self.outflow))

    def plan_pace(self, weeks: list[IsoWeek]) -> float | None:
        """Mean planned volume per week over the given weeks, or None when no plan covers any of them."""
        volumes = [self.plan[w.key] for w in weeks if w.key in self.plan]
        return sum(volumes) / len(volumes) if volumes else None


def _known(counts: list[int | None]) -> list[int]:
    return [n for n in counts if n is not None]


def _mean(counts: list[int]) -> float | None:
    return sum(counts) / len(counts) if counts else None


def _cv_or_random(counts: list[int]) -> float:
    # With nothing to estimate from, assume random (Poisson) flow: cv 1.
    cv = queue.dispersion_cv(counts)
    return 1.0 if cv is None else cv


def phase_activities(phase: int) -> set[int]:
    """The activities only contacts of this phase count as, so a plan's volume of them is this list's pace.

    Activities shared with other phases (a nurse visit may be a first or a
    return visit) would overstate the pace and are left out.
    """
    by_activity: dict[int, set[int]] = {}
    for rule_phase, activity_id in ContactActivityRule.objects.values_list("phase", "activity_id"):
        by_activity.setdefault(activity_id, set()).add(rule_phase)
    return {activity for activity, phases in by_activity.items() if phases == {phase}}


def scope_units(
    *, user: User | AnonymousUser, clinic_id: int | None, unit_id: int | None
) -> list[int]:
    """The visible unit ids of a clinic, or one unit; empty when the user may not see them."""
    units = access.visible_units(user)
    if unit_id:
        units = units.filter(id=unit_id)
    elif clinic_id:
        units = units.filter(clinic_id=clinic_id)
    return list(units.values_list("id", flat=True))


def queue_observed(
    *,
    user: User | AnonymousUser,
    unit_ids: list[int],
    phase: int,
    care_area_id: int | None = None,
    history_weeks: int = DEFAULT_HISTORY_WEEKS,
    plan_weeks: int = 52,
) -> ObservedQueue:
    """Observed inflow and outflow over the complete weeks before the latest snapshot, and the queue in it."""
    unit_ids = list(
        access.restrict(
            Unit.objects.filter(id__in=unit_ids), user, clinic_path="clinic"
        ).values_list("id", flat=True)
    )
    dates = snapshot_dates()
    snapshot = dates[-1] if dates else None
    now = IsoWeek.of(snapshot or timezone.localdate())
    last_week = now - 1
    until = {kind: data_until(kind=kind) for kind in (Kind.REMISSER, Kind.KONTAKTER)}
    for cut_off in until.values():
        if cut_off is not None:
            last_week = min(last_week, last_complete_week(cut_off))
    weeks = [last_week - n for n in range(history_weeks - 1, -1, -1)]

    entries = visible_entries(user=user).filter(
        unit_id__in=unit_ids, phase=phase, snapshot_date=snapshot
    )
    if care_area_id:
        entries = entries.filter(care_area_q(care_area_id))
    flow = inflow_outflow(
        unit_ids=unit_ids,
        weeks=weeks,
        phases=(phase,),
        referrals_until=until[Kind.REMISSER],
        contacts_known=contact_weeks_known(
            unit_ids=unit_ids, first=weeks[0], last=weeks[-1], until=until[Kind.KONTAKTER]
        ),
        referrals_filter=care_area_q(care_area_id) if care_area_id else None,
        contacts_filter=care_area_q(care_area_id, field="kva_codes") if care_area_id else None,
    )
    inflow = [row["inflow"] for row in flow]
    outflow = [row["outflow"] for row in flow]
    totals = entries.aggregate(
        queue_size=Count("id"),
        # Mean wait under the guarantee rule: patient-chosen and medically caused waits left out.
        counted=Count("id", filter=~Q(deviation__in=["PVV", "MOV"])),
        wait=Sum(
            DaysBetween("snapshot_date", "decision_date"), filter=~Q(deviation__in=["PVV", "MOV"])
        ),
    )
    mean_wait = (
        totals["wait"] / 7 / totals["counted"]
        if totals["wait"] is not None and totals["counted"]
        else None
    )
    return ObservedQueue(
        unit_ids=unit_ids,
        phase=phase,
        snapshot=snapshot,
        now=now,
        weeks=weeks,
        inflow=inflow,
        outflow=outflow,
        queue_size=totals["queue_size"],
        mean_wait_weeks=mean_wait,
        plan=plan_ahead(unit_ids=unit_ids, phase=phase, first=now, weeks=plan_weeks + 1),
    )


def plan_ahead(*, unit_ids: list[int], phase: int, first: IsoWeek, weeks: int) -> dict[int, float]:
    """The approved plans' volume per week key of the phase's activities, for the weeks from ``first``."""
    activities = phase_activities(phase)
    span = [first + n for n in range(weeks)]
    wanted = {w.key for w in span}
    totals: dict[int, Decimal] = {}
    for year in sorted({w.year for w in span}):
        for (_unit, activity, week), volume in plan_weekly_volumes(
            unit_ids=unit_ids, year=year
        ).items():
            if activity in activities and week in wanted:
                totals[week] = totals.get(week, Decimal(0)) + volume
    return {week: float(volume) for week, volume in totals.items()}


@dataclass
class Pace:
    """The weekly pace a waiting list needs, beside the approved plan's pace."""

    observed: ObservedQueue
    model: queue.QueueModel
    target_wait_weeks: float
    factor: float
    weeks_to_target: int
    # Mean planned volume per week over the weeks to target; None without an approved plan.
    plan_pace: float | None
    plan_weeks_covered: int


def waitlist_pace(
    *,
    user: User | AnonymousUser,
    unit_ids: list[int],
    phase: int,
    care_area_id: int | None = None,
    history_weeks: int = DEFAULT_HISTORY_WEEKS,
    target_wait_days: float = queue.GUARANTEE_DAYS,
    factor: float = queue.DEFAULT_FACTOR,
    weeks_to_target: int = int(queue.DEFAULT_WEEKS_TO_TARGET),
) -> Pace:
    """Queue arithmetic on observed figures: what pace brings the list to the guarantee, and the plan's."""
    observed = queue_observed(
        user=user,
        unit_ids=unit_ids,
        phase=phase,
        care_area_id=care_area_id,
        history_weeks=history_weeks,
        plan_weeks=weeks_to_target,
    )
    target_wait = target_wait_days / 7
    # With no week of inflow known the arithmetic has nothing to add to the queue; the page and
    # the API show the inflow itself as unknown.
    model = queue.queue_model(
        demand=observed.demand or 0.0,
        capacity=observed.capacity,
        queue_size=observed.queue_size,
        target_wait=target_wait,
        factor=factor,
        cv_demand=observed.cv_demand,
        cv_capacity=observed.cv_capacity,
        weeks_to_target=weeks_to_target,
        mean_wait=observed.mean_wait_weeks,
    )
    ahead = [observed.now + n for n in range(1, weeks_to_target + 1)]
    return Pace(
        observed=observed,
        model=model,
        target_wait_weeks=target_wait,
        factor=factor,
        weeks_to_target=weeks_to_target,
        plan_pace=observed.plan_pace(ahead),
        plan_weeks_covered=sum(1 for w in ahead if w.key in observed.plan),
    )
