"""Strategic trends: outcome against plan over the years, and the waiting lists month by month."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Sum

from followup.models import OutcomeSource, WeeklyOutcome
from organisation.calendar import IsoWeek, weeks_in_year
from organisation.models import Clinic

from .coverage import UNKNOWN, outcome_weeks_known
from .outcome import ZERO, share
from .plans import approved_plan_totals
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
    one. Unknown weeks count on neither side. Years before the first with any
    known week are left out. Four queries (three with ``data_until``).
    """
    first, last = IsoWeek(year - years + 1, 1), IsoWeek(year, weeks_in_year(year))
    clinic_ids = list(clinic_ids)
    placed = list(
        Clinic.objects.filter(id__in=clinic_ids)
        .values_list("area_id", "area__name", "area__region_id")
        .distinct()
        .order_by()
    )
    areas = {area: name for area, name, _region in placed}
    regions = {region for _area, _name, region in placed}
    outcomes = WeeklyOutcome.objects.filter(
        unit__clinic_id__in=clinic_ids, source=source, week__gte=first.key, week__lte=last.key
    )
    if activity_ids is not None:
        outcomes = outcomes.filter(activity_id__in=list(activity_ids))
    outcome = {
        (area, week): total
        for area, week, total in outcomes.values_list("unit__clinic__area_id", "week")
        .annotate(total=Sum("count"))
        .order_by()
    }
    plan = {
        (row["unit__clinic__area_id"], row["week"]): row["plan"]
        for row in approved_plan_totals(
            clinic_ids=clinic_ids,
            first=first,
            last=last,
            by=("unit__clinic__area_id", "week"),
            activity_ids=activity_ids,
        )
    }
    known: set[int] = set()
    if regions:
        by_region = outcome_weeks_known(
            region_ids=regions, source=source, first=first, last=last, data_until=data_until
        )
        known = set().union(*by_region.values())
    until = max(
        (key % 100 for key in known if key // 100 == year and IsoWeek.from_key(key).sunday < today), default=0
    )
    years_with_data = sorted({key // 100 for key in known if key % 100 <= until})
    start = max(year - years + 1, years_with_data[0]) if years_with_data else year
    series = []
    for area, name in sorted(areas.items(), key=lambda item: item[1]):
        points = []
        for y in range(start, year + 1):
            weeks = [y * 100 + w for w in range(1, min(until, weeks_in_year(y)) + 1)]
            done = [w for w in weeks if w in known]
            o = sum((outcome.get((area, w), ZERO) for w in done), ZERO)
            p = sum((plan.get((area, w), ZERO) for w in done), ZERO)
            points.append(
                {
                    "year": y,
                    "outcome": o if done else None,
                    "plan": p if done else None,
                    "share": share(o, p) if done else None,
                    "weeks_known": len(done),
                }
            )
        series.append({"area_id": area, "area": name, "years": points})
    return {"until_week": until, "areas": series}


def waiting_by_area(*, clinic_ids, as_of: date, months: int = 12) -> dict:
    """Per area: the waiting list at the last snapshot of each month up to ``as_of``.

    Read from the waiting-list summary (call ``waitlists.services.waiting_summary_sync``
    first, as the pages do). Three queries.
    """
    clinic_ids = list(clinic_ids)
    areas = dict(
        Clinic.objects.filter(id__in=clinic_ids).values_list("area_id", "area__name").distinct().order_by()
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
