"""The waiting list as the call-in and the strategic view show it: size, long waiters, deviations, trend.

Snapshots come as whole files per measurement day; a trend takes the last
snapshot of each week (or month), so a region importing daily and one
importing weekly draw the same line.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db import connection
from django.db.models import Count, F, Q

from organisation.calendar import IsoWeek
from waitlists.models import Deviation, WaitingEntry

from .sql import DaysBetween, as_date, days_between_sql, placeholders, table

# The care guarantee's limit (vårdgarantin 0-7-90-90).
GUARANTEE_DAYS = 90

MEASURES = ("total", "over_90", "over_90_excl", "past_target", "pvv", "mov")


def _measures() -> dict:
    """Conditional counts over a snapshot's rows; the wait is counted to the measurement day."""
    excluded = Q(deviation__in=[Deviation.PVV, Deviation.MOV])
    return {
        "total": Count("id"),
        "over_90": Count("id", filter=Q(wait__gt=GUARANTEE_DAYS)),
        # The guarantee figure: patient-chosen and medically caused waits left out.
        "over_90_excl": Count("id", filter=Q(wait__gt=GUARANTEE_DAYS) & ~excluded),
        "past_target": Count("id", filter=Q(target_date__lt=F("snapshot_date"))),
        "pvv": Count("id", filter=Q(deviation=Deviation.PVV)),
        "mov": Count("id", filter=Q(deviation=Deviation.MOV)),
    }


def _ranges_sql(ranges: list[tuple[date, date]]) -> tuple[str, list]:
    """A table (n, day) of the last snapshot day within each range, as SQL.

    Each row is a MAX over the indexed snapshot day, which the database answers
    from the index; listing the distinct days of a region's year instead would
    read every row of every snapshot. A snapshot file holds the whole region,
    so the days are the same for every unit.
    """
    waiting = table(WaitingEntry)
    sql = " UNION ALL ".join(
        f"SELECT {i} AS n, MAX(snapshot_date) AS day FROM {waiting} "
        "WHERE snapshot_date >= %s AND snapshot_date <= %s"
        for i in range(len(ranges))
    )
    return sql, [d for pair in ranges for d in pair]


def last_snapshot_days(ranges: list[tuple[date, date]]) -> list[date | None]:
    """The last snapshot day within each (first, last) range, in one query."""
    if not ranges:
        return []
    sql, params = _ranges_sql(ranges)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {n: as_date(day) for n, day in cursor.fetchall()}
    return [found.get(i) for i in range(len(ranges))]


def weekly_ranges(as_of: date, weeks: int) -> list[tuple[date, date]]:
    """Each of the ``weeks`` ISO weeks up to ``as_of`` as a (Monday, Sunday or as_of) range."""
    current = IsoWeek.of(as_of)
    return [((current - i).monday, min((current - i).sunday, as_of)) for i in range(weeks - 1, -1, -1)]


def monthly_days(as_of: date, months: int) -> list[date]:
    """The last snapshot day of each of the ``months`` calendar months up to ``as_of``. One query."""
    ranges = []
    year, month = as_of.year, as_of.month
    for _ in range(months):
        first = date(year, month, 1)
        following = date(year + (month == 12), month % 12 + 1, 1)
        ranges.append((first, min(following - timedelta(days=1), as_of)))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return [d for d in last_snapshot_days(ranges[::-1]) if d is not None]


def waiting_list_trend(*, unit_ids, as_of: date, weeks: int = 26) -> list[dict]:
    """Per snapshot (the last of each week up to ``as_of``): the waiting list's measures.

    ``[{"snapshot_date", "total", "over_90", "over_90_excl", "past_target", "pvv", "mov"}]``,
    oldest first; the last item is the current picture. A snapshot without
    rows for these units counts zero (nobody waited there that day). One
    query: the snapshot days are found and counted in the same statement.
    """
    days_sql, params = _ranges_sql(weekly_ranges(as_of, weeks))
    units_sql, unit_params = placeholders(unit_ids)
    wait = days_between_sql("days.day", "w.decision_date")
    excluded = "w.deviation IN ('PVV', 'MOV')"

    def count(condition: str) -> str:
        return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"

    measures = [
        "COUNT(w.id)",
        count(f"{wait} > {GUARANTEE_DAYS}"),
        count(f"{wait} > {GUARANTEE_DAYS} AND NOT {excluded}"),
        count("w.target_date < days.day"),
        count("w.deviation = 'PVV'"),
        count("w.deviation = 'MOV'"),
    ]
    sql = (
        f"WITH days AS ({days_sql}) "
        f"SELECT days.day, {', '.join(measures)} "
        f"FROM days LEFT JOIN {table(WaitingEntry)} w "
        f"ON w.snapshot_date = days.day AND w.unit_id IN ({units_sql}) "
        "WHERE days.day IS NOT NULL GROUP BY days.day ORDER BY days.day"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params + unit_params)
        rows = cursor.fetchall()
    return [
        {"snapshot_date": as_date(day), **dict(zip(MEASURES, (int(v or 0) for v in values), strict=True))}
        for day, *values in rows
    ]


def waiting_list_by_group(*, clinic_ids, days: list[date], group: str) -> dict[tuple, dict]:
    """Per (snapshot day, group value): the measures, e.g. ``group="unit__clinic__area_id"``. One query."""
    if not days:
        return {}
    rows = (
        WaitingEntry.objects.filter(snapshot_date__in=days, unit__clinic_id__in=list(clinic_ids))
        .annotate(wait=DaysBetween("snapshot_date", "decision_date"))
        .values("snapshot_date", group)
        .annotate(**_measures())
        .order_by()
    )
    result: dict[tuple, dict] = defaultdict(dict)
    for row in rows:
        result[row["snapshot_date"], row[group]] = {m: row[m] for m in MEASURES}
    return dict(result)


def waiting_list_change(trend: list[dict], *, weeks_back: int = 4) -> dict | None:
    """The latest picture against the one ``weeks_back`` snapshots earlier (or the earliest there is)."""
    if len(trend) < 2:
        return None
    now = trend[-1]
    then = trend[max(0, len(trend) - 1 - weeks_back)]
    return {
        "since": then["snapshot_date"],
        **{m: now[m] - then[m] for m in MEASURES},
    }
