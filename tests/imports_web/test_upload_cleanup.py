"""Uploaded extracts and their names: never left on disk or in the log with identity numbers in clear."""

from __future__ import annotations

import importlib
import os
import time

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from imports import tasks
from imports.models import ImportRun, RunStatus
from imports.services import import_file
from imports.uploads import upload_root

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def upload_folder(name: str, *, hours_old: float):
    folder = upload_root() / name
    folder.mkdir(parents=True)
    (folder / "upload.csv").write_text("personnummer\n19121212-1212\n")
    then = time.time() - hours_old * 3600
    os.utime(folder, (then, then))
    return folder


def test_the_scheduled_sweep_removes_uploads_no_import_finished_and_keeps_fresh_ones(settings):
    settings.KPS_UPLOAD_KEEP_HOURS = 6
    old, fresh = upload_folder("a" * 32, hours_old=7), upload_folder("b" * 32, hours_old=1)

    assert tasks.sweep_uploads() == 1

    assert not old.exists() and fresh.exists()


def test_the_sweep_runs_on_a_schedule_every_hour():
    [entry] = [
        e
        for e in django_settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "imports.tasks.sweep_uploads"
    ]
    assert entry["schedule"] == 3600.0


def test_the_upload_task_deletes_its_file_also_when_the_import_is_refused(cosmic_units):
    folder = upload_folder("c" * 32, hours_old=0)

    run_id = tasks.import_file_task(
        path=str(folder / "upload.csv"), file_name="x.csv", uploaded=True
    )

    assert ImportRun.objects.get(pk=run_id).status == RunStatus.REFUSED
    assert not folder.exists()


def test_an_identity_number_in_a_file_name_is_stored_and_shown_masked(tmp_path):
    path = tmp_path / "upload.csv"
    path.write_text("kontakt_id\nK1\n")

    run = import_file(path=path, started_by="admin", file_name="kontakter_19121212-1212.csv")

    assert run.file_name == "kontakter_[dolt].csv"
    admin = get_user_model().objects.create_superuser("root", password="x")
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("admin:imports_importrun_changelist")).content.decode()
    assert "kontakter_[dolt].csv" in page and "19121212" not in page


def test_the_migration_masks_identity_numbers_in_file_names_logged_before():
    ImportRun.objects.create(
        file_name="vantande_191212121212.csv", checksum="x", started_by="admin"
    )
    ImportRun.objects.create(
        file_name="kontakter_cosmic_20260306.csv", checksum="y", started_by="admin"
    )
    migration = importlib.import_module(
        "imports.migrations.0002_mask_identity_numbers_in_file_names"
    )

    migration.mask_file_names(apps, None)

    assert sorted(ImportRun.objects.values_list("file_name", flat=True)) == [
        "kontakter_cosmic_20260306.csv",
        "vantande_[dolt].csv",
    ]
