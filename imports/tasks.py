"""Celery tasks of the import: they take paths, never model instances, and only call services."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from . import services, watchdog
from .locks import import_lock
from .models import ImportRun
from .selectors import drop_folder_pending
from .uploads import upload_discard, uploads_sweep

NIGHTLY = "nattlig import"


@shared_task(name="imports.tasks.import_file_task")
def import_file_task(
    path: str,
    kind: str | None = None,
    source: str | None = None,
    started_by: str = NIGHTLY,
    file_name: str | None = None,
    uploaded: bool = False,
) -> int:
    """Import one file; returns the ImportRun id. An upload is deleted when its import ends."""
    try:
        run = services.import_file(
            path=path, kind=kind, source=source, started_by=started_by, file_name=file_name
        )
    finally:
        if uploaded:
            upload_discard(path=path)
    return run.pk


@shared_task(name="imports.tasks.import_drop_folder")
def import_drop_folder() -> list[int]:
    """The nightly import: new files in the drop folder, oldest extract first, each in its own run."""
    # A second run at the same time would import the same pending files beside the first.
    with import_lock("drop-folder") as held:
        if not held:
            return []
        return [
            services.import_file(path=path, started_by=NIGHTLY).pk
            for path in drop_folder_pending(folder=settings.KPS_DROP_FOLDER)
        ]


@shared_task(name="imports.tasks.fail_stale_runs")
def fail_stale_runs() -> int:
    """Mark imports whose process died mid-file as failed, so the log and the freshness banner say so,
    and import the drop folder again at once so their files come in without anyone uploading them."""
    dead = watchdog.import_runs_fail_abandoned()
    if ImportRun.objects.filter(id__in=dead, started_by=NIGHTLY).exists():
        import_drop_folder()
    return len(dead)


@shared_task(name="imports.tasks.sweep_uploads")
def sweep_uploads() -> int:
    """Remove uploads an import never finished with: they hold identity numbers in clear text."""
    return uploads_sweep()
