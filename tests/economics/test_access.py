"""Economics by role: managers their clinics, area managers their area, Qulturum and admin the
region, KPS leaders nothing unless given the permission; in the page, the API and the export."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from organisation import access

pytestmark = pytest.mark.django_db

API = "/api/v1/economics/drg/"


def _clinics(client, user, **params):
    client.force_login(user)
    response = client.get(API, {"year": 2026, **params})
    assert response.status_code == 200, response.content
    return sorted(c["name"] for c in response.json()["clinics"])


def test_each_role_sees_the_economics_of_its_clinics(scenario, client, role_users):
    assert _clinics(client, role_users["chef"]) == ["Ortopedkliniken"]
    assert _clinics(client, role_users["omradeschef"]) == ["Ortopedkliniken", "Ögonkliniken"]
    everything = ["Kardiologiska kliniken", "Ortopedkliniken", "Ögonkliniken"]
    assert _clinics(client, role_users["qulturum"]) == everything
    assert _clinics(client, role_users["admin"]) == everything


def test_a_kps_leader_sees_no_economics(scenario, client, kps_leader):
    client.force_login(kps_leader)
    response = client.get(API, {"year": 2026})
    assert response.status_code == 403
    assert response.json()["detail"] == "Du har inte behörighet att se ekonomi (DRG-poäng och KPP)."
    assert client.get("/ekonomi/").status_code == 403
    assert client.get("/ekonomi/drg.csv?ar=2026").status_code == 403
    assert client.get("/ekonomi/diagram/kostnad-per-poang/").status_code == 403
    assert 'href="/ekonomi/"' not in client.get("/").content.decode()


def test_the_permission_gives_economics_for_the_clinics_one_may_see(scenario, client, kps_leader):
    kps_leader.user_permissions.add(Permission.objects.get(codename="view_economics"))
    kps_leader = type(kps_leader).objects.get(pk=kps_leader.pk)  # a fresh permission cache
    assert access.can_see_economics(kps_leader)
    assert _clinics(client, kps_leader) == ["Ortopedkliniken"]


def test_a_clinic_outside_ones_economics_is_refused_in_swedish(
    scenario, client, clinic_manager, org
):
    client.force_login(clinic_manager)
    response = client.get(API, {"year": 2026, "clinic": org.clinics[1].pk})
    assert response.status_code == 400
    assert response.json()["errors"]["clinic"] == [
        "Okänd klinik, eller en vars ekonomi du inte har tillgång till."
    ]
    page = client.get("/ekonomi/", {"ar": 2026, "klinik": org.clinics[1].pk})
    assert page.status_code == 200 and "Okänd klinik" in page.content.decode()


def test_the_export_holds_only_the_users_clinics(scenario, client, clinic_manager):
    client.force_login(clinic_manager)
    response = client.get("/ekonomi/drg.csv", {"ar": 2026})
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "Ortopedkliniken" in text and "Ögonkliniken" not in text
