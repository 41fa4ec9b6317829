"""What a newcomer's console shows while the demo builds: a line per stage, not the log's noise."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from demo.management.commands.kps_demo import _Progress
from waitlists.tasks import summarise_waiting_lists

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.skipif(
    bool(os.environ.get("REDIS_URL")),
    reason="the embedded default's logging, decided at start-up without REDIS_URL (the SQLite pass)",
)
def test_a_task_run_in_process_logs_nothing_when_it_succeeds(caplog, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER  # embedded, as the demo runs
    with caplog.at_level(logging.INFO):
        summarise_waiting_lists.delay()
    # Neither celery's "Task … succeeded" (80 of them in a demo build) nor kombu's warning
    # that the in-memory broker names no host.
    assert [r.getMessage() for r in caplog.records if r.name.startswith(("celery", "kombu"))] == []


def test_the_embedded_database_draws_no_system_check_warnings(tmp_path):
    # SQLite lacks two PostgreSQL speed-ups; every command used to print that as warnings.
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--database", "default"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "KPS_VAR_DIR": str(tmp_path), "KPS_LOG_LEVEL": "WARNING"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNINGS" not in done.stderr + done.stdout
    assert "System check identified no issues (2 silenced)" in done.stdout


def test_the_import_stage_reports_each_quarter_of_the_files_once():
    lines: list[str] = []
    progress = _Progress(8, began=0.0, say=lines.append)
    for n in range(8):
        progress.write(f'{{"file": "f{n}.csv", "status": "succeeded"}}\n')
    assert [line.split(" (")[0] for line in lines] == [
        "  2 av 8 filer",
        "  4 av 8 filer",
        "  6 av 8 filer",
    ]
    # The reports themselves are kept, for --verbosity 2 and a refused file.
    assert progress.getvalue().count("\n") == 8
