"""The observed inflow and outflow a waiting list's pace starts from count only the weeks both
extracts had covered to their end: the running week is unknown, not a week of low flow.

Referrals and contacts arrive 10 a week; in 2026-W49 only Monday and Tuesday are in, 3 of each,
because the last extracts of both are from Tuesday 1 December. The waiting list was measured
on Monday 7 December, in week 50.
"""

from datetime import date

import pytest

from facts.kinds import Kind
from imports.models import ImportRun, RunStatus
from organisation.calendar import IsoWeek
from tests.waitlists import builders as b
from waitlists import selectors

pytestmark = pytest.mark.django_db
SNAPSHOT = date(2026, 12, 7)


@pytest.fixture
def late_extracts(org):
    unit = org.units[0]
    for week in range(44, 50):
        n = 3 if week == 49 else 10
        b.referrals(unit, IsoWeek(2026, week), n)
        b.contacts(unit, IsoWeek(2026, week).monday, n)
    b.save(*[b.waiting(unit, SNAPSHOT, days=30) for _ in range(20)])
    return unit


def extracted(day: date) -> None:
    for kind in (Kind.KONTAKTER, Kind.REMISSER):
        ImportRun.objects.create(file_name=f"{kind}_cosmic_{day:%Y%m%d}.csv", kind=kind, source="cosmic",
                                 checksum=f"{kind}{day}", extract_date=day, status=RunStatus.OK)  # fmt: skip


def test_a_week_the_extracts_end_in_the_middle_of_is_left_out(late_extracts, kps_leader):
    extracted(date(2026, 12, 1))  # Tuesday of week 49
    observed = selectors.queue_observed(
        user=kps_leader, unit_ids=[late_extracts.id], phase=1, history_weeks=4
    )
    assert [str(w) for w in observed.weeks] == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    assert observed.inflow == [10] * 4 and observed.outflow == [10] * 4
    # The queue is still the one measured in week 50, and projections start after it.
    assert observed.now == IsoWeek(2026, 50) and observed.queue_size == 20


def test_once_the_extracts_cover_the_week_it_counts(late_extracts, kps_leader):
    extracted(date(2026, 12, 6))  # Sunday of week 49
    observed = selectors.queue_observed(
        user=kps_leader, unit_ids=[late_extracts.id], phase=1, history_weeks=4
    )
    assert [str(w) for w in observed.weeks][-1] == "2026-W49" and observed.outflow[-1] == 3
