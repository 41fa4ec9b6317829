"""Rollout's outcome against plan follows the outcome source the user chooses, as follow-up does;
a completed programme has no next step."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from facts.choices import OutcomeSource
from facts.models import WeeklyOutcome
from organisation.calendar import IsoWeek
from rollout import evidence, selectors
from rollout.models import Step
from rollout.status import ProgrammeStatus

from .builders import approve_plan, make_programme, plan_and_outcome

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)
needs_followup = pytest.mark.skipif(
    bool(evidence.missing_sources()), reason="follow-up is not there"
)


@pytest.fixture
def two_sources(org):
    """Ortopedi's plan of 100 in week 5: COSMIC counted 90, Diver 120."""
    clinic, unit = org.clinics[0], org.units[0]
    version = approve_plan(clinic, 2026, approved_on=date(2025, 12, 10))
    plan_and_outcome(version, unit, IsoWeek(2026, 5), plan=100, outcome=90)
    WeeklyOutcome.objects.create(
        unit=unit, activity_id=version.cells.first().activity_id, week=IsoWeek(2026, 5).key,
        source=OutcomeSource.DIVER, count=Decimal(120),
    )  # fmt: skip
    return clinic


def test_the_default_source_is_follow_ups_default():
    assert evidence.DEFAULT_SOURCE == OutcomeSource.COSMIC


@needs_followup
def test_the_indicators_read_the_chosen_source(two_sources, qulturum):
    cosmic = selectors.rollout_indicators(user=qulturum, year=2026, today=TODAY)
    diver = selectors.rollout_indicators(
        user=qulturum, year=2026, today=TODAY, source=OutcomeSource.DIVER
    )
    assert cosmic["total"].outcome[1].outcome == Decimal(90)
    assert diver["total"].outcome[1].outcome == Decimal(120)
    assert diver["source"] == OutcomeSource.DIVER


@needs_followup
def test_a_clinics_outcome_reads_the_chosen_source(two_sources):
    detail = selectors.programme_detail(clinic=two_sources, today=TODAY, source=OutcomeSource.DIVER)
    assert detail["outcome"][1].outcome == Decimal(120)
    assert selectors.programme_detail(clinic=two_sources, today=TODAY)["outcome"][
        1
    ].outcome == Decimal(90)


@needs_followup
def test_the_pages_and_the_api_take_the_source_as_follow_up_names_it(client, two_sources, qulturum):
    today = timezone.localdate()
    make_programme(qulturum, two_sources, start=today - timedelta(days=30), today=today)
    client.force_login(qulturum)
    page = client.get(f"/inforande/klinik/{two_sources.id}/", {"kalla": "diver"}).content.decode()
    assert "Utfall enligt Diver" in page
    assert '<option value="diver" selected>' in page
    overview = client.get("/inforande/", {"kalla": "diver"}).content.decode()
    assert "Utfall enligt Diver" in overview and "kalla=diver" in overview
    api = APIClient()
    api.force_authenticate(qulturum)
    assert api.get("/api/v1/rollout/indicators/", {"kalla": "diver"}).json()["source"] == "diver"
    detail = api.get(f"/api/v1/rollout/clinics/{two_sources.id}/", {"kalla": "diver"}).json()
    assert detail["source"] == "diver"


def test_the_export_says_which_source_its_outcome_is_from(client, org, qulturum):
    client.force_login(qulturum)
    response = client.get("/inforande/export.xlsx", {"kalla": "diver"})
    sheet = load_workbook(BytesIO(response.content))["Indikatorer"]
    assert sheet["C2"].value == "Utfall enligt Diver"


def test_an_unknown_source_is_a_swedish_message_never_a_500(client, org, qulturum):
    client.force_login(qulturum)
    response = client.get("/inforande/", {"kalla": "excel"})
    assert response.status_code == 200
    assert "Källan ”excel” finns inte; välj COSMIC eller Diver." in response.content.decode()
    api = APIClient()
    api.force_authenticate(qulturum)
    refused = api.get("/api/v1/rollout/indicators/", {"kalla": "excel"})
    assert refused.status_code == 400
    assert refused.json()["kalla"] == ["Källan ”excel” finns inte; välj COSMIC eller Diver."]


@pytest.fixture
def completed(org, qulturum):
    """Ortopedi's programme ran a year and was closed with its action plan; method meeting 6 was never held."""
    today = timezone.localdate()
    done = [s for s in Step if s != Step.METHOD_MEETING_6]
    return make_programme(
        qulturum, org.clinics[0], start=today - timedelta(days=400), today=today, done=done
    )


def test_a_completed_programme_reports_no_next_step(completed, qulturum, client):
    today = timezone.localdate()
    detail = selectors.programme_detail(clinic=completed.clinic, today=today)
    assert detail["status"] == ProgrammeStatus.COMPLETED
    assert detail["next_step"] is None
    row = next(
        r
        for r in selectors.rollout_rows(user=qulturum, today=today)
        if r.clinic_id == completed.clinic_id
    )
    assert (row.status, row.next_step, row.next_due) == (ProgrammeStatus.COMPLETED, None, None)
    client.force_login(qulturum)
    page = client.get(f"/inforande/klinik/{completed.clinic_id}/").content.decode()
    assert "Nästa:" not in page
    api = APIClient()
    api.force_authenticate(qulturum)
    listed = next(
        r for r in api.get("/api/v1/rollout/clinics/").json() if r["clinic"] == completed.clinic_id
    )
    assert listed["next_step"] is None
