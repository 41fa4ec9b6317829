"""A session ends after a working day idle or half a day in all; what a logged-in user was shown
is never cached; every page carries a Content-Security-Policy; the API's schema and docs are
for logged-in users only."""

import time

import pytest
from django.urls import reverse

from kps.security.middleware import SEEN, STARTED

pytestmark = pytest.mark.django_db


def age_session(client, **seconds_ago) -> None:
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_a_session_idle_longer_than_the_limit_is_logged_out(client, kps_leader, settings):
    settings.KPS_SESSION_IDLE_SECONDS = 8 * 3600
    client.force_login(kps_leader)
    assert client.get(reverse("home")).status_code == 200
    age_session(client, **{SEEN: 8 * 3600 + 60})

    response = client.get(reverse("home"))

    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_a_session_in_use_ends_at_its_absolute_lifetime(client, kps_leader, settings):
    settings.KPS_SESSION_MAX_SECONDS = 12 * 3600
    client.force_login(kps_leader)
    client.get(reverse("home"))
    age_session(client, **{STARTED: 12 * 3600 + 60, SEEN: 30})

    assert client.get(reverse("home")).status_code == 302


def test_a_session_used_within_the_limits_stays(client, kps_leader):
    client.force_login(kps_leader)
    client.get(reverse("home"))
    age_session(client, **{STARTED: 3 * 3600, SEEN: 3600})

    assert client.get(reverse("home")).status_code == 200


def test_an_idle_api_session_is_refused_not_redirected(client, kps_leader):
    client.force_login(kps_leader)
    client.get("/api/v1/clinics/")
    age_session(client, **{SEEN: 9 * 3600})

    assert client.get("/api/v1/clinics/").status_code in (401, 403)


def test_the_session_cookie_lives_no_longer_than_the_absolute_lifetime(settings):
    assert settings.SESSION_COOKIE_AGE == settings.KPS_SESSION_MAX_SECONDS <= 12 * 3600


@pytest.mark.parametrize(
    "url",
    [
        "/uppfoljning/callin/?vecka=2026-W20",  # a dashboard
        "/uppfoljning/callin/diagram/senaste-veckan/?vecka=2026-W20",  # chart JSON
        "/uppfoljning/callin/diagram/senaste-veckan/?vecka=2026-W20&format=xlsx",  # export
        "/api/v1/clinics/",  # the API's JSON
    ],
)
def test_nothing_a_logged_in_user_sees_is_stored_by_the_browser(client, org, clinic_manager, url):
    client.force_login(clinic_manager)

    response = client.get(url)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_pages_carry_a_content_security_policy_without_inline_script(client, org, clinic_manager):
    client.force_login(clinic_manager)

    policy = client.get(reverse("home"))["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"


def test_the_api_schema_is_refused_when_logged_out(client, org):
    assert client.get(reverse("api-schema")).status_code in (401, 403)


def test_the_api_docs_send_a_logged_out_visitor_to_the_login(client, org):
    response = client.get(reverse("api-docs"))

    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_api_schema_and_docs_open_for_a_logged_in_user(client, org, kps_leader):
    client.force_login(kps_leader)

    assert client.get(reverse("api-schema")).status_code == 200
    docs = client.get(reverse("api-docs"))
    assert docs.status_code == 200
    assert b"<script>" not in docs.content
