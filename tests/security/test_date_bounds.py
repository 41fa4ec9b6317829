"""A date outside 2000–2100, typed into a form or sent to the API, is refused with a message
saying so, and nothing is stored."""

import pytest
from django.urls import reverse

from followup.models import Meeting
from rollout.models import Programme
from tests.followup.facts import activity

pytestmark = pytest.mark.django_db


def log_a_meeting(client, clinic, **extra):
    data = {
        "mote-held_on": "2026-05-18",
        "mote-week": "2026-W20",
        "avvikelse-0-activity": str(activity("operation").id),
        "avvikelse-0-description": "Två salar stängda.",
        "atgard-0-title": "Låna narkossköterska",
        "atgard-0-owner": "Anna Andersson",
        "atgard-0-due_date": "2026-05-29",
        **extra,
    }
    url = reverse("followup:meeting_create") + f"?klinik={clinic.id}&vecka=2026-W20"
    return client.post(url, data)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("mote-held_on", "1026-05-18"),
        ("atgard-0-due_date", "0202-05-29"),
        ("atgard-0-due_date", "2999-12-31"),
    ],
)
def test_a_meeting_with_a_date_outside_the_years_is_refused(
    client, org, clinic_manager, field, value
):
    client.force_login(clinic_manager)

    response = log_a_meeting(client, org.clinics[0], **{field: value})

    assert response.status_code == 200
    assert "ligger inte mellan år 2000 och 2100" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_within_the_years_is_logged(client, org, clinic_manager):
    client.force_login(clinic_manager)

    assert log_a_meeting(client, org.clinics[0]).status_code == 302


@pytest.mark.parametrize("value", ["1900-01-01", "9999-12-31"])
def test_the_api_refuses_a_programme_decided_outside_the_years(client, org, qulturum_user, value):
    client.force_login(qulturum_user)

    response = client.post(
        "/api/v1/rollout/programmes/", {"clinic": org.clinics[1].id, "decision_date": value}
    )

    assert response.status_code == 400
    assert "ligger inte mellan år 2000 och 2100" in str(response.json()["decision_date"])
    assert not Programme.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/plans/?year=99999999999999999999",
        "/api/v1/plans/?year=1999",
        "/api/v1/followup/meetings/?sedan=0001-01-01",
        "/api/v1/waitlists/report/?snapshot=2101-01-01",
    ],
)
def test_the_api_refuses_a_date_or_year_parameter_outside_the_years(client, org, kps_admin, url):
    client.force_login(kps_admin)

    response = client.get(url)

    assert response.status_code == 400
    # Each API keeps its own error shape (being unified elsewhere); the message names the years.
    assert "2000" in response.content.decode()
