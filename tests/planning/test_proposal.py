"""The proposal's arithmetic on known inputs: calendar shift (52 → 53 weeks, moving Easter), inflow, queue goal."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from facts.models import Referral, WaitingEntry, WeeklyOutcome
from organisation.calendar import IsoWeek, weeks_of_year, working_days
from planning.proposal import Goal, plan_proposal
from planning.proposal.arithmetic import (
    calendar_adjusted,
    demand_for,
    round_preserving_total,
    spread_by_segments,
)

from .conftest import YEAR


def per_day(year: int, rate: float) -> dict[IsoWeek, float]:
    """An outcome of exactly ``rate`` per working day in every week of the year."""
    return {week: rate * working_days(week) for week in weeks_of_year(year)}


def test_a_steady_pace_per_working_day_follows_the_new_calendar():
    proposal = calendar_adjusted(per_day(2025, 10), year=2026)
    assert len(proposal) == 53
    # Easter 2025 fell in weeks 16–17, Easter 2026 in weeks 14–15: the volume moves with it.
    assert (proposal[202614], proposal[202615], proposal[202616], proposal[202617]) == (
        40,
        40,
        50,
        50,
    )
    # Week 53 (28 Dec–3 Jan) has three working days, at the pace of 2025's week 52.
    assert proposal[202653] == 30
    assert sum(proposal.values()) == 10 * 253  # 2026's working days, against 248 in 2025


def test_the_same_count_every_week_means_a_faster_pace_in_short_weeks():
    flat = {week: 40.0 for week in weeks_of_year(2025)}
    proposal = calendar_adjusted(flat, year=2026)
    # 2025 week 16 held Good Friday: 40 visits in 4 days is 10 a day, so 2026's full week 16 gets 50.
    assert proposal[202616] == 50
    # 2025 week 14 was a full week (8 a day); 2026 week 14 has Good Friday, so 4 × 8.
    assert proposal[202614] == 32
    # Week 53 takes week 52's pace: 40 visits over Christmas's 2 working days, × 3 days.
    assert proposal[202653] == 60


def test_a_53_week_year_going_into_a_52_week_year_drops_week_53():
    proposal = calendar_adjusted(per_day(2026, 10), year=2027)
    assert len(proposal) == 52 and 202753 not in proposal


def test_inflow_trend_and_holding_the_queue():
    demand = demand_for(recent=520, previous=500, queue=300, goal=Goal(), weeks=53)
    assert demand.trend == pytest.approx(1.04)
    assert demand.weekly_demand == pytest.approx(10.4)
    assert demand.pace == pytest.approx(10.4)  # relief capacity with q = target is just the demand
    assert demand.required == pytest.approx(10.4 * 53)


def test_reaching_a_target_queue_in_n_weeks_uses_the_relief_capacity():
    goal = Goal(kind=Goal.TARGET, target_share=0.8, weeks=26)
    demand = demand_for(recent=520, previous=500, queue=300, goal=goal, weeks=53)
    assert demand.target == pytest.approx(240)
    # d + (q − target) / N = 10.4 + 60 / 26
    assert demand.pace == pytest.approx(10.4 + 60 / 26)
    # 26 weeks at the relief pace, 27 at the demand: the year's inflow plus the 60 taken off the queue.
    assert demand.required == pytest.approx(10.4 * 53 + 60)


def test_no_earlier_inflow_means_no_trend():
    assert demand_for(recent=100, previous=0, queue=0, goal=Goal(), weeks=52).trend == 1.0


def test_spreading_keeps_the_baseline_shape_within_each_segment():
    keys = [202601, 202602, 202603, 202604]
    baseline = {1: {202601: 10.0, 202602: 5.0, 202603: 10.0, 202604: 10.0}}
    scaled, k_first, k_rest = spread_by_segments(
        baseline, week_keys=keys, first_weeks=2, pace=30, demand=10
    )
    assert k_first == pytest.approx(60 / 15) and k_rest == pytest.approx(20 / 20)
    assert scaled[1] == {202601: 40.0, 202602: 20.0, 202603: 10.0, 202604: 10.0}


def test_rounding_to_whole_numbers_keeps_the_total():
    rounded = round_preserving_total({1: 2.5, 2: 2.5, 3: 2.5, 4: 2.6})
    assert sum(rounded.values()) == 10
    assert all(isinstance(v, Decimal) and v == v.to_integral_value() for v in rounded.values())


@pytest.mark.django_db
def test_the_proposal_from_outcome_referrals_and_waiting_list(clinic, unit, activities):
    new_visits, nurse = activities["lak-ny"], activities["ssk-besok"]
    rows = []
    for week in weeks_of_year(2025):
        rows.append(
            WeeklyOutcome(
                unit=unit,
                activity=new_visits,
                week=week.key,
                source="cosmic",
                count=10 * working_days(week),
            )
        )
        rows.append(
            WeeklyOutcome(
                unit=unit,
                activity=nurse,
                week=week.key,
                source="cosmic",
                count=5 * working_days(week),
            )
        )
        # Diver counts the same visits; the proposal must not add them twice.
        rows.append(
            WeeklyOutcome(
                unit=unit,
                activity=new_visits,
                week=week.key,
                source="diver",
                count=10 * working_days(week),
            )
        )
    WeeklyOutcome.objects.bulk_create(rows)
    referrals = []
    for year, per_week in ((2024, 500 / 52), (2025, 10)):
        count = 0
        for i, week in enumerate(weeks_of_year(year)):
            target = round(per_week * (i + 1)) - count
            for n in range(target):
                referrals.append(
                    Referral(
                        source="cosmic",
                        referral_id=f"{week.key}-{n}",
                        arrival_date=week.monday,
                        week=week.key,
                        unit=unit,
                        phase=1,
                        status="MOTTAGEN",
                    )
                )
            count += target
    Referral.objects.bulk_create(referrals)
    snapshot = date(2025, 11, 3)
    WaitingEntry.objects.bulk_create(
        WaitingEntry(
            source="cosmic",
            snapshot_date=snapshot,
            waiting_id=str(i),
            unit=unit,
            phase=1,
            decision_date=snapshot - timedelta(days=30),
        )
        for i in range(300)
    )
    assert (
        Referral.objects.filter(week__lt=202501).count() == 500
        and Referral.objects.filter(week__gte=202501).count() == 520
    )

    proposal = plan_proposal(
        clinic=clinic, year=YEAR, goal=Goal(kind=Goal.TARGET, target_share=0.8, weeks=26)
    )
    by_activity: dict[int, dict[int, Decimal]] = {}
    for cell in proposal.cells:
        assert cell.unit_id == unit.id
        by_activity.setdefault(cell.activity_id, {})[cell.week] = cell.volume
    # New visits follow the queue goal: a year's inflow (10.4 a week × 53) plus 60 off the queue.
    assert sum(by_activity[new_visits.id].values()) == round(10.4 * 53 + 60)
    # Nurse visits belong to both first and return visits, so they follow the unit's inflow trend.
    assert sum(by_activity[nurse.id].values()) == round(5 * 253 * 1.04)
    # The moved Easter shows in the weeks: 2026 week 16 is a full week, week 14 is not.
    assert by_activity[new_visits.id][202616] > by_activity[new_visits.id][202614]
    # The first 26 weeks carry the extra pace that takes the queue down.
    assert by_activity[new_visits.id][202612] > by_activity[new_visits.id][202640]

    unit_explanation = proposal.explanation["units"][0]
    phase = unit_explanation["phases"][0]
    assert (phase["inflow_recent"], phase["inflow_previous"], phase["queue"], phase["target"]) == (
        520,
        500,
        300,
        240,
    )
    assert phase["pace"] == pytest.approx(12.71, abs=0.01)
    assert proposal.explanation["weeks"] == 53 and proposal.explanation["base_weeks"] == 52
    assert proposal.explanation["borrowed_weeks"] == []


@pytest.mark.django_db
def test_weeks_without_outcome_yet_are_borrowed_from_the_year_before(clinic, unit, activities):
    row = activities["operation"]
    outcome = [
        WeeklyOutcome(
            unit=unit, activity=row, week=w.key, source="diver", count=2 * working_days(w)
        )
        for w in weeks_of_year(2024)
    ]
    # Planning in the autumn: 2025 has outcome up to week 44 only.
    outcome += [
        WeeklyOutcome(
            unit=unit, activity=row, week=w.key, source="diver", count=3 * working_days(w)
        )
        for w in weeks_of_year(2025)[:44]
    ]
    WeeklyOutcome.objects.bulk_create(outcome)
    proposal = plan_proposal(clinic=clinic, year=YEAR, goal=Goal())
    assert proposal.explanation["borrowed_weeks"] == list(range(45, 53))
    volumes = {c.week: c.volume for c in proposal.cells}
    assert volumes[202610] == 15 and volumes[202650] == 10
