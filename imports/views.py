"""The import's pages: the log, a run's rejected rows, upload, data quality, reconciliation.

Thin: reads come from ``reports``, writes go through ``services`` (or its Celery task).
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST
from kombu.exceptions import KombuError

from kps import formatting
from organisation import access
from organisation.audit import person_data_access_record

from . import registry, reports, services, tasks
from .forms import ReconciliationFilterForm, UploadForm
from .models import HoldReason, ImportRun, RunStatus
from .uploads import upload_discard, upload_store, uploads_sweep

STATUS_BADGE = {
    RunStatus.OK: "green",
    RunStatus.PARTIAL: "yellow",
    RunStatus.REFUSED: "red",
    RunStatus.FAILED: "red",
}
# Labels for what the importer notes in ImportRun.info; other keys are shown as they are.
INFO_LABELS = {
    "unknown_columns": gettext_lazy("Okända kolumner (ignorerades)"),
    "container": gettext_lazy("Filformat"),
    "encoding": gettext_lazy("Teckenkodning"),
    "delimiter": gettext_lazy("Avgränsare"),
    "snapshot_date": gettext_lazy("Mätdatum"),
}
DELIMITER_NAMES = {"\t": "TAB", ";": ";", ",": ","}
RUNS_PER_PAGE = 50
logger = logging.getLogger(__name__)
REJECTED_ROWS_SHOWN = 1000
RECONCILIATION_ROWS_SHOWN = 200


def _require_log_reader(request: HttpRequest) -> None:
    if not reports.can_view_import_log(request.user):
        raise PermissionDenied(_("Importloggen visas för administratörer, Qulturum och chefer."))


def _with_badges(runs):
    for run in runs:
        run.shown_name = reports.shown(run.file_name)
        run.badge = STATUS_BADGE.get(run.status, "")
        run.duration = reports.import_run_duration(run)
    return runs


def _nightly_kinds() -> str:
    """The kinds the nightly import delivers, shown with their freshness above the log."""
    return ",".join(name for name, spec in registry.specs().items() if spec.nightly)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The import log; a KPS leader gets the freshness and the reconciliation link only."""
    if not reports.can_view_import_log(request.user):
        return render(
            request,
            "imports/index.html",
            {"can_view_log": False, "nightly_kinds": _nightly_kinds()},
        )
    filters = {
        "kind": request.GET.get("kind", "") if request.GET.get("kind") in registry.names() else "",
        "source": request.GET.get("source", "").strip()[:30],
        "status": request.GET.get("status", "")
        if request.GET.get("status") in RunStatus.values
        else "",
    }
    runs = reports.import_run_list(user=request.user, **filters)
    page = Paginator(runs, RUNS_PER_PAGE).get_page(request.GET.get("page"))
    _with_badges(page.object_list)
    return render(
        request,
        "imports/index.html",
        {
            "can_view_log": True,
            "can_upload": reports.can_upload(request.user),
            "page": page,
            "filters": filters,
            "kinds": registry.choices(),
            "statuses": RunStatus.choices,
            "sources": reports.import_run_sources(),
            "held_total": reports.held_row_total(),
            "nightly_kinds": _nightly_kinds(),
        },
    )


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_log_reader(request)
    run = get_object_or_404(ImportRun, pk=pk)
    _with_badges([run])
    rejected = list(run.rejected_rows.order_by("line", "id")[:REJECTED_ROWS_SHOWN])
    person_data_access_record(
        request=request, what="import:rejected_rows", subject=f"run {run.pk}", rows=len(rejected)
    )
    info = [
        (str(INFO_LABELS.get(key, key)), _info_text(key, value))
        for key, value in (run.info or {}).items()
    ]
    return render(
        request,
        "imports/run_detail.html",
        {"run": run, "rejected": rejected, "rejected_shown": REJECTED_ROWS_SHOWN, "info": info},
    )


def _info_text(key: str, value) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "–"
    if key == "delimiter":
        return DELIMITER_NAMES.get(value, str(value))
    return str(value) if value not in (None, "") else "–"


@login_required
def error_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The run's rejected rows as a file a data steward opens in Excel."""
    _require_log_reader(request)
    run = get_object_or_404(ImportRun, pk=pk)
    stem = f"avvisade_rader_{run.pk}"
    person_data_access_record(
        request=request,
        what=f"import:rejected_rows.{fmt}",
        subject=f"run {run.pk}",
        rows=run.rejected_rows.count(),
    )
    if fmt == "xlsx":
        response = HttpResponse(
            reports.error_report_xlsx(run=run),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            reports.error_report_csv(run=run), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def _report_run(request: HttpRequest, run: ImportRun) -> None:
    name = reports.shown(run.file_name)
    if run.status in (RunStatus.REFUSED, RunStatus.FAILED):
        messages.error(
            request,
            _("%(name)s importerades inte: %(message)s") % {"name": name, "message": run.message},
        )
    elif run.status == RunStatus.UNCHANGED:
        messages.info(request, _("%(name)s var redan importerad; inget ändrades.") % {"name": name})
    else:
        # Each count agrees with its own number: "1 rad läst, 1 godkänd", "2 rader lästa, 2 godkända".
        parts = [
            ngettext("%(n)s rad läst", "%(n)s rader lästa", run.rows_read) % {"n": run.rows_read},
            ngettext("%(n)s godkänd", "%(n)s godkända", run.rows_accepted)
            % {"n": run.rows_accepted},
            ngettext("%(n)s avvisad", "%(n)s avvisade", run.rows_rejected)
            % {"n": run.rows_rejected},
            ngettext("%(n)s vilande", "%(n)s vilande", run.rows_held) % {"n": run.rows_held},
        ]
        text = _("%(name)s: %(counts)s.") % {"name": name, "counts": ", ".join(parts)}
        level = messages.WARNING if run.rows_rejected or run.rows_held else messages.SUCCESS
        messages.add_message(request, level, text)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    if not reports.can_upload(request.user):
        raise PermissionDenied(_("Bara administratörer kan ladda upp filer."))
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        options = {
            "kind": form.cleaned_data["kind"] or None,
            "source": form.cleaned_data["source"] or None,
            "started_by": request.user.get_username(),
        }
        uploads_sweep()
        stored = [upload_store(upload=upload) for upload in form.cleaned_data["files"]]
        if settings.CELERY_TASK_ALWAYS_EAGER:
            runs = [_import_now(path, name, options) for path, name in stored]
            for run in runs:
                _report_run(request, run)
            if len(runs) == 1:
                return redirect("imports:run", pk=runs[0].pk)
        else:
            unavailable = _dispatch(stored, options)
            if unavailable:
                messages.error(
                    request,
                    ngettext(
                        "Bakgrundsimporten är inte tillgänglig just nu (kön svarar inte). %(n)d fil importerades "
                        "inte och sparades inte. Försök igen om en stund eller kontakta driften.",
                        "Bakgrundsimporten är inte tillgänglig just nu (kön svarar inte). %(n)d filer importerades "
                        "inte och sparades inte. Försök igen om en stund eller kontakta driften.",
                        unavailable,
                    )
                    % {"n": unavailable},
                )
                return redirect("imports:upload")
            messages.info(
                request,
                ngettext(
                    "%(n)d fil lämnades till importen. Den syns i loggen när den är klar.",
                    "%(n)d filer lämnades till importen. De syns i loggen när de är klara.",
                    len(stored),
                )
                % {"n": len(stored)},
            )
        return redirect("imports:index")
    return render(request, "imports/upload.html", {"form": form})


def _import_now(path: Path, name: str, options: dict) -> ImportRun:
    try:
        return services.import_file(path=path, file_name=name, **options)
    finally:
        upload_discard(path=path)


def _dispatch(stored: list[tuple[Path, str]], options: dict) -> int:
    """Hand the uploads to the workers; returns how many could not be, which are deleted.

    Nothing is written before a worker starts, so there is no commit to wait for. With the
    broker down the user is told at once, and the file is not kept: an upload holds identity
    numbers, and one nobody will import must not wait on disk. It is not imported here
    instead, because a large extract would hold a web worker for minutes.
    """
    failed = 0
    for path, name in stored:
        try:
            tasks.import_file_task.delay(path=str(path), file_name=name, uploaded=True, **options)
        except KombuError:
            logger.warning(
                "The broker is unavailable; upload %s was not handed to a worker", path.parent.name
            )
            upload_discard(path=path)
            failed += 1
    return failed


def _mapping_admin_url(group: reports.HeldGroup) -> str:
    """The admin's add form for the mapping a group waits for, filled in with its code."""
    if group.reason == HoldReason.UNIT:
        name, initial = "unitsourcecode", {"source": group.source, "code": group.code}
    elif group.reason == HoldReason.ACTIVITY:
        name, initial = "contactactivityrule", group.combination
    elif group.reason == HoldReason.MEASURE:
        name, initial = "measuremapping", {"measure": group.code}
    else:
        return ""
    return f"{reverse(f'admin:organisation_{name}_add')}?{urlencode(initial)}"


@login_required
def data_quality(request: HttpRequest) -> HttpResponse:
    _require_log_reader(request)
    groups = reports.held_row_groups()
    can_reprocess = reports.can_upload(request.user)
    return render(
        request,
        "imports/data_quality.html",
        {
            "rows": [(g, _mapping_admin_url(g) if can_reprocess else "") for g in groups],
            "held_total": sum(g.rows for g in groups),
            "can_reprocess": can_reprocess,
        },
    )


@login_required
@require_POST
def reprocess(request: HttpRequest) -> HttpResponse:
    """Runs held rows again after an administrator has added the mappings they waited for."""
    if not reports.can_upload(request.user):
        raise PermissionDenied(_("Bara administratörer kan bearbeta om vilande rader."))
    result = services.held_rows_reprocess()
    loaded, after = result.imported, result.still_held
    messages.success(
        request,
        ngettext(
            "%(loaded)d vilande rad lästes in; %(left)d vilar fortfarande.",
            "%(loaded)d vilande rader lästes in; %(left)d vilar fortfarande.",
            loaded,
        )
        % {"loaded": loaded, "left": after},
    )
    return redirect("imports:data_quality")


@login_required
def reconciliation(request: HttpRequest) -> HttpResponse:
    """COSMIC against Diver for the clinics the user may see."""
    clinics = access.visible_clinics(request.user).order_by("name")
    form = ReconciliationFilterForm(request.GET or None, clinics=clinics)
    rows, missing = [], []
    if not request.GET or form.is_valid():
        data = form.cleaned_data if request.GET else {}
        clinic = data.get("clinic")
        scope = {
            "user": request.user,
            "clinic_id": clinic.pk if clinic else None,
            "week_from": data.get("week_from"),
            "week_to": data.get("week_to"),
        }
        rows = list(
            reports.outcome_reconciliation(**scope, order=data.get("order") or "abs")[
                :RECONCILIATION_ROWS_SHOWN
            ]
        )
        missing = list(reports.outcome_reconciliation_missing(**scope)[:RECONCILIATION_ROWS_SHOWN])
        for row in (*rows, *missing):
            row["week_label"] = formatting.week(row["week"])
    return render(
        request,
        "imports/reconciliation.html",
        {
            "form": form,
            "rows": rows,
            "total": rows[0]["total_rows"] if rows else 0,
            "missing": missing,
            "missing_total": missing[0]["total_rows"] if missing else 0,
            "shown": RECONCILIATION_ROWS_SHOWN,
        },
    )
