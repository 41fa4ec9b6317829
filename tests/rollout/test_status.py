"""The programme's status is derived from its steps, never typed in."""

from datetime import date

import pytest

from rollout.models import Step
from rollout.status import (
    ProgrammeStatus,
    default_planned_end,
    default_step_dues,
    outcome_colour,
    plan_count_colour,
    programme_status,
)

TODAY = date(2026, 6, 15)


def status(**kwargs):
    values = {
        "has_programme": True,
        "start": date(2026, 1, 1),
        "steps_done": 3,
        "overdue_steps": 0,
        "completed": False,
        "today": TODAY,
    }
    return programme_status(**(values | kwargs))


def test_a_clinic_without_a_programme_has_not_been_decided_on():
    assert status(has_programme=False, start=None, steps_done=0) == ProgrammeStatus.NOT_STARTED


def test_a_decided_programme_that_has_not_started_is_only_decided():
    assert status(start=date(2026, 7, 1), steps_done=0) == ProgrammeStatus.DECIDED


def test_a_programme_is_running_once_its_start_has_passed_even_with_nothing_done():
    assert status(start=date(2026, 6, 1), steps_done=0) == ProgrammeStatus.ON_TRACK


def test_a_step_done_before_the_start_also_counts_as_running():
    assert status(start=date(2026, 7, 1), steps_done=1) == ProgrammeStatus.ON_TRACK


def test_one_step_past_its_due_date_makes_the_programme_late():
    assert status(overdue_steps=1) == ProgrammeStatus.LATE


def test_a_completed_programme_is_completed_whatever_else_is_open():
    assert status(completed=True, overdue_steps=2) == ProgrammeStatus.COMPLETED


def test_the_programme_runs_one_year_by_default_even_from_a_leap_day():
    assert default_planned_end(date(2026, 3, 2)) == date(2027, 3, 2)
    assert default_planned_end(date(2028, 2, 29)) == date(2029, 2, 28)


def test_default_due_dates_spread_the_steps_over_the_programme():
    dues = default_step_dues(start=date(2026, 1, 1), planned_end=date(2027, 1, 1))
    assert set(dues) == set(Step)
    assert dues[Step.COMPLETED] == date(2027, 1, 1)
    assert dues[Step.PROCESS_MAPPING] < dues[Step.GOALS_SET] < dues[Step.FIRST_PLAN_APPROVED]
    meetings = [dues[s] for s in (51, 52, 53, 54, 55, 56)]
    assert meetings == sorted(meetings) and len(set(meetings)) == 6
    assert meetings[-1] < dues[Step.COMPLETED]


def test_a_longer_agreement_stretches_the_due_dates():
    short = default_step_dues(start=date(2026, 1, 1), planned_end=date(2027, 1, 1))
    long = default_step_dues(start=date(2026, 1, 1), planned_end=date(2027, 7, 1))
    assert long[Step.ACTION_PLAN] > short[Step.ACTION_PLAN]


@pytest.mark.parametrize(
    ("share", "colour"),
    [(None, ""), (1.0, "green"), (1.12, "green"), (0.97, "yellow"), (0.95, "yellow"), (0.8, "red")],
)
def test_outcome_against_plan_is_measured_against_100_percent(share, colour):
    assert outcome_colour(share) == colour


def test_the_plan_count_is_green_only_when_the_area_reaches_its_target():
    assert plan_count_colour(11, 11) == "green"
    assert plan_count_colour(10, 11) == "red"
    assert plan_count_colour(None, 11) == ""
    assert plan_count_colour(3, 0) == ""
