"""Reads of the import pipeline: pending drop-folder files and the log."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db.models import QuerySet

from .models import SUCCESSFUL, ImportRun, RunStatus
from .parsing import EXCEL_EXTENSIONS, TEXT_EXTENSIONS, file_checksum, parse_file_name


def drop_folder_pending(*, folder: Path) -> list[Path]:
    """Files in the folder not yet imported (by checksum), oldest extract date first, then by name."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    files = [
        p
        for p in folder.iterdir()
        if p.is_file()
        and not p.name.startswith(".")
        and p.suffix.lower() in TEXT_EXTENSIONS | EXCEL_EXTENSIONS
    ]
    done = set(
        ImportRun.objects.filter(status__in=SUCCESSFUL + (RunStatus.UNCHANGED,)).values_list(
            "checksum", flat=True
        )
    )
    pending = [p for p in files if file_checksum(p) not in done]
    return sorted(pending, key=lambda p: (parse_file_name(p.name).extract_date or date.min, p.name))


def successful_runs() -> QuerySet[ImportRun]:
    """Runs that brought their file in: the import log as the facts' record of delivery."""
    return ImportRun.objects.filter(status__in=SUCCESSFUL)


def import_run_list(*, kind: str | None = None, status: str | None = None) -> QuerySet[ImportRun]:
    runs = ImportRun.objects.all()
    if kind:
        runs = runs.filter(kind=kind)
    if status:
        runs = runs.filter(status=status)
    return runs.order_by("-started_at", "-id")
