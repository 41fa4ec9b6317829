"""Saving cells, moving versions through their statuses, and what follow-up counts."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from followup.models import ApprovedPlanWeek, SummarisedPlanVersion
from planning import selectors, services
from planning.cells import CellEdit
from planning.errors import PlanLocked
from planning.models import (
    Plan,
    PlanCell,
    PlanCellChange,
    PlanSave,
    PlanStatus,
    PlanStatusChange,
    PlanVersion,
)
from tests import factories

from .conftest import YEAR, edits

pytestmark = pytest.mark.django_db


def test_a_new_plan_starts_as_an_empty_draft_at_revision_zero(draft, kps_leader):
    assert draft.number == 1
    assert draft.status == PlanStatus.DRAFT
    assert draft.revision == 0
    assert draft.plan.year == YEAR
    assert PlanStatusChange.objects.get(version=draft).to_status == PlanStatus.DRAFT


def test_a_clinic_has_one_plan_per_year(draft, clinic, kps_leader):
    with pytest.raises(ValidationError, match="redan en produktionsplan"):
        services.plan_create(clinic=clinic, year=YEAR, user=kps_leader)


def test_a_plan_whose_cells_are_refused_is_not_created_at_all(clinic, unit, kps_leader):
    unknown_activity = CellEdit(unit.id, 999_999, YEAR * 100 + 1, Decimal("4"))
    with pytest.raises(ValidationError, match="Okänd aktivitet"):
        services.plan_create(clinic=clinic, year=YEAR, user=kps_leader, cells=[unknown_activity])
    assert not Plan.objects.filter(clinic=clinic, year=YEAR).exists()
    assert not PlanStatusChange.objects.exists()
    # Nothing half-created stands in the way of creating the plan again.
    assert services.plan_create(clinic=clinic, year=YEAR, user=kps_leader).number == 1


def test_saving_creates_updates_and_removes_cells_and_advances_the_revision(
    draft, unit, activities, kps_leader
):
    new = activities["lak-ny"]
    result = services.plan_save_cells(
        version=draft,
        user=kps_leader,
        based_on_revision=0,
        cells=edits(unit, new, {1: 10, 2: 12, 3: 14}),
    )
    assert (result.revision, result.changed) == (1, 3)
    result = services.plan_save_cells(
        version=draft,
        user=kps_leader,
        based_on_revision=1,
        cells=edits(unit, new, {1: 10, 2: 20, 3: None}),
    )
    # Week 1 did not change, so only two cells did.
    assert (result.revision, result.changed) == (2, 2)
    cells = selectors.plan_cells(version=draft)
    assert cells == {
        (unit.id, new.id, 202601): Decimal("10.00"),
        (unit.id, new.id, 202602): Decimal("20.00"),
    }


def test_a_save_that_changes_nothing_keeps_the_revision(draft, unit, activities, kps_leader):
    services.plan_save_cells(
        version=draft,
        user=kps_leader,
        based_on_revision=0,
        cells=edits(unit, activities["operation"], {5: 3}),
    )
    result = services.plan_save_cells(
        version=draft,
        user=kps_leader,
        based_on_revision=1,
        cells=edits(unit, activities["operation"], {5: 3}),
    )
    assert (result.revision, result.changed, result.save_id) == (1, 0, None)
    assert PlanSave.objects.filter(version=draft).count() == 1


def test_every_change_of_every_cell_is_recorded_with_its_save(
    draft, unit, activities, kps_leader, kps_admin
):
    row = activities["lak-ater"]
    services.plan_save_cells(
        version=draft, user=kps_leader, based_on_revision=0, cells=edits(unit, row, {10: 5, 11: 6})
    )
    services.plan_save_cells(
        version=draft,
        user=kps_admin,
        based_on_revision=1,
        cells=edits(unit, row, {10: 7, 11: None, 12: 1}),
    )
    saves = list(PlanSave.objects.filter(version=draft).order_by("revision"))
    assert [(s.user, s.based_on_revision, s.revision, s.changed) for s in saves] == [
        (kps_leader, 0, 1, 2),
        (kps_admin, 1, 2, 3),
    ]
    history = {
        (c.save_record.revision, c.week % 100): (c.old_volume, c.new_volume)
        for c in PlanCellChange.objects.filter(save_record__version=draft)
    }
    assert history == {
        (1, 10): (None, Decimal("5.00")),
        (1, 11): (None, Decimal("6.00")),
        (2, 10): (Decimal("5.00"), Decimal("7.00")),
        (2, 11): (Decimal("6.00"), None),
        (2, 12): (None, Decimal("1.00")),
    }
    # Replaying the history gives exactly the stored cells: nothing changed without a record.
    replay = {}
    for change in PlanCellChange.objects.filter(save_record__version=draft).order_by(
        "save_record__revision"
    ):
        key = (change.unit_id, change.activity_id, change.week)
        assert replay.get(key) == change.old_volume
        replay[key] = change.new_volume
    assert {k: v for k, v in replay.items() if v is not None} == selectors.plan_cells(version=draft)
    cell = selectors.plan_cell_history(
        plan=draft.plan, unit_id=unit.id, activity_id=row.id, week=202610
    )
    assert [(c["old"], c["new"], c["user"]) for c in cell] == [
        (Decimal("5.00"), Decimal("7.00"), kps_admin.get_full_name()),
        (None, Decimal("5.00"), kps_leader.get_full_name()),
    ]


@pytest.mark.parametrize(
    ("week", "message"),
    [(202654, "finns inte"), (202552, "finns inte"), (202701, "finns inte")],
)
def test_weeks_outside_the_plan_year_are_refused_and_nothing_changes(
    draft, unit, activities, kps_leader, week, message
):
    from planning.cells import CellEdit

    cells = [
        *edits(unit, activities["lak-ny"], {1: 4}),
        CellEdit(unit.id, activities["lak-ny"].id, week, Decimal(1)),
    ]
    with pytest.raises(ValidationError, match=message):
        services.plan_save_cells(version=draft, user=kps_leader, based_on_revision=0, cells=cells)
    assert not PlanCell.objects.exists()
    draft.refresh_from_db()
    assert draft.revision == 0


def test_a_unit_of_another_clinic_is_refused(draft, org, activities, kps_leader):
    other = org.clinics[1].units.first()
    with pytest.raises(ValidationError, match="hör inte till"):
        services.plan_save_cells(
            version=draft,
            user=kps_leader,
            based_on_revision=0,
            cells=edits(other, activities["lak-ny"], {1: 1}),
        )


def test_only_the_clinics_kps_leader_and_administrators_save(
    draft, unit, activities, clinic_manager, qulturum_user, area_manager, kps_admin
):
    for user in (clinic_manager, qulturum_user, area_manager):
        with pytest.raises(PermissionDenied):
            services.plan_save_cells(
                version=draft,
                user=user,
                based_on_revision=0,
                cells=edits(unit, activities["lak-ny"], {1: 1}),
            )
    services.plan_save_cells(
        version=draft,
        user=kps_admin,
        based_on_revision=0,
        cells=edits(unit, activities["lak-ny"], {1: 1}),
    )


def test_submitted_and_approved_versions_are_locked(
    draft, unit, activities, kps_leader, clinic_manager
):
    services.plan_save_cells(
        version=draft,
        user=kps_leader,
        based_on_revision=0,
        cells=edits(unit, activities["lak-ny"], {1: 1}),
    )
    services.plan_submit(version=draft, user=kps_leader)
    with pytest.raises(PlanLocked, match="inskickad"):
        services.plan_save_cells(
            version=draft,
            user=kps_leader,
            based_on_revision=1,
            cells=edits(unit, activities["lak-ny"], {1: 2}),
        )
    with pytest.raises(PermissionDenied):
        services.plan_approve(version=draft, user=kps_leader)
    services.plan_approve(version=draft, user=clinic_manager)
    draft.refresh_from_db()
    assert draft.status == PlanStatus.APPROVED
    assert draft.approved_by == clinic_manager
    with pytest.raises(PlanLocked, match="fastställd"):
        services.plan_save_cells(
            version=draft,
            user=kps_leader,
            based_on_revision=1,
            cells=edits(unit, activities["lak-ny"], {1: 2}),
        )


def test_approving_sums_the_version_for_follow_up_once_committed(
    draft, unit, activities, kps_leader, clinic_manager, django_capture_on_commit_callbacks
):
    services.plan_save_cells(
        version=draft,
        user=kps_leader,
        based_on_revision=0,
        cells=edits(unit, activities["lak-ny"], {10: 4, 11: 5}),
    )
    services.plan_save_cells(
        version=draft,
        user=kps_leader,
        based_on_revision=1,
        cells=edits(unit, activities["lak-ater"], {10: 2}),
    )
    services.plan_submit(version=draft, user=kps_leader)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.plan_approve(version=draft, user=clinic_manager)
        assert not SummarisedPlanVersion.objects.exists()  # not before the approval commits
    assert len(factories.app_callbacks(callbacks)) == 1
    assert SummarisedPlanVersion.objects.filter(version=draft).exists()
    weeks = ApprovedPlanWeek.objects.filter(version=draft).values_list("unit_id", "week", "volume")
    assert sorted(weeks) == [(unit.id, 202610, Decimal(6)), (unit.id, 202611, Decimal(5))]


def test_an_approval_stands_when_summing_it_fails(
    draft, kps_leader, clinic_manager, django_capture_on_commit_callbacks, monkeypatch
):
    def broken():
        raise RuntimeError("broker unreachable")

    from followup import tasks

    monkeypatch.setattr(tasks.sum_approved_plans, "delay", broken)
    services.plan_submit(version=draft, user=kps_leader)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.plan_approve(version=draft, user=clinic_manager)
    assert len(factories.app_callbacks(callbacks)) == 1
    draft.refresh_from_db()
    assert draft.status == PlanStatus.APPROVED
    assert not SummarisedPlanVersion.objects.exists()


def test_a_refused_approval_queues_no_summing(
    draft, kps_leader, clinic_manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(PlanLocked):
        services.plan_approve(version=draft, user=clinic_manager)  # still a draft
    assert callbacks == []


def test_reopening_needs_a_reason_and_the_approvers_right(draft, kps_leader, clinic_manager):
    services.plan_submit(version=draft, user=kps_leader)
    with pytest.raises(PermissionDenied):
        services.plan_reopen(version=draft, user=kps_leader, reason="Fel i mars")
    with pytest.raises(ValidationError, match="varför"):
        services.plan_reopen(version=draft, user=clinic_manager, reason="  ")
    reopened = services.plan_reopen(version=draft, user=clinic_manager, reason="Fel i mars")
    assert reopened.pk == draft.pk and reopened.status == PlanStatus.DRAFT
    assert (
        PlanStatusChange.objects.filter(version=draft, to_status=PlanStatus.DRAFT).last().reason
        == "Fel i mars"
    )


def test_reopening_an_approved_plan_drafts_a_copy_and_the_old_approval_counts_until_the_next(
    draft, unit, activities, kps_leader, clinic_manager
):
    row = activities["operation"]
    services.plan_save_cells(
        version=draft, user=kps_leader, based_on_revision=0, cells=edits(unit, row, {20: 8, 21: 9})
    )
    services.plan_submit(version=draft, user=kps_leader)
    services.plan_approve(version=draft, user=clinic_manager)
    v2 = services.plan_reopen(
        version=draft, user=clinic_manager, reason="Ny operationssal från maj"
    )
    assert (v2.number, v2.status, v2.based_on_id) == (2, PlanStatus.DRAFT, draft.id)
    assert selectors.plan_cells(version=v2) == selectors.plan_cells(version=draft)

    services.plan_save_cells(
        version=v2, user=kps_leader, based_on_revision=0, cells=edits(unit, row, {20: 12})
    )
    # Follow-up still sees version 1 while version 2 is a draft.
    volumes = selectors.plan_weekly_volumes(unit_ids=[unit.id], year=YEAR)
    assert volumes[(unit.id, row.id, 202620)] == Decimal("8.00")

    services.plan_submit(version=v2, user=kps_leader)
    services.plan_approve(version=v2, user=clinic_manager)
    draft.refresh_from_db()
    assert draft.status == PlanStatus.SUPERSEDED
    assert selectors.plan_cells(version=draft)[(unit.id, row.id, 202620)] == Decimal("8.00")
    volumes = selectors.plan_weekly_volumes(unit_ids=[unit.id], year=YEAR)
    assert volumes == {
        (unit.id, row.id, 202620): Decimal("12.00"),
        (unit.id, row.id, 202621): Decimal("9.00"),
    }
    assert PlanVersion.objects.filter(plan=draft.plan, status=PlanStatus.APPROVED).count() == 1


def test_only_one_version_is_open_at_a_time(draft, kps_leader, clinic_manager):
    services.plan_submit(version=draft, user=kps_leader)
    services.plan_approve(version=draft, user=clinic_manager)
    services.plan_reopen(version=draft, user=clinic_manager, reason="Ändrad bemanning")
    with pytest.raises(PlanLocked, match="redan en öppen version"):
        services.plan_reopen(version=draft, user=clinic_manager, reason="En gång till")


def test_follow_up_reads_approved_volumes_in_one_query(
    draft, unit, activities, kps_leader, clinic_manager, django_assert_num_queries
):
    services.plan_save_cells(
        version=draft,
        user=kps_leader,
        based_on_revision=0,
        cells=edits(unit, activities["lak-ny"], {w: w for w in range(1, 54)}),
    )
    assert selectors.plan_weekly_volumes(unit_ids=[unit.id], year=YEAR) == {}
    services.plan_submit(version=draft, user=kps_leader)
    services.plan_approve(version=draft, user=clinic_manager)
    with django_assert_num_queries(1):
        volumes = selectors.plan_weekly_volumes(unit_ids=[unit.id], year=YEAR)
    assert len(volumes) == 53
    assert volumes[(unit.id, activities["lak-ny"].id, 202653)] == Decimal(53)
