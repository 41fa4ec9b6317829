"""What the proposal is computed from, read in a fixed number of queries for all a clinic's units."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Max, Q

from facts.choices import ReferralStatus
from facts.kinds import Kind
from facts.selectors import rows as facts_rows
from facts.selectors.coverage import data_until, outcome_data_until
from facts.selectors.outcome import weekly_outcome_counted
from organisation.calendar import IsoWeek, is_summer_week, weeks_in_year, working_days
from organisation.models import ContactActivityRule

INFLOW_WINDOW = 52
# An unknown week with no twin a year earlier takes the pace of this many known weeks nearest it.
FILL_WEEKS = 8


@dataclass
class UnitInputs:
    """One unit's outcome by activity and source week, inflow by phase, and queue by phase."""

    outcome: dict[int, dict[IsoWeek, float]] = field(default_factory=dict)
    outcome_until: int = 0
    borrowed_weeks: list[int] = field(default_factory=list)
    filled_weeks: list[int] = field(default_factory=list)
    inflow_recent: dict[int, int] = field(default_factory=dict)
    inflow_previous: dict[int, int] = field(default_factory=dict)
    queue: dict[int, int] = field(default_factory=dict)
    # Of the queue per phase: those already past their medical target date on the snapshot day.
    overdue: dict[int, int] = field(default_factory=dict)
    queue_date: str = ""
    # Last year's contacts per phase and activity: which activities met a phase's demand.
    phase_contacts: dict[int, dict[int, int]] = field(default_factory=dict)


def activity_phases() -> dict[int, int]:
    """Activity id → the one phase (fas) that counts as it, for activities tied to a single phase."""
    phases: dict[int, set[int]] = defaultdict(set)
    for activity_id, phase in ContactActivityRule.objects.values_list("activity_id", "phase"):
        phases[activity_id].add(phase)
    return {a: next(iter(p)) for a, p in phases.items() if len(p) == 1}


def last_complete_week(until: date | None) -> IsoWeek | None:
    """The last week that had ended (its Sunday passed) by the extract date; None without one."""
    if until is None:
        return None
    week = IsoWeek.of(until)
    return week if week.sunday <= until else week - 1


def _covered(unit_ids: Sequence[int], base_year: int) -> int:
    """The base year's last week number whose outcome is complete, over the outcome sources.

    Per source: its last week with rows, but never past the last week that had
    ended by its latest extract, so a week still under way is not taken for a
    whole one. Without an import log (facts loaded directly) the rows decide.
    """
    rows = (
        facts_rows.weekly_outcomes()
        .filter(
            unit_id__in=list(unit_ids),
            week__gte=base_year * 100 + 1,
            week__lte=base_year * 100 + 53,
        )
        .values("source")
        .annotate(last=Max("week"))
        .order_by()
    )
    covered = 0
    for row in rows:
        last = row["last"]
        cut = last_complete_week(outcome_data_until(source=row["source"]))
        if cut is not None:
            last = min(last, cut.key)
        if last // 100 == base_year:
            covered = max(covered, last % 100)
    return covered


def _recent_pace(row: dict[IsoWeek, float], around: IsoWeek) -> float:
    """Outcome per working day over the (up to) FILL_WEEKS known ordinary weeks nearest ``around``."""
    ordinary = [w for w in row if working_days(w) > 0 and not is_summer_week(w)]
    nearest = sorted(ordinary, key=lambda w: (abs(w - around), w))[:FILL_WEEKS]
    days = sum(working_days(w) for w in nearest)
    return sum(row[w] for w in nearest) / days if days else 0.0


def _outcome(unit_ids: Sequence[int], base_year: int) -> dict[int, UnitInputs]:
    """Last year's outcome per week, with the weeks not known filled in, never taken as 0.

    A plan is made in the autumn, when the base year's last weeks have not
    happened, and a delivery can be missing: a week with no outcome in any of
    the clinic's units, or not yet complete by the extract date, is unknown.
    It is borrowed from the same week number one year earlier when that week
    is known, else filled with the per-working-day pace of the nearest known
    weeks of the base year.
    """
    previous = base_year - 1
    covered = _covered(unit_ids, base_year)
    raw = weekly_outcome_counted(
        unit_ids=unit_ids, first_week=previous * 100 + 1, last_week=base_year * 100 + covered
    )
    inputs = {u: UnitInputs() for u in unit_ids}
    # The extracts cover all units at once, so a week with rows in any of the clinic's units exists.
    present = {week for (_u, _a, week) in raw}
    activities: dict[int, set[int]] = defaultdict(set)
    for unit_id, activity_id, _week in raw:
        activities[unit_id].add(activity_id)
    numbers = range(1, weeks_in_year(base_year) + 1)
    unknown = [n for n in numbers if base_year * 100 + n not in present]
    borrowed = [
        n for n in unknown if IsoWeek(previous, min(n, weeks_in_year(previous))).key in present
    ]
    filled = [n for n in unknown if n not in borrowed]
    for unit_id in unit_ids:
        unit = inputs[unit_id]
        unit.outcome_until, unit.borrowed_weeks, unit.filled_weeks = covered, borrowed, filled
        for activity_id in activities[unit_id]:
            row: dict[IsoWeek, float] = {}
            for number in numbers:
                if number in borrowed:
                    source = IsoWeek(previous, min(number, weeks_in_year(previous)))
                    row[source] = float(raw.get((unit_id, activity_id, source.key), 0))
                elif number not in filled:
                    source = IsoWeek(base_year, number)
                    row[source] = float(raw.get((unit_id, activity_id, source.key), 0))
            if not any(row.values()):
                continue  # produced only in weeks the base year does not use
            known = {w: v for w, v in row.items() if w.year == base_year} or row
            for number in filled:
                week = IsoWeek(base_year, number)
                row[week] = _recent_pace(known, week) * working_days(week)
            unit.outcome[activity_id] = dict(sorted(row.items(), key=lambda item: item[0].week))
    return inputs


def _inflow(inputs: dict[int, UnitInputs], year: int) -> IsoWeek | None:
    """Accepted referrals per phase in the latest 52 weeks before the plan year, and the 52 before."""
    unit_ids = list(inputs)
    received = facts_rows.referrals().filter(
        unit_id__in=unit_ids, status=ReferralStatus.RECEIVED, week__lt=year * 100
    )
    # A week of referrals still under way at the extract date would count as a short week.
    cut = last_complete_week(data_until(kind=Kind.REMISSER))
    if cut is not None:
        received = received.filter(week__lte=cut.key)
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
        facts_rows.waiting_entries()
        .filter(unit_id__in=list(inputs))
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
    rows = (
        facts_rows.waiting_entries()
        .filter(condition)
        .values("unit_id", "phase")
        .annotate(n=Count("id"), overdue=Count("id", filter=Q(target_date__lt=F("snapshot_date"))))
        .order_by()
    )
    for row in rows:
        inputs[row["unit_id"]].queue[row["phase"]] = row["n"]
        inputs[row["unit_id"]].overdue[row["phase"]] = row["overdue"]


def _phase_contacts(inputs: dict[int, UnitInputs], base_year: int) -> None:
    """Each unit's contacts in the base year per phase and activity (EHR contacts carry the phase)."""
    rows = (
        facts_rows.contacts()
        .filter(
            unit_id__in=list(inputs), week__gte=base_year * 100 + 1, week__lte=base_year * 100 + 53
        )
        .values("unit_id", "phase", "activity_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        inputs[row["unit_id"]].phase_contacts.setdefault(row["phase"], {})[row["activity_id"]] = (
            row["n"]
        )


def proposal_inputs(
    *, unit_ids: Sequence[int], year: int
) -> tuple[dict[int, UnitInputs], IsoWeek | None]:
    """Outcome, inflow and queue for each unit; and the last week of inflow counted."""
    inputs = _outcome(unit_ids, year - 1)
    inflow_end = _inflow(inputs, year)
    _queues(inputs)
    _phase_contacts(inputs, year - 1)
    return inputs, inflow_end
