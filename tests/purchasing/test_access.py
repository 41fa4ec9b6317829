"""Purchased care by role: agreements and costs with economics (managers their clinics, the area
manager the area, Qulturum and administrators the region, KPS leaders only with the permission);
the planning page for the clinics one may see. In the pages and the API alike."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission

from organisation.models import PersonDataAccess
from purchasing.models import PurchasedReferral

from .conftest import agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def referrals(org):
    agreement("A1", clinics=[org.clinics[0]], volume=10)
    agreement("A2", provider="REG05", clinics=[org.clinics[2]])
    for unit, code in ((org.units[0], "A1"), (org.units[2], "A1"), (org.units[4], "A2")):
        PurchasedReferral.objects.create(
            source="cosmic", referral_id=f"U{unit.id}", unit=unit, provider_code="PRIV1",
            agreement_code=code, phase=2, sent_date=date(2026, 3, 1), status="SKICKAD",
        )  # fmt: skip


def _followup(client, user):
    client.force_login(user)
    response = client.get("/api/v1/purchasing/followup/", {"year": 2026})
    assert response.status_code == 200, response.content
    body = response.json()
    return sorted(c["name"] for c in body["by_clinic"]), sorted(
        a["code"] for a in body["agreements"]
    )


def test_each_role_sees_the_purchased_care_of_its_clinics(referrals, client, role_users):
    assert _followup(client, role_users["chef"]) == (["Ortopedkliniken"], ["A1"])
    assert _followup(client, role_users["omradeschef"]) == (
        ["Ortopedkliniken", "Ögonkliniken"],
        ["A1"],
    )
    everything = (["Kardiologiska kliniken", "Ortopedkliniken", "Ögonkliniken"], ["A1", "A2"])
    assert _followup(client, role_users["qulturum"]) == everything
    assert _followup(client, role_users["admin"]) == everything


def test_a_kps_leader_sees_no_agreements_or_costs_but_plans(referrals, client, kps_leader, org):
    client.force_login(kps_leader)
    message = "Du har inte behörighet att se avtal och kostnader för köpt vård."
    for url in ("/api/v1/purchasing/followup/?year=2026", "/api/v1/purchasing/agreements/"):
        response = client.get(url)
        assert response.status_code == 403 and response.json()["detail"] == message
    for url in ("/kopt-vard/uppfoljning/", "/kopt-vard/avtal/", "/kopt-vard/uppfoljning/diagram/"):
        assert client.get(url).status_code == 403
    page = client.get("/kopt-vard/").content.decode()
    assert "Ortopedkliniken" in page and "Avtal som kan ta emot" not in page
    assert 'href="/kopt-vard/uppfoljning/"' not in page
    plan = client.get("/api/v1/purchasing/plan/", {"clinic": org.clinics[0].id, "phase": 2})
    assert plan.status_code == 200 and plan.json()["total"]["agreements"] == []
    other = client.get("/api/v1/purchasing/plan/", {"clinic": org.clinics[2].id})
    assert other.status_code == 400
    assert other.json()["errors"]["clinic"] == ["Okänd klinik, eller en du inte har tillgång till."]


def test_the_permission_gives_a_kps_leader_the_agreements_of_the_clinics_one_sees(
    referrals, client, kps_leader
):
    kps_leader.user_permissions.add(Permission.objects.get(codename="view_economics"))
    kps_leader = type(kps_leader).objects.get(pk=kps_leader.pk)
    assert _followup(client, kps_leader) == (["Ortopedkliniken"], ["A1"])


def test_a_clinic_outside_ones_economics_is_refused_in_swedish(
    referrals, client, clinic_manager, org
):
    client.force_login(clinic_manager)
    response = client.get(
        "/api/v1/purchasing/followup/", {"year": 2026, "clinic": org.clinics[2].id}
    )
    assert response.status_code == 400
    assert response.json()["errors"]["clinic"] == [
        "Okänd klinik, eller en vars ekonomi du inte ser."
    ]
    page = client.get("/kopt-vard/uppfoljning/", {"ar": 2026, "klinik": org.clinics[2].id})
    assert page.status_code == 200 and "Okänd klinik" in page.content.decode()
    bad = client.get("/api/v1/purchasing/followup/", {"year": "tjugo"})
    assert bad.status_code == 400 and "heltal" in bad.content.decode()


def test_the_pages_render_and_the_waiters_read_are_logged(referrals, client, clinic_manager, org):
    client.force_login(clinic_manager)
    for url in ("/kopt-vard/", "/kopt-vard/uppfoljning/?ar=2026", "/kopt-vard/avtal/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get("/kopt-vard/uppfoljning/diagram/?ar=2026").json()["data"]
    assert 'href="/kopt-vard/"' in client.get("/").content.decode()
    # No waiting list: nobody's pseudonym was shown, so nothing to log.
    assert not PersonDataAccess.objects.exists()


def test_only_administrators_load_agreements_from_a_sheet(referrals, client, clinic_manager):
    client.force_login(clinic_manager)
    response = client.post("/kopt-vard/avtal/", {})
    assert response.status_code == 403
