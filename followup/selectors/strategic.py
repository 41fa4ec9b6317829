"""The strategic view: a region's areas and clinics against their annual plans, per tertial.

Also the indicator table of the region's KPS plans (DOMAIN.md): clinics with
a production plan against the area's target, outcome against plan against
100 %, first visits within 60 days and return visits performed by their
medical target date. Tertials are calendar months (T1 January–April); the
weekly figures (outcome against plan) count the ISO weeks that end in the
tertial, and the page names them. The waiting list is read at the end of each
tertial (its last snapshot on or before the tertial's last day, from the
waiting-list app's summary): the share of patients waiting for a first visit
who had waited at most 60 days (PVV and MOV left out, as for the care
guarantee), and, shown apart and named as such, the share of return visits
still waiting whose medical target date had not passed. The return-visit
indicator itself is the region's: of the return visits performed in the
tertial (contacts, fas 4) that had a medical target date, the share performed
on or before it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, Q
from django.utils import timezone

from facts.choices import OutcomeSource
from facts.selectors import rows as facts_rows
from facts.selectors.coverage import KIND_OF_SOURCE, UNKNOWN
from facts.selectors.sql import as_date, placeholders, table
from organisation.calendar import IsoWeek, tertial_dates, tertial_weeks, weeks_in_year
from organisation.models import Clinic, Phase, Unit
from planning.selectors import plans_first_approved
from waitlists.selectors.summary import summary_rows

from .outcome import share
from .regional import ClinicWeeks, clinic_weeks, group_by_area, year_weeks
from .waiting import ranges_sql

COLUMNS = ("t1", "t2", "t3", "ytd")


def elapsed_weeks(year: int, today: date) -> list[IsoWeek]:
    """The year's weeks that have ended by ``today`` (the whole year once it is over)."""
    return [
        IsoWeek(year, w)
        for w in range(1, weeks_in_year(year) + 1)
        if IsoWeek(year, w).sunday < today
    ]


def _columns(data: ClinicWeeks, clinic_ids, year: int, today: date) -> dict:
    ytd = elapsed_weeks(year, today)
    figures = {f"t{t}": data.totals(clinic_ids, tertial_weeks(year, t)) for t in (1, 2, 3)}
    figures["ytd"] = data.totals(clinic_ids, ytd)
    return figures


@dataclass
class Strategic:
    """The strategic dashboard for a year: per clinic, per area, the region, and the indicators."""

    year: int
    clinics: list[dict]
    areas: list[dict]
    region: dict
    indicators: list[dict]
    missing_weeks: list[str]

    @property
    def tertial_weeks(self) -> list[dict]:
        """Per tertial: its calendar days and the ISO weeks its weekly figures count."""
        spans = []
        for t in (1, 2, 3):
            first, last = tertial_dates(self.year, t)
            weeks = tertial_weeks(self.year, t)
            spans.append(
                {"tertial": t, "first_day": first, "last_day": last,
                 "first_week": weeks[0].week, "last_week": weeks[-1].week}
            )  # fmt: skip
        return spans


def strategic_dashboard(
    *,
    clinic_ids,
    year: int,
    today: date,
    source: str = OutcomeSource.COSMIC,
    activity_ids=None,
    cutoffs: dict | None = None,
    with_indicators: bool = True,
    clinics: list[dict] | None = None,
) -> Strategic:
    """Seven queries (eight without ``cutoffs``, one fewer given the ``clinics``' rows as
    ``regional.clinic_weeks`` takes them), whatever the number of clinics and weeks; four
    without the indicator table (the heatmap needs none)."""
    first, last = year_weeks(year)
    data = clinic_weeks(
        clinics=clinics,
        clinic_ids=clinic_ids,
        first=first,
        last=last,
        source=source,
        activity_ids=activity_ids,
        data_until=(cutoffs or {}).get(KIND_OF_SOURCE.get(source), UNKNOWN),
    )
    clinics = [
        {
            "clinic_id": c["id"],
            "clinic": c["name"],
            "area_id": c["area_id"],
            "area": c["area__name"],
            **_columns(data, [c["id"]], year, today),
        }
        for c in data.clinics
    ]
    names = {c["area_id"]: (c["area__name"], c["area__plan_target"]) for c in data.clinics}
    by_area = group_by_area(data)
    areas = [
        {"area_id": area, "area": names[area][0], **_columns(data, members, year, today)}
        for area, members in sorted(by_area.items(), key=lambda item: names[item[0]][0])
    ]
    region = _columns(data, list(data.area_of), year, today)
    known = set().union(*data.known.values()) if data.known else set()
    missing = [str(w) for w in elapsed_weeks(year, today) if w.key not in known]
    return Strategic(
        year=year,
        clinics=clinics,
        areas=areas,
        region=region,
        indicators=indicators(data=data, areas=areas, names=names, year=year, today=today)
        if with_indicators
        else [],
        missing_weeks=missing,
    )


def waiting_indicators(*, clinic_ids, ranges: list[tuple[date, date]]) -> tuple[list, dict]:
    """The last snapshot day within each (first, last) range, and per (snapshot day, area id)
    from the waiting-list summary: patients waiting for a first visit (PVV and MOV left out)
    and how many of them had waited at most 60 days, and return visits with a medical target
    date and how many of those had not passed it. One query: the days are found and counted
    in the same statement, and a day on which the clinics had nobody waiting is still named."""
    summary = summary_rows().model
    days_sql, params = ranges_sql(ranges, summary)
    clinics_sql, clinic_params = placeholders(clinic_ids)
    first, returning = f"s.phase = {Phase.FIRST}", f"s.phase = {Phase.RETURN}"
    # The summary's guarantee count and buckets leave PVV and MOV out; buckets 0–1 are 0–60 days.
    sums = [
        f"SUM(CASE WHEN {first} THEN s.guarantee ELSE 0 END)",
        f"SUM(CASE WHEN {first} THEN s.bucket_0 + s.bucket_1 ELSE 0 END)",
        f"SUM(CASE WHEN {returning} THEN s.with_target ELSE 0 END)",
        f"SUM(CASE WHEN {returning} THEN s.with_target - s.past_target ELSE 0 END)",
    ]
    sql = (
        f"WITH days AS MATERIALIZED ({days_sql}) SELECT days.n, days.day, c.area_id, {', '.join(sums)} "
        f"FROM days LEFT JOIN ({table(summary)} s JOIN {table(Unit)} u ON u.id = s.unit_id "
        f"JOIN {table(Clinic)} c ON c.id = u.clinic_id AND c.id IN ({clinics_sql})) "
        f"ON s.snapshot_date = days.day AND s.phase IN ({Phase.FIRST}, {Phase.RETURN}) "
        "GROUP BY days.n, days.day, c.area_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params + clinic_params)
        rows = cursor.fetchall()
    found = {n: as_date(day) for n, day, *_rest in rows}
    counts = {
        (as_date(day), area): dict(zip(("first_total", "first_within", "return_total", "return_within"),
                                       (int(v or 0) for v in values), strict=True))
        for _n, day, area, *values in rows
        if area is not None
    }  # fmt: skip
    return [found.get(i) for i in range(len(ranges))], counts


def return_visits_by_target(
    *, clinic_ids, ranges: dict[int, tuple[date, date]]
) -> dict[tuple[int, int], tuple[int, int]]:
    """Per (area id, key of ``ranges``): the return visits performed (contacts, fas 4) between
    the range's days that had a medical target date, and how many of them were performed on or
    before it. One query."""
    counts = {}
    for key, (first, last) in ranges.items():
        within = Q(date__gte=first, date__lte=last)
        counts[f"with_{key}"] = Count("id", filter=within)
        counts[f"by_{key}"] = Count("id", filter=within & Q(date__lte=F("target_date")))
    rows = (
        facts_rows.contacts()
        .filter(
            unit__clinic_id__in=list(clinic_ids),
            phase=Phase.RETURN,
            target_date__isnull=False,
            date__gte=min(first for first, _last in ranges.values()),
            date__lte=max(last for _first, last in ranges.values()),
        )
        .values("unit__clinic__area_id")
        .annotate(**counts)
        .order_by()
    )
    return {
        (row["unit__clinic__area_id"], key): (row[f"with_{key}"], row[f"by_{key}"])
        for row in rows
        for key in ranges
    }


def indicators(
    *, data: ClinicWeeks, areas: list[dict], names: dict, year: int, today: date
) -> list[dict]:
    """The indicator table: one row per area and one for all areas shown. Three queries."""
    approved = plans_first_approved(clinic_ids=list(data.area_of), year=year)
    bounds = {t: tertial_dates(year, t) for t in (1, 2, 3)}
    started = {t: bounds[t][0] <= today for t in (1, 2, 3)}
    days, waiting = waiting_indicators(
        clinic_ids=list(data.area_of),
        ranges=[(bounds[t][0], min(bounds[t][1], today)) for t in (1, 2, 3)],
    )
    days = [d if started[t] else None for t, d in zip((1, 2, 3), days, strict=True)]
    performed = return_visits_by_target(
        clinic_ids=list(data.area_of),
        ranges={t: (bounds[t][0], min(bounds[t][1], today)) for t in (1, 2, 3)},
    )
    by_area = group_by_area(data)

    def row(label: str, members: list[int], area_ids: list[int], target: int) -> dict:
        tertials = []
        for t in (1, 2, 3):
            end = timezone.make_aware(datetime.combine(bounds[t][1], time.max))
            plans = (
                sum(1 for c in members if c in approved and approved[c] <= end)
                if started[t]
                else None
            )
            counts: dict[str, int] = defaultdict(int)
            for area in area_ids:
                for key, value in waiting.get((days[t - 1], area), {}).items():
                    counts[key] += value
            outcome = data.totals(members, tertial_weeks(year, t))
            done = [performed.get((area, t), (0, 0)) for area in area_ids]
            with_target, by_target = sum(d[0] for d in done), sum(d[1] for d in done)
            tertials.append(
                {
                    "tertial": t,
                    "started": started[t],
                    "clinics_with_plan": plans,
                    "outcome_share": outcome["share"] if started[t] else None,
                    "outcome_shortfall": outcome["shortfall"] if started[t] else None,
                    "outcome_unplanned": outcome["unplanned"] if started[t] else None,
                    "snapshot_date": days[t - 1],
                    "first_visit_share": share(
                        Decimal(counts["first_within"]), Decimal(counts["first_total"])
                    ),
                    "first_visit_waiting": counts["first_total"],
                    # Performed by the medical target date, of those performed with one: the indicator.
                    "return_visit_share": share(Decimal(by_target), Decimal(with_target))
                    if started[t]
                    else None,
                    "return_visits_performed": with_target if started[t] else None,
                    # Still waiting at the tertial's last snapshot, target date not passed: shown apart.
                    "return_visit_waiting_share": share(
                        Decimal(counts["return_within"]), Decimal(counts["return_total"])
                    ),
                    "return_visit_waiting": counts["return_total"],
                }
            )
        return {
            "label": label,
            # The one area a row is about (None for all together), for its link one level down.
            "area_id": area_ids[0] if len(area_ids) == 1 else None,
            "clinics": len(members),
            "plan_target": target,
            "tertials": tertials,
        }

    rows = [
        row(area["area"], by_area[area["area_id"]], [area["area_id"]], names[area["area_id"]][1])
        for area in areas
    ]
    if len(areas) > 1:
        rows.append(
            row("", list(data.area_of), list(by_area), sum(names[a["area_id"]][1] for a in areas))
        )
    return rows
