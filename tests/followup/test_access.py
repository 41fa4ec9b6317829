"""Access per role: every page, chart, download and API answer follows the user's clinics."""

import pytest
from django.urls import reverse

from followup.models import Action, Meeting
from tests.factories import make_user

pytestmark = pytest.mark.django_db

NOT_YOURS = "Kliniken finns inte eller ingår inte i din behörighet."


@pytest.fixture
def meetings(org):
    """A meeting with an open action in Ortopedkliniken and one in Kardiologiska kliniken."""
    made = {}
    for clinic in (org.clinics[0], org.clinics[2]):
        meeting = Meeting.objects.create(clinic=clinic, held_on="2026-05-18", week=202620)
        made[clinic.code] = Action.objects.create(clinic=clinic, meeting=meeting, title=f"Ring {clinic.name}",
                                                  owner="Chef", due_date="2026-06-01")  # fmt: skip
    return made


def strategic_clinics(client) -> set[str]:
    data = client.get(reverse("followup-strategic-list"), {"ar": 2026}).json()
    return {c["clinic"] for c in data["clinics"]}


def test_a_kps_leader_sees_their_own_clinic_only(client, org, kps_leader):
    client.force_login(kps_leader)
    html = client.get(reverse("followup:callin")).content.decode()
    assert "Call-in: Ortopedkliniken" in html and "Kardiologiska kliniken" not in html
    other = client.get(reverse("followup:callin"), {"klinik": org.clinics[2].id})
    assert other.status_code == 400 and NOT_YOURS in other.content.decode()
    chart = client.get(
        reverse("followup:callin_chart", args=["senaste-veckan"]), {"klinik": org.clinics[2].id}
    )
    assert chart.status_code == 400 and NOT_YOURS in chart.json()["detail"]
    api = client.get(reverse("followup-callin-list"), {"klinik": org.clinics[2].id})
    assert api.status_code == 400 and NOT_YOURS in api.json()["detail"]
    assert strategic_clinics(client) == {"Ortopedkliniken"}


def test_an_area_manager_sees_the_areas_clinics(client, org, area_manager):
    client.force_login(area_manager)
    assert strategic_clinics(client) == {"Ortopedkliniken", "Ögonkliniken"}
    assert (
        client.get(reverse("followup:tactical"), {"klinik": org.clinics[1].id}).status_code == 200
    )
    assert (
        client.get(reverse("followup:tactical"), {"klinik": org.clinics[2].id}).status_code == 400
    )
    csv = client.get(
        reverse("followup:strategic_chart", args=["karta"]), {"format": "csv"}
    ).content.decode()
    assert "Ögonkliniken" in csv and "Kardiologiska" not in csv


def test_qulturum_sees_the_region_but_does_not_write_in_a_clinics_log(
    client, org, qulturum_user, meetings
):
    client.force_login(qulturum_user)
    assert strategic_clinics(client) == {c.name for c in org.clinics}
    html = client.get(reverse("followup:callin"), {"klinik": org.clinics[2].id}).content.decode()
    assert "Ring Kardiologiska kliniken" in html and "Logga veckans möte" not in html
    assert (
        client.get(reverse("followup:meeting_create"), {"klinik": org.clinics[2].id}).status_code
        == 403
    )
    action = meetings["KAR06"]
    response = client.post(
        reverse("followup:action_status", args=[action.id]), {f"status-{action.id}-status": "done"}
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == "open"


def test_the_meeting_log_follows_the_clinics_too(client, org, kps_leader, meetings):
    client.force_login(kps_leader)
    titles = {a["title"] for a in client.get(reverse("followup-action-list")).json()["results"]}
    assert titles == {"Ring Ortopedkliniken"}
    assert {
        m["clinic"] for m in client.get(reverse("followup-meeting-list")).json()["results"]
    } == {org.clinics[0].id}
    # Another clinic's action cannot even be found.
    other = meetings["KAR06"]
    response = client.post(
        reverse("followup:action_status", args=[other.id]), {f"status-{other.id}-status": "done"}
    )
    assert response.status_code == 404


def test_someone_without_a_clinic_is_told_so(client, org):
    client.force_login(make_user("ny", None))
    response = client.get(reverse("followup:callin"))
    assert (
        response.status_code == 400
        and "Du är inte kopplad till någon klinik än." in response.content.decode()
    )
    assert client.get(reverse("followup-strategic-list")).status_code == 400


@pytest.mark.parametrize(
    "name", ["followup:callin", "followup:tactical", "followup:strategic", "followup:callin_print"]
)
def test_pages_need_a_login(client, org, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("login") in response.url


@pytest.mark.parametrize(
    "name", ["followup-callin-list", "followup-strategic-list", "followup-action-list"]
)
def test_the_api_needs_a_login(client, org, name):
    assert client.get(reverse(name)).status_code == 403
