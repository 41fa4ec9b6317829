"""The nightly run: the beat entry names a real task, its time comes from the environment, one run at a time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery.schedules import crontab
from django.conf import settings

from imports import tasks
from imports.locks import import_lock
from imports.models import ImportRun
from kps.celery import app
from tests.imports_web.extracts import KONTAKTER_COLUMNS, contact, write_extract

ROOT = Path(__file__).resolve().parents[2]


def test_the_nightly_beat_entry_resolves_to_the_registered_drop_folder_task():
    entry = settings.CELERY_BEAT_SCHEDULE["nightly-import"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    task = app.tasks[entry["task"]]
    assert (task.run.__module__, task.run.__name__) == ("imports.tasks", "import_drop_folder")
    assert entry["schedule"] == crontab(minute="15", hour="2")
    # A run that has not started by morning is dropped rather than run in office hours.
    assert entry["options"]["expires"] == 6 * 3600


def test_the_watchdog_of_runs_whose_worker_died_runs_every_five_minutes(db):
    from datetime import timedelta

    from django.utils import timezone

    from imports.models import RunStatus

    entry = settings.CELERY_BEAT_SCHEDULE["stale-import-runs"]
    app.loader.import_default_modules()
    assert entry["schedule"] == 300.0
    stale = ImportRun.objects.create(
        file_name="a.csv", kind="kontakter", started_by="t", status=RunStatus.RUNNING
    )
    ImportRun.objects.filter(pk=stale.pk).update(started_at=timezone.now() - timedelta(hours=7))
    running = ImportRun.objects.create(
        file_name="b.csv", kind="kontakter", started_by="t", status=RunStatus.RUNNING
    )

    assert app.tasks[entry["task"]].delay().get() == 1
    assert ImportRun.objects.get(pk=stale.pk).status == RunStatus.FAILED
    assert ImportRun.objects.get(pk=running.pk).status == RunStatus.RUNNING


def test_the_schedule_is_overridden_by_kps_import_cron():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "s = settings.CELERY_BEAT_SCHEDULE['nightly-import']['schedule']; "
        "print(sorted(s.minute), sorted(s.hour), sorted(s.day_of_week))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kps.settings",
        "KPS_IMPORT_CRON": "40 3 * * 1-5",
    }
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "[40] [3] [1, 2, 3, 4, 5]"


@pytest.fixture(autouse=True)
def lock_files_in_tmp(settings, tmp_path):
    # On SQLite the lock is a file under VAR_DIR.
    settings.VAR_DIR = tmp_path / "var"


@pytest.mark.django_db
def test_the_import_lock_is_held_by_one_holder_at_a_time():
    with import_lock("test-lock") as first:
        assert first
        with import_lock("test-lock") as second:
            assert not second
        with import_lock("other-lock") as other:
            assert other
    with import_lock("test-lock") as again:
        assert again


@pytest.mark.django_db
def test_a_second_drop_folder_run_imports_nothing_while_the_first_holds_the_lock(
    settings, tmp_path, cosmic_units
):
    settings.KPS_DROP_FOLDER = tmp_path / "drop"
    settings.KPS_DROP_FOLDER.mkdir()
    write_extract(
        settings.KPS_DROP_FOLDER / "kontakter_cosmic_20260306.csv",
        KONTAKTER_COLUMNS,
        [contact("K1", "C1")],
    )

    with import_lock("drop-folder") as held:
        assert held
        assert tasks.import_drop_folder() == []
        assert ImportRun.objects.count() == 0

    [run_id] = tasks.import_drop_folder()
    assert ImportRun.objects.get(pk=run_id).rows_accepted == 1
