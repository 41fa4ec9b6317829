"""Every API refusal answers in the one error body, in the user's language."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from drf_spectacular.generators import EndpointEnumerator
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

API = "/api/v1/"
MISSING = 999999


def endpoints() -> list[tuple[str, str]]:
    """(path, method) of every API operation in the URL conf, path parameters filled in."""
    found = set()
    for path, _regex, method, _view in EndpointEnumerator().get_api_endpoints():
        if path.startswith(API):
            found.add((re.sub(r"\{[^}]+\}", str(MISSING), path), method))
    return sorted(found)


ENDPOINTS = endpoints()
OBJECT_READS = [path for path, method in ENDPOINTS if method == "GET" and str(MISSING) in path]


def assert_error_body(response, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert {"status", "code", "detail", "errors"} <= body.keys(), body
    assert body["status"] == status
    assert isinstance(body["code"], str) and body["code"]
    assert isinstance(body["detail"], str) and body["detail"]
    assert all(isinstance(m, str) for messages in body["errors"].values() for m in messages), body
    return body


def client_for(user=None, language: str | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_url_conf_has_the_api():
    assert len(ENDPOINTS) > 30 and OBJECT_READS


@pytest.mark.parametrize(("path", "method"), ENDPOINTS)
def test_every_endpoint_refuses_an_anonymous_caller_with_403_in_the_one_body(path, method):
    response = getattr(APIClient(), method.lower())(path, format="json")
    body = assert_error_body(response, 403)
    assert body["code"] == "not_authenticated"


@pytest.mark.parametrize("path", OBJECT_READS)
def test_every_missing_object_is_404_in_the_one_body_and_in_swedish(path, kps_admin):
    body = assert_error_body(client_for(kps_admin).get(path), 404)
    assert body["code"] == "not_found"
    assert "matches the given query" not in body["detail"]


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("plans/", {"year": "abc"}),
        ("plan-versions/", {"plan": "x"}),
        ("rollout/changes/", {"clinic": "ort"}),
        ("rollout/indicators/", {"year": "abc"}),
        ("followup/call-in/", {"vecka": "nästa"}),
        ("followup/actions/", {"status": "okänd"}),
        ("followup/meetings/", {"sedan": "igår"}),
        ("waitlists/queue-model/", {"demand": "många"}),
        ("waitlists/report/", {"level": "planet"}),
    ],
)
def test_bad_input_is_400_in_the_one_body(path, query, qulturum_user):
    response = client_for(qulturum_user).get(API + path, query)
    body = assert_error_body(response, 400)
    assert body["code"] == "invalid" and body["errors"], body


def test_a_serializers_field_errors_name_the_field_in_errors_and_at_the_top(org, qulturum_user):
    response = client_for(qulturum_user).post(
        f"{API}rollout/programmes/", {"clinic": org.clinics[1].id}, format="json"
    )
    body = assert_error_body(response, 400)
    assert "decision_date" in body["errors"] and "decision_date" in body


def test_a_404_is_swedish_by_default_and_english_when_the_user_chose_english(org, kps_leader):
    other = org.clinics[2]
    path = f"{API}clinics/{other.id}/"
    swedish = assert_error_body(client_for(kps_leader).get(path), 404)
    assert swedish["detail"] == "Kliniken finns inte eller hör inte till dina kliniker."
    english = assert_error_body(client_for(kps_leader, language="en").get(path), 404)
    assert english["detail"] == "The clinic does not exist or is not one of your clinics."
    plain = assert_error_body(
        client_for(kps_leader, language="en").get(f"{API}plans/{MISSING}/"), 404
    )
    assert plain["detail"] == "Not found."


def test_the_browsers_language_does_not_switch_the_api(org, kps_leader):
    # As on the pages: hospital computers often run an English system for Swedish-speaking users.
    response = client_for(kps_leader).get(f"{API}plans/{MISSING}/", HTTP_ACCEPT_LANGUAGE="en")
    assert assert_error_body(response, 404)["detail"] == "Hittades inte."


def test_drfs_own_messages_follow_the_users_language():
    swedish = assert_error_body(APIClient().get(f"{API}plans/"), 403)["detail"]
    english = assert_error_body(client_for(language="en").get(f"{API}plans/"), 403)["detail"]
    assert english == "Authentication credentials were not provided." and swedish != english


def test_the_schema_documents_the_one_error_body_on_every_operation(kps_admin):
    schema = client_for(kps_admin).get("/api/schema/", {"format": "json"}).json()
    error = schema["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"status", "code", "detail", "errors"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            codes = {"400", "403"} | ({"404"} if "{" in path else set())
            for code in codes:
                ref = operation["responses"][code]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/Error"), (path, method, code)
    conflict = schema["paths"]["/api/v1/plan-versions/{id}/cells/"]["post"]["responses"]["409"]
    ref = conflict["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert {"status", "code", "detail", "errors", "current_revision", "changes"} <= set(
        schema["components"]["schemas"][ref]["properties"]
    )
