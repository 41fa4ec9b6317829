"""The DRG API's answer and refusals, and the page's money in kronor."""

from __future__ import annotations

import pytest
from django.utils import translation

from kps import formatting

pytestmark = pytest.mark.django_db

API = "/api/v1/economics/drg/"


def test_the_api_answers_the_figures_per_clinic(scenario, client, qulturum_user):
    client.force_login(qulturum_user)
    body = client.get(API, {"year": 2026}).json()
    ort = next(c for c in body["clinics"] if c["name"] == "Ortopedkliniken")
    assert ort["contacts"] == 4 and ort["points"] == "2.70" and ort["case_mix_index"] == "0.6750"
    assert (ort["cost"], ort["cost_per_point"], ort["cost_per_point_all"]) == (
        "54300",
        "20118",
        "20111",
    )
    assert ort["outliers"] == 1 and ort["without_contact"] == 1
    assert ort["previous_year"]["cost_per_point"] == "3000"
    assert body["contacts"] == 5 and body["units"] == []


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "year", "Ange året (year)."),
        ({"year": "x"}, "year", "Året ska vara ett heltal, till exempel 2026."),
        ({"year": 2026, "tertial": 4}, "tertial", "Tertialen ska vara 1, 2 eller 3."),
        (
            {"year": 2026, "care_form": "HEMMA"},
            "care_form",
            "Vårdformen ska vara OPPEN eller SLUTEN.",
        ),
    ],
)
def test_bad_parameters_get_a_swedish_400(client, qulturum_user, params, field, message):
    client.force_login(qulturum_user)
    response = client.get(API, params)
    assert response.status_code == 400
    assert response.json()["errors"][field] == [message]


def test_money_is_written_in_kronor_and_millions():
    with translation.override("sv"):
        assert formatting.kronor(1234567) == "1\u00a0234\u00a0567 kr"
        assert formatting.money(12_345_678) == "12,3 Mkr"
        assert formatting.money(54_300) == "54\u00a0300 kr"


def test_the_page_shows_the_figures_their_definitions_and_freshness(scenario, client, area_manager):
    client.force_login(area_manager)
    response = client.get("/ekonomi/", {"ar": 2026})
    page = response.content.decode()
    assert response.status_code == 200
    assert "DRG-poäng och kostnad per poäng 2026" in page
    assert "20\u00a0118 kr" in page  # Ortopedkliniken's cost per point over the inner cases
    assert "Så räknas det" in page and "ytterfall" in page
    assert "Data t.o.m." in page
    assert 'href="/ekonomi/"' in page


def test_a_bad_filter_on_the_page_is_a_message_not_an_error(scenario, client, area_manager):
    client.force_login(area_manager)
    response = client.get("/ekonomi/", {"ar": "1900", "tertial": "9"})
    assert response.status_code == 200
    assert "Det finns inga KPP-rader för det året." in response.content.decode()


def test_the_chart_draws_cost_per_point_per_clinic_against_last_year(
    scenario, client, area_manager
):
    client.force_login(area_manager)
    figure = client.get("/ekonomi/diagram/kostnad-per-poang/", {"ar": 2026}).json()
    last_year, this_year = figure["data"]
    assert this_year["name"] == "2026" and last_year["name"] == "2025"
    assert this_year["y"] == ["Ortopedkliniken", "Ögonkliniken"] and this_year["x"] == [20118, 1000]
