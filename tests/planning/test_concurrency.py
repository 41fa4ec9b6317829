"""Two people saving the same plan: one wins, the other gets 409, and nothing is lost."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from planning import selectors, services
from planning.errors import PlanConflict
from planning.models import PlanCellChange, PlanSave, PlanVersion

from .conftest import edits


@pytest.mark.django_db
def test_two_saves_from_the_same_revision_one_wins_one_is_refused_with_the_changes(
    draft, unit, activities, kps_leader, kps_admin
):
    row = activities["lak-ny"]
    services.plan_save_cells(
        version=draft, user=kps_leader, based_on_revision=0, cells=edits(unit, row, {1: 5})
    )
    # Both open revision 1.
    services.plan_save_cells(
        version=draft, user=kps_leader, based_on_revision=1, cells=edits(unit, row, {1: 6, 2: 7})
    )
    with pytest.raises(PlanConflict) as refused:
        services.plan_save_cells(
            version=draft, user=kps_admin, based_on_revision=1, cells=edits(unit, row, {1: 9, 3: 9})
        )
    assert refused.value.current_revision == 2
    assert [(c["week"], c["old"], c["new"]) for c in refused.value.changes] == [
        (202601, Decimal("5.00"), Decimal("6.00")),
        (202602, None, Decimal("7.00")),
    ]
    # The winner's cells are all there; none of the refused save's.
    assert selectors.plan_cells(version=draft) == {
        (unit.id, row.id, 202601): Decimal("6.00"),
        (unit.id, row.id, 202602): Decimal("7.00"),
    }
    assert PlanSave.objects.filter(version=draft).count() == 2
    # The refused user takes the changes in and saves again from revision 2: nothing lost on either side.
    services.plan_save_cells(
        version=draft, user=kps_admin, based_on_revision=2, cells=edits(unit, row, {3: 9})
    )
    assert selectors.plan_cells(version=draft)[(unit.id, row.id, 202603)] == Decimal("9.00")
    assert PlanCellChange.objects.filter(save_record__version=draft).count() == 4


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real parallel transactions need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_parallel_saves_from_the_same_revision_never_both_win(
    draft, unit, activities, kps_leader, kps_admin
):
    row = activities["operation"]
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(user, week):
        version = PlanVersion.objects.select_related("plan__clinic").get(pk=draft.pk)
        barrier.wait()
        try:
            services.plan_save_cells(
                version=version,
                user=user,
                based_on_revision=0,
                cells=edits(unit, row, {week: week}),
            )
            outcomes[week] = "saved"
        except PlanConflict:
            outcomes[week] = "409"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=args) for args in ((kps_leader, 10), (kps_admin, 11))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["409", "saved"]
    winner = next(week for week, outcome in outcomes.items() if outcome == "saved")
    assert selectors.plan_cells(version=draft) == {
        (unit.id, row.id, 202600 + winner): Decimal(winner)
    }
    assert list(PlanSave.objects.filter(version=draft).values_list("revision", flat=True)) == [1]
