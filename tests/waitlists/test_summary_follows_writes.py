"""The waiting-list summary follows every write that changes the snapshots, when it commits: an
imported file, the same day imported again, held rows brought in after their unit is mapped.
After each, the summary equals a recount from the entries; a write path that forgot to queue the
count would leave it behind and fail here."""

from datetime import date

import pytest
from celery.signals import task_prerun

from imports.models import HeldRow, RunStatus
from imports.services import held_rows_reprocess, import_file
from organisation.models import UnitSourceCode
from tests import factories
from tests.imports import conftest as imports
from waitlists.models import WaitingSummary
from waitlists.services import waiting_summary_sync

pytestmark = pytest.mark.django_db
units, write = imports.units, imports.write  # the import tests' coded units and file writer

HEADER = "matdatum;vantande_id;enhet_kod;fas;kva_kod;beslut_datum\n"
MARCH_2, MARCH_9 = date(2026, 3, 2), date(2026, 3, 9)


def summary() -> list[tuple]:
    fields = [f.name for f in WaitingSummary._meta.concrete_fields if f.name != "id"]
    return sorted(WaitingSummary.objects.values_list(*fields))


def assert_summary_is_fresh() -> None:
    """The summary as the writes left it equals the one counted anew from the entries."""
    as_left = summary()
    waiting_summary_sync(rebuild=True)
    assert as_left == summary()


def waiting(patient: str, day: date, unit_code: str = "C100", decided: str = "2025-12-01") -> str:
    return f"{day.isoformat()};{patient};{unit_code};1;NFB49;{decided}\n"


def test_an_imported_snapshot_is_counted_when_the_import_commits(
    units, write, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = import_file(path=write("vantande_cosmic_20260302.csv", HEADER + waiting("V1", MARCH_2)
                                     + waiting("V2", MARCH_2, "C200")), started_by="t")  # fmt: skip
    assert run.status == RunStatus.OK
    assert {row[0] for row in summary()} == {MARCH_2}
    assert_summary_is_fresh()


def test_a_day_imported_again_is_counted_anew(units, write, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_file(
            path=write("vantande_cosmic_20260302.csv", HEADER + waiting("V1", MARCH_2)),
            started_by="t",
        )
        import_file(
            path=write("vantande_cosmic_20260309.csv", HEADER + waiting("V1", MARCH_9)),
            started_by="t",
        )
    before = WaitingSummary.objects.get(snapshot_date=MARCH_2)
    with django_capture_on_commit_callbacks(execute=True):
        import_file(path=write("vantande_cosmic_20260302_b.csv", HEADER + waiting("V3", MARCH_2, "C200")
                               + waiting("V4", MARCH_2, "C200", "2025-10-01")), started_by="t")  # fmt: skip
    replaced = WaitingSummary.objects.get(snapshot_date=MARCH_2)
    assert (before.unit, replaced.unit, replaced.waiting) == (units["C100"], units["C200"], 2)
    assert_summary_is_fresh()


def test_held_rows_brought_in_are_counted_when_they_commit(
    units, write, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = import_file(path=write("vantande_cosmic_20260302.csv", HEADER + waiting("V1", MARCH_2)
                                     + waiting("V2", MARCH_2, "C999")), started_by="t")  # fmt: skip
    assert run.rows_held == 1 and HeldRow.objects.count() == 1
    assert sum(row.waiting for row in WaitingSummary.objects.all()) == 1

    UnitSourceCode.objects.create(unit=units["C200"], source="cosmic", code="C999")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert held_rows_reprocess().imported == 1
    assert len(factories.app_callbacks(callbacks)) == 1
    assert WaitingSummary.objects.get(unit=units["C200"], snapshot_date=MARCH_2).waiting == 1
    assert_summary_is_fresh()


def test_held_rows_of_other_kinds_queue_no_count(units, write, django_capture_on_commit_callbacks):
    header = "remiss_id;ankomst_datum;enhet_kod;fas;kva_kod;prioritet;status\n"
    import_file(path=write("remisser_cosmic_20260105.csv", header + "R1;2026-01-05;C999;1;;3;MOTTAGEN\n"),
                started_by="t")  # fmt: skip
    UnitSourceCode.objects.create(unit=units["C200"], source="cosmic", code="C999")
    started = []

    def record(sender=None, **kwargs):
        started.append(sender.name)

    task_prerun.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert held_rows_reprocess().imported == 1
    finally:
        task_prerun.disconnect(record)
    # The pipeline announces every kind's new facts; only a snapshot makes the summary count.
    assert "waitlists.tasks.summarise_waiting_lists" not in started
