"""What the log pages build on: freshness per kind, held-row groups, runs left behind by a dead worker."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from imports.models import ImportRun, RunStatus
from imports.selectors import held_row_summary, import_freshness, import_run_list
from imports.services import import_file
from imports.watchdog import import_runs_fail_abandoned
from tests.imports.conftest import lines


def test_freshness_is_the_newest_successful_extract_per_kind_and_source(units, write):
    import_file(path=write("kontakter_cosmic_20260110.csv", lines("K1;2026-01-05;C100;;1;BESOK;LAK;;GENOMFORD;;;;;")),
                started_by="t")
    import_file(path=write("kontakter_cosmic_20260112.csv", lines("K2;2026-01-05;C100;;1;BESOK;LAK;;GENOMFORD;;;;;")),
                started_by="t")
    import_file(path=write("kontakter_cosmic_20260115.csv", "trasig"), started_by="t")  # refused: not fresh

    fresh = import_freshness()

    assert fresh[("kontakter", "cosmic")]["extract_date"] == date(2026, 1, 12)
    assert [r.status for r in import_run_list(status=RunStatus.REFUSED)] == [RunStatus.REFUSED]


def test_held_rows_are_summarised_by_what_to_map(units, write):
    import_file(path=write("kontakter_cosmic_20260110.csv", lines(
        "K1;2026-01-05;C998;;1;BESOK;LAK;;GENOMFORD;;;;;", "K2;2026-01-05;C998;;1;BESOK;LAK;;GENOMFORD;;;;;",
        "K3;2026-01-05;C997;;1;BESOK;LAK;;GENOMFORD;;;;;")), started_by="t")

    assert [(g["code"], g["rows"]) for g in held_row_summary()] == [("C998", 2), ("C997", 1)]


def test_embedded_runs_left_running_for_hours_are_marked_failed(db):
    old = ImportRun.objects.create(file_name="a.csv", checksum="x", started_by="t", status=RunStatus.RUNNING)
    ImportRun.objects.filter(pk=old.pk).update(started_at=timezone.now() - timedelta(hours=7))
    recent = ImportRun.objects.create(file_name="b.csv", checksum="y", started_by="t", status=RunStatus.RUNNING)

    assert import_runs_fail_abandoned() == [old.pk]

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, recent.status) == (RunStatus.FAILED, RunStatus.RUNNING)
    assert "avbröts" in old.message
