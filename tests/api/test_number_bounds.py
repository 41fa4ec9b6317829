"""Every number the API takes has a sane range: outside it a 400 with a message, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from planning import services as planning

pytestmark = pytest.mark.django_db

HUGE = "9223372036854775808"
CALCULATOR = "/api/v1/waitlists/queue-model/"
ENT = {"demand": "30", "capacity": "27", "queue_size": "1200", "target_wait": "52"}


def paginated_lists() -> list[str]:
    """The API lists that take limit and offset, as the published schema declares them."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(
        path
        for path, operations in document["paths"].items()
        if "get" in operations
        and any(p["name"] == "limit" for p in operations["get"].get("parameters", []))
    )


PAGINATED = paginated_lists()


@pytest.fixture
def api(kps_admin):
    client = APIClient()
    client.force_authenticate(kps_admin)
    return client


@pytest.fixture
def draft(org, kps_admin):
    return planning.plan_create(clinic=org.clinics[0], year=2026, user=kps_admin)


def test_every_paginated_list_is_declared_with_bounded_limit_and_offset():
    assert len(PAGINATED) >= 10
    document = SchemaGenerator().get_schema(request=None, public=True)
    for path in PAGINATED:
        for parameter in document["paths"][path]["get"]["parameters"]:
            if parameter["name"] in ("limit", "offset"):
                assert "maximum" in parameter["schema"], (path, parameter)


@pytest.mark.parametrize("parameter", ["limit", "offset"])
def test_a_huge_limit_or_offset_on_any_list_is_a_400_with_a_message(api, parameter, draft):
    for template in PAGINATED:
        path = template.replace("{id}", str(draft.id))
        response = api.get(path, {parameter: HUGE})
        assert response.status_code == 400, (path, response.content)
        assert parameter in response.json()["errors"], path


def test_a_huge_revision_in_the_change_log_is_a_400(api, draft):
    response = api.get(f"/api/v1/plan-versions/{draft.id}/changes/", {"since": HUGE})
    assert response.status_code == 400
    assert "since" in response.json()["errors"]


def test_a_limit_within_bounds_still_pages(api, org):
    answer = api.get("/api/v1/clinics/", {"limit": 2}).json()
    assert answer["count"] == 3 and len(answer["results"]) == 2


@pytest.mark.parametrize(
    "extreme", [{"cv_demand": "1e200"}, {"queue_size": "1e308"}, {"demand": "1e308"}]
)
def test_the_queue_calculator_refuses_absurd_numbers_with_a_400(api, extreme):
    response = api.get(CALCULATOR, {**ENT, **extreme})
    assert response.status_code == 400
    assert set(extreme) <= response.json()["errors"].keys()


def test_the_queue_calculator_page_shows_a_message_for_absurd_numbers(kps_leader):
    client = Client()
    client.force_login(kps_leader)
    response = client.get("/vantelistor/kalkylator/", {**ENT, "cv_demand": "1e200"})
    assert response.status_code == 200
    assert "Får inte vara större än" in response.content.decode()


def test_what_if_refuses_a_capacity_beyond_any_clinic(api, org):
    response = api.get(
        "/api/v1/waitlists/what-if/", {"clinic": org.clinics[0].id, "capacity": "1e308"}
    )
    assert response.status_code == 400
    assert "capacity" in response.json()["errors"]


@pytest.mark.parametrize(
    "path, parameter",
    [
        ("/api/v1/plans/", "clinic"),
        ("/api/v1/plans/", "year"),
        ("/api/v1/plan-versions/", "plan"),
        ("/api/v1/rollout/changes/", "clinic"),
    ],
)
@pytest.mark.parametrize("value", [HUGE, "²"])
def test_an_id_filter_beyond_any_id_is_a_400(api, org, path, parameter, value):
    response = api.get(path, {parameter: value})
    assert response.status_code == 400
    assert parameter in response.json()["errors"]
