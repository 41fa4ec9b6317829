"""What the proposal is computed from, read in a fixed number of queries for all a clinic's units."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q

from organisation.calendar import IsoWeek, weeks_in_year
from organisation.models import ContactActivityRule
from waitlists.models import Referral, ReferralStatus, WaitingEntry

from .. import selectors

INFLOW_WINDOW = 52


@dataclass
class UnitInputs:
    """One unit's outcome by activity and source week, inflow by phase, and queue by phase."""

    outcome: dict[int, dict[IsoWeek, float]] = field(default_factory=dict)
    borrowed_weeks: list[int] = field(default_factory=list)
    inflow_recent: dict[int, int] = field(default_factory=dict)
    inflow_previous: dict[int, int] = field(default_factory=dict)
    queue: dict[int, int] = field(default_factory=dict)
    queue_date: str = ""


def activity_phases() -> dict[int, int]:
    """Activity id → the one phase (fas) that counts as it, for activities tied to a single phase."""
    phases: dict[int, set[int]] = defaultdict(set)
    for activity_id, phase in ContactActivityRule.objects.values_list("activity_id", "phase"):
        phases[activity_id].add(phase)
    return {a: next(iter(p)) for a, p in phases.items() if len(p) == 1}


def _outcome(unit_ids: Sequence[int], base_year: int) -> dict[int, UnitInputs]:
    """Last year's outcome per week; weeks not yet imported are taken from the year before.

    A plan is made in the autumn, when the base year's last weeks have not
    happened: the weeks after the clinic's last week with outcome are
    borrowed from the same week numbers one year earlier.
    """
    previous = base_year - 1
    raw = selectors.weekly_outcome(unit_ids=unit_ids, first_week=previous * 100 + 1, last_week=base_year * 100 + 53)
    inputs = {u: UnitInputs() for u in unit_ids}
    # The extracts cover all units at once, so the clinic's last week with outcome marks what exists.
    covered = max((week % 100 for (_u, _a, week) in raw if week // 100 == base_year), default=0)
    activities: dict[int, set[int]] = defaultdict(set)
    for unit_id, activity_id, _week in raw:
        activities[unit_id].add(activity_id)
    borrowed = list(range(covered + 1, weeks_in_year(base_year) + 1))
    for unit_id in unit_ids:
        unit = inputs[unit_id]
        unit.borrowed_weeks = borrowed
        for activity_id in activities[unit_id]:
            row: dict[IsoWeek, float] = {}
            for number in range(1, weeks_in_year(base_year) + 1):
                if number <= covered:
                    source = IsoWeek(base_year, number)
                else:
                    source = IsoWeek(previous, min(number, weeks_in_year(previous)))
                row[source] = float(raw.get((unit_id, activity_id, source.key), 0))
            unit.outcome[activity_id] = row
    return inputs


def _inflow(inputs: dict[int, UnitInputs], year: int) -> IsoWeek | None:
    """Accepted referrals per phase in the latest 52 weeks before the plan year, and the 52 before."""
    unit_ids = list(inputs)
    received = Referral.objects.filter(unit_id__in=unit_ids, status=ReferralStatus.RECEIVED, week__lt=year * 100)
    latest = received.aggregate(w=Max("week"))["w"]
    if latest is None:
        return None
    end = IsoWeek.from_key(latest)
    split = end - (INFLOW_WINDOW - 1)
    start = end - (2 * INFLOW_WINDOW - 1)
    rows = (
        received.filter(week__gte=start.key, week__lte=end.key)
        .values("unit_id", "phase", "week")
        .annotate(n=Count("id"))
    )
    for row in rows:
        unit = inputs[row["unit_id"]]
        bucket = unit.inflow_recent if row["week"] >= split.key else unit.inflow_previous
        bucket[row["phase"]] = bucket.get(row["phase"], 0) + row["n"]
    return end


def _queues(inputs: dict[int, UnitInputs]) -> None:
    """Everyone waiting per phase in each unit's latest waiting-list snapshot."""
    latest = dict(
        WaitingEntry.objects.filter(unit_id__in=list(inputs))
        .values("unit_id")
        .annotate(d=Max("snapshot_date"))
        .values_list("unit_id", "d")
    )
    if not latest:
        return
    condition = Q()
    for unit_id, day in latest.items():
        condition |= Q(unit_id=unit_id, snapshot_date=day)
        inputs[unit_id].queue_date = day.isoformat()
    rows = WaitingEntry.objects.filter(condition).values("unit_id", "phase").annotate(n=Count("id"))
    for row in rows:
        inputs[row["unit_id"]].queue[row["phase"]] = row["n"]


def proposal_inputs(*, unit_ids: Sequence[int], year: int) -> tuple[dict[int, UnitInputs], IsoWeek | None]:
    """Outcome, inflow and queue for each unit; and the last week of inflow counted."""
    inputs = _outcome(unit_ids, year - 1)
    inflow_end = _inflow(inputs, year)
    _queues(inputs)
    return inputs, inflow_end
