"""The approved plans' weekly totals: the region-wide figures read them for the versions already
summed and the cells for the others, and say what planning's one rule (``plan_approved_volumes``)
says either way; the table holds that rule summed."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db.models import Sum

from followup.models import ApprovedPlanWeek
from followup.selectors.plans import approved_plan_totals
from followup.summary import approved_plans_summed
from organisation.calendar import IsoWeek
from planning.models import PlanStatus, PlanVersion
from planning.selectors import plan_approved_volumes, plan_weekly_volumes

from .facts import activity, approved_plan

pytestmark = pytest.mark.django_db
WEEKS = [202600 + w for w in range(1, 54)]


@pytest.fixture
def plans(org):
    """Two clinics' approved 2026 plans over two units and two activities, a draft that must not
    count, and a 2025 plan outside the year read."""
    new, back = activity("lak-ny"), activity("lak-ater")
    (a1, a2), (b1, b2) = org.units[0:2], org.units[2:4]
    approved_plan(org.clinics[0], 2026, {(u, act, w): (w % 7) + i for w in WEEKS
                                         for i, (u, act) in enumerate([(a1, new), (a1, back), (a2, new)])})  # fmt: skip
    approved_plan(org.clinics[1], 2026, {(u, new, w): 3 + (w % 2) for w in WEEKS for u in (b1, b2)})
    approved_plan(org.clinics[0], 2026, {(a1, new, w): 99 for w in WEEKS}, status=PlanStatus.DRAFT)
    approved_plan(org.clinics[0], 2025, {(a1, new, 202500 + w): 50 for w in range(1, 53)})
    return org


def read(org, **filters) -> dict:
    rows = approved_plan_totals(
        first=IsoWeek(2026, 1), last=IsoWeek(2026, 53), by=("unit__clinic_id", "week"),
        clinic_ids=[c.id for c in org.clinics], **filters,
    )  # fmt: skip
    return {(r["unit__clinic_id"], r["week"]): r["plan"] for r in rows}


def from_cells(org, activity_id=None) -> dict:
    """The same sums from planning's rule (``plan_weekly_volumes`` reads ``plan_approved_volumes``)."""
    clinic_of = {u.id: u.clinic_id for u in org.units}
    totals: dict = defaultdict(Decimal)
    for (unit, act, week), volume in plan_weekly_volumes(
        unit_ids=list(clinic_of), year=2026
    ).items():
        if activity_id in (None, act):
            totals[clinic_of[unit], week] += volume
    return dict(totals)


def test_the_totals_say_what_the_cells_say_summed_or_not(plans):
    expected = from_cells(plans)
    assert sum(expected.values()) == sum(
        sum((w % 7) + i for i in range(3)) for w in WEEKS
    ) + 2 * sum(3 + (w % 2) for w in WEEKS)
    assert read(plans) == expected  # nothing summed yet: read from the cells
    summed = approved_plans_summed()
    assert sorted(summed) == sorted(
        PlanVersion.objects.filter(status=PlanStatus.APPROVED).values_list("id", flat=True)
    )
    # One row per version, unit and week: the activities added together.
    assert ApprovedPlanWeek.objects.filter(version__plan__year=2026).count() == 4 * 53
    assert read(plans) == expected


def test_a_version_approved_after_the_summing_is_read_from_its_cells_until_summed(plans):
    approved_plans_summed()
    orto = plans.clinics[0]
    PlanVersion.objects.filter(
        plan__clinic=orto, plan__year=2026, status=PlanStatus.APPROVED
    ).update(status=PlanStatus.SUPERSEDED)
    approved_plan(orto, 2026, {(plans.units[0], activity("lak-ny"), w): 7 for w in WEEKS})
    expected = from_cells(plans)
    assert expected[orto.id, 202610] == 7
    assert read(plans) == expected  # one clinic summed, the other not: both counted once
    assert len(approved_plans_summed()) == 1
    assert read(plans) == expected


def test_the_table_is_the_rule_summed_per_version_unit_and_week(plans):
    approved_plans_summed()
    rule = (
        plan_approved_volumes()
        .values_list("version_id", "unit_id", "week")
        .annotate(total=Sum("volume"))
    )
    table = ApprovedPlanWeek.objects.values_list("version_id", "unit_id", "week", "volume")
    assert sorted(table) == sorted(rule.order_by())


def test_summing_again_with_nothing_new_is_one_query(plans, django_assert_num_queries):
    approved_plans_summed()
    with django_assert_num_queries(1):
        assert approved_plans_summed() == []


def test_one_activity_is_read_from_the_cells(plans):
    approved_plans_summed()
    new = activity("lak-ny")
    assert read(plans, activity_ids=[new.id]) == from_cells(plans, activity_id=new.id)


def test_no_units_read_nothing(plans):
    approved_plans_summed()
    assert read(plans, unit_ids=[]) == {}


def test_the_task_sums_what_is_not_yet_summed(plans):
    from followup.tasks import sum_approved_plans

    assert sum_approved_plans.delay().get() == 3
    assert sum_approved_plans.delay().get() == 0
    assert read(plans) == from_cells(plans)
