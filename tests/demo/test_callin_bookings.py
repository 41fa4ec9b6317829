"""A demo generated today shows its bookings on the call-in a clinic opens by default.

The call-in follows up last week and reads the booking snapshot of the meeting's
Monday. A demo that held only yesterday's snapshot showed "no bookings yet" on
every day but Monday and Tuesday, because that snapshot was newer than the meeting.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from demo.generator import Size, generate
from demo.plans import demo_plans_create
from demo.region import region_spec
from demo.services import demo_region_build, demo_users_create
from organisation.calendar import IsoWeek

pytestmark = pytest.mark.django_db
# Two years: the demo's plans are proposed from last year's outcome.
SIZE = Size(units=12, contacts_per_year=6_000, waiting=200, years=2)


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 11, 22),  # a Sunday: the meeting day of last week was six days ago
        date(2026, 11, 25),  # a Wednesday: yesterday's snapshot is newer than the meeting
        date(2026, 11, 23),  # a Monday: the meeting is today
    ],
)
def test_the_default_call_in_shows_the_demo_bookings_for_the_next_four_weeks(
    client, tmp_path, monkeypatch, today
):
    demo_region_build(spec=region_spec(units=SIZE.units))
    demo_users_create()
    paths = generate(tmp_path, size=SIZE, until=today, seed=5)
    call_command("kps_import", *map(str, paths), stdout=io.StringIO())
    demo_plans_create(year=today.year, approver=User.objects.get(username="admin"))

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)
    client.force_login(User.objects.get(username="chef"))
    response = client.get("/uppfoljning/callin/")

    assert response.status_code == 200
    assert response.context["week"] == IsoWeek.of(today) - 1
    ahead = response.context["dashboard"].ahead
    meeting = (IsoWeek.of(today) - 1).sunday.toordinal() + 1
    assert ahead["snapshot_date"] is not None
    assert ahead["snapshot_date"].toordinal() <= meeting
    booked = [cell["booked"] for cell in ahead["weeks"]]
    assert len(booked) == 4 and all(booked), booked
    # The clinic's own bookings, of the size of its plan (the region books several times more).
    assert 0.5 < ahead["total"]["share"] < 1.5, ahead["total"]
    content = response.content.decode()
    assert "Inga bokningsuppgifter än" not in content
    assert f"bokningar {ahead['snapshot_date'].isoformat()}" in content
