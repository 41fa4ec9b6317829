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

from facts.selectors.outcome import outcome_source
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
    source = outcome_source(raw)
    if source is not None:
        return source
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


STEP_FIELDS = ("due", "done_on", "notes")


def _step_prefix(kind: int) -> str:
    return f"steg-{kind}"


def _shown_steps(steps, forms: dict | None) -> None:
    """What each row's inputs show: the stored values, or after a refused save what was sent.

    A row whose sent values differ from the stored ones is flagged as not saved, so nothing
    typed is lost without a word.
    """
    for step in steps:
        stored = {
            "due": step.due.isoformat() if step.due else "",
            "done_on": step.done_on.isoformat() if step.done_on else "",
            "notes": step.notes,
        }
        form = (forms or {}).get(step.kind)
        sent = {
            name: form.data.get(form.add_prefix(name), stored[name]) if form else stored[name]
            for name in STEP_FIELDS
        }
        step.shown = sent
        step.unsaved = sent != stored


def _clinic_page(request: HttpRequest, clinic: Clinic, step_forms: dict | None = None):
    detail = selectors.programme_detail(
        clinic=clinic, today=timezone.localdate(), source=requested_source(request)
    )
    programme = detail["programme"]
    _shown_steps(detail["steps"], step_forms)
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


@login_required
def clinic(request: HttpRequest, clinic_id: int) -> HttpResponse:
    return _clinic_page(request, _clinic(request, clinic_id))


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
def steps_save(request: HttpRequest, clinic_id: int) -> HttpResponse:
    """Save the step table with one button: every row's changes, or on a refusal none, kept on the page."""
    clinic = _editable_clinic(request, clinic_id)
    programme = getattr(clinic, "programme", None)
    if programme is None:
        messages.error(request, _("Kliniken är inte med i KPS-programmet än."))
        return _back(clinic, "steg")
    forms = {
        step.kind: StepForm(request.POST, prefix=_step_prefix(step.kind))
        for step in programme.steps.all()
    }
    invalid = [
        f"{Step(kind).label}: {form_errors(form)}"
        for kind, form in forms.items()
        if not form.is_valid()
    ]
    if invalid:
        messages.error(request, " ".join(invalid))
        return _clinic_page(request, clinic, forms)
    values = {
        kind: {
            name: form.cleaned_data[name]
            for name in STEP_FIELDS
            if form.add_prefix(name) in request.POST
        }
        for kind, form in forms.items()
    }
    try:
        saved = services.programme_steps_update(
            user=request.user, programme=programme, values=values
        )
    except ValidationError as error:
        messages.error(
            request, _("Inget av stegen är sparat. %(why)s") % {"why": " ".join(error.messages)}
        )
        return _clinic_page(request, clinic, forms)
    if len(saved) == 1:
        messages.success(request, _("%(step)s är sparat.") % {"step": saved[0].get_kind_display()})
    elif saved:
        names = ", ".join(step.get_kind_display() for step in saved)
        messages.success(request, _("%(steps)s är sparade.") % {"steps": names})
    else:
        messages.info(request, _("Inga ändringar i stegen."))
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
