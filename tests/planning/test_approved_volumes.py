"""The approved plans' volumes have one rule (``planning.selectors.plan_approved_volumes``), and
follow-up's weekly sums (``ApprovedPlanWeek``) are that rule summed: every approval through the
services leaves the table equal to the rule when it commits, a replaced version included."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db.models import Sum

from followup.models import ApprovedPlanWeek, SummarisedPlanVersion
from followup.selectors.plans import approved_plan_totals
from organisation.calendar import IsoWeek
from planning import selectors, services
from planning.models import PlanStatus

from .conftest import YEAR, edits

pytestmark = pytest.mark.django_db


def behind_the_rule() -> dict:
    """What the table lacks or has wrong against the rule, per (version, unit, week); empty when it
    holds exactly the rule's sums of every approved version."""
    rule = {
        (v, u, w): total
        for v, u, w, total in selectors.plan_approved_volumes()
        .values_list("version_id", "unit_id", "week")
        .annotate(total=Sum("volume"))
        .order_by()
    }
    approved = selectors.plan_approved_versions().values("id")
    table = dict(
        ((v, u, w), total)
        for v, u, w, total in ApprovedPlanWeek.objects.filter(version_id__in=approved).values_list(
            "version_id", "unit_id", "week", "volume"
        )
    )
    unsummed = set(
        approved.exclude(id__in=SummarisedPlanVersion.objects.values("version_id")).values_list(
            "id", flat=True
        )
    )
    return {key: (table.get(key), total) for key, total in (rule | table).items()
            if table.get(key) != rule.get(key) or key[0] in unsummed}  # fmt: skip


def approve(version, leader, manager):
    services.plan_submit(version=version, user=leader)
    return services.plan_approve(version=version, user=manager)


def read_per_week(unit) -> dict:
    """What follow-up's region-wide figures read (the fast path where summed)."""
    rows = approved_plan_totals(
        first=IsoWeek(YEAR, 1), last=IsoWeek(YEAR, 53), by=("week",), unit_ids=[unit.id]
    )
    return {r["week"]: r["plan"] for r in rows if r["plan"]}


def rule_per_week(unit) -> dict:
    totals: dict = defaultdict(Decimal)
    for (_unit, _activity, week), volume in selectors.plan_weekly_volumes(
        unit_ids=[unit.id], year=YEAR
    ).items():
        totals[week] += volume
    return dict(totals)


def test_an_approval_leaves_the_sums_equal_to_the_rule(
    draft, unit, activities, kps_leader, clinic_manager, django_capture_on_commit_callbacks
):
    services.plan_save_cells(version=draft, user=kps_leader, based_on_revision=0,
                             cells=edits(unit, activities["lak-ny"], {10: 4, 11: 5}) + edits(unit, activities["lak-ater"], {10: 2}))  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        approve(draft, kps_leader, clinic_manager)
    assert behind_the_rule() == {}
    assert read_per_week(unit) == rule_per_week(unit) == {202610: Decimal(6), 202611: Decimal(5)}


def test_a_new_version_replacing_the_approved_one_is_followed(
    draft, unit, activities, kps_leader, clinic_manager, django_capture_on_commit_callbacks
):
    row = activities["operation"]
    services.plan_save_cells(
        version=draft, user=kps_leader, based_on_revision=0, cells=edits(unit, row, {20: 8, 21: 9})
    )
    with django_capture_on_commit_callbacks(execute=True):
        approve(draft, kps_leader, clinic_manager)
    v2 = services.plan_reopen(
        version=draft, user=clinic_manager, reason="Ny operationssal från maj"
    )
    services.plan_save_cells(
        version=v2, user=kps_leader, based_on_revision=0, cells=edits(unit, row, {20: 12, 21: None})
    )
    with django_capture_on_commit_callbacks(execute=True):
        approve(v2, kps_leader, clinic_manager)

    draft.refresh_from_db()
    assert (draft.status, v2.status) == (PlanStatus.SUPERSEDED, PlanStatus.APPROVED)
    assert behind_the_rule() == {}
    assert SummarisedPlanVersion.objects.filter(version=v2).exists()
    assert read_per_week(unit) == rule_per_week(unit) == {202620: Decimal(12)}


def test_an_approval_whose_summing_never_ran_is_caught(
    draft, unit, activities, kps_leader, clinic_manager
):
    services.plan_save_cells(
        version=draft,
        user=kps_leader,
        based_on_revision=0,
        cells=edits(unit, activities["lak-ny"], {10: 4}),
    )
    # The test's transaction never commits, so the approval's summing never runs.
    approve(draft, kps_leader, clinic_manager)
    assert behind_the_rule() == {(draft.id, unit.id, 202610): (None, Decimal(4))}
    # The figures are right meanwhile: a version not yet summed is read from its cells.
    assert read_per_week(unit) == rule_per_week(unit) == {202610: Decimal(4)}
