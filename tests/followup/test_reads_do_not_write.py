"""Reads do not write: a GET of a dashboard, its charts or its API leaves the database as it was,
even when a summary is behind its inputs. The writes that change the inputs bring the summaries
up to date when they commit (tests/planning/test_approved_volumes.py,
tests/waitlists/test_summary_follows_writes.py); a page only reads them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facts.models import WaitingEntry
from followup.charts import callin as callin_charts
from followup.charts import strategic as strategic_charts
from followup.charts import tactical as tactical_charts
from followup.models import ApprovedPlanWeek, SummarisedPlanVersion
from waitlists.models import WaitingSummary

pytestmark = pytest.mark.django_db

CALLIN, TACTICAL, STRATEGIC = {"vecka": "2026-W20"}, {"ar": "2026", "period": "2"}, {"ar": "2026"}
PAGES = [
    ("followup:callin", CALLIN),
    ("followup:callin_print", CALLIN),
    ("followup:tactical", TACTICAL),
    ("followup:strategic", STRATEGIC),
]
CHARTS = [
    ("followup:callin_chart", callin_charts.CHARTS, CALLIN),
    ("followup:tactical_chart", tactical_charts.CHARTS, TACTICAL),
    ("followup:strategic_chart", strategic_charts.CHARTS, STRATEGIC),
]
API = [
    ("/api/v1/followup/call-in/", CALLIN),
    ("/api/v1/followup/tactical/", TACTICAL),
    ("/api/v1/followup/strategic/", STRATEGIC),
    ("/api/v1/followup/strategic-trend/", STRATEGIC),
    ("/api/v1/followup/strategic-waiting/", STRATEGIC),
    ("/api/v1/followup/meetings/", {}),
    ("/api/v1/followup/actions/", {}),
]


def writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


@pytest.fixture
def behind(half_year):
    """The half-year with both summaries behind: its approved plans were stored without being
    summed, and a later snapshot of the waiting list was stored without being counted."""
    later = half_year["today"] + timedelta(weeks=1)
    WaitingEntry.objects.bulk_create(
        WaitingEntry(source="cosmic", snapshot_date=later, waiting_id=f"L{n}", unit=unit, phase=1,
                     decision_date=later - timedelta(days=n))
        for n, unit in enumerate(half_year["units"] * 5)
    )  # fmt: skip
    assert not SummarisedPlanVersion.objects.exists()
    return half_year


def get_without_writing(client, url: str, params: dict) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, url
    assert writes(queries) == [], url


def test_no_dashboard_page_writes(client, behind, clinic_manager):
    client.force_login(clinic_manager)
    for name, params in PAGES:
        get_without_writing(client, reverse(name), {**params, "klinik": str(behind["clinic"].id)})
    assert not ApprovedPlanWeek.objects.exists() and not SummarisedPlanVersion.objects.exists()


def test_no_chart_or_its_download_writes(client, behind, qulturum_user):
    client.force_login(qulturum_user)
    for name, charts, params in CHARTS:
        for chart in charts:
            for fmt in ("json", "csv"):
                url = reverse(name, args=[chart])
                get_without_writing(
                    client, url, {**params, "klinik": str(behind["clinic"].id), "format": fmt}
                )
    assert not SummarisedPlanVersion.objects.exists()
    assert behind["today"] + timedelta(weeks=1) not in set(
        WaitingSummary.objects.values_list("snapshot_date", flat=True)
    )


def test_no_api_answer_writes(client, behind, qulturum_user):
    client.force_login(qulturum_user)
    for url, params in API:
        get_without_writing(client, url, {**params, "klinik": str(behind["clinic"].id)})
    assert not SummarisedPlanVersion.objects.exists()
