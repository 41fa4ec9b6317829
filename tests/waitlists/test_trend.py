"""Development over time: one point per month end, for the report or one of its rows."""

from datetime import date

import pytest

from tests.waitlists import builders as b
from waitlists import selectors
from waitlists.models import MedicalCareArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def months(org):
    unit, other = org.units[0], org.units[-1]
    snapshots = {
        date(2026, 8, 15): 1,  # mid-month, superseded by the month's last snapshot
        date(2026, 8, 31): 2,
        date(2026, 9, 30): 3,
        date(2026, 10, 31): 4,
        date(2026, 11, 12): 5,  # the latest, not a month end: shown as the last point
    }
    entries = []
    for day, n in snapshots.items():
        entries += [b.waiting(unit, day, days=100, phase=2, kva="NFB49") for _ in range(n)]
        entries += [b.waiting(other, day, days=10) for _ in range(n)]
    b.save(*entries)
    b.population("06", 2026, 100_000)
    return snapshots


def test_one_point_per_month_end_and_the_latest_snapshot(months, qulturum_user):
    series = selectors.waitlist_trend(user=qulturum_user)
    assert [p["snapshot"] for p in series] == [
        date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 31), date(2026, 11, 12),
    ]  # fmt: skip
    assert [p["waiting"] for p in series] == [4, 6, 8, 10]
    assert [p["over_90"] for p in series] == [2, 3, 4, 5]
    assert series[-1]["per_100k"] == pytest.approx(10.0)


def test_a_row_of_the_report_has_its_own_trend(months, qulturum_user):
    area = MedicalCareArea.objects.get(code="kka-n")
    by_area = selectors.waitlist_trend(user=qulturum_user, level=selectors.LEVEL_AREA, key=area.id)
    by_code = selectors.waitlist_trend(user=qulturum_user, level=selectors.LEVEL_KVA, key="NFB49")
    assert [p["waiting"] for p in by_area] == [p["waiting"] for p in by_code] == [2, 3, 4, 5]


def test_months_limits_the_series_and_until_moves_its_end(months, qulturum_user):
    assert len(selectors.waitlist_trend(user=qulturum_user, months=1)) == 2
    series = selectors.waitlist_trend(user=qulturum_user, until=date(2026, 9, 30))
    assert series[-1]["snapshot"] == date(2026, 9, 30)


def test_the_trend_respects_the_access_filter(months, kps_leader):
    assert [p["waiting"] for p in selectors.waitlist_trend(user=kps_leader)] == [2, 3, 4, 5]
