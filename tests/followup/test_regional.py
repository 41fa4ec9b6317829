"""Outcome against plan per clinic and tertial, by hand on a small year (2026 has 53 weeks)."""

from datetime import date
from decimal import Decimal

import pytest

from followup import selectors
from followup.models import Meeting
from organisation.calendar import tertial_weeks, weeks_in_year
from planning.models import PlanStatus

from .facts import activity, approved_plan, outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2026(org):
    """Ortopedkliniken plans 10 Läkarbesök ny a week all year and performs 8 in weeks 1–10 but 5.

    Week 5 has no outcome anywhere in the region (its extract never came), week 53 has 12.
    A draft version planning 99 a week must not count.
    """
    clinic, unit = org.clinics[0], org.units[0]
    new_visit = activity("lak-ny")
    weeks = [2026 * 100 + w for w in range(1, weeks_in_year(2026) + 1)]
    approved_plan(clinic, 2026, {(unit, new_visit, w): 10 for w in weeks})
    approved_plan(clinic, 2026, {(unit, new_visit, w): 99 for w in weeks}, status=PlanStatus.DRAFT)
    for w in range(1, 11):
        if w != 5:
            outcome(unit, new_visit, 202600 + w, 8)
    outcome(unit, new_visit, 202653, 12)
    return clinic


def test_a_tertial_compares_only_the_weeks_whose_outcome_is_known(year_2026):
    # Tertial 1 counts the weeks that end by 30 April: 1–17 (week 18 ends on 3 May).
    assert weeks_in_year(2026) == 53 and len(tertial_weeks(2026, 1)) == 17
    figures = selectors.outcome_vs_plan_by_tertial(clinic_ids=[year_2026.id], year=2026)
    first = figures[year_2026.id, 1]
    # Weeks 1–4 and 6–10 are known: 9 weeks × 10 planned, 9 × 8 performed.
    assert first["plan"] == Decimal(90) and first["outcome"] == Decimal(72)
    assert first["share"] == pytest.approx(0.8)
    assert first["plan_all"] == Decimal(170) and first["weeks_known"] == 9 and first["weeks"] == 17


def test_week_53_belongs_to_the_third_tertial(year_2026):
    third = selectors.outcome_vs_plan_by_tertial(clinic_ids=[year_2026.id], year=2026)[
        year_2026.id, 3
    ]
    assert third["plan"] == Decimal(10) and third["outcome"] == Decimal(12)
    assert third["share"] == pytest.approx(1.2)


def test_a_tertial_without_known_weeks_has_no_share(year_2026, org):
    second = selectors.outcome_vs_plan_by_tertial(clinic_ids=[year_2026.id], year=2026)[
        year_2026.id, 2
    ]
    assert second["plan"] == 0 and second["outcome"] == 0 and second["share"] is None
    # A clinic without a plan is still answered, with nothing to compare.
    other = selectors.outcome_vs_plan_by_tertial(clinic_ids=[org.clinics[1].id], year=2026)
    assert other[org.clinics[1].id, 1]["share"] is None


def test_the_database_sum_agrees_with_the_planning_selector(year_2026, org):
    from planning.selectors import plan_weekly_volumes

    cells = plan_weekly_volumes(unit_ids=[u.id for u in org.units], year=2026)
    figures = selectors.outcome_vs_plan_by_tertial(clinic_ids=[year_2026.id], year=2026)
    assert sum(f["plan_all"] for f in figures.values()) == sum(cells.values()) == Decimal(530)


def test_meetings_logged_counts_meetings_since_a_day(org):
    clinic, other = org.clinics[0], org.clinics[1]
    for held_on in (date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)):
        Meeting.objects.create(clinic=clinic, held_on=held_on, week=202602)
    Meeting.objects.create(clinic=other, held_on=date(2025, 12, 1), week=202548)
    logged = selectors.meetings_logged(clinic_ids=[clinic.id, other.id], since=date(2026, 1, 12))
    assert logged == {clinic.id: 2}


def test_the_stable_selectors_answer_in_a_fixed_number_of_queries(
    org, year_2026, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        selectors.outcome_vs_plan_by_tertial(clinic_ids=[c.id for c in org.clinics], year=2026)
    with django_assert_max_num_queries(1):
        selectors.meetings_logged(clinic_ids=[c.id for c in org.clinics], since=date(2026, 1, 1))
