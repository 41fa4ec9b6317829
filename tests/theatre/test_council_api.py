"""/api/v1/operating-rooms/allocations/: propose, read, move, decide, and who may do which.

The council is the heads (managers) of the hospital's operating clinics, or of their area, and
administrators; Qulturum reads the whole allocation; a clinic's KPS leader reads their own
clinic's sessions; a clinic with no operating room at the hospital sees nothing of it.
"""

from __future__ import annotations

import base64
from datetime import date

import pytest
from rest_framework.test import APIClient

from organisation.models import Role
from tests import factories
from tests.api.test_schema_fuzz import fuzz, published_schema
from theatre.choices import AllocationStatus
from theatre.models import Allocation, Session

URL = "/api/v1/operating-rooms/allocations/"
WEEK = {"from": "2027-01-11", "to": "2027-01-17"}


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def users(theatre, org):
    people = factories.make_role_users(org)
    people["ledare-ogon"] = factories.make_user("ledare-ogon", Role.KPS_LEADER, clinic=theatre.eye)
    people["chef-kar"] = factories.make_user("chef-kar", Role.MANAGER, clinic=org.clinics[2])
    return people


def propose(theatre, user):
    return client_for(user).post(URL, {"site": theatre.site.id, **WEEK}, format="json")


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("chef", 201),
        ("omradeschef", 201),
        ("admin", 201),
        ("ledare", 403),
        ("qulturum", 403),
        ("ledare-ogon", 403),
        ("chef-kar", 403),
    ],
)
def test_only_the_council_proposes(theatre, users, username, expected):
    answer = propose(theatre, users[username])
    assert answer.status_code == expected, answer.json()
    if expected == 201:
        body = answer.json()
        assert body["status"] == AllocationStatus.PROPOSED
        # Template: 2 rooms × 5 weekdays.
        assert len(body["sessions"]) == 10
        assert body["whole"] is True
        eye = next(c for c in body["clinics"] if c["id"] == theatre.eye.id)
        assert eye["sessions"] >= 1 and eye["explanation"]


@pytest.fixture
def proposed(theatre, users):
    return propose(theatre, users["chef"]).json()


@pytest.mark.parametrize(
    ("username", "status", "whole", "clinics"),
    [
        ("qulturum", 200, True, {"ortho", "eye"}),
        ("omradeschef", 200, True, {"ortho", "eye"}),
        ("ledare", 200, False, {"ortho"}),
        ("ledare-ogon", 200, False, {"eye"}),
        ("chef-kar", 404, None, None),
    ],
)
def test_everyone_reads_their_own_clinics(
    theatre, users, proposed, username, status, whole, clinics
):
    answer = client_for(users[username]).get(f"{URL}{proposed['id']}/")
    assert answer.status_code == status
    listed = client_for(users[username]).get(URL).json()
    if status != 200:
        assert listed == []
        return
    body = answer.json()
    names = {theatre.ortho.id: "ortho", theatre.eye.id: "eye"}
    assert body["whole"] is whole
    assert {names[c["id"]] for c in body["clinics"]} == clinics
    assert {names[s["clinic"]] for s in body["sessions"] if s["clinic"]} <= clinics
    assert [a["id"] for a in listed] == [proposed["id"]]


def test_a_session_moves_only_to_a_clinic_its_room_admits(theatre, users, proposed):
    chef = client_for(users["chef"])
    room1 = next(s for s in proposed["sessions"] if s["room"] == theatre.room1.id)
    refused = chef.post(
        f"{URL}{proposed['id']}/move/",
        {"session": room1["id"], "clinic": theatre.eye.id},
        format="json",
    )
    assert refused.status_code == 400
    assert "clinic" in refused.json()["errors"]
    room2 = next(s for s in proposed["sessions"] if s["room"] == theatre.room2.id)
    moved = chef.post(
        f"{URL}{proposed['id']}/move/",
        {"session": room2["id"], "clinic": theatre.eye.id},
        format="json",
    )
    assert moved.status_code == 200
    assert (
        next(s for s in moved.json()["sessions"] if s["id"] == room2["id"])["clinic"]
        == theatre.eye.id
    )
    leader = client_for(users["ledare"]).post(
        f"{URL}{proposed['id']}/move/", {"session": room2["id"], "clinic": None}, format="json"
    )
    assert leader.status_code == 403


def test_the_decision_is_a_status_change_with_who_when_and_a_note(theatre, users, proposed):
    url = f"{URL}{proposed['id']}/decide/"
    assert client_for(users["ledare"]).post(url, {"note": "x"}, format="json").status_code == 403
    assert client_for(users["qulturum"]).post(url, {}, format="json").status_code == 403
    answer = client_for(users["chef"]).post(url, {"note": "Beslut i rådet 7/12."}, format="json")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == AllocationStatus.DECIDED
    assert body["decided_by"] and body["decided_at"]
    assert body["note"] == "Beslut i rådet 7/12."
    assert Session.objects.filter(date__range=(date(2027, 1, 11), date(2027, 1, 17))).count() == 10
    again = client_for(users["chef"]).post(url, {}, format="json")
    assert again.status_code == 409
    assert Allocation.objects.get().status == AllocationStatus.DECIDED


@pytest.mark.parametrize(
    "payload",
    [
        {"site": 999_999, **WEEK},
        {"site": "x"},
        {"site": 1, "from": "2027-01-17", "to": "2027-01-11"},
        {"site": 1, "from": "2027-01-11"},
        {"site": 1, "from": "2027-01-01", "to": "2027-12-31"},
        {"site": 1, "minimums": [{"clinic": 1, "sessions": -1}]},
    ],
)
def test_bad_input_is_refused_in_swedish_and_nothing_is_proposed(theatre, users, payload):
    answer = client_for(users["chef"]).post(URL, payload, format="json")
    assert answer.status_code in (400, 404)
    assert answer.json()["detail"]
    assert not Allocation.objects.exists()


def test_a_minimum_for_a_clinic_that_does_not_operate_here_is_refused(theatre, users, org):
    answer = client_for(users["chef"]).post(
        URL,
        {
            "site": theatre.site.id,
            **WEEK,
            "minimums": [{"clinic": org.clinics[2].id, "sessions": 1}],
        },
        format="json",
    )
    assert answer.status_code == 400
    assert "minimums" in answer.json()["errors"]


def test_fuzzed_allocation_requests_keep_to_the_schema(
    theatre, users, proposed, _connection_kept_open_between_requests
):
    # The whole API's fuzz (tests/api) runs every role; here the council's operations for a
    # council member and a clinic's reader, with an allocation to find.
    failures: list[str] = []
    for persona in factories.PERSONAS:
        if persona.username not in ("chef", "ledare"):
            continue
        token = base64.b64encode(f"{persona.username}:{persona.password}".encode()).decode()
        for result in published_schema().get_all_operations():
            operation = result.ok()
            if "/allocations/" in operation.path:
                failures += fuzz(operation, {"Authorization": f"Basic {token}"})
    assert failures == []
