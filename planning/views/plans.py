"""The planning landing page, creating a plan (empty or from a proposal), the plan page, status changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inpatient import bedplan
from organisation import access
from organisation.calendar import IsoWeek

from .. import capacity, proposal, selectors, services
from ..forms import PlanCreateForm, ReopenForm
from .common import service_messages, visible_plan, visible_version


def _this_year() -> int:
    return IsoWeek.of(timezone.localdate()).year


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """My clinics' plans for this year and next, with their status and what I can do with them."""
    year = _this_year()
    years = [year, year + 1]
    rows = selectors.plan_overview(user=request.user, years=years)
    return render(
        request,
        "planning/index.html",
        {
            "years": years,
            "rows": rows,
            "can_create": any(row["can_edit"] for row in rows),
            "areas": access.visible_areas(request.user).order_by("name"),
        },
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    """Start a plan: choose clinic and year, then an empty plan or a proposal computed from data."""
    editable = [
        c
        for c in access.visible_clinics(request.user).select_related("area")
        if access.can_edit_plan(request.user, c)
    ]
    if not editable:
        messages.error(
            request, _("Bara KPS-ledare och administratörer kan skapa produktionsplaner.")
        )
        return redirect("planning:index")
    data = (
        request.POST
        if request.method == "POST"
        else (request.GET if "klinik" in request.GET else None)
    )
    form = PlanCreateForm(data, clinics=editable, initial={"ar": _this_year() + 1})
    preview = None
    if data is not None and form.is_valid():
        clinic, year = form.cleaned_data["klinik"], form.cleaned_data["ar"]
        existing = (
            selectors.plan_visible_plans(user=request.user).filter(clinic=clinic, year=year).first()
        )
        if existing:
            messages.info(
                request,
                _("%(clinic)s har redan en plan för %(year)s.") % {"clinic": clinic, "year": year},
            )
            return redirect("planning:plan", plan_id=existing.id)
        if form.cleaned_data["start"] == "forslag":
            preview = proposal.plan_proposal(clinic=clinic, year=year, goal=form.goal())
        if request.method == "POST" and "skapa" in request.POST:
            cells = preview.cells if preview else []
            explanation = preview.explanation if preview else {}
            with service_messages(request) as outcome:
                version = services.plan_create(
                    clinic=clinic, year=year, user=request.user, cells=cells, proposal=explanation
                )
            if outcome.ok:
                messages.success(request, _("Planen är skapad som utkast."))
                return redirect("planning:plan", plan_id=version.plan_id)
    return render(request, "planning/create.html", {"form": form, "preview": preview})


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """A plan's versions, status, yearly totals per unit, capacity check and actions."""
    plan = visible_plan(request, plan_id)
    versions = list(plan.versions.select_related("created_by", "approved_by").order_by("-number"))
    current = selectors.plan_current_version(plan=plan)
    units = list(plan.clinic.units.order_by("name"))
    totals = selectors.plan_unit_totals(version=current) if current else {}
    beds = selectors.plan_unit_mean_beds(version=current) if current else {}
    capacity_rows = capacity.plan_capacity(version=current) if current else []
    return render(
        request,
        "planning/plan.html",
        {
            "plan": plan,
            "versions": versions,
            "current": current,
            "units": [(u, totals.get(u.id), beds.get(u.id)) for u in units],
            "capacity": capacity_rows,
            # A red check makes submitting and approving ask for a comment (the services insist).
            "capacity_red": any(row.light == capacity.RED for row in capacity_rows),
            "beds_red": bool(current) and bedplan.plan_beds_red(version=current),
            "status_changes": selectors.plan_status_changes(plan=plan)[:20],
            "can_edit": access.can_edit_plan(request.user, plan.clinic),
            "can_approve": access.can_approve_plan(request.user, plan.clinic),
            "reopen_form": ReopenForm(),
            "thresholds": [round(t * 100) for t in capacity.thresholds()],
        },
    )


@login_required
@require_POST
def status_action(request: HttpRequest, version_id: int, action: str) -> HttpResponse:
    """Submit, withdraw, approve or reopen a version from the plan page's buttons."""
    version = visible_version(request, version_id)
    done = {
        "skicka-in": _("Versionen är inskickad för fastställelse."),
        "dra-tillbaka": _("Inskickningen är tillbakadragen; versionen är ett utkast igen."),
        "faststall": _("Versionen är fastställd och gäller nu för uppföljningen."),
        "oppna": _("Planen är öppnad igen."),
    }
    if action not in done:
        raise Http404
    comment = request.POST.get("comment", "")
    with service_messages(request) as outcome:
        if action == "skicka-in":
            services.plan_submit(version=version, user=request.user, comment=comment)
        elif action == "dra-tillbaka":
            services.plan_withdraw(version=version, user=request.user, reason=comment)
        elif action == "faststall":
            services.plan_approve(version=version, user=request.user, comment=comment)
        else:
            form = ReopenForm(request.POST)
            reason = form.data.get("reason", "")
            services.plan_reopen(version=version, user=request.user, reason=reason)
    if outcome.ok:
        messages.success(request, done[action])
    return redirect("planning:plan", plan_id=version.plan_id)
