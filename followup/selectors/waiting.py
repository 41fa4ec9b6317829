"""The waiting list as the dashboards show it: size, long waiters, deviations, trend.

The guarantee figure follows the rule for those still waiting (DOMAIN.md, as
``waitlists`` counts it): first visits and operations/procedures (phases 1–2)
that have waited over 90 days, PVV and MOV left out. A clinic's call-in counts
its own entries; region-wide views read the waiting-list summary (``waitlists.selectors.summary_rows``: counts
per snapshot and unit that the waiting-list app keeps in step with the
snapshots), so a year of a region's snapshots sums thousands of rows, not
millions. Snapshots come as whole files per measurement day; a trend takes the
last snapshot of each week (or month).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db import connection
from django.db.models import Sum

from facts.selectors import rows as facts_rows
from facts.selectors.sql import as_date, days_between_sql, placeholders, table
from organisation.calendar import IsoWeek
from waitlists.selectors.summary import summary_rows

# The care guarantee's limit (vårdgarantin 0-7-90-90) and the phases it covers.
GUARANTEE_DAYS = 90
GUARANTEE_PHASES = (1, 2)

# total: everyone waiting; over_90: waited over 90 days, all phases and deviations;
# over_90_excl: the guarantee figure (phases 1–2 without PVV/MOV, over 90 days).
MEASURES = ("total", "over_90", "over_90_excl", "past_target", "pvv", "mov")
# What the region-wide summary holds of them (over_90 for every phase is not kept there).
SUMMARY_MEASURES = ("total", "over_90_excl", "past_target", "pvv", "mov")


def ranges_sql(ranges: list[tuple[date, date]], model=None) -> tuple[str, list]:
    """A table (n, day) of the last snapshot day within each range (NULL when none), as SQL.

    Each row is the first entry of a backward walk down the indexed snapshot
    day, so it costs one index probe; listing the distinct days of a region's
    year instead would read every row of every snapshot. Written as ``ORDER BY
    … LIMIT 1`` rather than ``MAX``: once the table is vacuumed, PostgreSQL
    would otherwise plan some MAXes as parallel scans of the whole snapshot
    (measured: 30 ms instead of 0.3 ms for a call-in's 13 weeks). A snapshot
    file holds the whole region, so the days are the same for every unit.
    """
    model = model or facts_rows.waiting_entries().model
    sql = " UNION ALL ".join(
        f"SELECT {i} AS n, (SELECT snapshot_date FROM {table(model)} "
        "WHERE snapshot_date >= %s AND snapshot_date <= %s ORDER BY snapshot_date DESC LIMIT 1) AS day"
        for i in range(len(ranges))
    )
    return sql, [d for pair in ranges for d in pair]


def last_snapshot_days(ranges: list[tuple[date, date]], model=None) -> list[date | None]:
    """The last snapshot day within each (first, last) range, in one query."""
    model = model or facts_rows.waiting_entries().model
    if not ranges:
        return []
    sql, params = ranges_sql(ranges, model)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {n: as_date(day) for n, day in cursor.fetchall()}
    return [found.get(i) for i in range(len(ranges))]


def weekly_ranges(as_of: date, weeks: int) -> list[tuple[date, date]]:
    """Each of the ``weeks`` ISO weeks up to ``as_of`` as a (Monday, Sunday or as_of) range."""
    current = IsoWeek.of(as_of)
    return [
        ((current - i).monday, min((current - i).sunday, as_of)) for i in range(weeks - 1, -1, -1)
    ]


def monthly_days(as_of: date, months: int, model=None) -> list[date]:
    """The last snapshot day of each of the ``months`` calendar months up to ``as_of``, from the
    waiting-list summary unless another table is named. One query."""
    model = model or summary_rows().model
    ranges = []
    year, month = as_of.year, as_of.month
    for _ in range(months):
        first = date(year, month, 1)
        following = date(year + (month == 12), month % 12 + 1, 1)
        ranges.append((first, min(following - timedelta(days=1), as_of)))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return [d for d in last_snapshot_days(ranges[::-1], model) if d is not None]


def waiting_list_trend(*, unit_ids, as_of: date, weeks: int = 13) -> list[dict]:
    """Per snapshot (the last of each week up to ``as_of``): the units' waiting list.

    ``[{"snapshot_date", "total", "over_90", "over_90_excl", "past_target", "pvv", "mov"}]``,
    oldest first; the last item is the current picture. A snapshot without
    rows for these units counts zero (nobody waited there that day). One
    query: the snapshot days are found and counted in the same statement.
    """
    days_sql, params = ranges_sql(weekly_ranges(as_of, weeks))
    units_sql, unit_params = placeholders(unit_ids)
    wait = days_between_sql("days.day", "w.decision_date")
    guarantee = f"w.phase IN {GUARANTEE_PHASES} AND w.deviation NOT IN ('PVV', 'MOV')"

    def count(condition: str) -> str:
        return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"

    measures = [
        "COUNT(w.id)",
        count(f"{wait} > {GUARANTEE_DAYS}"),
        count(f"{wait} > {GUARANTEE_DAYS} AND {guarantee}"),
        count("w.target_date < days.day"),
        count("w.deviation = 'PVV'"),
        count("w.deviation = 'MOV'"),
    ]
    # MATERIALIZED keeps the days apart from the count: inlined, PostgreSQL plans this small
    # join as a parallel query whose workers take longer to start than the count (10 ms, not 5).
    sql = (
        f"WITH days AS MATERIALIZED ({days_sql}) "
        f"SELECT days.day, {', '.join(measures)} "
        f"FROM days LEFT JOIN {table(facts_rows.waiting_entries().model)} w "
        f"ON w.snapshot_date = days.day AND w.unit_id IN ({units_sql}) "
        "WHERE days.day IS NOT NULL GROUP BY days.day ORDER BY days.day"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params + unit_params)
        rows = cursor.fetchall()
    return [
        {
            "snapshot_date": as_date(day),
            **dict(zip(MEASURES, (int(v or 0) for v in values), strict=True)),
        }
        for day, *values in rows
    ]


def summary_by_group(*, clinic_ids, days: list[date], group: str) -> dict[tuple, dict]:
    """Per (snapshot day, group value), from the waiting-list summary: the region-wide measures.

    ``group`` is a path from the summary, e.g. ``"unit__clinic__area_id"``. One query.
    """
    if not days:
        return {}
    rows = (
        summary_rows()
        .filter(snapshot_date__in=days, unit__clinic_id__in=list(clinic_ids))
        .values("snapshot_date", group)
        .annotate(
            total=Sum("waiting"),
            over_90_excl=Sum("over_90"),
            past_target=Sum("past_target"),
            pvv=Sum("pvv"),
            mov=Sum("mov"),
        )
        .order_by()
    )
    result: dict[tuple, dict] = defaultdict(dict)
    for row in rows:
        result[row["snapshot_date"], row[group]] = {m: row[m] or 0 for m in SUMMARY_MEASURES}
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
