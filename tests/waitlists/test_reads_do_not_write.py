"""Reads do not write: a GET of a waiting-list page, its data or its API leaves the database as it
was, even when a snapshot has not been counted into the summary yet (the writes that change the
snapshots count it when they commit: tests/waitlists/test_summary_follows_writes.py)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.waitlists import builders as b
from tests.waitlists.conftest import SNAPSHOT
from waitlists.datasets import DATASETS
from waitlists.models import WaitingSummary

pytestmark = pytest.mark.django_db

LATER = SNAPSHOT + timedelta(days=30)
PAGES = ["index", "regions", "pace", "whatif", "calculator"]
API = ["report", "trend", "regions", "pace", "what-if"]


def writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


@pytest.fixture
def behind(rules_snapshot):
    """The rules snapshot counted, and a later one stored but not counted yet."""
    b.save(*[b.waiting(rules_snapshot, LATER, days=d) for d in (5, 95, 160)], sync=False)
    return rules_snapshot


def get_without_writing(client, url: str, params: dict | None = None) -> None:
    # The pace and the what-if are asked for a clinic; the report, trend and regions ignore it.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    assert writes(queries) == [], url


def test_no_waiting_list_page_writes(client, qulturum_user, behind):
    client.force_login(qulturum_user)
    for name in PAGES:
        get_without_writing(client, reverse(f"waitlists:{name}"))
    get_without_writing(client, reverse("waitlists:index"), {"level": "area"})
    assert LATER not in set(WaitingSummary.objects.values_list("snapshot_date", flat=True))


def test_no_chart_data_or_download_writes(client, qulturum_user, behind):
    client.force_login(qulturum_user)
    for name in DATASETS:
        for fmt in ("json", "csv", "xlsx"):
            get_without_writing(
                client, reverse("waitlists:data", args=[name, fmt]), {"clinic": behind.clinic_id}
            )
    assert LATER not in set(WaitingSummary.objects.values_list("snapshot_date", flat=True))


def test_no_api_answer_writes(client, qulturum_user, behind):
    client.force_login(qulturum_user)
    for name in API:
        get_without_writing(client, f"/api/v1/waitlists/{name}/", {"clinic": behind.clinic_id})
    assert LATER not in set(WaitingSummary.objects.values_list("snapshot_date", flat=True))
