"""The demo's operating-room council has decided the coming schedule period of the demo
clinic's hospital, through the council's own services."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from demo.region import region_spec
from demo.services import demo_region_build, demo_users_create
from demo.theatre import demo_allocation_create
from organisation.calendar import Period
from organisation.models import Clinic
from planning.room_time import room_hours
from theatre.choices import AllocationStatus
from theatre.models import Allocation, Room, Session

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 25)
# The schedule period after TODAY: ISO weeks 2027-W01–W13.
PERIOD = Period(1, date(2027, 1, 4), date(2027, 4, 4), date(2026, 10, 12))
# Its 65 weekdays less trettondedagen (Wednesday 6 January), långfredagen (26 March) and
# annandag påsk (29 March): 50 Monday–Thursdays open 07–17 and 12 Fridays 07–14.
LONG_DAYS, FRIDAYS = 50, 12


def test_the_demo_clinics_hospital_has_decided_its_coming_periods_room_time():
    demo_region_build(spec=region_spec(units=None))
    demo_users_create()
    allocation = demo_allocation_create(today=TODAY)

    ort = Clinic.objects.get(code="ORT")
    assert allocation is not None
    assert (allocation.site, allocation.start, allocation.end) == (
        ort.site,
        PERIOD.start,
        PERIOD.end,
    )
    assert allocation.status == AllocationStatus.DECIDED
    assert allocation.decided_by.username == "chef" and allocation.note
    # No session plan was imported: every room of the hospital on every working day.
    rooms = Room.objects.filter(site=ort.site, active=True).count()
    assert allocation.sessions.count() == rooms * (LONG_DAYS + FRIDAYS)
    # The decision is the period's session plan, and ORT's share is its room hours in the grid.
    plan = Session.objects.filter(room__site=ort.site, date__range=(PERIOD.start, PERIOD.end))
    assert plan.count() == rooms * (LONG_DAYS + FRIDAYS)
    ort_sessions = [s for s in plan if s.unit_id and s.unit.clinic_id == ort.id]
    assert len(ort_sessions) >= 13  # at least one session a week, the council's minimum
    hours = (
        sum(
            (datetime.combine(s.date, s.end_time) - datetime.combine(s.date, s.start_time)).seconds
            for s in ort_sessions
        )
        / 3600
    )
    assert room_hours(clinic_id=ort.id, periods=[PERIOD]) == {"1": round(hours, 1)}


def test_a_second_run_leaves_the_decision_as_it_is():
    demo_region_build(spec=region_spec(units=None))
    demo_users_create()
    first = demo_allocation_create(today=TODAY)
    again = demo_allocation_create(today=TODAY)
    assert again == first
    assert Allocation.objects.count() == 1


def test_the_council_page_shows_the_decision_to_the_demo_clinics_head(client):
    """On a fresh demo the page's coming period is the decided one (the demo is built as of today)."""
    demo_region_build(spec=region_spec(units=None))
    demo_users_create()
    allocation = demo_allocation_create(today=timezone.localdate())
    assert allocation is not None
    client.force_login(User.objects.get(username="chef"))

    page = client.get(reverse("theatre:council"), {"sjukhus": allocation.site_id})

    assert page.status_code == 200
    assert page.context["current"] == allocation
    ort = Clinic.objects.get(code="ORT")
    row = next(r for r in page.context["rows"] if r["need"].clinic_id == ort.id)
    weeks = ((allocation.end - allocation.start).days + 1) / 7
    ort_hours = sum(s.hours for s in allocation.sessions.filter(clinic=ort))
    assert row["allocated"] == pytest.approx(ort_hours / weeks)
    assert ort_hours > 0
