"""GET /api/v1/beds/erlang/ and the calculator page: the issue's parameters, a 400 per parameter."""

from __future__ import annotations

import pytest

from organisation.models import Role
from tests import factories


@pytest.fixture
def client_in(client, db):
    client.force_login(factories.make_user("kalkyl", Role.QULTURUM))
    return client


def test_a_load_and_beds(client_in):
    body = client_in.get("/api/v1/beds/erlang/", {"load": "1", "beds": "2"}).json()
    assert body["load"] == 1
    assert body["blocking"] == pytest.approx(0.2)
    assert body["delay_probability"] == pytest.approx(1 / 3)
    assert body["occupancy"] == pytest.approx(0.4)  # 1 · (1 − 0.2) / 2
    assert body["beds_needed"] is None


def test_arrivals_and_stay_and_a_target(client_in):
    body = client_in.get(
        "/api/v1/beds/erlang/",
        {"arrivals_per_day": "2", "mean_stay_days": "1", "target_blocking": "0.05"},
    ).json()
    assert (body["load"], body["beds_needed"], body["blocking"]) == (2, 5, None)


def test_no_delay_probability_when_the_load_reaches_the_beds(client_in):
    body = client_in.get("/api/v1/beds/erlang/", {"load": "2", "beds": "2"}).json()
    assert body["delay_probability"] is None and body["blocking"] == pytest.approx(0.4)


def test_a_load_of_five_thousand(client_in):
    body = client_in.get(
        "/api/v1/beds/erlang/", {"load": "5000", "beds": "5000", "target_blocking": "0.01"}
    ).json()
    assert 0.011 < body["blocking"] < 0.0113
    assert 5000 < body["beds_needed"] < 5100


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ({}, ["load"]),
        ({"load": "-1"}, ["load"]),
        ({"load": "många"}, ["load"]),
        ({"load": "nan"}, ["load"]),
        ({"arrivals_per_day": "3"}, ["mean_stay_days"]),
        ({"mean_stay_days": "3"}, ["arrivals_per_day"]),
        ({"load": "3", "arrivals_per_day": "3", "mean_stay_days": "1"}, ["load"]),
        ({"load": "3", "beds": "-2", "target_blocking": "x"}, ["beds", "target_blocking"]),
        ({"load": "3", "beds": "2.5"}, ["beds"]),
        ({"load": "3", "target_blocking": "1"}, ["target_blocking"]),
    ],
)
def test_bad_input_gets_a_400_with_a_message_per_parameter(client_in, query, fields):
    answer = client_in.get("/api/v1/beds/erlang/", query)
    assert answer.status_code == 400
    body = answer.json()
    assert body["status"] == 400 and sorted(body["errors"]) == sorted(fields)
    assert all(messages and messages[0] for messages in body["errors"].values())


def test_the_calculator_needs_a_login(client, db):
    assert client.get("/api/v1/beds/erlang/", {"load": "1"}).status_code in (401, 403)


def test_the_page_answers_in_swedish_and_explains_bad_input(client_in):
    page = client_in.get(
        "/vardplatser/erlang/", {"load": "2", "beds": "2", "target_blocking": "0,05"}
    ).content.decode()
    assert "Erlangkalkylator för vårdplatser" in page
    assert "40,00\u00a0%" in page  # B(2, 2)
    assert "Vårdplatser som behövs" in page
    bad = client_in.get("/vardplatser/erlang/", {"load": "-3"})
    assert bad.status_code == 200 and "Kontrollera värdena" in bad.content.decode()
