"""Imports whose process died: found within minutes, marked failed with the reason, and retried.

While it imports, a process holds a PostgreSQL session advisory lock named after
its run. The database releases it the moment that process's connection drops,
however the process ended (SIGKILL, out of memory, a lost host). The watchdog
asks for each running run's lock on a connection of its own: if it gets it,
nobody is importing that run any more. Its data transaction never committed, so
nothing of the file is in the facts; the run is marked failed and the drop
folder is imported again at once, which brings the file in.

On SQLite (embedded, one process) there is no such lock; a run still running
after ``EMBEDDED_STALE_AFTER`` is taken to be dead, as before.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from .locks import _key
from .models import ImportRun, RunStatus

# A run is looked at only after this long, so one created a moment ago, whose process is
# just about to take its lock, is never mistaken for a dead one.
GRACE = timedelta(minutes=1)
EMBEDDED_STALE_AFTER = timedelta(hours=6)


def _lock_name(run_id: int) -> str:
    return f"import-run:{run_id}"


def _postgresql() -> bool:
    return connections["default"].vendor == "postgresql"


def run_claim(*, run_id: int) -> None:
    """Mark the run as being imported by this process, for as long as its connection lives."""
    if _postgresql():
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_key(_lock_name(run_id))])


def run_release(*, run_id: int) -> None:
    if _postgresql():
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(_lock_name(run_id))])


def import_runs_fail_abandoned() -> list[int]:
    """Mark running runs whose process has died as failed with the reason; returns their ids."""
    running = ImportRun.objects.filter(status=RunStatus.RUNNING)
    if not _postgresql():
        dead = list(
            running.filter(started_at__lt=timezone.now() - EMBEDDED_STALE_AFTER).values_list(
                "id", flat=True
            )
        )
    else:
        candidates = list(
            running.filter(started_at__lt=timezone.now() - GRACE).values_list("id", flat=True)
        )
        dead = [run_id for run_id in candidates if _abandoned(run_id)] if candidates else []
    ImportRun.objects.filter(id__in=dead, status=RunStatus.RUNNING).update(
        status=RunStatus.FAILED,
        finished_at=timezone.now(),
        message=_(
            "Importen avbröts: processen som importerade filen stoppades innan den var klar (till exempel "
            "en worker som dödades). Inget ändrades. En fil från den nattliga mappen importeras om "
            "automatiskt; en uppladdad fil laddas upp igen."
        ),
    )
    return dead


def _abandoned(run_id: int) -> bool:
    """Whether nobody holds the run's lock: asked on a connection of our own, since a session
    that holds a lock is granted it again."""
    connection = connections.create_connection("default")
    try:
        with connection.cursor() as cursor:
            key = _key(_lock_name(run_id))
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            free = bool(cursor.fetchone()[0])
            if free:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            return free
    finally:
        connection.close()
