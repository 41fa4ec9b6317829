"""An upload while the broker (Redis) is down says background work is unavailable and keeps no file."""

from __future__ import annotations

import pytest
from django.urls import reverse

import kps.settings
from imports.models import ImportRun
from kps.celery import app
from tests.imports_web.extracts import contact
from tests.imports_web.test_upload import csv_file

pytestmark = pytest.mark.django_db
CLOSED = "redis://127.0.0.1:6390/0"  # nothing listens here: the machine's Redis is never touched


@pytest.fixture
def broker_down(settings, tmp_path):
    settings.CACHES = {"default": kps.settings.redis_cache(CLOSED)}
    settings.REDIS_URL = CLOSED
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.VAR_DIR = tmp_path / "var"
    # The Celery app read its configuration once; point it, and its cached pools, at the closed port.
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url, app.conf.task_always_eager = CLOSED, False
    app._pool, app.amqp._producer_pool = None, None
    yield
    app.conf.broker_url, app.conf.task_always_eager = saved
    app._pool, app.amqp._producer_pool = None, None


def test_an_upload_with_the_broker_down_says_background_work_is_unavailable_and_keeps_no_file(
    broker_down, client_as, cosmic_units, tmp_path, settings
):
    upload = csv_file(tmp_path, "kontakter_cosmic_20260306.csv", [contact("K1", "C1")])

    response = client_as("admin").post(reverse("imports:upload"), {"files": [upload]}, follow=True)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Bakgrundsimporten är inte tillgänglig just nu (kön svarar inte). 1 fil importerades inte och "
        "sparades inte. Försök igen om en stund eller kontakta driften."
    ]
    assert not ImportRun.objects.exists()
    uploads = settings.VAR_DIR / "uploads"
    assert not uploads.exists() or list(uploads.iterdir()) == []
