"""The summary the report reads follows every change of the snapshots, and costs little when none."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from facts.models import WaitingEntry
from tests.waitlists import builders as b
from waitlists import selectors
from waitlists.models import WaitingSummary
from waitlists.services import waiting_summary_sync

pytestmark = pytest.mark.django_db
OCTOBER, NOVEMBER = date(2026, 10, 31), date(2026, 11, 30)


def waiting_total(user):
    return selectors.waitlist_report(user=user).total.get("waiting", 0)


def test_a_new_snapshot_is_counted_and_the_old_ones_are_left_alone(org, qulturum_user):
    unit = org.units[0]
    b.save(*[b.waiting(unit, OCTOBER, days=d) for d in (5, 50)])
    first_rows = set(WaitingSummary.objects.values_list("id", flat=True))
    b.save(*[b.waiting(unit, NOVEMBER, days=d) for d in (5, 50, 95)], sync=False)
    assert waiting_summary_sync() == [NOVEMBER]
    assert first_rows <= set(WaitingSummary.objects.values_list("id", flat=True))
    assert waiting_total(qulturum_user) == 3


def test_a_replaced_snapshot_is_counted_again(org, qulturum_user):
    unit = org.units[0]
    b.save(*[b.waiting(unit, OCTOBER, days=d) for d in (5, 50)])
    # The importer replaces a snapshot by deleting its rows and inserting the new file's.
    WaitingEntry.objects.filter(snapshot_date=OCTOBER).delete()
    b.save(*[b.waiting(unit, OCTOBER, days=d) for d in (5, 50, 100, 120)], sync=False)
    assert waiting_summary_sync() == [OCTOBER]
    assert waiting_total(qulturum_user) == 4


def test_a_removed_snapshot_disappears_from_the_summary(org, qulturum_user):
    unit = org.units[0]
    b.save(b.waiting(unit, OCTOBER, days=5), b.waiting(unit, NOVEMBER, days=5))
    WaitingEntry.objects.filter(snapshot_date=NOVEMBER).delete()
    waiting_summary_sync()
    assert list(WaitingSummary.objects.values_list("snapshot_date", flat=True).distinct()) == [
        OCTOBER
    ]
    assert selectors.waitlist_report(user=qulturum_user).snapshot == OCTOBER


def test_when_nothing_changed_the_check_is_a_few_queries_and_writes_nothing(org):
    b.save(*[b.waiting(org.units[0], OCTOBER, days=d) for d in range(40)])
    with CaptureQueriesContext(connection) as queries:
        assert waiting_summary_sync() == []
    assert len(queries) <= 4
    assert not any(
        q["sql"].lstrip().upper().startswith(("INSERT", "DELETE", "UPDATE")) for q in queries
    )


def test_the_summary_holds_fewer_rows_than_patients(org):
    unit = org.units[0]
    b.save(*[b.waiting(unit, OCTOBER, days=d, phase=2, kva="NFB49") for d in range(200)])
    assert WaitingSummary.objects.count() == 1
    row = WaitingSummary.objects.get()
    assert (row.waiting, row.guarantee, row.over_90) == (200, 200, 109)


def test_the_command_and_the_task_bring_the_summary_in_step(org, qulturum_user):
    import io

    from django.core.management import call_command

    from waitlists.tasks import summarise_waiting_lists

    b.save(b.waiting(org.units[0], OCTOBER, days=5), sync=False)
    assert summarise_waiting_lists.delay().get() == 1
    b.save(b.waiting(org.units[0], NOVEMBER, days=5), sync=False)
    output = io.StringIO()
    call_command("kps_waitlists_summary", stdout=output)
    assert output.getvalue().strip() == "1 mätdag räknades om."
    assert waiting_total(qulturum_user) == 1
    assert WaitingSummary.objects.filter(snapshot_date=NOVEMBER).exists()
