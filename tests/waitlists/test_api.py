"""The waiting-list API: the calculator's answers and messages, the report, access, and OpenAPI."""

import pytest
from rest_framework.test import APIClient

from tests.waitlists.conftest import SNAPSHOT

pytestmark = pytest.mark.django_db
CALCULATOR = "/api/v1/waitlists/queue-model/"
ENT = {"demand": "30", "capacity": "27", "queue_size": "1200", "target_wait": "52"}


@pytest.fixture
def api(kps_leader):
    client = APIClient()
    client.force_authenticate(kps_leader)
    return client


def test_the_calculator_answers_the_ent_example(api):
    answer = api.get(CALCULATOR, {**ENT, "mean_wait": "63"}).json()
    assert answer["queue_load"] == pytest.approx(1.1111, abs=1e-4)
    assert answer["target_mean_wait"] == 13
    assert answer["target_queue_size"] == 390
    assert answer["target_capacity"] == pytest.approx(30.0769, abs=1e-4)
    assert answer["relief_capacity"] == pytest.approx(61.1538, abs=1e-4)
    assert answer["waiting_list_pressure"] == pytest.approx(2.4231, abs=1e-4)


def test_defaults_are_factor_4_cv_1_and_26_weeks_and_pressure_needs_a_mean_wait(api):
    answer = api.get(CALCULATOR, ENT).json()
    assert "waiting_list_pressure" not in answer
    explicit = api.get(
        CALCULATOR,
        {**ENT, "factor": "4", "cv_demand": "1", "cv_capacity": "1", "weeks_to_target": "26"},
    ).json()
    assert explicit == answer
    assert api.get(CALCULATOR, {**ENT, "factor": "1"}).json()["target_capacity"] == pytest.approx(
        30.01923
    )


def test_a_decimal_comma_is_a_number(api):
    answer = api.get(CALCULATOR, {**ENT, "demand": "30,0", "target_wait": "12,857142857"}).json()
    assert answer["target_queue_size"] == pytest.approx(30 * 12.857142857 / 4)


def test_every_bad_or_missing_number_gets_its_own_swedish_message_and_a_400(api):
    response = api.get(
        CALCULATOR,
        {
            "demand": "trettio",
            "capacity": "0",
            "target_wait": "-4",
            "factor": "nan",
            "cv_demand": "-1",
            "mean_wait": "inf",
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors == {
        "demand": ["Ange ett tal, t.ex. 12 eller 12,5."],
        "capacity": ["Måste vara större än 0."],
        "queue_size": ["Värdet saknas."],
        "target_wait": ["Måste vara större än 0."],
        "factor": ["Ange ett tal, t.ex. 12 eller 12,5."],
        "cv_demand": ["Får inte vara mindre än 0."],
        "mean_wait": ["Ange ett tal, t.ex. 12 eller 12,5."],
    }


def test_the_api_needs_a_login():
    assert APIClient().get(CALCULATOR, ENT).status_code == 403


def test_the_report_api_gives_rows_totals_and_the_rules(api, rules_snapshot):
    answer = api.get("/api/v1/waitlists/report/", {"level": "area"}).json()
    assert answer["snapshot"] == SNAPSHOT.isoformat()
    assert answer["total"]["waiting"] == 10 and answer["total"]["over_90"] == 3
    assert set(answer["rules"]) == {"all", "guarantee_waiting", "guarantee_done", "target_date"}
    assert api.get("/api/v1/waitlists/report/", {"level": "land"}).status_code == 400


def test_trend_regions_and_care_areas_answer(api, rules_snapshot):
    assert api.get("/api/v1/waitlists/trend/").json()[-1]["waiting"] == 10
    assert api.get("/api/v1/waitlists/home-counties/").json()["counties"][0]["waiting"] == 10
    areas = api.get("/api/v1/waitlists/care-areas/").json()
    assert any(
        a["code"] == "kka-n" and a["codes"] == [{"classification": "kka", "prefix": "N"}]
        for a in areas["results"]
    )


def test_pace_and_what_if_refuse_a_clinic_the_user_may_not_see(api, org, rules_snapshot):
    own, foreign = org.clinics[0], org.clinics[-1]
    assert api.get("/api/v1/waitlists/pace/", {"clinic": own.id}).status_code == 200
    refused = api.get("/api/v1/waitlists/what-if/", {"clinic": foreign.id})
    assert refused.status_code == 400
    assert refused.json()["errors"]["clinic"] == [
        "Okänd klinik, eller en som du inte har tillgång till."
    ]
    assert api.get("/api/v1/waitlists/what-if/", {"clinic": own.id, "horizon": "8"}).json()[
        "errors"
    ] == {"horizon": ["Får inte vara mindre än 12."]}


def test_what_if_answers_with_the_band_and_the_week_the_guarantee_is_met(api, org, rules_snapshot):
    answer = api.get(
        "/api/v1/waitlists/what-if/", {"unit": org.units[0].id, "horizon": "12", "capacity": "5"}
    ).json()
    assert answer["capacity_source"] == "edited"
    assert len(answer["median"]) == len(answer["low"]) == len(answer["weeks"]) == 13
    assert answer["runs"] == 1000


def test_the_openapi_schema_documents_the_waitlist_endpoints(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for path in (
        "queue-model",
        "report",
        "trend",
        "regions",
        "home-counties",
        "region-report",
        "pace",
        "what-if",
        "care-areas",
    ):
        assert f"/api/v1/waitlists/{path}/" in paths
    parameters = {p["name"] for p in paths["/api/v1/waitlists/queue-model/"]["get"]["parameters"]}
    assert {
        "demand",
        "capacity",
        "queue_size",
        "target_wait",
        "factor",
        "cv_demand",
        "cv_capacity",
        "weeks_to_target",
        "mean_wait",
    } <= parameters


def test_downloads_are_swedish_csv_and_excel_with_formulas_neutralised(
    org, rules_snapshot, qulturum_user, client
):
    org.region.name = "=1+2 Region"
    org.region.save()
    client.force_login(qulturum_user)
    csv = client.get("/vantelistor/data/rapport.csv").content.decode("utf-8-sig")
    header, first = csv.splitlines()[:2]
    assert header.startswith("Grupp;Väntande, senaste mätning (alla);")
    assert first.startswith("'=1+2 Region")
    assert ";112,4;" in first  # the mean wait, with a decimal comma
    xlsx = client.get("/vantelistor/data/rapport.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet["A2"].value.startswith("'=1+2 Region")
    assert sheet["B2"].value == 10


def test_a_day_without_a_snapshot_is_refused_with_a_message(api, rules_snapshot):
    response = api.get("/api/v1/waitlists/report/", {"snapshot": "2026-10-30"})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "snapshot": ["Det finns ingen mätning av väntelistan den dagen."]
    }
    assert api.get("/api/v1/waitlists/report/", {"snapshot": "2026-10-31"}).status_code == 200
    assert api.get("/api/v1/waitlists/home-counties/", {"snapshot": "31/10"}).json()["errors"] == {
        "snapshot": ["Ange ett datum som 2026-10-31."]
    }
