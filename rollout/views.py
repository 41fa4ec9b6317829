"""Pages for the KPS programme: the overview for Qulturum, each clinic's programme, the Excel export.

Views parse input and call a selector or a service; bad input ends in a
Swedish message on the same page, never in an error page.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisation import access
from organisation.models import Clinic

from . import charts, evidence, export, selectors, services
from .forms import ProgrammeForm, RoleForm, StepForm, form_errors
from .models import ProgrammeRole, Step

YEARS = range(2000, 2101)


def requested_year(request: HttpRequest, today: date) -> int:
    """The year asked for in ``?ar=``, or this year with a message when it is not a year."""
    raw = request.GET.get("ar", "").strip()
    if not raw:
        return selectors.current_year(today)
    if raw.isdigit() and int(raw) in YEARS:
        return int(raw)
    messages.error(
        request,
        _("”%(value)s” är inget år; visar %(year)s.")
        % {"value": raw[:20], "year": selectors.current_year(today)},
    )
    return selectors.current_year(today)


def requested_source(request: HttpRequest) -> str:
    """The outcome source asked for in ``?kalla=``, as in follow-up; its default with a message otherwise."""
    raw = request.GET.get("kalla", "").strip()
    if not raw or raw in dict(evidence.SOURCES):
        return raw or evidence.DEFAULT_SOURCE
    messages.error(
        request,
        _("Källan ”%(value)s” finns inte; välj COSMIC eller Diver.") % {"value": raw[:20]},
    )
    return evidence.DEFAULT_SOURCE


@login_required
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = requested_year(request, today)
    source = requested_source(request)
    rows = selectors.rollout_rows(user=request.user, today=today)
    return render(
        request,
        "rollout/index.html",
        {
            "rows": rows,
            "late": [row for row in rows if row.is_late],
            "summary": selectors.rollout_summary(rows=rows),
            "indicators": selectors.rollout_indicators(
                user=request.user, year=year, today=today, source=source
            ),
            "sources": evidence.SOURCES,
            "year": year,
            "years": [year - 1, year, year + 1],
            "this_year": selectors.current_year(today),
            "today": today,
            "call_in_weeks": evidence.CALL_IN_WEEKS,
            "missing_sources": evidence.missing_sources(),
            "can_edit": access.can_edit_rollout(request.user),
            "timeline_url": reverse("rollout-timeline-list"),
            "chart_height": charts.timeline_height(sum(1 for row in rows if row.programme_id)),
        },
    )


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = requested_year(request, today)
    rows = selectors.rollout_rows(user=request.user, today=today)
    indicators = selectors.rollout_indicators(
        user=request.user, year=year, today=today, source=requested_source(request)
    )
    content = export.rollout_workbook(rows=rows, indicators=indicators, today=today)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="kps-inforande-{year}-{today:%Y%m%d}.xlsx"'
    )
    return response


def _clinic(request: HttpRequest, clinic_id: int) -> Clinic:
    return get_object_or_404(
        access.visible_clinics(request.user).select_related("area"), pk=clinic_id
    )


@login_required
def clinic(request: HttpRequest, clinic_id: int) -> HttpResponse:
    clinic = _clinic(request, clinic_id)
    detail = selectors.programme_detail(
        clinic=clinic, today=timezone.localdate(), source=requested_source(request)
    )
    programme = detail["programme"]
    initial = (
        {name: getattr(programme, name) for name in services.PROGRAMME_FIELDS} if programme else {}
    )
    return render(
        request,
        "rollout/clinic.html",
        {
            "clinic": clinic,
            **detail,
            "can_edit": access.can_edit_rollout(request.user),
            "programme_form": ProgrammeForm(
                initial=initial or {"decision_date": timezone.localdate()}
            ),
            "role_form": RoleForm(),
            "plan_step": Step.FIRST_PLAN_APPROVED,
            "call_in_step": Step.CALL_IN_STARTED,
            "completed_step": Step.COMPLETED,
            "call_in_weeks": evidence.CALL_IN_WEEKS,
            "sources": evidence.SOURCES,
        },
    )


def _editable_clinic(request: HttpRequest, clinic_id: int) -> Clinic:
    clinic = _clinic(request, clinic_id)
    if not access.can_edit_rollout(request.user):
        raise PermissionDenied(_("Endast Qulturum och administratörer ändrar införandet."))
    return clinic


def _posted(form, request: HttpRequest, names) -> dict:
    """The cleaned values of the fields the request actually sent, so a left-out field stays as it is."""
    return {name: form.cleaned_data[name] for name in names if name in request.POST}


def _back(clinic: Clinic, anchor: str = "") -> HttpResponse:
    return redirect(reverse("rollout:clinic", args=[clinic.pk]) + (f"#{anchor}" if anchor else ""))


@require_POST
@login_required
def programme_save(request: HttpRequest, clinic_id: int) -> HttpResponse:
    clinic = _editable_clinic(request, clinic_id)
    form = ProgrammeForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return _back(clinic, "program")
    values = _posted(form, request, services.PROGRAMME_FIELDS)
    try:
        programme = getattr(clinic, "programme", None)
        if programme is None:
            values = {k: v for k, v in values.items() if v not in (None, "")}
            services.programme_create(user=request.user, clinic=clinic, **values)
            messages.success(
                request, _("%(clinic)s är nu med i KPS-programmet.") % {"clinic": clinic.name}
            )
        else:
            services.programme_update(user=request.user, programme=programme, **values)
            messages.success(request, _("Programmet är sparat."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(clinic, "program")


@require_POST
@login_required
def step_save(request: HttpRequest, clinic_id: int, kind: int) -> HttpResponse:
    clinic = _editable_clinic(request, clinic_id)
    programme = getattr(clinic, "programme", None)
    form = StepForm(request.POST)
    if programme is None:
        messages.error(request, _("Kliniken är inte med i KPS-programmet än."))
    elif not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        try:
            step = services.programme_step_update(
                user=request.user,
                programme=programme,
                kind=kind,
                **_posted(form, request, ("due", "done_on", "notes")),
            )
            messages.success(request, _("%(step)s är sparat.") % {"step": step.get_kind_display()})
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return _back(clinic, "steg")


@require_POST
@login_required
def role_add(request: HttpRequest, clinic_id: int) -> HttpResponse:
    clinic = _editable_clinic(request, clinic_id)
    programme = getattr(clinic, "programme", None)
    form = RoleForm(request.POST)
    if programme is None:
        messages.error(request, _("Kliniken är inte med i KPS-programmet än."))
    elif not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        try:
            role = services.programme_role_add(
                user=request.user, programme=programme, **form.cleaned_data
            )
            messages.success(
                request,
                _("%(name)s är tillagd som %(role)s.")
                % {"name": role.name, "role": role.get_role_display()},
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return _back(clinic, "roller")


@require_POST
@login_required
def role_remove(request: HttpRequest, clinic_id: int, role_id: int) -> HttpResponse:
    clinic = _editable_clinic(request, clinic_id)
    role = ProgrammeRole.objects.filter(pk=role_id, programme__clinic=clinic).first()
    if role is None:
        messages.error(request, _("Rollen finns inte längre."))
    else:
        services.programme_role_remove(user=request.user, role=role)
        messages.success(request, _("%(name)s är borttagen.") % {"name": role.name})
    return _back(clinic, "roller")
