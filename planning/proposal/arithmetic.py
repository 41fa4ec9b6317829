"""The proposal's arithmetic on plain numbers: no database, so it can be checked by hand.

Three steps, each shown to the user:
1. Calendar: last year's outcome of a week, per working day, times the
   working days of the same ISO week number in the new year. Easter and other
   holidays that move between weeks move the volume with them; week 53 of a
   53-week year takes the per-day pace of the old year's week 52.
2. Inflow: referrals of the latest 52 weeks against the 52 before give the
   trend; the latest year's inflow times the trend is next year's demand.
   Care decided at earlier visits (return visits, and operations or
   examinations where no referrals are counted for them) has no referral
   inflow: its demand is last year's volume per new visit times the new
   visits planned, and those in its queue past their medical target date are
   a backlog to take off.
3. Queue goal: hold the queue (produce the demand) or bring it to a target
   size in N weeks, producing the relief capacity d + (q − target) / N per
   week meanwhile (DOMAIN.md); the required volume is spread over the weeks
   in proportion to the calendar-adjusted baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from organisation.calendar import IsoWeek, is_summer_week, weeks_in_year, working_days
from waitlists.queue import relief_capacity

WEEKS_PER_YEAR = 52


@dataclass(frozen=True, slots=True)
class Goal:
    """The waiting-list goal the user chose: hold today's queue, or reach a share of it in N weeks."""

    HOLD = "hold"
    TARGET = "target"

    kind: str = HOLD
    target_share: float = 1.0
    weeks: int = 26


def per_day_rates(outcome: dict[IsoWeek, float]) -> tuple[dict[int, float], float]:
    """Outcome per working day by ISO week number, and the mean rate of ordinary weeks.

    ``outcome`` maps each source week (from the base year, or borrowed from the
    year before) to its volume. The mean rate over non-summer weeks stands in
    for a week with no working days to divide by.
    """
    rates: dict[int, float] = {}
    total, days = 0.0, 0
    for week, volume in outcome.items():
        d = working_days(week)
        if d > 0:
            rates[week.week] = volume / d
            if not is_summer_week(week):
                total += volume
                days += d
    mean = total / days if days else 0.0
    for week, volume in outcome.items():
        if working_days(week) == 0:
            rates[week.week] = mean if volume else 0.0
    return rates, mean


def calendar_adjusted(outcome: dict[IsoWeek, float], *, year: int) -> dict[int, float]:
    """The new year's weekly volume (by week key) from last year's per-day pace and this year's calendar."""
    rates, _mean = per_day_rates(outcome)
    result = {}
    for number in range(1, weeks_in_year(year) + 1):
        week = IsoWeek(year, number)
        # Week 53 has no twin in a 52-week year: it takes the pace of the last week before it.
        source = number if number in rates else min(number, 52)
        result[week.key] = rates.get(source, 0.0) * working_days(week)
    return result


@dataclass(frozen=True, slots=True)
class Demand:
    """The inflow and queue figures of one phase in one unit, and what the goal requires of them."""

    inflow_recent: int
    inflow_previous: int
    trend: float
    weekly_demand: float
    queue: int
    target: float
    weeks_to_target: int
    pace: float
    required: float
    # "referrals" (inflow of referrals) or "decided" (decided at earlier visits, see decided_demand).
    basis: str = "referrals"
    per_new_visit: float | None = None
    new_visits_planned: float = 0.0
    overdue: int = 0
    # The activities' share of the phase's contacts last year; demand, pace and required are theirs.
    share: float = 1.0


def inflow_trend(*, recent: int, previous: int) -> float:
    """Referrals of the latest 52 weeks over the 52 before; 1 when there is nothing to compare with."""
    return recent / previous if previous > 0 else 1.0


def demand_for(
    *, recent: int, previous: int, queue: int, goal: Goal, weeks: int, share: float = 1.0
) -> Demand:
    """Weekly demand, target queue, weekly pace and the year's required volume for one phase.

    A phase's referrals and queue are met by several activities (a first
    visit can be a doctor's, a nurse's or a midwife's); the activities planned
    here take ``share`` of them, their share of the phase's contacts last year.
    """
    trend = inflow_trend(recent=recent, previous=previous)
    demand = recent / WEEKS_PER_YEAR * trend * share
    if goal.kind == Goal.TARGET:
        target = queue * goal.target_share
        n = max(1, goal.weeks)
    else:
        target, n = float(queue), weeks
    pace, required = _required(
        demand=demand, queue=queue, target=target, n=n, weeks=weeks, share=share
    )
    return Demand(
        inflow_recent=recent,
        inflow_previous=previous,
        trend=trend,
        weekly_demand=demand,
        queue=queue,
        target=target,
        weeks_to_target=n,
        pace=pace,
        required=required,
        share=share,
    )


def _required(
    *, demand: float, queue: int, target: float, n: int, weeks: int, share: float
) -> tuple[float, float]:
    """The relief pace for N weeks (or the whole year if N is longer), then the demand pace.

    The queue is the whole phase's; the activities take their ``share`` of it off.
    """
    pace = relief_capacity(
        demand=demand, queue_size=queue * share, target_queue_size=target * share, weeks_to_target=n
    )
    first = min(n, weeks)
    return pace, max(pace * first + demand * (weeks - first), 0.0)


def decided_demand(
    *,
    outcome: float,
    new_visits_outcome: float,
    new_visits_planned: float,
    queue: int,
    overdue: int,
    goal: Goal,
    weeks: int,
    trend: float = 1.0,
    share: float = 1.0,
) -> Demand:
    """Demand for care decided at earlier visits (return visits first of all), for one phase.

    Nobody refers a patient to a return visit: the doctor decides it at a
    visit. So the weekly demand is last year's volume of the phase per new
    visit, times the new visits planned for the new year; a unit without new
    visits keeps last year's volume times the unit's referral trend.
    ``outcome`` and ``new_visits_outcome`` are calendar-adjusted to the new
    year. Those waiting past their medical target date are a backlog: holding
    the queue means taking them off over the year, a target goal reaches the
    smaller of its target and the queue without them in its N weeks. The
    activities take ``share`` of the phase's queue (see ``demand_for``).
    """
    if new_visits_outcome > 0:
        per_new_visit: float | None = outcome / new_visits_outcome
        demand = per_new_visit * new_visits_planned / weeks
    else:
        per_new_visit = None
        demand = outcome / weeks * trend
    in_time = float(queue - overdue)
    if goal.kind == Goal.TARGET:
        target, n = min(queue * goal.target_share, in_time), max(1, goal.weeks)
    else:
        target, n = in_time, weeks
    pace, required = _required(
        demand=demand, queue=queue, target=target, n=n, weeks=weeks, share=share
    )
    return Demand(
        inflow_recent=0,
        inflow_previous=0,
        trend=trend if per_new_visit is None else 1.0,
        weekly_demand=demand,
        queue=queue,
        target=target,
        weeks_to_target=n,
        pace=pace,
        required=required,
        basis="decided",
        per_new_visit=per_new_visit,
        new_visits_planned=new_visits_planned,
        overdue=overdue,
        share=share,
    )


def spread_by_segments(
    baseline: dict[int, dict[int, float]],
    *,
    week_keys: Sequence[int],
    first_weeks: int,
    pace: float,
    demand: float,
) -> tuple[dict[int, dict[int, float]], float | None, float | None]:
    """Scale a phase's activities so weeks 1..N produce ``pace`` a week and the rest ``demand``.

    ``baseline`` is volume by activity and week key. Within each segment the
    volume keeps the baseline's shape (holidays, summer). Returns the scaled
    volumes and the two factors (None where the baseline had nothing to scale).
    """
    first = set(week_keys[:first_weeks])
    rest = set(week_keys[first_weeks:])
    base_first = sum(v for row in baseline.values() for w, v in row.items() if w in first)
    base_rest = sum(v for row in baseline.values() for w, v in row.items() if w in rest)
    # A target above today's queue can ask for less than nothing; a plan cannot go below zero.
    k_first = max(0.0, pace * len(first) / base_first) if base_first > 0 else None
    k_rest = max(0.0, demand * len(rest) / base_rest) if base_rest > 0 else None
    scaled = {
        activity: {w: v * ((k_first if w in first else k_rest) or 0.0) for w, v in row.items()}
        for activity, row in baseline.items()
    }
    return scaled, k_first, k_rest


def round_preserving_total(values: dict[int, float]) -> dict[int, Decimal]:
    """Whole numbers per week whose sum is the rounded total (largest remainder first)."""
    floors = {k: int(v) for k, v in values.items()}
    missing = round(sum(values.values())) - sum(floors.values())
    by_remainder = sorted(values, key=lambda k: (values[k] - floors[k], -k), reverse=True)
    for k in by_remainder[: max(0, missing)]:
        floors[k] += 1
    return {k: Decimal(v) for k, v in floors.items()}
