"""Strategic trends: outcome against plan over the years, and the waiting lists month by month."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from facts.choices import OutcomeSource
from facts.selectors import rows as facts_rows
from facts.selectors.coverage import UNKNOWN, outcome_weeks_known
from facts.selectors.sql import as_decimal
from organisation.calendar import IsoWeek, weeks_in_year
from organisation.models import Clinic

from .outcome import ZERO, planned_share
from .plans import approved_volumes, union_all
from .waiting import SUMMARY_MEASURES, monthly_days, summary_by_group

YEARS = 5


def outcome_trend_by_year(
    *,
    clinic_ids,
    year: int,
    today: date,
    source: str = OutcomeSource.COSMIC,
    years: int = YEARS,
    activity_ids=None,
    data_until=UNKNOWN,
) -> dict:
    """Per area and year: outcome and plan over the same weeks of each year, so years compare.

    The weeks are 1 up to the last week of ``year`` whose outcome is known and
    that has ended by ``today``; a week 53 counts only in the years that have
    one. Unknown weeks count on neither side, for Diver each clinic's own
    (``delivered_per_unit``). Years before the first with any
    known week are left out. Five queries (four with ``data_until``): where
    the clinics' units sit, the import cut-off, the known weeks, then outcome
    and plan summed per unit, activity and year over only the weeks that compare, so
    five years of a region come back as a few thousand sums, not per area and week.
    """
    first, last = IsoWeek(year - years + 1, 1), IsoWeek(year, weeks_in_year(year))
    clinic_ids = list(clinic_ids)
    # A clinic without units still names its area (the outer join gives it a unit of None).
    placed = list(
        Clinic.objects.filter(id__in=clinic_ids)
        .values_list("area_id", "area__name", "area__region_id", "units__id", "id")
        .order_by()
    )
    areas = {area: name for area, name, _region, _unit, _clinic in placed}
    area_of = {unit: area for area, _name, _region, unit, _clinic in placed if unit is not None}
    clinic_of = {unit: clinic for _area, _name, _region, unit, clinic in placed if unit is not None}
    by_clinic = outcome_weeks_known(
        region_of={clinic: region for _area, _name, region, _unit, clinic in placed},
        source=source,
        first=first,
        last=last,
        data_until=data_until,
    )
    known: set[int] = set().union(*by_clinic.values())
    until = max(
        (key % 100 for key in known if key // 100 == year and IsoWeek.from_key(key).sunday < today),
        default=0,
    )
    years_with_data = sorted({key // 100 for key in known if key % 100 <= until})
    start = max(year - years + 1, years_with_data[0]) if years_with_data else year
    done = {
        y: [
            key
            for key in (y * 100 + w for w in range(1, min(until, weeks_in_year(y)) + 1))
            if key in known
        ]
        for y in range(start, year + 1)
    }
    # Per (area, year) the plan and outcome of each clinic's activity, for the share of planned production.
    pairs: dict[tuple[int, int], dict[tuple[int, int], list[Decimal]]] = defaultdict(
        lambda: defaultdict(lambda: [ZERO, ZERO])
    )
    if until and area_of:
        # Each year's weeks 1..until, without the unknown ones (rarely more than a week or two).
        spans = {y: (y * 100 + 1, y * 100 + min(until, weeks_in_year(y))) for y in done}
        compared = [k for y, (a, b) in spans.items() for k in range(a, b + 1)]
        weeks = [k for k in compared if k in known]
        left_out = Q(week__in=[k for k in compared if k not in known])
        # A week known elsewhere but not for a clinic (Diver's, delivered per unit) counts on
        # neither side for that clinic.
        for clinic, own in by_clinic.items():
            gaps = [k for k in weeks if k not in own]
            units = [unit for unit, of in clinic_of.items() if of == clinic]
            if gaps and units:
                # A clinic the source never delivered for is left out whole, not week by week.
                left_out |= (
                    Q(unit_id__in=units, week__in=gaps)
                    if len(gaps) < len(weeks)
                    else Q(unit_id__in=units)
                )
        outcomes = facts_rows.weekly_outcomes().filter(
            unit_id__in=list(area_of), source=source, week__gte=spans[start][0], week__lte=last.key
        )
        plans = approved_volumes(
            first=IsoWeek(start, 1),
            last=last,
            unit_ids=list(area_of),
            activity_ids=activity_ids,
            per_activity=True,
        )
        if activity_ids is not None:
            outcomes = outcomes.filter(activity_id__in=list(activity_ids))
        for side, sources, field in ((0, plans, "volume"), (1, [outcomes], "count")):
            for (unit, activity, y), value in _per_unit_and_year(
                sources, field, spans, left_out
            ).items():
                pairs[area_of[unit], y][clinic_of[unit], activity][side] += value
    series = []
    for area, name in sorted(areas.items(), key=lambda item: item[1]):
        points = []
        for y in range(start, year + 1):
            figures = planned_share(pairs[area, y].values())
            points.append(
                {
                    "year": y,
                    **{k: v if done[y] else None for k, v in figures.items()},
                    "weeks_known": len(done[y]),
                }
            )
        series.append({"area_id": area, "area": name, "years": points})
    return {"until_week": until, "areas": series}


def _per_unit_and_year(sources, field: str, spans: dict[int, tuple[int, int]], left_out: Q) -> dict:
    """``field`` summed per (unit, activity, year) over each year's span of week keys, the unit-weeks
    ``left_out`` (unknown) left out: one statement with a filtered sum per year, which PostgreSQL hashes by unit and activity (a few
    thousand groups)."""
    sums = {f"y{y}": Sum(field, filter=Q(week__gte=a, week__lte=b)) for y, (a, b) in spans.items()}
    groups = [
        rows.exclude(left_out).values("unit_id", "activity_id").annotate(**sums).order_by()
        for rows in sources
    ]
    totals: dict[tuple[int, int, int], Decimal] = defaultdict(Decimal)
    for row in union_all(groups):
        for y in spans:
            totals[row["unit_id"], row["activity_id"], y] += as_decimal(row[f"y{y}"]) or ZERO
    return totals


def waiting_by_area(*, clinic_ids, as_of: date, months: int = 12) -> dict:
    """Per area: the waiting list at the last snapshot of each month up to ``as_of``.

    Read from the waiting-list summary as it is (``waitlists.selectors.summary_rows`` says
    who keeps it up to date): a snapshot not yet counted is not among the month ends. Three
    queries.
    """
    clinic_ids = list(clinic_ids)
    areas = dict(
        Clinic.objects.filter(id__in=clinic_ids)
        .values_list("area_id", "area__name")
        .distinct()
        .order_by()
    )
    days = monthly_days(as_of, months)
    figures = summary_by_group(clinic_ids=clinic_ids, days=days, group="unit__clinic__area_id")
    zero = dict.fromkeys(SUMMARY_MEASURES, 0)
    series = [
        {
            "area_id": area,
            "area": name,
            "points": [{"snapshot_date": d, **figures.get((d, area), zero)} for d in days],
        }
        for area, name in sorted(areas.items(), key=lambda item: item[1])
    ]
    totals: dict[date, dict] = defaultdict(lambda: dict(zero))
    for (day, _area), values in figures.items():
        for m in SUMMARY_MEASURES:
            totals[day][m] += values[m]
    return {
        "days": days,
        "areas": series,
        "total": [{"snapshot_date": d, **totals[d]} for d in days],
    }
