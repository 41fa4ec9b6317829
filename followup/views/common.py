"""What the dashboard pages share: the filter from the query string, freshness, chart links."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from facts.kinds import Kind
from facts.selectors.coverage import KIND_OF_SOURCE
from imports.reports import data_freshness, late_after_hours
from inpatient import selectors as inpatient_selectors
from kps.figure_cache import cached
from organisation.calendar import IsoWeek, tertial_weeks, weeks_of_year
from organisation.selectors import schedule_periods

# The extracts each dashboard's figures come from, besides the outcome's own kind.
KINDS = {
    "callin": (Kind.BOKADE, Kind.VANTANDE, Kind.BEMANNING),
    "tactical": (Kind.REMISSER, Kind.BEMANNING),
    "strategic": (Kind.VANTANDE,),
}


def figure_inputs(form) -> tuple:
    """What a dashboard's figures depend on, for the figure cache: the resolved filter
    (clinic, unit, activity, source, week, year, period) and the clinics it covers."""
    clinics = tuple(form.clinic_ids()) if hasattr(form, "clinic_ids") else ()
    return (type(form).__name__, tuple(sorted(form.query().items())), clinics)


def freshness(dashboard: str, source: str) -> tuple[dict, dict]:
    """The freshness banner's context and each kind's import cut-off (for the missing weeks).

    Read once per page, in one query: the banner and the selectors use the same figures.
    """
    return cached("freshness", (dashboard, source), lambda: _freshness(dashboard, source))


def _freshness(dashboard: str, source: str) -> tuple[dict, dict]:
    kinds = [KIND_OF_SOURCE[source], *KINDS[dashboard]]
    if dashboard == "tactical" and Kind.KONTAKTER not in kinds:
        kinds.append(Kind.KONTAKTER)  # outflow counts COSMIC's contacts whatever the outcome source
    rows = data_freshness(kinds=kinds)
    context = {
        "rows": rows,
        "warnings": [f for f in rows if f.warning],
        "today": timezone.localdate(),
        "late_hours": late_after_hours(),
    }
    return context, {f.kind: f.data_until for f in rows}


def callin_wards(form) -> list:
    """The call-in panel of the clinic's wards (or the chosen unit, when it is one) in the
    followed week, for the page and the API alike; empty when the clinic has no ward."""
    return cached(
        "callin-wards",
        figure_inputs(form),
        lambda: inpatient_selectors.ward_weeks(
            clinic_id=form.clinic.id,
            week=form.week,
            unit_ids=[form.unit[0]] if form.unit else None,
        ),
        today=form.today,
    )


def strategic_bed_sites(form) -> list:
    """The strategic panel: the occupancy of the chosen clinics' wards per hospital and tertial."""
    return cached(
        "strategic-beds",
        figure_inputs(form),
        lambda: inpatient_selectors.occupancy_by_site(
            clinic_ids=list(form.clinic_ids()), year=form.year
        ),
        today=form.today,
    )


@dataclass(frozen=True)
class ChartLink:
    """A chart on a page: its id, title and the URLs of its figure and data downloads."""

    id: str
    title: str
    url: str

    @property
    def csv(self) -> str:
        return f"{self.url}&format=csv"

    @property
    def xlsx(self) -> str:
        return f"{self.url}&format=xlsx"


def chart_links(url_name: str, charts: dict, query: dict) -> list[ChartLink]:
    encoded = urlencode(query)
    return [
        ChartLink(id=name, title=str(title), url=f"{reverse(url_name, args=[name])}?{encoded}")
        for name, title in charts.items()
    ]


def url_with(url_name: str, query: dict) -> str:
    """A page's URL with the filter in its query string."""
    return f"{reverse(url_name)}?{urlencode(query)}"


# What carries over when switching between the call-in, tactical and strategic tabs.
TAB_PARAMS = ("omrade", "klinik", "enhet", "aktivitet", "kalla")


def tab_query(form) -> str:
    query = form.query() if form.is_valid() else {}
    return urlencode({k: v for k, v in query.items() if k in TAB_PARAMS})


def tactical_links(form, *, year: int, today) -> Callable[[int, int, str], str]:
    """For the strategic view: the URL of a clinic's tactical view for a column of the heatmap.

    The tactical view follows a schedule period, not a tertial; a tertial's link opens the
    period holding its latest week that has begun (the ongoing one, or its last when over),
    and "so far this year" the period holding this week. The periods are read once per area.
    """
    periods: dict[int, list] = {}
    keep = {k: v for k, v in form.query().items() if k in ("aktivitet", "kalla")}
    this_week = IsoWeek.of(today)

    def week_of(column: str) -> IsoWeek:
        weeks = weeks_of_year(year) if column == "ytd" else tertial_weeks(year, int(column[1]))
        begun = [w for w in weeks if w <= this_week]
        return begun[-1] if begun else weeks[0]

    def link(clinic_id: int, area_id: int, column: str) -> str:
        if area_id not in periods:
            periods[area_id] = schedule_periods(area=area_id, year=year)
        week = week_of(column)
        number = next(p.number for p in periods[area_id] if week in p)
        query = {**keep, "klinik": str(clinic_id), "ar": str(year), "period": str(number)}
        return url_with("followup:tactical", query)

    return link
