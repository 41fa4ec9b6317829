"""The schema declares each answer's shape as the view gives it: object, plain array or page."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

FIGURES = [
    "/api/v1/followup/call-in/",
    "/api/v1/followup/tactical/",
    "/api/v1/followup/strategic/",
    "/api/v1/followup/strategic-trend/",
    "/api/v1/followup/strategic-waiting/",
    "/api/v1/rollout/indicators/",
    "/api/v1/rollout/timeline/",
    "/api/v1/operating-rooms/utilisation/",
    "/api/v1/beds/plan-check/",
]
PLAIN_LISTS = [
    "/api/v1/plan-versions/{id}/cells/",
    "/api/v1/plan-versions/{id}/saves/",
    "/api/v1/plan-versions/{id}/capacity/",
]


@pytest.fixture(scope="module")
def document() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def answer(document: dict, path: str) -> dict:
    schema = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    schema = schema["schema"]
    if "$ref" in schema:
        return document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


@pytest.mark.parametrize("path", FIGURES)
def test_a_page_of_figures_is_declared_as_one_object(document, path):
    assert answer(document, path).get("type") == "object", path


@pytest.mark.parametrize("path", PLAIN_LISTS)
def test_a_plain_list_is_declared_as_an_array_without_paging(document, path):
    assert answer(document, path)["type"] == "array"
    names = {p["name"] for p in document["paths"][path]["get"].get("parameters", [])}
    assert not {"limit", "offset"} & names


def test_the_change_log_is_declared_as_the_page_it_answers(document):
    page = answer(document, "/api/v1/plan-versions/{id}/changes/")
    assert {"count", "next", "previous", "results"} <= set(page["properties"])


@pytest.mark.django_db
def test_a_save_refused_because_the_version_is_submitted_answers_a_409_the_schema_allows(
    org, kps_leader
):
    # Only a stale revision's 409 lists what changed; a locked version's 409 is the bare body.
    from rest_framework.test import APIClient

    from planning import services as planning

    version = planning.plan_create(clinic=org.clinics[0], year=2026, user=kps_leader)
    planning.plan_submit(version=version, user=kps_leader)
    client = APIClient()
    client.force_authenticate(kps_leader)
    response = client.post(
        f"/api/v1/plan-versions/{version.id}/cells/", {"revision": 0, "cells": []}, format="json"
    )
    assert response.status_code == 409
    document = SchemaGenerator().get_schema(request=None, public=True)
    declared = document["paths"]["/api/v1/plan-versions/{id}/cells/"]["post"]["responses"]["409"]
    ref = declared["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(document["components"]["schemas"][ref]["required"]) <= response.json().keys()
