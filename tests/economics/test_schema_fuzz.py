"""The economics endpoints (the DRG figures and the production assignments) against their published schema, fuzzed for every role on the hand-computed year
(the suite's own fuzz test covers it too, on the follow-up scenario without KPP rows)."""

from __future__ import annotations

import base64

import pytest

from tests.api.test_schema_fuzz import PASSWORDS, USERNAMES, fuzz, published_schema

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", USERNAMES)
def test_the_drg_endpoint_answers_within_its_schema(
    username, scenario, role_users, _connection_kept_open_between_requests
):
    token = base64.b64encode(f"{username}:{PASSWORDS[username]}".encode()).decode()
    failures, fuzzed = [], 0
    for result in published_schema().get_all_operations():
        operation = result.ok()
        if "/economics/" in operation.path:
            fuzzed += 1
            failures += fuzz(operation, {"Authorization": f"Basic {token}"})
    # The DRG figures; the assignments listed and created, one read, its lines saved, its status
    # moved; and the follow-up.
    assert fuzzed == 7 and failures == []
