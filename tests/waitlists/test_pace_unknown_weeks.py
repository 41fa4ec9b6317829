"""A week the referral extract has not delivered is unknown in the pace, not a week of no inflow.

The one rule of ``facts.selectors.flow``: the region's referrals arrived for 2026-W40, W42 and
W43 (10, 6 and 10 first-visit referrals) but not for W41; contacts arrived for all four weeks.
Counting W41 as 0 would give a mean inflow of 6.5 a week; over the three known weeks it is 26/3.
"""

from datetime import date

import pytest

from organisation.calendar import IsoWeek
from tests.waitlists import builders as b
from waitlists import selectors
from waitlists.api.serializers import WaitlistObservedSerializer

pytestmark = pytest.mark.django_db
SNAPSHOT = date(2026, 10, 31)  # in 2026-W44; history ends with W43


@pytest.fixture
def missing_week(org):
    unit = org.units[0]
    for week, n in ((40, 10), (42, 6), (43, 10)):
        b.referrals(unit, IsoWeek(2026, week), n)
    for week in (40, 41, 42, 43):
        b.contacts(unit, IsoWeek(2026, week).monday, 8)
    b.save(*[b.waiting(unit, SNAPSHOT, days=14) for _ in range(30)])
    return unit


def observed_of(user, unit):
    return selectors.queue_observed(user=user, unit_ids=[unit.id], phase=1, history_weeks=4)


def test_an_undelivered_week_is_unknown_and_left_out_of_the_mean(missing_week, kps_leader):
    observed = observed_of(kps_leader, missing_week)
    assert observed.inflow == [10, None, 6, 10]
    assert observed.outflow == [8, 8, 8, 8]
    assert observed.inflow_weeks_known == 3 and observed.outflow_weeks_known == 4
    assert observed.demand == pytest.approx(26 / 3)
    # The variation of demand is taken over the known weeks too: mean 26/3, variance 16/3.
    assert observed.cv_demand == pytest.approx(((16 / 3) / (26 / 3)) ** 0.5)


def test_the_pace_works_on_the_known_weeks(missing_week, kps_leader):
    pace = selectors.waitlist_pace(
        user=kps_leader, unit_ids=[missing_week.id], phase=1, history_weeks=4
    )
    assert pace.model.queue_load == pytest.approx((26 / 3) / 8)


def test_with_no_week_known_the_mean_is_unknown_not_zero(org, kps_leader):
    unit = org.units[0]
    b.save(*[b.waiting(unit, SNAPSHOT, days=14) for _ in range(5)])
    observed = observed_of(kps_leader, unit)
    assert observed.inflow == [None] * 4 and observed.outflow == [None] * 4
    assert observed.demand is None and observed.capacity is None
    data = WaitlistObservedSerializer(observed).data
    assert (
        data["demand"] is None and data["inflow"] == [None] * 4 and data["inflow_weeks_known"] == 0
    )


def test_the_page_shows_the_weeks_the_mean_is_taken_over(client, missing_week, kps_leader):
    client.force_login(kps_leader)
    page = client.get(
        "/vantelistor/veckotakt/",
        {"clinic": missing_week.clinic_id, "unit": missing_week.id, "phase": 1, "history_weeks": 4},
    )
    assert page.status_code == 200
    assert "snitt 3 veckor" in page.content.decode()
