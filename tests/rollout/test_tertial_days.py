"""The rollout's "clinics with a production plan" per tertial is counted at the tertial's last
calendar day (T1 ends on 30 April), as the strategic indicator table counts it; ISO week 18 of
2026 runs 27 April – 3 May and must not carry T1 into May."""

from datetime import date

import pytest

from rollout import selectors

from .builders import approve_plan

pytestmark = pytest.mark.django_db

SATURDAY = date(2026, 5, 2)  # in ISO week 18, in T2


def test_a_plan_approved_on_2_may_counts_from_t2_and_2_may_is_in_t2(org, qulturum):
    org.areas[0].plan_target = 1
    org.areas[0].save()
    approve_plan(org.clinics[0], 2026, approved_on=SATURDAY)
    result = selectors.rollout_indicators(user=qulturum, year=2026, today=SATURDAY)
    surgery = result["areas"][0]
    assert surgery.with_plan == {1: 0, 2: 1, 3: None}
    assert result["current_tertial"] == 2


def test_a_plan_approved_on_30_april_counts_in_t1(org, qulturum):
    approve_plan(org.clinics[0], 2026, approved_on=date(2026, 4, 30))
    result = selectors.rollout_indicators(user=qulturum, year=2026, today=date(2026, 6, 1))
    assert result["areas"][0].with_plan[1] == 1
