"""Chart data for the dashboards: the plotly figure as JSON, or the numbers behind it as CSV or Excel."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from kps.figure_cache import cached

from ..charts import callin as callin_charts
from ..charts import strategic as strategic_charts
from ..charts import tactical as tactical_charts
from ..charts.base import Chart
from ..exports import table_csv, table_xlsx
from ..filters import CallInFilter, StrategicFilter, TacticalFilter
from ..selectors.trends import outcome_trend_by_year, waiting_by_area
from .common import figure_inputs, freshness, tactical_links
from .dashboards import strategic_figures, tactical_figures

FORMATS = ("json", "csv", "xlsx")


def _callin(name: str, form: CallInFilter) -> Chart | None:
    return callin_charts.build(name, form)


def _tactical(name: str, form: TacticalFilter) -> Chart | None:
    if name not in tactical_charts.BUILDERS:
        return None
    builder, parts = tactical_charts.BUILDERS[name]
    cutoffs = None
    if "flow" in parts:
        # The import cut-offs of referrals and contacts, read in one query (without them, each
        # looks its own up; the outcome's alone is a cheaper look-up than the banner's query).
        cutoffs = freshness("tactical", form.source)[1]
    return builder(tactical_figures(form, cutoffs, parts=parts))


def _strategic(name: str, form: StrategicFilter) -> Chart | None:
    if name == "karta":
        link = tactical_links(form, year=form.year, today=form.today)
        return strategic_charts.heatmap_chart(strategic_figures(form, with_indicators=False), link)
    if name == "ar":
        return strategic_charts.trend_chart(
            outcome_trend_by_year(
                clinic_ids=form.clinic_ids(),
                year=form.year,
                today=form.today,
                source=form.source,
                activity_ids=form.activity_ids(),
            )
        )
    if name == "vantelistor":
        as_of = min(form.today, date(form.year, 12, 31))
        return strategic_charts.waiting_chart(
            waiting_by_area(clinic_ids=form.clinic_ids(), as_of=as_of)
        )
    return None


DASHBOARDS = {
    "callin": (CallInFilter, callin_charts.CHARTS, _callin),
    "tactical": (TacticalFilter, tactical_charts.CHARTS, _tactical),
    "strategic": (StrategicFilter, strategic_charts.CHARTS, _strategic),
}


def _download_name(name: str, form, extension: str) -> str:
    label = str(getattr(form, "week", "") or form.cleaned_data.get("ar") or "")
    return f"kps-{name}{'-' + label if label else ''}.{extension}"


def chart_data(request: HttpRequest, dashboard: str, name: str) -> HttpResponse:
    form_class, charts, build = DASHBOARDS[dashboard]
    if name not in charts:
        raise Http404(_("Diagrammet finns inte."))
    fmt = request.GET.get("format", "json")
    if fmt not in FORMATS:
        return JsonResponse({"detail": _("Välj format json, csv eller xlsx.")}, status=400)
    form = form_class(request.GET, user=request.user)
    if not form.is_valid():
        return JsonResponse(
            {"detail": form.error_text(), "errors": form.errors.get_json_data()}, status=400
        )
    if fmt == "json":
        # The figure as JSON, built once per change of its data (``kps.figure_cache``).
        body = cached(
            f"chart:{dashboard}:{name}",
            figure_inputs(form),
            lambda: JsonResponse(build(name, form).figure).content,
            today=form.today,
        )
        return HttpResponse(body, content_type="application/json")
    chart = build(name, form)
    if fmt == "csv":
        response = HttpResponse(
            table_csv(chart.columns, chart.rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            table_xlsx(chart.columns, chart.rows, title=str(charts[name])),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{_download_name(name, form, fmt)}"'
    return response


@login_required
def callin_chart(request: HttpRequest, name: str) -> HttpResponse:
    return chart_data(request, "callin", name)


@login_required
def tactical_chart(request: HttpRequest, name: str) -> HttpResponse:
    return chart_data(request, "tactical", name)


@login_required
def strategic_chart(request: HttpRequest, name: str) -> HttpResponse:
    return chart_data(request, "strategic", name)
