"""The purchased-care pages: planning what to send, the follow-up, the agreements. Thin, over
``purchasing.selectors``; agreements and costs only for economics (``organisation.access``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from organisation import access
from organisation.audit import person_data_access_record

from . import charts, selectors
from .forms import AgreementSheetForm, FollowupFilter, PlanFilter
from .kinds import Kind
from .sheet import COLUMNS, agreements_import

NO_ECONOMICS = _("Du har inte behörighet att se avtal och kostnader för köpt vård.")


def _require_economics(request: HttpRequest) -> None:
    if not access.can_see_economics(request.user):
        raise PermissionDenied(NO_ECONOMICS)


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """What to send elsewhere in the coming schedule period, and the longest waiters past the guarantee."""
    form = PlanFilter(request.GET or None, user=request.user)
    if not request.GET:
        first = form.fields["klinik"].queryset.first()
        form = PlanFilter({"klinik": first.pk if first else "", "fas": 2}, user=request.user)
    result = None
    if form.is_valid():
        result = selectors.send_plan(
            user=request.user,
            clinic_id=form.cleaned_data["klinik"].pk,
            phase=form.cleaned_data["fas"],
        )
        if result is not None and result.waiters:
            person_data_access_record(
                request=request,
                what="purchasing:plan",
                subject=str(result.clinic),
                rows=len(result.waiters),
            )
    return render(
        request,
        "purchasing/plan.html",
        {
            "form": form,
            "plan": result,
            "economics": access.can_see_economics(request.user),
            "api_url": (
                f"{reverse('purchasing-api:plan')}?clinic={result.clinic.pk}&phase={result.phase}"
                if result
                else ""
            ),
        },
    )


def _followup(request: HttpRequest):
    _require_economics(request)
    agreements = selectors.agreements_visible(user=request.user)
    form = FollowupFilter(request.GET or None, user=request.user, agreements=agreements)
    if request.GET and not form.is_valid():
        return form, None
    if not request.GET:
        form.is_valid()
        form.cleaned_data = {}
    data = form.cleaned_data
    report = selectors.purchase_followup(
        user=request.user,
        year=form.year(),
        clinic_id=data["klinik"].pk if data.get("klinik") else None,
        provider_id=data["vardgivare"].pk if data.get("vardgivare") else None,
        agreement_id=data["avtal"].pk if data.get("avtal") else None,
    )
    return form, report


@login_required
def followup(request: HttpRequest) -> HttpResponse:
    form, report = _followup(request)
    query = request.GET.urlencode()
    return render(
        request,
        "purchasing/followup.html",
        {
            "form": form,
            "report": report,
            "chart_url": f"{reverse('purchasing:chart')}?{query}",
            "api_url": f"{reverse('purchasing-api:followup')}?year={report.year}" if report else "",
            "kinds": Kind.KOPT_VARD.value,
        },
    )


@login_required
def chart(request: HttpRequest) -> HttpResponse:
    form, report = _followup(request)
    if report is None:
        return JsonResponse({"detail": _("Filtret är felaktigt.")}, status=400)
    return JsonResponse(charts.monthly_chart(report))


@login_required
def agreements(request: HttpRequest) -> HttpResponse:
    """The agreements with their use of the ceilings; administrators load them from a sheet."""
    _require_economics(request)
    may_edit = access.is_admin(request.user)
    form = AgreementSheetForm()
    errors: list[str] = []
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("Bara administratörer ändrar avtal."))
        form = AgreementSheetForm(request.POST, request.FILES)
        if form.is_valid():
            result = agreements_import(data=form.cleaned_data["fil"].read(), user=request.user)
            errors = result.errors
            if not errors:
                messages.success(
                    request,
                    _("Avtalen är inlästa: %(created)s nya, %(changed)s ändrade.")
                    % {"created": result.created, "changed": result.changed},
                )
                return redirect("purchasing:agreements")
    uses = selectors.agreements_use(
        agreements=list(selectors.agreements_visible(user=request.user))
    )
    return render(
        request,
        "purchasing/agreements.html",
        {
            "uses": uses,
            "may_edit": may_edit,
            "form": form,
            "errors": errors,
            "columns": COLUMNS,
            "api_url": reverse("purchasing-api:agreements"),
        },
        status=400 if errors else 200,
    )
