"""The demo region's plans look like a region's in the middle of its year.

This year's plans were approved in the autumn before it, by the schedule
clock's first lay-by date for most clinics and late for a few; next year's
are under way; and every plan covers every activity its clinic produced.
"""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from demo.generator import Size, generate
from demo.plans import demo_plans_create
from demo.region import region_spec
from demo.services import demo_region_build, demo_users_create
from facts.selectors.outcome import weekly_outcome_counted as weekly_outcome
from organisation.models import Clinic
from organisation.selectors import schedule_periods
from planning.models import PlanCell, PlanStatus, PlanVersion

pytestmark = pytest.mark.django_db
SIZE = Size(units=12, contacts_per_year=6_000, waiting=200, years=2)
TODAY = date(2026, 11, 25)  # a Wednesday: the week under way is 2026-W48


@pytest.fixture
def demo_region(tmp_path):
    """A small demo region built as the demo command builds it, with its plans as of TODAY."""
    demo_region_build(spec=region_spec(units=SIZE.units))
    demo_users_create()
    paths = generate(tmp_path, size=SIZE, until=TODAY, seed=3)
    call_command("kps_import", *map(str, paths), stdout=io.StringIO())
    admin = User.objects.get(username="admin")
    return {
        year: demo_plans_create(year=year, approver=admin, today=TODAY) for year in (2026, 2027)
    }


def approvals(year: int) -> dict[int, date]:
    rows = PlanVersion.objects.filter(plan__year=year, status=PlanStatus.APPROVED).values_list(
        "plan__clinic_id", "approved_at"
    )
    return {clinic_id: timezone.localtime(at).date() for clinic_id, at in rows}


def test_this_years_plans_were_approved_before_the_year_by_the_lay_by_date_with_a_few_late(
    demo_region,
):
    approved = approvals(2026)
    clinics = list(Clinic.objects.select_related("area"))
    lay_by = {c.id: schedule_periods(area=c.area, year=2026)[0].lay_by for c in clinics}
    in_time = [c for c, day in approved.items() if day <= lay_by[c]]
    late = [c for c, day in approved.items() if day > lay_by[c]]
    assert demo_region[2026] == len(approved)
    # Approved when a region approves, not on the day the demo was built.
    assert all(day < date(2026, 1, 1) for day in approved.values()), approved
    assert len(in_time) > len(approved) / 2 and late, (in_time, late)
    # A few clinics have no plan, so "clinics with a plan" is not trivially at target.
    assert 0 < len(clinics) - len(approved) < len(clinics) / 2
    # The history says the same: submitted before approved, the version made before both.
    for version in PlanVersion.objects.filter(plan__year=2026):
        assert version.created_at < version.submitted_at < version.approved_at
        assert version.status_changes.order_by("at").last().to_status == PlanStatus.APPROVED


def test_every_approved_plan_has_a_volume_for_every_activity_its_clinic_produced(demo_region):
    for year in (2026, 2027):
        versions = PlanVersion.objects.filter(
            plan__year=year, status=PlanStatus.APPROVED
        ).select_related("plan")
        assert versions, year
        for version in versions:
            unit_ids = list(version.plan.clinic.units.values_list("id", flat=True))
            produced = defaultdict(int)
            for (unit_id, activity_id, _week), count in weekly_outcome(
                unit_ids=unit_ids, first_week=(year - 1) * 100 + 1, last_week=(year - 1) * 100 + 53
            ).items():
                produced[(unit_id, activity_id)] += count
            planned = {
                (u, a): total
                for u, a, total in PlanCell.objects.filter(version=version)
                .values("unit_id", "activity_id")
                .annotate(total=Sum("volume"))
                .values_list("unit_id", "activity_id", "total")
            }
            missing = [
                pair for pair, count in produced.items() if count > 0 and not planned.get(pair)
            ]
            assert not missing, (year, version.plan.clinic.code, missing)


def test_next_years_plans_count_only_the_weeks_that_had_ended(demo_region):
    version = PlanVersion.objects.filter(plan__year=2027).exclude(proposal={}).first()
    # Extracted on the Wednesday of week 48: week 47 is the last whole week of 2026.
    assert version.proposal["outcome_until"] == 47
    # 2026 has 53 weeks; the rest are borrowed from 2025, whose week 52 stands in for week 53.
    assert version.proposal["borrowed_weeks"] == [48, 49, 50, 51, 52, 53]
    assert demo_region[2027] > 0
