"""What-if and weekly pace take a unit only of the chosen clinic: a mix is refused, never read
silently as an empty or foreign waiting list."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
MISMATCH = (
    "Enheten hör inte till den valda kliniken. Välj en av klinikens enheter eller Hela kliniken."
)
ENDPOINTS = ["/api/v1/waitlists/pace/", "/api/v1/waitlists/what-if/"]


def _other_clinics_unit(org):
    clinic = org.clinics[0]
    unit = next(u for u in org.units if u.clinic != clinic)
    return clinic, unit


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_api_refuses_a_unit_of_another_clinic_with_a_swedish_message(
    org, rules_snapshot, qulturum_user, endpoint
):
    clinic, unit = _other_clinics_unit(org)
    api = APIClient()
    api.force_authenticate(qulturum_user)
    answer = api.get(endpoint, {"clinic": clinic.id, "unit": unit.id})
    assert answer.status_code == 400
    assert answer.json()["errors"] == {"unit": [MISMATCH]}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_api_takes_a_unit_of_the_chosen_clinic(org, rules_snapshot, qulturum_user, endpoint):
    api = APIClient()
    api.force_authenticate(qulturum_user)
    assert (
        api.get(
            endpoint, {"clinic": rules_snapshot.clinic_id, "unit": rules_snapshot.id}
        ).status_code
        == 200
    )


@pytest.mark.parametrize("name", ["pace", "whatif"])
def test_the_page_shows_a_unit_of_another_clinic_as_a_form_error_and_no_figures(
    client, org, rules_snapshot, qulturum_user, name
):
    clinic, unit = _other_clinics_unit(org)
    client.force_login(qulturum_user)
    response = client.get(reverse(f"waitlists:{name}"), {"clinic": clinic.id, "unit": unit.id})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<span class="field-error">{MISMATCH}</span>' in page
    assert "redan inom målstorleken" not in page and "Veckotakt som behövs" not in page


def test_the_unit_list_groups_units_under_their_clinic(client, org, rules_snapshot, qulturum_user):
    client.force_login(qulturum_user)
    page = client.get(reverse("waitlists:whatif")).content.decode()
    for clinic in org.clinics:
        assert f'<optgroup label="{clinic.name}" data-clinic="{clinic.id}">' in page
    assert "waitlists/scope-units.js" in page
