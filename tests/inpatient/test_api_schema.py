"""The inpatient endpoints (and the dashboards' ward panels) against their published schema,
fuzzed per role (as every operation is in tests/api): no server error, no undocumented status, no
answer of another shape."""

from __future__ import annotations

import base64

import pytest

from tests import factories
from tests.api.test_schema_fuzz import PASSWORDS, USERNAMES, fuzz, published_schema

PANELS = ("/api/v1/followup/call-in/", "/api/v1/followup/strategic/")


@pytest.mark.parametrize("username", USERNAMES)
def test_the_bed_endpoints_keep_to_their_schema(
    username, week, role_users, _connection_kept_open_between_requests
):
    token = base64.b64encode(f"{username}:{PASSWORDS[username]}".encode()).decode()
    headers = {"Authorization": f"Basic {token}"}
    # The bed endpoints, and the dashboards that show the wards' panels, with wards to show.
    operations = [
        result.ok()
        for result in published_schema().get_all_operations()
        if result.ok().path.startswith(("/api/v1/beds/", *PANELS))
    ]
    assert len(operations) == 3 + len(PANELS)
    failures: list[str] = []
    for operation in operations:
        failures += fuzz(operation, headers)
    assert failures == []


def test_the_schema_documents_the_parameters_and_the_error_body(db):
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    erlang = document["paths"]["/api/v1/beds/erlang/"]["get"]
    names = {p["name"] for p in erlang["parameters"]}
    assert names == {"load", "arrivals_per_day", "mean_stay_days", "beds", "target_blocking"}
    assert {"200", "400", "403"} <= set(erlang["responses"])
    occupancy = document["paths"]["/api/v1/beds/occupancy/"]["get"]
    assert {"from", "to", "site", "clinic", "ward", "period", "level"} == {
        p["name"] for p in occupancy["parameters"]
    }
    check = document["paths"]["/api/v1/beds/plan-check/"]["get"]
    assert {"version", "plan", "ward"} == {p["name"] for p in check["parameters"]}
    assert {"200", "400", "403"} <= set(check["responses"])
    assert factories.PERSONAS
