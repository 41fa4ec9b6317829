"""The capacity check: plan × time standard against HR's hours, per schedule period and profession."""

from decimal import Decimal

import pytest

from facts.models import StaffHours
from organisation.models import ClinicTimeStandard, SchedulePeriod
from planning import capacity, services

from .conftest import YEAR, edits


@pytest.mark.parametrize(
    ("needed", "available", "expected"),
    [
        (0, 0, ""),
        (0, 10, "green"),
        (89.9, 100, "green"),
        (90, 100, "yellow"),
        (100, 100, "yellow"),
        (100.1, 100, "red"),
        (5, 0, "red"),
        (5, None, "missing"),
        (0, None, ""),
    ],  # fmt: skip
)
def test_the_traffic_light_thresholds(needed, available, expected):
    assert capacity.light(needed=needed, available=available) == expected


def test_the_thresholds_are_configurable(settings):
    settings.KPS_CAPACITY_YELLOW = 0.5
    settings.KPS_CAPACITY_RED = 0.8
    assert capacity.light(needed=60, available=100) == "yellow"
    assert capacity.light(needed=81, available=100) == "red"


@pytest.mark.django_db
def test_hours_needed_and_available_per_period_and_profession(
    draft, clinic, unit, activities, kps_leader
):
    # A clinic standard overrides the activity's default: new doctor visits take 60 minutes here.
    ClinicTimeStandard.objects.create(clinic=clinic, activity=activities["lak-ny"], minutes=60)
    cells = edits(
        unit, activities["lak-ny"], {1: 30, 13: 30, 14: 10}
    )  # 60 h in period 1, 10 h in period 2
    cells += edits(unit, activities["ssk-besok"], {2: 40})  # 40 × 30 min = 20 h
    services.plan_save_cells(version=draft, user=kps_leader, based_on_revision=0, cells=cells)
    for week in range(1, 14):
        StaffHours.objects.create(
            unit=unit, week=YEAR * 100 + week, profession="LAK", hours=Decimal(5)
        )
        StaffHours.objects.create(
            unit=unit, week=YEAR * 100 + week, profession="SSK", hours=Decimal("1.5")
        )
    rows = {
        (r.period, r.profession): r
        for r in capacity.plan_capacity(version=draft, unit_ids=[unit.id])
    }
    assert (rows[1, "LAK"].needed, rows[1, "LAK"].available, rows[1, "LAK"].light) == (
        60.0,
        65.0,
        "yellow",
    )
    assert (rows[1, "SSK"].needed, rows[1, "SSK"].available, rows[1, "SSK"].light) == (
        20.0,
        19.5,
        "red",
    )
    # Period 2 has no hours from HR: not delivered yet, an unknown rather than red.
    assert (rows[2, "LAK"].needed, rows[2, "LAK"].available, rows[2, "LAK"].light) == (
        10.0,
        None,
        "missing",
    )


@pytest.mark.django_db
def test_an_areas_own_schedule_periods_decide_which_period_a_week_counts_in(
    draft, clinic, unit, activities, kps_leader
):
    from organisation.calendar import IsoWeek

    starts = [1, 10, 27, 40]
    ends = [9, 26, 39, 53]
    for number, (first, last) in enumerate(zip(starts, ends, strict=True), start=1):
        SchedulePeriod.objects.create(
            area=clinic.area,
            year=YEAR,
            number=number,
            start=IsoWeek(YEAR, first).monday,
            end=IsoWeek(YEAR, last).sunday,
        )
    services.plan_save_cells(
        version=draft,
        user=kps_leader,
        based_on_revision=0,
        cells=edits(unit, activities["lak-ater"], {12: 2}),
    )
    rows = capacity.plan_capacity(version=draft)
    assert [(r.period, r.profession, r.needed) for r in rows] == [(2, "LAK", 1.0)]


@pytest.mark.django_db
def test_a_profession_with_need_but_no_hr_hours_at_all_is_hr_uppgift_saknas(
    draft, unit, activities, kps_leader
):
    # An hour a week of written contacts (Övrig, 10 minutes each), a profession HR has no hours for.
    cells = edits(unit, activities["skriftlig"], {w: 6 for w in range(1, 14)})
    cells += edits(unit, activities["lak-ny"], {1: 30})
    services.plan_save_cells(version=draft, user=kps_leader, based_on_revision=0, cells=cells)
    for week in range(1, 14):
        StaffHours.objects.create(
            unit=unit, week=YEAR * 100 + week, profession="LAK", hours=Decimal(5)
        )
    rows = {
        (r.period, r.profession): r
        for r in capacity.plan_capacity(version=draft, unit_ids=[unit.id])
    }
    other = rows[1, "OVR"]
    assert (other.needed, other.available, other.ratio, other.light) == (
        13.0,
        None,
        None,
        "missing",
    )
    assert other.light_label == "HR-uppgift saknas"
    assert rows[1, "LAK"].light == "green"
