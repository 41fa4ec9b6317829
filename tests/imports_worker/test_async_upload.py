"""With a Redis broker, an upload is handed to a real worker after the request commits."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from facts.models import Contact
from imports.models import ImportRun, RunStatus
from tests import factories
from tests.imports_web.extracts import (
    KONTAKTER_COLUMNS,
    contact,
    map_units,
    seed_mappings,
    write_extract,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_an_uploaded_file_is_imported_by_the_worker_logged_under_the_uploader_and_deleted(
    celery_worker, tmp_path
):
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    seed_mappings()
    org = factories.make_org()
    map_units(org.units)
    admin = factories.make_persona(
        next(p for p in factories.PERSONAS if p.username == "admin"), org
    )
    path = write_extract(
        tmp_path / "x.csv", KONTAKTER_COLUMNS, [contact("K1", "C1"), contact("K2", "C2")]
    )
    client = Client()
    client.force_login(admin)
    uploads = Path(settings.VAR_DIR) / "uploads"
    before = set(uploads.iterdir()) if uploads.is_dir() else set()

    response = client.post(
        reverse("imports:upload"),
        {"files": [SimpleUploadedFile("kontakter_cosmic_20260306.csv", path.read_bytes())]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "1 fil lämnades till importen. Den syns i loggen när den är klar."
    ]
    deadline = time.monotonic() + 60
    while not ImportRun.objects.exclude(status=RunStatus.RUNNING).exists():
        assert time.monotonic() < deadline, celery_worker.log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)
    run = ImportRun.objects.get()
    assert (run.status, run.file_name, run.started_by, run.rows_accepted) == (
        RunStatus.OK,
        "kontakter_cosmic_20260306.csv",
        "admin",
        2,
    )
    assert sorted(Contact.objects.values_list("contact_id", flat=True)) == ["K1", "K2"]
    # The upload held identity numbers in clear text: the worker deleted it when the import ended.
    assert set(uploads.iterdir()) - before == set()
