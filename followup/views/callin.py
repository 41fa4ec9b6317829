"""The call-in dashboard, its printable view and the meeting log's pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kps.figure_cache import cached
from organisation import access
from organisation.models import Clinic
from organisation.selectors import period_of

from .. import services
from ..charts import callin as charts
from ..filters import CallInFilter
from ..forms import MeetingLogForm, StatusForm
from ..models import Action, ActionStatus
from ..selectors.callin import callin_dashboard, callin_grid, last_week
from ..selectors.meetings import meeting_log
from ..selectors.traffic import PRODUCTION, RED, level_of
from .common import callin_wards, chart_links, figure_inputs, freshness, tab_query, url_with


def _context(request: HttpRequest, form: CallInFilter) -> dict:
    banner, cutoffs = freshness("callin", form.source)
    scope = form.scope()
    query = form.query(vecka=str(form.week))
    clinic = form.clinic
    return {
        "form": form,
        "clinic": clinic,
        "unit": form.unit,
        "week": form.week,
        "dashboard": cached(
            "callin",
            figure_inputs(form),
            lambda: callin_dashboard(
                scope=scope, week=form.week, catalogue=form.catalogue, cutoffs=cutoffs
            ),
            today=form.today,
        ),
        # The clinic's wards beside its outpatient figures (none: the section is not shown).
        "wards": callin_wards(form),
        "log": meeting_log(clinic_id=clinic.id, unit_id=form.unit[0] if form.unit else None),
        "can_log": access.can_log_meeting(request.user, clinic),
        "charts": chart_links("followup:callin_chart", charts.CHARTS, query),
        "freshness": banner,
        "query": query,
        "tab_query": tab_query(form),
        "status_choices": ActionStatus.choices,
        "previous_url": url_with("followup:callin", {**query, "vecka": str(form.week - 1)}),
        "next_url": url_with("followup:callin", {**query, "vecka": str(form.week + 1)}),
        "print_url": url_with("followup:callin_print", query),
        "callin_url": url_with("followup:callin", query),
        "api_url": url_with("followup-callin-list", query),
        "meeting_url": url_with("followup:meeting_create", query),
        "activity_url": activity_chart_url(form),
    }


def activity_chart_url(form: CallInFilter) -> str:
    """The tactical view of the schedule period holding the followed week, for the same clinic,
    unit and source; the page adds an activity, so a light opens that activity's weekly chart."""
    week = form.week
    period = period_of(area=form.clinic.area_id, week=week)
    keep = {k: v for k, v in form.query().items() if k in ("klinik", "enhet", "kalla")}
    return url_with(
        "followup:tactical", {**keep, "ar": str(week.year), "period": str(period.number)}
    )


def _render(request: HttpRequest, template: str) -> HttpResponse:
    form = CallInFilter(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, template, {"form": form, "invalid": True}, status=400)
    return render(request, template, _context(request, form))


@login_required
def callin(request: HttpRequest) -> HttpResponse:
    """Monday morning: last week's plan against outcome, the trend, the weeks ahead, the log."""
    return _render(request, "followup/callin.html")


@login_required
def callin_print(request: HttpRequest) -> HttpResponse:
    """The same dashboard laid out for paper or the meeting room's screen."""
    return _render(request, "followup/callin_print.html")


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    """Log a call-in meeting: deviations discussed, actions decided, open actions' status."""
    form = CallInFilter(request.GET, user=request.user)
    if not form.is_valid():
        return render(
            request, "followup/meeting_form.html", {"filter": form, "invalid": True}, status=400
        )
    clinic = get_object_or_404(Clinic.objects.select_related("area"), id=form.clinic.id)
    if not access.can_log_meeting(request.user, clinic):
        raise PermissionDenied(
            _("Du får inte föra mötesanteckningar för %(clinic)s.") % {"clinic": clinic}
        )
    unit_id = form.unit[0] if form.unit else None
    log = meeting_log(clinic_id=clinic.id, unit_id=unit_id, limit=0)
    activities = [form.catalogue[a] for a in form.catalogue]
    # The red activities and their figures, on the first view and again after a refused save.
    suggested = _suggested_deviations(form)
    if request.method == "POST":
        meeting = MeetingLogForm(
            request.POST,
            activities=activities,
            open_actions=log.open_actions,
            deviations_initial=suggested,
        )
        if meeting.is_valid():
            try:
                services.meeting_create(
                    user=request.user, clinic=clinic, unit_id=unit_id, **meeting.service_input()
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Mötet är sparat."))
                return redirect(
                    url_with("followup:callin", form.query(vecka=str(form.week)))
                    + "#motesanteckningar"
                )
    else:
        meeting = MeetingLogForm(
            activities=activities,
            open_actions=log.open_actions,
            initial={"held_on": timezone.localdate(), "week": str(form.week), "attendees": ""},
            deviations_initial=suggested,
        )
    return render(
        request,
        "followup/meeting_form.html",
        {
            "filter": form,
            "clinic": clinic,
            "unit": form.unit,
            "meeting": meeting,
            "back_url": url_with("followup:callin", form.query(vecka=str(form.week))),
        },
    )


def _suggested_deviations(form: CallInFilter) -> list[dict]:
    """Rows prefilled with the activities whose outcome last week was red, to be explained."""
    grid = callin_grid(scope=form.scope(), week=form.week)
    rows = last_week(grid=grid, week=form.week, catalogue=form.catalogue)["rows"]
    return [
        {"activity": r["activity_id"], "planned": r["plan"], "outcome": r["outcome"]}
        for r in rows
        if level_of(r["share"], PRODUCTION) == RED
    ]


@login_required
@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Change one action's status between meetings (e.g. closing it when done)."""
    action = get_object_or_404(
        access.restrict(
            Action.objects.select_related("clinic"), request.user, clinic_path="clinic"
        ),
        pk=pk,
    )
    form = StatusForm(request.POST, prefix=f"status-{action.id}")
    if not form.is_valid():
        messages.error(request, _("Välj en giltig status."))
    else:
        services.action_status_update(
            user=request.user,
            action=action,
            status=form.cleaned_data["status"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, _("Åtgärdens status är sparad."))
    back = request.POST.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = url_with("followup:callin", {"klinik": action.clinic_id})
    return redirect(back + "#motesanteckningar")
