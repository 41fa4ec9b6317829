"""Pages of the waiting lists: the report, across regions, the weekly pace, what-if and the calculator.

Thin: parameters are validated by the API's serializers, figures come from
``datasets``; the charts and downloads are the ``data`` endpoint with the
page's own query string.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organisation import access

from . import datasets, exports, queue, serializers, tables
from .models import MedicalCareArea, WaitingSummary
from .selectors import LEVEL_KVA, collaboration
from .selectors.common import long_wait_days, snapshot_dates


class _Request:
    """What the serializers' context needs from a Django request (the user)."""

    def __init__(self, request: HttpRequest):
        self.user = request.user


def _validate(serializer_class, request: HttpRequest, data=None):
    serializer = serializer_class(
        data=data if data is not None else request.GET, context={"request": _Request(request)}
    )
    return serializer, serializer.is_valid()


def _chart_urls(name: str, query: str) -> dict:
    base = reverse("waitlists:data", args=[name, "json"])
    suffix = f"?{query}" if query else ""
    return {
        "url": base + suffix,
        "csv": reverse("waitlists:data", args=[name, "csv"]) + suffix,
        "xlsx": reverse("waitlists:data", args=[name, "xlsx"]) + suffix,
    }


# The parameters' names as the forms show them, for the summary of what could not be used.
FIELD_LABELS = {
    "level": _("Nivå"),
    "snapshot": _("Mätdatum"),
    "phase": _("Fas"),
    "care_area": _("Medicinskt område"),
    "kva_code": _("KVÅ-kod"),
    "kva": _("KVÅ-kod"),
    "date": _("Dag"),
    "key": _("Rad"),
    "months": _("Månader"),
    "clinic": _("Klinik"),
    "unit": _("Enhet"),
    "history_weeks": _("Historik, veckor"),
    "target_wait_days": _("Mål för väntetiden, dagar"),
    "factor": _("Faktor"),
    "weeks_to_target": _("Kön nere inom, veckor"),
    "horizon": _("Veckor framåt"),
    "capacity": _("Kapacitet"),
    "extra": _("Tillägg per vecka"),
    "or_days": _("Extra operationsdagar per vecka"),
    "per_or_day": _("Åtgärder per operationsdag"),
    "demand": _("Inflöde per vecka"),
    "queue_size": _("Kö nu"),
    "target_wait": _("Mål för väntetiden, veckor"),
    "cv_demand": _("Variation inflöde"),
    "cv_capacity": _("Variation kapacitet"),
    "mean_wait": _("Medelväntetid nu"),
}


def _errors(serializer) -> dict[str, str]:
    """One message per parameter, for the page's form."""
    flat = {}
    for field, messages in serializer.errors.items():
        first = messages[0] if isinstance(messages, list) else messages
        flat[field] = str(first)
    return flat


def _error_list(errors: dict[str, str]) -> list[tuple[str, str]]:
    return [(str(FIELD_LABELS.get(field, field)), message) for field, message in errors.items()]


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    context["error_list"] = _error_list(context.get("errors") or {})
    return render(request, template, context)


def _common(request: HttpRequest, section: str) -> dict:
    return {
        "section": section,
        "phases": serializers.WAITING_PHASES,
        "care_areas": MedicalCareArea.objects.all(),
        "long_days": long_wait_days(),
        "guarantee_days": queue.GUARANTEE_DAYS,
    }


KVA_ROWS_PER_PAGE = 25


def _kva_table(request: HttpRequest, rows: list[dict]) -> dict:
    """The KVÅ level as a page reads it: codes nobody waits for are left out (thousands of
    codes, mostly done ones), the waiting without a code stand apart with what that means,
    and the rest, most waiting first, come twenty-five to a page. The downloads keep every row."""
    without_code = next((r for r in rows if not r["key"]), None)
    coded = [r for r in rows if r["key"] and (r["waiting"] or r["waiting_month_end"])]
    return {
        "page": Paginator(coded, KVA_ROWS_PER_PAGE).get_page(request.GET.get("sida")),
        "without_code": without_code,
        "hidden": sum(1 for r in rows if r["key"]) - len(coded),
        "query": urlencode({k: v for k, v in request.GET.items() if v and k != "sida"}),
    }


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The waiting-list report on the chosen level."""
    serializer, valid = _validate(serializers.ReportQuery, request)
    params = (
        serializer.validated_data
        if valid
        else _validate(serializers.ReportQuery, request, {})[0].validated_data
    )
    data = datasets.report(request.user, dict(params))
    query = urlencode({k: v for k, v in request.GET.items() if v}) if valid else ""
    trend_query = (
        urlencode({k: v for k, v in request.GET.items() if v and k != "snapshot"}) if valid else ""
    )
    return _render(
        request,
        "waitlists/report.html",
        {
            **_common(request, "report"),
            "errors": _errors(serializer) if not valid else {},
            "params": params,
            "report": data.result,
            "scope_note": tables.scope_note(data.result.limited_to),
            "table": data.table,
            "levels": serializers.LEVEL_CHOICES,
            "snapshots": list(reversed(snapshot_dates(WaitingSummary)))[:72],
            "buckets_chart": _chart_urls("rapport", query),
            "trend_chart": _chart_urls("utveckling", trend_query),
            "kva": _kva_table(request, data.result.rows) if params["level"] == LEVEL_KVA else None,
        },
    )


@login_required
def regions(request: HttpRequest) -> HttpResponse:
    """Between regions: the regions of the collaboration side by side, from their reports."""
    serializer, valid = _validate(serializers.CompareQuery, request)
    params = (
        serializer.validated_data
        if valid
        else _validate(serializers.CompareQuery, request, {})[0].validated_data
    )
    data = datasets.compare(request.user, dict(params))
    query = urlencode({k: v for k, v in request.GET.items() if v}) if valid else ""
    own_report = None
    if collaboration.may_export(request.user):
        region = collaboration.export_region()
        if region is not None:
            own_report = collaboration.own_report(region=region, day=params.get("date"))
    return _render(
        request,
        "waitlists/compare.html",
        {
            **_common(request, "regions"),
            "errors": _errors(serializer) if not valid else {},
            "params": params,
            "comparison": data.result,
            "levels": serializers.LEVEL_CHOICES,
            "compare_chart": _chart_urls("mellan-regioner", query),
            "trend_chart": _chart_urls("mellan-regioner-utveckling", query),
            "own_report": own_report,
            "query": query,
        },
    )


@login_required
def own_report(request: HttpRequest) -> HttpResponse:
    """This region's report as the file its neighbours import (vantanderapport)."""
    if not collaboration.may_export(request.user):
        raise PermissionDenied(
            _("Bara Qulturum och administratörer lämnar ut regionens väntelisterapport.")
        )
    serializer, valid = _validate(serializers.OwnReportQuery, request)
    region = collaboration.export_region(serializer.validated_data["county"]) if valid else None
    if region is None:
        return HttpResponse(
            _("Ange ett datum som 2026-10-31 och en länskod som finns."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    report = collaboration.own_report(region=region, day=serializer.validated_data["date"])
    if report.day is None:
        return HttpResponse(
            _("Det finns ingen mätning av väntelistan till och med den dagen."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(report.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.file_name}"'
    return response


@login_required
def home_counties(request: HttpRequest) -> HttpResponse:
    """This region's own waiting patients by their home county."""
    serializer, valid = _validate(serializers.RegionsQuery, request)
    params = (
        serializer.validated_data
        if valid
        else _validate(serializers.RegionsQuery, request, {})[0].validated_data
    )
    data = datasets.regions_matrix(request.user, dict(params))
    query = urlencode({k: v for k, v in request.GET.items() if v}) if valid else ""
    return _render(
        request,
        "waitlists/regions.html",
        {
            **_common(request, "home_counties"),
            "errors": _errors(serializer) if not valid else {},
            "params": params,
            "comparison": data.result,
            "scope_note": tables.scope_note(data.result.limited_to),
            "counties_table": tables.regions_table(data.result),
            "matrix_table": data.table,
            "counties_chart": _chart_urls("regioner", query),
            "matrix_chart": _chart_urls("regioner-omraden", query),
        },
    )


def _scope_context(request: HttpRequest, serializer_class, name: str) -> dict:
    """Validate a clinic/unit scope; without one, start from the user's first clinic."""
    clinics = list(
        access.visible_clinics(request.user).select_related("area").order_by("area__name", "name")
    )
    units = list(
        access.visible_units(request.user).select_related("clinic").order_by("clinic__name", "name")
    )
    data = request.GET.copy()
    if not data.get("clinic") and not data.get("unit") and clinics:
        data["clinic"] = str(clinics[0].id)
    serializer, valid = _validate(serializer_class, request, data)
    context = {
        "clinics": clinics,
        "units": units,
        "errors": _errors(serializer) if not valid else {},
        "form": data,
        "params": serializer.validated_data if valid else {},
        "valid": valid and bool(clinics),
    }
    if context["valid"]:
        context["data"] = getattr(datasets, name)(request.user, dict(serializer.validated_data))
        context["chart"] = _chart_urls("takt" if name == "pace" else "tank-om", urlencode(data))
    return context


@login_required
def pace(request: HttpRequest) -> HttpResponse:
    """The weekly pace a waiting list needs, beside the approved plan's pace."""
    context = _scope_context(request, serializers.PaceQuery, "pace")
    return _render(request, "waitlists/pace.html", {**_common(request, "pace"), **context})


@login_required
def whatif(request: HttpRequest) -> HttpResponse:
    """What-if: the queue week by week under the plan or an edited capacity."""
    context = _scope_context(request, serializers.WhatIfQuery, "whatif")
    form = context["form"]
    # The quick changes keep everything else the user chose and change one thing.
    context["or_day_links"] = [
        (
            label,
            urlencode(
                {**{k: v for k, v in form.items() if k not in ("or_days",)}, "or_days": days}
            ),
        )
        for days, label in (
            (1, _("+1 operationsdag per vecka")),
            (2, _("+2 operationsdagar per vecka")),
            (0, _("Som planen")),
        )
    ]
    return _render(request, "waitlists/whatif.html", {**_common(request, "whatif"), **context})


@login_required
def calculator(request: HttpRequest) -> HttpResponse:
    """The queue formulas for numbers a person types in."""
    result, errors = None, {}
    if request.GET:
        serializer, valid = _validate(serializers.QueueModelQuery, request)
        if valid:
            result = queue.queue_model(**serializer.validated_data)
        else:
            errors = _errors(serializer)
    return _render(
        request,
        "waitlists/calculator.html",
        {**_common(request, "calculator"), "form": request.GET, "result": result, "errors": errors},
    )


@login_required
def data(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    """A view's figure (json, for the chart helper) or table (csv, xlsx), for the page's query string."""
    if name not in datasets.DATASETS or fmt not in ("json", "csv", "xlsx"):
        raise Http404
    serializer_class, build, filename = datasets.DATASETS[name]
    serializer, valid = _validate(serializer_class, request)
    if not valid:
        return JsonResponse({"errors": _errors(serializer)}, status=400)
    dataset = build(request.user, dict(serializer.validated_data))
    if fmt == "json":
        return JsonResponse(dataset.figure)
    if fmt == "csv":
        return exports.csv_response(dataset.table, filename)
    return exports.xlsx_response(dataset.table, filename)
