"""History pages: every save of a plan with its cell changes, and every change of one cell."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from organisation.calendar import IsoWeek, weeks_in_year
from organisation.models import Activity

from .. import selectors
from ..models import PlanSave
from .common import int_param, visible_plan


@login_required
def plan_history(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Saves and status changes of all the plan's versions, newest first; one save's changes on request."""
    plan = visible_plan(request, plan_id)
    saves = Paginator(selectors.plan_saves(plan=plan), 50).get_page(request.GET.get("sida"))
    selected = None
    save_id = int_param(request, "sparning")
    if save_id:
        selected = get_object_or_404(
            PlanSave.objects.select_related("user", "version"), pk=save_id, version__plan=plan
        )
    return render(
        request,
        "planning/history.html",
        {
            "plan": plan,
            "saves": saves,
            "status_changes": selectors.plan_status_changes(plan=plan),
            "selected": selected,
            "changes": selectors.plan_save_changes(save=selected) if selected else [],
        },
    )


@login_required
def cell_history(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Every change of one cell (unit, activity, week) across the plan's versions."""
    plan = visible_plan(request, plan_id)
    unit = plan.clinic.units.filter(pk=int_param(request, "enhet", 0)).first()
    activity = Activity.objects.filter(pk=int_param(request, "aktivitet", 0)).first()
    week = int_param(request, "vecka", 0)
    valid_week = week // 100 == plan.year and 1 <= week % 100 <= weeks_in_year(plan.year)
    changes = []
    if unit and activity and valid_week:
        changes = selectors.plan_cell_history(
            plan=plan, unit_id=unit.id, activity_id=activity.id, week=week
        )
    return render(
        request,
        "planning/cell_history.html",
        {
            "plan": plan,
            "unit": unit,
            "activity": activity,
            "week": IsoWeek.from_key(week) if valid_week else None,
            "changes": changes,
        },
    )
