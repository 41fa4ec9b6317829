"""GET /api/v1/operating-rooms/utilisation/: figures, parameters, access per role, schema."""

from __future__ import annotations

import base64
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from organisation.models import Site
from tests import factories
from theatre.models import Operation, Room, Session

URL = "/api/v1/operating-rooms/utilisation/"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
MON = date(2026, 3, 2)


def at(clock: str, day: date = MON) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock)).replace(tzinfo=STOCKHOLM)


@pytest.fixture
def monday(theatre):
    """Orthopaedics holds room 1 07:00–17:00 (two operations); the eye clinic room 2 07:00–12:00."""
    Session.objects.create(
        room=theatre.room1, date=MON, start_time=time(7), end_time=time(17), unit=theatre.ortho_unit
    )
    Session.objects.create(
        room=theatre.room2, date=MON, start_time=time(7), end_time=time(12), unit=theatre.eye_unit
    )
    Session.objects.create(room=theatre.room2, date=MON, start_time=time(12), end_time=time(17))
    for n, (room, unit, times) in enumerate(
        [
            (theatre.room1, theatre.ortho_unit, ("07:30", "08:00", "10:00", "10:30")),
            (theatre.room1, theatre.ortho_unit, ("11:00", "11:20", "14:20", "15:00")),
            (theatre.room2, theatre.eye_unit, ("07:00", "07:10", "07:40", "08:00")),
        ]
    ):
        Operation.objects.create(
            source="cosmic", operation_id=f"P{n}", room=room, unit=unit, date=MON,
            patient_in=at(times[0]), op_start=at(times[1]), op_end=at(times[2]),
            patient_out=at(times[3]), status="GENOMFORD",
        )  # fmt: skip
    Operation.objects.create(
        source="cosmic", operation_id="S1", room=theatre.room2, unit=theatre.eye_unit, date=MON,
        status="STRUKEN", struck_at=at("18:00", date(2026, 3, 1)), strike_cause="RES",
    )  # fmt: skip
    return theatre


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def params(theatre, **extra) -> dict:
    return {"site": theatre.site.id, "from": "2026-03-02", "to": "2026-03-08", **extra}


def test_the_whole_hospital_for_a_region_wide_reader(monday, role_users):
    answer = client_for(role_users["qulturum"]).get(URL, params(monday))
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    assert body["whole_hospital"] is True
    # Two staffed rooms on a Monday: 2 × 600 minutes; patient time 180 + 240 + 60.
    assert body["open_minutes"] == 1200
    assert body["patient_minutes_in_hours"] == 480
    assert body["utilisation_patient_time"] == pytest.approx(480 / 1200)
    assert body["utilisation_knife_time"] == pytest.approx((120 + 180 + 30) / 1200)
    assert body["unallocated_minutes"] == 300
    assert (body["operations"], body["late_cancellations"]) == (3, 1)
    assert body["late_cancellations_by_cause"] == {"RES": 1}
    assert body["late_start_minutes"] == 30 and body["turnaround_minutes"] == 30
    assert body["early_finish_minutes"] == 120 + 240
    clinics = {c["name"]: c for c in body["clinics"]}
    assert clinics["Ortopedkliniken"]["open_minutes"] == 600
    assert clinics["Ögonkliniken"]["open_minutes"] == 300
    assert clinics["Ögonkliniken"]["utilisation_patient_time"] == pytest.approx(60 / 300)
    assert [r["code"] for r in body["rooms"]] == ["S1", "S2"]


def test_a_clinic_reader_sees_only_their_clinic(monday, role_users):
    # The KPS leader belongs to orthopaedics: the eye clinic's figures are not in the answer.
    body = client_for(role_users["ledare"]).get(URL, params(monday)).json()
    assert body["whole_hospital"] is False and body["unallocated_minutes"] is None
    assert [c["name"] for c in body["clinics"]] == ["Ortopedkliniken"]
    assert (body["open_minutes"], body["operations"], body["late_cancellations"]) == (600, 2, 0)
    assert body["patient_minutes_in_hours"] == 420


def test_an_area_manager_sees_the_clinics_of_the_area(monday, role_users):
    body = client_for(role_users["omradeschef"]).get(URL, params(monday)).json()
    assert {c["name"] for c in body["clinics"]} == {"Ortopedkliniken", "Ögonkliniken"}
    assert body["whole_hospital"] is False and body["open_minutes"] == 900


def test_one_clinic_and_one_room(monday, role_users):
    client = client_for(role_users["admin"])
    eye = client.get(URL, params(monday, clinic=monday.eye.id)).json()
    assert (eye["open_minutes"], eye["operations"]) == (300, 1)
    room = client.get(URL, params(monday, room=monday.room1.id)).json()
    assert room["open_minutes"] == 600 and [r["code"] for r in room["rooms"]] == ["S1"]


def test_a_clinic_the_reader_may_not_see_is_refused(monday, role_users):
    answer = client_for(role_users["ledare"]).get(URL, params(monday, clinic=monday.eye.id))
    assert answer.status_code == 400
    assert "tillgång" in answer.json()["errors"]["clinic"][0]


@pytest.mark.parametrize(
    ("query", "field", "text"),
    [
        ({"to": "2026-03-01"}, "to", "före startdatumet"),
        ({"from": "2025-01-01", "to": "2026-03-01"}, "to", "högst 366 dagar"),
        ({"from": "2 mars"}, "from", "ÅÅÅÅ-MM-DD"),
        ({"site": "x"}, "site", "id"),
        ({"room": "999999"}, "room", "sjukhuset"),
    ],
)
def test_bad_parameters_get_a_swedish_400(monday, role_users, query, field, text):
    answer = client_for(role_users["admin"]).get(URL, params(monday, **query))
    assert answer.status_code == 400
    assert text in answer.json()["errors"][field][0]


def test_a_missing_site_is_required(monday, role_users):
    answer = client_for(role_users["admin"]).get(URL, {"from": "2026-03-02", "to": "2026-03-02"})
    assert answer.status_code == 400 and "site" in answer.json()["errors"]


def test_an_unknown_hospital_is_404_and_another_hospital_403(monday, role_users):
    client = client_for(role_users["ledare"])
    assert client.get(URL, params(monday, site=999999)).status_code == 404
    other = Site.objects.create(region=monday.org.region, code="ANN", name="Annat sjukhus")
    Room.objects.create(site=other, code="X1", name="Sal X1")
    refused = client.get(URL, params(monday, site=other.id))
    assert refused.status_code == 403
    assert "tillgång" in refused.json()["detail"]


def test_no_login_no_figures(monday):
    assert APIClient().get(URL, params(monday)).status_code in (401, 403)


def test_the_schema_describes_the_endpoint():
    document = SchemaGenerator().get_schema(request=None, public=True)
    operation = document["paths"][URL]["get"]
    assert {"200", "400", "403", "404"} <= set(operation["responses"])
    names = {p["name"]: p for p in operation["parameters"]}
    assert {"site", "clinic", "room", "from", "to"} <= set(names)
    assert names["site"]["required"] and names["from"]["schema"]["format"] == "date"
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    shape = document["components"]["schemas"][answer.rsplit("/", 1)[-1]]
    for field in (
        "open_minutes", "patient_minutes_in_hours", "utilisation_patient_time",
        "utilisation_knife_time", "session_minutes", "late_start_minutes", "early_finish_minutes",
        "overrun_minutes", "turnaround_minutes", "operations", "late_cancellations", "clinics",
    ):  # fmt: skip
        assert field in shape["properties"], field


@pytest.mark.parametrize("username", ["ledare", "admin"])
def test_fuzzed_requests_stay_within_the_schema(
    username, monday, role_users, _connection_kept_open_between_requests
):
    from tests.api.test_schema_fuzz import PASSWORDS, fuzz, published_schema

    token = base64.b64encode(f"{username}:{PASSWORDS[username]}".encode()).decode()
    operations = [r.ok() for r in published_schema().get_all_operations() if r.ok().path == URL]
    assert len(operations) == 1
    assert fuzz(operations[0], {"Authorization": f"Basic {token}"}) == []


def test_the_persona_fixture_places_the_leader_in_orthopaedics(role_users, monday):
    assert factories.PERSONAS and role_users["ledare"].memberships.get().clinic == monday.ortho


def test_a_clinic_reader_sees_the_rooms_that_admit_their_clinic(monday):
    eye_reader = factories.make_user("oga", "kps_leader", clinic=monday.eye)
    body = client_for(eye_reader).get(URL, params(monday)).json()
    # Room 1 admits only orthopaedics, and the eye clinic did not use it.
    assert [r["code"] for r in body["rooms"]] == ["S2"]
    assert (body["open_minutes"], body["operations"], body["late_cancellations"]) == (300, 1, 1)


def test_a_hospitals_own_opening_hours_are_used(monday, role_users):
    from theatre.models import OpeningHours

    OpeningHours.objects.create(site=monday.site, weekday=0, opens=time(8), closes=time(16))
    body = client_for(role_users["admin"]).get(URL, params(monday)).json()
    # Two staffed rooms on the Monday, 08:00–16:00 each.
    assert body["open_minutes"] == 2 * 480


def test_the_admin_keeps_rooms_and_opening_hours(monday, role_users):
    from django.test import Client

    client = Client()
    client.force_login(role_users["admin"])
    for url in (
        "/admin/theatre/room/",
        f"/admin/theatre/room/{monday.room1.id}/change/",
        "/admin/theatre/openinghours/add/",
        "/admin/theatre/session/",
        "/admin/theatre/operation/",
    ):
        assert client.get(url).status_code == 200, url
    refused = client.post(
        "/admin/theatre/openinghours/add/",
        {"site": monday.site.id, "weekday": 4, "opens": "14:00", "closes": "07:00"},
    )
    assert "Stängningstiden måste vara efter öppningstiden." in refused.content.decode()
