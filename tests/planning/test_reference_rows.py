"""The grid's reference rows: last year's outcome per week and what is already booked.

Each expectation is computed here from the raw rows the test creates, not by the
code under test: last year's outcome of ISO week w (COSMIC where it counted the
unit's activity, Diver otherwise) stands under week w of the plan year; bookings
are counted per activity and week in the latest snapshot on or before the day.
"""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from facts.models import Booking, WeeklyOutcome
from facts.selectors.bookings import booked_per_week
from planning.reference import plan_reference_rows

from .conftest import YEAR

pytestmark = pytest.mark.django_db

TODAY = date(YEAR, 3, 2)


def iso_key(day: date) -> int:
    year, week, _weekday = day.isocalendar()
    return year * 100 + week


@pytest.fixture
def outcome_rows(unit, org, activities):
    """(unit, activity, week, source, count) as the extracts would have counted them."""
    other_unit = org.units[1]
    ny, ater, op = activities["lak-ny"], activities["lak-ater"], activities["operation"]
    raw = [
        # COSMIC and Diver both counted new visits: COSMIC's figures count.
        *[(unit, ny, (YEAR - 1) * 100 + w, "cosmic", 10 + w) for w in range(1, 53)],
        *[(unit, ny, (YEAR - 1) * 100 + w, "diver", 99) for w in range(1, 53)],
        # Only Diver counted return visits, and only some weeks.
        *[(unit, ater, (YEAR - 1) * 100 + w, "diver", 5) for w in (3, 4, 30)],
        # Not the unit, and not last year: neither shows.
        (other_unit, op, (YEAR - 1) * 100 + 5, "cosmic", 7),
        (unit, op, (YEAR - 2) * 100 + 5, "cosmic", 8),
        (unit, op, YEAR * 100 + 5, "cosmic", 9),
    ]
    WeeklyOutcome.objects.bulk_create(
        WeeklyOutcome(unit=u, activity=a, week=wk, source=s, count=Decimal(c))
        for u, a, wk, s, c in raw
    )
    return raw


@pytest.fixture
def booking_rows(unit, org, activities):
    """Three snapshots; the test's day falls after the second and before the third."""
    other_unit = org.units[1]
    ny, op = activities["lak-ny"], activities["operation"]
    days = [date(YEAR, 2, 16), date(YEAR, 2, 23), date(YEAR, 3, 9)]
    raw = []
    for s, snapshot in enumerate(days):
        for n, (u, a, booked) in enumerate(
            [
                (unit, ny, date(YEAR, 3, 10)),
                (unit, ny, date(YEAR, 3, 11)),
                (unit, ny, date(YEAR, 3, 17 + 7 * s)),
                (unit, op, date(YEAR, 4, 1)),
                (other_unit, ny, date(YEAR, 3, 10)),
                (unit, op, date(YEAR + 1, 1, 12)),  # next year: not in the plan's weeks
            ][: 4 + 2 * (s > 0)]
        ):
            raw.append((snapshot, f"b{s}-{n}", u, a, booked))
    Booking.objects.bulk_create(
        Booking(
            source="cosmic",
            snapshot_date=snapshot,
            booking_id=booking_id,
            booked_date=booked,
            week=iso_key(booked),
            unit=u,
            activity=a,
            phase=1,
            contact_type="BESOK",
        )
        for snapshot, booking_id, u, a, booked in raw
    )
    return raw


def expected_outcome(raw, unit):
    cosmic_pairs = {(u.id, a.id) for u, a, _w, s, _c in raw if s == "cosmic"}
    expected: dict[int, dict[int, Decimal]] = {}
    for u, a, week, source, count in raw:
        if u != unit or week // 100 != YEAR - 1:
            continue
        if source == "diver" and (u.id, a.id) in cosmic_pairs:
            continue
        expected.setdefault(a.id, {})[YEAR * 100 + week % 100] = Decimal(count)
    return expected


def expected_booked(raw, unit, as_of):
    latest = max(s for s, *_ in raw if s <= as_of)
    counts = Counter(
        (a.id, iso_key(booked))
        for s, _id, u, a, booked in raw
        if s == latest and u == unit and iso_key(booked) // 100 == YEAR
    )
    expected: dict[int, dict[int, int]] = {}
    for (activity_id, week), n in counts.items():
        expected.setdefault(activity_id, {})[week] = n
    return latest, expected


def test_last_years_outcome_stands_under_the_same_iso_week(unit, outcome_rows):
    rows = plan_reference_rows(unit_id=unit.id, year=YEAR, as_of=TODAY)
    assert rows.outcome == expected_outcome(outcome_rows, unit)
    # 2026 has a week 53 and 2025 had none: nothing stands under it.
    assert all(YEAR * 100 + 53 not in weeks for weeks in rows.outcome.values())


def test_bookings_are_counted_in_the_latest_snapshot_on_or_before_the_day(unit, booking_rows):
    rows = plan_reference_rows(unit_id=unit.id, year=YEAR, as_of=TODAY)
    latest, expected = expected_booked(booking_rows, unit, TODAY)
    assert rows.booked_snapshot == latest == date(YEAR, 2, 23)
    assert rows.booked == expected
    # A later day reads the later snapshot.
    later = plan_reference_rows(unit_id=unit.id, year=YEAR, as_of=date(YEAR, 3, 9))
    assert later.booked_snapshot == date(YEAR, 3, 9)
    assert later.booked == expected_booked(booking_rows, unit, date(YEAR, 3, 9))[1]


def test_without_a_snapshot_nothing_is_known_rather_than_nothing_booked(unit, booking_rows):
    before = booked_per_week(
        unit_ids=[unit.id],
        first_week=YEAR * 100 + 1,
        last_week=YEAR * 100 + 53,
        as_of=date(YEAR, 1, 1),
    )
    assert before.snapshot_date is None and before.counts == {}


def test_the_grid_page_carries_the_reference_rows_and_says_what_they_are(
    client, draft, unit, kps_leader, outcome_rows, booking_rows, monkeypatch
):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    client.force_login(kps_leader)
    response = client.get(reverse("planning:grid", args=[draft.id]) + f"?enhet={unit.id}")
    assert response.status_code == 200
    reference = response.context["grid"]["reference"]
    assert reference["outcome_year"] == YEAR - 1
    assert reference["outcome"] == {
        str(a): {str(w): float(v) for w, v in weeks.items()}
        for a, weeks in expected_outcome(outcome_rows, unit).items()
    }
    latest, expected = expected_booked(booking_rows, unit, TODAY)
    assert reference["booked_snapshot"] == latest.isoformat()
    assert reference["booked"] == {
        str(a): {str(w): float(n) for w, n in weeks.items()} for a, weeks in expected.items()
    }
    html = response.content.decode()
    assert f"Utfall {YEAR - 1}: utförda kontakter samma ISO-vecka föregående år" in html
    assert f"enligt bokningsläget {latest.isoformat()}" in html
    assert 'id="show-outcome"' in html and 'id="show-booked"' in html


def test_a_grid_without_facts_has_no_reference_rows(client, draft, unit, kps_leader):
    client.force_login(kps_leader)
    response = client.get(reverse("planning:grid", args=[draft.id]) + f"?enhet={unit.id}")
    reference = response.context["grid"]["reference"]
    assert reference["outcome"] == {} and reference["booked"] == {}
    assert "Bokat: inget bokningsläge har lästs in än" in response.content.decode()
