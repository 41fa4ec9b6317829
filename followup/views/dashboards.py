"""The tactical and strategic dashboards."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from economics.assignment import selectors as assignment_selectors
from kps.figure_cache import cached
from organisation import access

from ..charts import strategic as strategic_charts
from ..charts import tactical as tactical_charts
from ..filters import StrategicFilter, TacticalFilter
from ..selectors.strategic import strategic_dashboard
from ..selectors.tactical import PARTS, capacity_totals, tactical_dashboard
from .common import (
    chart_links,
    figure_inputs,
    freshness,
    strategic_bed_sites,
    tab_query,
    tactical_links,
    url_with,
)


def tactical_figures(form: TacticalFilter, cutoffs: dict | None = None, parts=PARTS):
    return tactical_dashboard(
        scope=form.scope(),
        units=form.scope_units(),
        period=form.schedule_period,
        today=form.today,
        catalogue=form.catalogue,
        cutoffs=cutoffs,
        parts=parts,
    )


@login_required
def tactical(request: HttpRequest) -> HttpResponse:
    """A clinic through a schedule period: weekly plan and outcome, gap, capacity, flow, schedule."""
    form = TacticalFilter(request.GET, user=request.user)
    if not form.is_valid():
        return render(
            request, "followup/tactical.html", {"form": form, "invalid": True}, status=400
        )
    banner, cutoffs = freshness("tactical", form.source)
    figures = cached(
        "tactical", figure_inputs(form), lambda: tactical_figures(form, cutoffs), today=form.today
    )
    query = form.query()
    return render(
        request,
        "followup/tactical.html",
        {
            "form": form,
            "clinic": form.clinic,
            "unit": form.unit,
            "tactical": figures,
            "capacity": capacity_totals(figures.capacity),
            "charts": chart_links("followup:tactical_chart", tactical_charts.CHARTS, query),
            "freshness": banner,
            "query": query,
            "tab_query": tab_query(form),
            "api_url": url_with("followup-tactical-list", query),
        },
    )


def strategic_figures(
    form: StrategicFilter, cutoffs: dict | None = None, with_indicators: bool = True
):
    return strategic_dashboard(
        clinic_ids=form.clinic_ids(),
        clinics=form.clinics(),
        year=form.year,
        today=form.today,
        source=form.source,
        activity_ids=form.activity_ids(),
        cutoffs=cutoffs,
        with_indicators=with_indicators,
    )


@login_required
def strategic(request: HttpRequest) -> HttpResponse:
    """The region and its areas against the annual plans, per tertial, with the indicator table."""
    form = StrategicFilter(request.GET, user=request.user)
    if not form.is_valid():
        return render(
            request, "followup/strategic.html", {"form": form, "invalid": True}, status=400
        )
    banner, cutoffs = freshness("strategic", form.source)
    query = form.query()
    # From a row to the cause: an area's row opens the area (its clinics in the heatmap);
    # with one clinic chosen, a tertial opens that clinic's tactical view.
    down = {k: v for k, v in query.items() if k not in ("omrade", "klinik", "enhet")}
    figures = cached(
        "strategic",
        figure_inputs(form),
        lambda: strategic_figures(form, cutoffs),
        today=form.today,
    )
    # The region's (or the chosen area's or clinic's) hospitals: their wards' occupancy per tertial.
    bed_sites = strategic_bed_sites(form)
    clinic = form.cleaned_data.get("klinik")
    if clinic is not None:
        link = tactical_links(form, year=form.year, today=form.today)
        area = form.place_of(clinic).area_id
        for row in figures.indicators:
            for t in row["tertials"]:
                t["tactical_url"] = link(clinic, area, f"t{t['tertial']}")
    return render(
        request,
        "followup/strategic.html",
        {
            "form": form,
            "strategic": figures,
            "bed_sites": bed_sites,
            "assignments": _assignment_followup(request, form),
            "column_labels": strategic_charts.column_labels(),
            "area_url": url_with("followup:strategic", down),
            "charts": chart_links("followup:strategic_chart", strategic_charts.CHARTS, query),
            "freshness": banner,
            "query": query,
            "tab_query": tab_query(form),
            "api_url": url_with("followup-strategic-list", query),
        },
    )


def _assignment_followup(request: HttpRequest, form: StrategicFilter):
    """The production assignments against the points produced, next to volume plan against
    outcome: only for users who see economics, over the shown clinics whose economics they see."""
    if not access.can_see_economics(request.user):
        return None
    allowed = set(access.economics_clinics(request.user).values_list("id", flat=True))
    clinic_ids = [c for c in form.clinic_ids() if c in allowed]
    if not clinic_ids:
        return None
    followup = assignment_selectors.assignment_followup_cached(
        clinic_ids=clinic_ids, year=form.year, today=form.today
    )
    # A year without assignments or points would be a table of zeros: none is shown.
    if not any(c.version or c.year.produced_points for c in followup.clinics):
        return None
    return followup
