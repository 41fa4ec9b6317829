"""The DRG page, its chart and its export: thin, over ``economics.selectors``."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kps import formatting
from kps.downloads import attachment
from organisation import access

from . import charts, selectors
from .forms import DrgFilter
from .kinds import Kind


def _report(request: HttpRequest):
    """The filter and, when it is valid, the report; refuses users without economics."""
    if not access.can_see_economics(request.user):
        raise PermissionDenied(_("Du har inte behörighet att se ekonomi (DRG-poäng och KPP)."))
    form = DrgFilter(request.GET or None, user=request.user, years=selectors.drg_years())
    if request.GET and not form.is_valid():
        return form, None
    if not request.GET:
        form.is_valid()  # an unbound form: the defaults
        form.cleaned_data = {}
    data = form.cleaned_data
    clinic, area = data.get("klinik"), data.get("omrade")
    report = selectors.drg_report(
        user=request.user,
        year=form.year(),
        clinic_id=clinic.pk if clinic else None,
        area_id=area.pk if area else None,
        tertial=data.get("tertial"),
        care_form=data.get("vardform") or None,
    )
    return form, report


def _api_query(report) -> str:
    params = {"year": report.year}
    if report.tertial:
        params["tertial"] = report.tertial
    if report.care_form:
        params["care_form"] = report.care_form
    return urlencode(params)


@login_required
def drg(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    query = request.GET.urlencode()
    return render(
        request,
        "economics/drg.html",
        {
            "form": form,
            "report": report,
            "invalid": report is None,
            "chart_url": f"{reverse('economics:chart')}?{query}",
            "csv_url": f"{reverse('economics:export')}?{query}",
            "api_url": f"{reverse('economics-api:drg')}?{_api_query(report)}" if report else "",
            "kinds": f"{Kind.KPP.value},{Kind.DRGVIKTER.value}",
        },
    )


@login_required
def chart(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        return JsonResponse({"detail": _("Filtret är felaktigt.")}, status=400)
    return JsonResponse(charts.cost_per_point_chart(report))


EXPORT_HEADER = [
    _lazy("Verksamhetsområde"),
    _lazy("Klinik"),
    _lazy("Kontakter"),
    _lazy("DRG-poäng"),
    _lazy("Case mix-index"),
    _lazy("Kostnad (kr)"),
    _lazy("Kostnad per poäng utan ytterfall (kr)"),
    _lazy("Ytterfall"),
    _lazy("Kostnad per poäng, alla fall (kr)"),
    _lazy("Kostnad per poäng året före (kr)"),
]


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The clinics' DRG figures as CSV the way Swedish Excel opens it (semicolons, BOM)."""
    form, report = _report(request)
    if report is None:
        return HttpResponse(
            _("Filtret är felaktigt."), status=400, content_type="text/plain; charset=utf-8"
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(h) for h in EXPORT_HEADER])

    def num(value, digits=0):
        return "" if value is None else formatting.number(float(value), digits)

    for c in report.clinics:
        f = c.figures
        writer.writerow(
            [
                c.area,
                c.name,
                f.contacts,
                num(f.points, 1),
                num(f.case_mix_index, 3),
                num(f.cost),
                num(f.cost_per_point),
                f.outliers,
                num(f.cost_per_point_all),
                num(c.previous.cost_per_point),
            ]
        )
    return attachment(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"),
        f"kps-drg-{report.year}.csv",
        content_type="text/csv; charset=utf-8",
    )
