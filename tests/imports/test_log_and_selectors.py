"""What the log pages build on: runs by status, runs left behind by a dead worker."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from imports.models import ImportRun, RunStatus
from imports.selectors import import_run_list
from imports.services import import_file
from imports.watchdog import import_runs_fail_abandoned
from tests.imports.conftest import lines


def test_the_log_lists_runs_by_status(units, write):
    import_file(
        path=write(
            "kontakter_cosmic_20260110.csv",
            lines("K1;2026-01-05;C100;;1;BESOK;LAK;;GENOMFORD;;;;;"),
        ),
        started_by="t",
    )
    import_file(path=write("kontakter_cosmic_20260115.csv", "trasig"), started_by="t")

    assert [r.status for r in import_run_list(status=RunStatus.REFUSED)] == [RunStatus.REFUSED]


def test_embedded_runs_left_running_for_hours_are_marked_failed(db):
    old = ImportRun.objects.create(
        file_name="a.csv", checksum="x", started_by="t", status=RunStatus.RUNNING
    )
    ImportRun.objects.filter(pk=old.pk).update(started_at=timezone.now() - timedelta(hours=7))
    recent = ImportRun.objects.create(
        file_name="b.csv", checksum="y", started_by="t", status=RunStatus.RUNNING
    )

    assert import_runs_fail_abandoned() == [old.pk]

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, recent.status) == (RunStatus.FAILED, RunStatus.RUNNING)
    assert "avbröts" in old.message
