"""With Redis down, people still log in and read their pages and readiness names Redis.

Redis is "down" as a closed port: nothing here touches a running Redis.
"""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import kps.settings

pytestmark = pytest.mark.django_db
CLOSED = "redis://127.0.0.1:6390/0"


@pytest.fixture
def redis_down(settings):
    """The project's Redis cache and settings, pointed at a port where nothing listens."""
    settings.CACHES = {"default": kps.settings.redis_cache(CLOSED)}
    settings.REDIS_URL = CLOSED
    return settings


def test_the_cache_treats_a_lost_redis_as_a_miss_in_milliseconds(redis_down):
    started = time.monotonic()
    cache.set("k", 1)
    assert cache.get("k", "missing") == "missing"
    # A refused connection is answered at once; the bound leaves room for a machine under load.
    elapsed = time.monotonic() - started
    assert elapsed < 2, f"{elapsed:.2f} s"


def test_a_user_logs_in_and_reads_pages_with_redis_down(redis_down, role_users):
    role_users["chef"].set_password("Lösenord-123")
    role_users["chef"].save()
    client = Client()

    response = client.post(reverse("login"), {"username": "chef", "password": "Lösenord-123"})

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(role_users["chef"].pk)
    for name in ("home", "imports:index", "followup:callin"):
        assert client.get(reverse(name), follow=True).status_code == 200, name
    # Still the same user on the next request: the session was read back from the database.
    assert client.get(reverse("home")).context["user"] == role_users["chef"]


def test_readiness_names_redis_when_it_is_down_and_liveness_stays_up(redis_down):
    client = Client()

    ready = client.get(reverse("readyz"))

    assert ready.status_code == 503
    assert ready.json()["failed"] == ["redis"]
    assert ready.json()["checks"] == {"database": "ok", "redis": "unavailable"}
    assert client.get(reverse("healthz")).status_code == 200


def test_readiness_is_ok_when_every_dependency_answers(settings):
    settings.REDIS_URL = ""
    assert Client().get(reverse("readyz")).json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "not used"},
    }
