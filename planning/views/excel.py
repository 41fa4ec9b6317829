"""Excel export of a plan version, and import of an edited workbook with a preview before saving."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kps.downloads import attachment
from organisation import access

from .. import excel, services
from ..cells import CellEdit
from ..models import SaveSource
from .common import service_messages, visible_version

SESSION_KEY = "planning_excel_import"


@login_required
def excel_export(request: HttpRequest, version_id: int) -> HttpResponse:
    version = visible_version(request, version_id)
    plan = version.plan
    name = f"produktionsplan-{slugify(plan.clinic.code)}-{plan.year}-v{version.number}.xlsx"
    return attachment(excel.plan_workbook(version=version), name)


@login_required
def excel_import(request: HttpRequest, version_id: int) -> HttpResponse:
    """Upload → preview of what changes (or the cells that are wrong) → confirm, saved as one save."""
    version = visible_version(request, version_id)
    plan = version.plan
    if not access.can_edit_plan(request.user, plan.clinic):
        raise PermissionDenied(_("Bara klinikens KPS-ledare och administratörer kan ändra planen."))
    context = {"plan": plan, "version": version}
    if request.method == "POST" and "bekrafta" in request.POST:
        pending = request.session.get(SESSION_KEY)
        if not pending or pending.get("version") != version.id:
            messages.error(request, _("Förhandsgranskningen har gått ut. Ladda upp filen igen."))
            return redirect("planning:excel_import", version_id=version.id)
        edits = [
            CellEdit(u, a, w, None if v is None else Decimal(v)) for u, a, w, v in pending["edits"]
        ]
        with service_messages(request) as outcome:
            result = services.plan_save_cells(
                version=version,
                user=request.user,
                based_on_revision=pending["revision"],
                cells=edits,
                source=SaveSource.EXCEL,
            )
        request.session.pop(SESSION_KEY, None)
        if outcome.ok:
            messages.success(
                request, _("Importen är sparad: %(n)s celler ändrades.") % {"n": result.changed}
            )
            return redirect("planning:plan", plan_id=plan.id)
        return redirect("planning:excel_import", version_id=version.id)
    if request.method == "POST":
        upload = request.FILES.get("fil")
        if upload is None:
            messages.error(request, _("Välj en Excel-fil att ladda upp."))
            return redirect("planning:excel_import", version_id=version.id)
        if not version.is_editable:
            messages.error(request, _("Versionen är inte ett utkast och kan inte ändras."))
            return redirect("planning:excel_import", version_id=version.id)
        reading = excel.workbook_edits(
            version=version, data=upload.read(excel.MAX_UPLOAD_BYTES + 1)
        )
        context["errors"] = reading.errors
        context["refused"] = reading.refused
        if not reading.errors:
            preview = excel.preview_changes(
                version=version, edits=reading.edits, exported=reading.exported
            )
            changed_keys = {(c["unit_id"], c["activity_id"], c["week"]) for c in preview.changes}
            request.session[SESSION_KEY] = {
                "version": version.id,
                "revision": version.revision,
                "edits": [
                    [e.unit_id, e.activity_id, e.week, None if e.volume is None else str(e.volume)]
                    for e in reading.edits
                    if e.key in changed_keys
                ],
            }
            context.update(
                changes=preview.changes,
                conflicts=preview.conflicts,
                notices=reading.notices,
                stale=reading.exported_revision is not None
                and reading.exported_revision != version.revision,
                exported_revision=reading.exported_revision,
            )
    return render(request, "planning/excel_import.html", context)
