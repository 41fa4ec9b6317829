"""The comparison between regions and the region's own report keep the schema for every role:
the suite-wide fuzzing (tests/api/test_schema_fuzz.py) on these operations alone, with reports."""

from __future__ import annotations

import base64

import pytest

from tests.api.test_schema_fuzz import (  # noqa: F401 - the fixture
    PASSWORDS,
    USERNAMES,
    _connection_kept_open_between_requests,
    fuzz,
    published_schema,
)
from tests.waitlists import scenario
from waitlists.models import RegionReportRow

pytestmark = pytest.mark.django_db
PATHS = (
    "/api/v1/waitlists/regions/",
    "/api/v1/waitlists/home-counties/",
    "/api/v1/waitlists/region-report/",
)


@pytest.mark.usefixtures("_connection_kept_open_between_requests")
@pytest.mark.parametrize("username", USERNAMES)
def test_the_comparison_answers_within_its_schema(username, org, role_users):
    scenario.build(org)
    RegionReportRow.objects.create(
        county_code="05", snapshot_date=scenario.LATEST, phase=2, kva_code="NFB49",
        waiting=40, guarantee=35, over_90=12, over_150=None, pvv=None, mov=None,
    )  # fmt: skip
    token = base64.b64encode(f"{username}:{PASSWORDS[username]}".encode()).decode()
    headers = {"Authorization": f"Basic {token}"}
    failures: list[str] = []
    for result in published_schema().get_all_operations():
        operation = result.ok()
        if operation.path in PATHS:
            failures += fuzz(operation, headers)
    assert failures == [], "\n".join(failures)
