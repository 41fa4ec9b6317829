"""The assignment pages: the year's assignments and their follow-up, one version with its lines
and status actions, its Excel export. Thin, over ``selectors`` and ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from kps.downloads import attachment
from organisation import access
from organisation.models import Activity
from planning.errors import PlanConflict
from planning.views.common import service_messages

from . import charts, excel, selectors, services
from .forms import CreateForm, YearForm, parse_lines
from .models import AssignmentVersion

NO_ECONOMICS = _lazy("Du har inte behörighet att se ekonomi (DRG-poäng och KPP).")


def _require_economics(request: HttpRequest) -> None:
    if not access.can_see_economics(request.user):
        raise PermissionDenied(NO_ECONOMICS)


def _version(request: HttpRequest, version_id: int) -> AssignmentVersion:
    _require_economics(request)
    version = selectors.version_get(user=request.user, version_id=version_id)
    if version is None:
        raise Http404
    return version


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The year's assignments of the clinics whose economics the user sees, and their follow-up."""
    _require_economics(request)
    form = YearForm(request.GET or None)
    year = form.year()
    clinics = list(
        access.economics_clinics(request.user).select_related("area").order_by("area__name", "name")
    )
    assignments = {
        a.clinic_id: a
        for a in selectors.visible_assignments(user=request.user)
        .filter(year=year)
        .prefetch_related("versions__lines")
    }
    rows = []
    for clinic in clinics:
        assignment = assignments.get(clinic.id)
        current = selectors.current_version(assignment=assignment) if assignment else None
        lines = list(current.lines.all()) if current else []
        rows.append(
            {
                "clinic": clinic,
                "current": current,
                "points": sum(line.points for line in lines) if current else None,
                "money": sum(line.money for line in lines) if current else None,
                "can_create": assignment is None
                and access.can_edit_assignment(request.user, clinic),
            }
        )
    followup = selectors.assignment_followup_cached(
        clinic_ids=[c.id for c in clinics], year=year, today=timezone.localdate()
    )
    return render(
        request,
        "economics/assignment/index.html",
        {
            "form": form,
            "year": year,
            "rows": rows,
            "followup": followup,
            "api_url": f"{reverse('economics-api:assignment-followup')}?year={year}",
            "chart_url": f"{reverse('economics:assignment_chart')}?ar={year}",
        },
    )


@login_required
def chart(request: HttpRequest) -> HttpResponse:
    """The follow-up as a chart: per clinic, points produced so far against the assignment."""
    _require_economics(request)
    year = YearForm(request.GET or None).year()
    clinic_ids = list(access.economics_clinics(request.user).values_list("id", flat=True))
    followup = selectors.assignment_followup_cached(
        clinic_ids=clinic_ids, year=year, today=timezone.localdate()
    )
    return JsonResponse(charts.followup_chart(followup))


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    _require_economics(request)
    editable = [
        c.id
        for c in access.economics_clinics(request.user).select_related("area")
        if access.can_edit_assignment(request.user, c)
    ]
    form = CreateForm(
        request.POST, clinics=access.economics_clinics(request.user).filter(id__in=editable)
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("economics:assignments")
    with service_messages(request) as outcome:
        version = services.assignment_create(
            clinic=form.cleaned_data["klinik"], year=form.cleaned_data["ar"], user=request.user
        )
    if outcome.ok:
        messages.success(request, _("Uppdraget är skapat som utkast från den fastställda planen."))
        return redirect("economics:assignment", version_id=version.pk)
    return redirect(f"{reverse('economics:assignments')}?ar={form.cleaned_data['ar']}")


@login_required
def detail(request: HttpRequest, version_id: int) -> HttpResponse:
    """One version's lines, sums and status, with the actions the user may take."""
    version = _version(request, version_id)
    assignment = version.assignment
    lines = selectors.version_lines(version=version)
    versions = list(assignment.versions.order_by("-number"))
    used = {line.activity_id for line in lines}
    clinic = assignment.clinic
    can_edit = version.is_editable and access.can_edit_assignment(request.user, clinic)
    return render(
        request,
        "economics/assignment/detail.html",
        {
            "version": version,
            "assignment": assignment,
            "lines": lines,
            "points": sum(line.points for line in lines),
            "money": sum(line.money for line in lines),
            "versions": versions,
            "can_edit": can_edit,
            "can_submit": access.can_edit_assignment(request.user, clinic),
            "can_approve": access.can_approve_assignment(request.user, clinic),
            "other_activities": Activity.objects.exclude(id__in=used).order_by("sort_order", "name")
            if can_edit
            else [],
            "status_changes": version.status_changes.select_related("user", "version").order_by(
                "at"
            ),
            "api_url": reverse("economics-api:assignment-detail", args=[version.pk]),
        },
    )


@login_required
@require_POST
def save(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    revision = request.POST.get("revision", "")
    with service_messages(request) as outcome:
        try:
            mix = selectors.case_mix(
                clinic_id=version.assignment.clinic_id, year=version.assignment.year - 1
            )
            services.assignment_save_lines(
                version=version,
                user=request.user,
                based_on_revision=int(revision) if revision.isdigit() else -1,
                lines=parse_lines(request.POST, case_mix=mix),
            )
        except PlanConflict:
            raise ValidationError(
                _(
                    "Uppdraget har sparats av någon annan under tiden. Ingenting ändrades; försök igen."
                )
            ) from None
    if outcome.ok:
        messages.success(request, _("Uppdraget är sparat."))
    return redirect("economics:assignment", version_id=version.pk)


@login_required
@require_POST
def status_action(request: HttpRequest, version_id: int, action: str) -> HttpResponse:
    """Submit, approve or reopen a version from the page's buttons."""
    version = _version(request, version_id)
    done = {
        "skicka-in": _("Uppdraget är inskickat för fastställelse."),
        "faststall": _("Uppdraget är fastställt och gäller nu för uppföljningen."),
        "oppna": _("Uppdraget är öppnat igen."),
    }
    if action not in done:
        raise Http404
    target = version
    with service_messages(request) as outcome:
        if action == "skicka-in":
            services.assignment_submit(version=version, user=request.user)
        elif action == "faststall":
            services.assignment_approve(version=version, user=request.user)
        else:
            target = services.assignment_reopen(
                version=version, user=request.user, reason=request.POST.get("reason", "")
            )
    if outcome.ok:
        messages.success(request, done[action])
    return redirect("economics:assignment", version_id=target.pk)


@login_required
def excel_export(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    assignment = version.assignment
    name = f"produktionsuppdrag-{slugify(assignment.clinic.code)}-{assignment.year}-v{version.number}.xlsx"
    return attachment(excel.assignment_workbook(version=version), name)
