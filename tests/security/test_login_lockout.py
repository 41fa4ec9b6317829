"""Thirty wrong passwords lock a user out, on the login form and over the API's Basic
authentication, until an administrator unlocks the account."""

import base64

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

WRONG = 30


def basic(username: str, password: str) -> dict:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def log_in(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_thirty_wrong_passwords_then_the_right_one_is_refused_on_the_form(client, kps_leader):
    for _ in range(WRONG):
        log_in(client, "ledare", "fel-lösenord")

    response = log_in(client, "ledare", "demo-ledare")

    assert response.status_code == 429
    assert "kontot är spärrat" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_thirty_wrong_passwords_then_the_right_one_is_refused_over_basic_auth(client, kps_leader):
    for _ in range(WRONG):
        assert client.get("/api/v1/clinics/", **basic("ledare", "fel")).status_code in (
            401,
            403,
            429,
        )

    response = client.get("/api/v1/clinics/", **basic("ledare", "demo-ledare"))

    assert response.status_code == 429
    assert "kontot är spärrat" in response.json()["detail"]


def test_the_right_password_still_works_after_a_few_typos(client, kps_leader):
    for _ in range(3):
        log_in(client, "ledare", "fel-lösenord")

    assert log_in(client, "ledare", "demo-ledare").status_code == 302


def test_an_address_that_tries_many_user_names_is_locked_out_too(client, role_users):
    # Password spraying: one wrong password for many names, then a right one from that address.
    for i in range(WRONG):
        log_in(client, f"person{i}", "Sommar2026")

    assert log_in(client, "chef", "demo-chef").status_code == 429


def test_an_administrator_unlocks_a_locked_out_user_in_the_admin(client, kps_leader, kps_admin):
    for _ in range(WRONG):
        log_in(client, "ledare", "fel-lösenord")
    assert AccessAttempt.objects.filter(username="ledare").exists()

    admin_client = type(client)()
    admin_client.force_login(kps_admin)
    attempt = AccessAttempt.objects.get(username="ledare")
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200 and "ledare" in changelist.content.decode()
    admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert not AccessAttempt.objects.exists()
    assert log_in(client, "ledare", "demo-ledare").status_code == 302


def test_the_reset_command_unlocks_a_user_name(client, kps_leader):
    for _ in range(WRONG):
        log_in(client, "ledare", "fel-lösenord")

    call_command("axes_reset_username", "ledare")
    call_command("axes_reset_ip", "127.0.0.1")

    assert log_in(client, "ledare", "demo-ledare").status_code == 302
