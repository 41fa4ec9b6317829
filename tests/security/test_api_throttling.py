"""The API refuses too many requests with 429 and a Swedish message, counted per user; the
rates come from the environment through the settings.

Anonymous requests are refused by the API's permission check (DRF checks it before the
throttles), so the anonymous rate guards only endpoints open to all; password guessing is
django-axes' (test_login_lockout)."""

import importlib
import os
from unittest import mock

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    def set_rates(anon: str, user: str) -> None:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user},
        }

    return set_rates


def test_a_logged_in_user_beyond_the_rate_gets_429_in_swedish(client, kps_leader, rates):
    rates(anon="100/minute", user="3/minute")
    cache.delete(f"throttle_user_{kps_leader.pk}")
    client.force_login(kps_leader)

    answers = [client.get("/api/v1/clinics/") for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert "För många anrop" in answers[-1].json()["detail"]
    assert int(answers[-1]["Retry-After"]) > 0


def test_each_user_has_a_count_of_their_own(client, kps_leader, clinic_manager, rates):
    rates(anon="100/minute", user="2/minute")
    cache.delete_many([f"throttle_user_{kps_leader.pk}", f"throttle_user_{clinic_manager.pk}"])
    client.force_login(kps_leader)
    for _ in range(3):
        client.get("/api/v1/clinics/")

    client.force_login(clinic_manager)

    assert client.get("/api/v1/clinics/").status_code == 200


def test_the_rates_are_read_from_the_environment():
    import kps.settings

    with mock.patch.dict(
        os.environ, {"KPS_API_THROTTLE_ANON": "7/minute", "KPS_API_THROTTLE_USER": "99/hour"}
    ):
        fresh = importlib.reload(kps.settings)
        rates = fresh.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    importlib.reload(kps.settings)
    assert rates == {"anon": "7/minute", "user": "99/hour"}
