"""A worker killed in the middle of a large import leaves nothing half-done; the watchdog marks the
run failed with the reason and imports the file again, without anyone uploading it.

A real ``celery worker`` process on the test database runs the nightly
drop-folder task. To kill it at the worst moment rather than a lucky one, the
test locks the run's row in the import log: the importer's last write before
it commits is marking that row finished, so when the worker waits there it has
written every contact and weekly outcome of the file inside its open
transaction. The test kills it with SIGKILL there, checks that the fact tables
hold nothing, and runs the watchdog as beat would, which must mark the run failed
and bring the file in.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import pytest
from django.db import connection, connections
from django.db.models import Sum
from django.utils import timezone

from facts.models import Contact, WeeklyOutcome
from imports import tasks
from imports.models import HeldRow, ImportRun, RejectedRow, RunStatus
from imports.watchdog import GRACE, import_runs_fail_abandoned
from tests import factories
from tests.imports_web.extracts import KONTAKTER_COLUMNS, map_units, seed_mappings

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# More than one 50 000-row chunk, so the worker has staged several before it merges.
ROWS = 60_000
FIRST_DAY = date(2026, 1, 5)


def write_big_extract(path, unit_codes: list[str], rows: int) -> None:
    """Contacts spread over units, weeks and activities, with identity numbers to pseudonymise.

    The first row is a new doctor's visit in the first unit on FIRST_DAY, which the test relies on.
    """
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        out.write(";".join(KONTAKTER_COLUMNS) + "\n")
        for n in range(rows):
            day = FIRST_DAY + timedelta(days=rng.randrange(70)) if n else FIRST_DAY
            unit = rng.choice(unit_codes) if n else unit_codes[0]
            fas = rng.choice((1, 4, 2)) if n else 1
            identity = f"19{rng.randrange(40, 99)}0101{rng.randrange(1000, 9999)}"
            out.write(f"K{n};{day:%Y-%m-%d};{unit};{identity};{fas};BESOK;LAK;;GENOMFORD;;;;;\n")


def other_sessions(condition: str = "true") -> set[int]:
    """The process ids of other sessions on the test database that meet the SQL condition."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity "
            f"WHERE datname = current_database() AND pid <> pg_backend_pid() AND {condition}"
        )
        return {row[0] for row in cursor.fetchall()}


def wait_for(condition, *, seconds: float, what: str, worker, alive: bool = True) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline or (alive and worker.process.poll() is not None):
            pytest.fail(
                f"gave up waiting for {what}; worker log:\n{worker.output()}", pytrace=False
            )
        time.sleep(0.05)


def lock_run_row(run_id: int):
    """A second connection holding the run's log row locked, in a transaction left open."""
    blocker = connections.create_connection("default")
    blocker.set_autocommit(False)
    with blocker.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {ImportRun._meta.db_table} WHERE id = %s FOR UPDATE", [run_id]
        )
    return blocker


def test_a_worker_killed_mid_import_leaves_no_partial_facts_is_marked_failed_and_its_file_is_imported_again(
    start_worker, tmp_path, settings
):
    seed_mappings()
    org = factories.make_org()
    units = map_units(org.units)
    drop = tmp_path / "drop"
    drop.mkdir()
    settings.KPS_DROP_FOLDER = (
        drop  # for the rerun in this process; the worker gets it from its environment
    )
    write_big_extract(drop / "kontakter_cosmic_20260316.csv", list(units), ROWS)
    # Sessions already open (other fixtures' workers, servers) are not the killed worker's.
    earlier = other_sessions()
    worker = start_worker(KPS_DROP_FOLDER=str(drop))
    tasks.import_drop_folder.apply_async(queue=worker.queue)
    wait_for(lambda: ImportRun.objects.filter(status=RunStatus.RUNNING).exists(),
             seconds=60, what="the import run to start", worker=worker)  # fmt: skip
    # As the watchdog sees the run once its grace has passed.
    ImportRun.objects.update(started_at=timezone.now() - GRACE - timedelta(seconds=1))
    blocker = lock_run_row(ImportRun.objects.get().pk)
    try:
        wait_for(
            lambda: other_sessions(
                f"wait_event_type = 'Lock' AND query LIKE 'UPDATE %%{ImportRun._meta.db_table}%%'"
            ),
            seconds=180,
            what="the worker to finish writing and wait to mark the run done",
            worker=worker,
        )
        # A run whose worker is alive, however long it takes, is left alone.
        assert import_runs_fail_abandoned() == []
        worker.kill()
    finally:
        blocker.rollback()
        blocker.close()

    killed = ImportRun.objects.get()
    assert Contact.objects.count() == 0
    assert WeeklyOutcome.objects.count() == 0
    assert HeldRow.objects.count() == 0 and RejectedRow.objects.count() == 0
    # The log keeps the run as started and never finished: nobody was left to finish it.
    assert (killed.status, killed.finished_at) == (RunStatus.RUNNING, None)

    # The database ends the dead worker's sessions, and with them its drop-folder lock.
    wait_for(lambda: not other_sessions() - earlier, seconds=60, what="the killed worker's sessions to end",
             worker=worker, alive=False)  # fmt: skip
    # The watchdog, as beat runs it every few minutes: the dead worker's run fails with the reason,
    # and the drop folder is imported again at once.
    assert tasks.fail_stale_runs() == 1

    killed.refresh_from_db()
    assert killed.status == RunStatus.FAILED and killed.finished_at is not None
    assert (
        "processen som importerade filen stoppades" in killed.message
        and "Inget ändrades" in killed.message
    )
    run = ImportRun.objects.exclude(pk=killed.pk).get()
    assert (run.status, run.rows_read, run.rows_accepted) == (RunStatus.OK, ROWS, ROWS)
    assert Contact.objects.count() == ROWS
    assert (
        WeeklyOutcome.objects.filter(source="cosmic").aggregate(total=Sum("count"))["total"] == ROWS
    )
    assert Contact.objects.filter(unit=units["C1"], date=FIRST_DAY, contact_id="K0").exists()
