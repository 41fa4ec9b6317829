"""The queue arithmetic on observed figures, the approved plan's pace, and the what-if projection."""

from datetime import date

import pytest

from organisation.calendar import IsoWeek
from organisation.models import Activity
from tests.waitlists import builders as b
from waitlists import queue, selectors

pytestmark = pytest.mark.django_db
SNAPSHOT = date(2026, 10, 31)  # in 2026-W44; history ends with W43
NOW = IsoWeek(2026, 44)


@pytest.fixture
def clinic_list(org):
    """Four weeks of first-visit referrals (10, 14, 6, 10) and contacts (8 a week); 40 waiting."""
    unit = org.units[0]
    for week, n in zip((40, 41, 42, 43), (10, 14, 6, 10), strict=True):
        b.referrals(unit, IsoWeek(2026, week), n)
        b.referrals(unit, IsoWeek(2026, week), 3, status="AVVISAD")  # rejected: not inflow
        b.referrals(unit, IsoWeek(2026, week), 2, phase=2)  # another list
        b.contacts(unit, IsoWeek(2026, week).monday, 8)
    b.save(*[b.waiting(unit, SNAPSHOT, days=7 * (w % 10)) for w in range(40)])
    b.save(b.waiting(unit, SNAPSHOT, days=70, deviation="PVV"))
    return unit


def pace_of(user, unit, **kwargs):
    return selectors.waitlist_pace(
        user=user, unit_ids=[unit.id], phase=1, history_weeks=4, **kwargs
    )


def test_inflow_is_accepted_referrals_and_outflow_performed_contacts_per_week(
    clinic_list, kps_leader
):
    observed = pace_of(kps_leader, clinic_list).observed
    assert [str(w) for w in observed.weeks] == ["2026-W40", "2026-W41", "2026-W42", "2026-W43"]
    assert observed.inflow == [10, 14, 6, 10]
    assert observed.outflow == [8, 8, 8, 8]
    assert observed.queue_size == 41
    # Variance 32/3 over mean 10; a steady outflow has no variation at all.
    assert observed.cv_demand == pytest.approx((32 / 3 / 10) ** 0.5)
    assert observed.cv_capacity == 0
    # The PVV patient waits by choice and is left out of the mean wait: 0–9 weeks, four times each.
    assert observed.mean_wait_weeks == pytest.approx(4.5)


def test_the_pace_needed_is_the_relief_capacity_worked_by_hand(clinic_list, kps_leader):
    pace = pace_of(kps_leader, clinic_list)
    target_wait = 90 / 7
    target_queue = 10 * target_wait / 4  # 32.14
    assert pace.model.queue_load == pytest.approx(1.25)
    assert pace.model.target_queue_size == pytest.approx(target_queue)
    assert pace.model.relief_capacity == pytest.approx(10 + (41 - target_queue) / 26)
    assert pace.model.target_capacity == pytest.approx(10 + (32 / 30 / 2) * 4 / target_wait)
    assert pace.model.required_pace == pace.model.relief_capacity
    assert pace.model.waiting_list_pressure == pytest.approx(2 * 4.5 / target_wait)


def test_without_an_approved_plan_there_is_no_plan_pace(clinic_list, kps_leader):
    pace = pace_of(kps_leader, clinic_list)
    assert pace.plan_pace is None and pace.plan_weeks_covered == 0


def test_the_approved_plans_pace_counts_only_the_phases_own_activities(clinic_list, kps_leader):
    ahead = [NOW + n for n in range(1, 27)]
    b.approved_plan(clinic_list, ahead, 12)
    b.approved_plan(clinic_list, ahead, 99, activity="ssk-besok")  # shared with return visits
    pace = pace_of(kps_leader, clinic_list)
    assert pace.plan_pace == pytest.approx(12)
    assert pace.plan_weeks_covered == 26


def test_first_visits_map_to_doctors_new_visits_and_operations_to_operations(db):
    codes = lambda ids: set(Activity.objects.filter(id__in=ids).values_list("code", flat=True))  # noqa: E731
    assert codes(selectors.phase_activities(1)) == {"lak-ny"}
    assert codes(selectors.phase_activities(2)) == {"operation"}
    assert codes(selectors.phase_activities(4)) == {"lak-ater"}


def test_a_kva_group_narrows_inflow_outflow_and_queue(org, kps_leader):
    from waitlists.models import MedicalCareArea

    unit = org.units[0]
    b.referrals(unit, IsoWeek(2026, 43), 5, phase=2, kva="NFB49")
    b.referrals(unit, IsoWeek(2026, 43), 7, phase=2, kva="JKA20")
    b.contacts(unit, IsoWeek(2026, 43).monday, 4, phase=2, kva="NFB49 ZXA10", activity="operation")
    b.contacts(unit, IsoWeek(2026, 43).monday, 9, phase=2, kva="JKA20", activity="operation")
    b.save(
        *[b.waiting(unit, SNAPSHOT, days=30, phase=2, kva=k) for k in ("NFB49", "NFB49", "JKA20")]
    )
    area = MedicalCareArea.objects.get(code="kka-n")
    observed = selectors.queue_observed(
        user=kps_leader, unit_ids=[unit.id], phase=2, care_area_id=area.id, history_weeks=1
    )
    assert (observed.inflow, observed.outflow, observed.queue_size) == ([5], [4], 2)


def test_units_the_user_may_not_see_are_left_out(org, clinic_list, kps_leader):
    foreign = org.units[-1]
    b.referrals(foreign, IsoWeek(2026, 43), 50)
    observed = selectors.queue_observed(
        user=kps_leader, unit_ids=[foreign.id], phase=1, history_weeks=4
    )
    # Nothing of the foreign unit shows; with no unit left no week is known (the flow rule), so
    # the inflow is unknown rather than 50 or 0.
    assert observed.unit_ids == [] and observed.inflow == [None] * 4 and observed.demand is None


def test_what_if_follows_the_plan_week_by_week_and_adds_an_or_day(clinic_list, kps_leader):
    b.approved_plan(clinic_list, [NOW + n for n in range(1, 13)], 12)
    whatif = selectors.whatif_projection(
        user=kps_leader, unit_ids=[clinic_list.id], phase=1, history_weeks=4, horizon=12
    )
    assert whatif.capacity_source == "plan"
    assert whatif.capacity == [12.0] * 12
    assert [str(w) for w in whatif.weeks[:2]] == ["2026-W44", "2026-W45"]
    assert whatif.target_queue == pytest.approx(10 * (90 / 7) / 4)
    # 41 waiting, 10 in and 12 out a week: the expected queue falls by 2 a week.
    assert whatif.projection.expected.tolist()[:3] == [41, 39, 37]
    more = selectors.whatif_projection(
        user=kps_leader, unit_ids=[clinic_list.id], phase=1, history_weeks=4, horizon=12, extra=4
    )
    assert more.capacity == [16.0] * 12
    assert more.median_meets_guarantee is not None
    assert more.median_meets_guarantee <= (whatif.median_meets_guarantee or NOW + 99)


def test_what_if_without_a_plan_uses_the_observed_outflow_or_an_edited_capacity(
    clinic_list, kps_leader
):
    kwargs = {"user": kps_leader, "unit_ids": [clinic_list.id], "phase": 1, "history_weeks": 4}
    observed = selectors.whatif_projection(**kwargs, horizon=20)
    assert observed.capacity_source == "observed" and observed.capacity == [8.0] * 20
    edited = selectors.whatif_projection(**kwargs, horizon=60, capacity=11)
    assert edited.capacity_source == "edited" and len(edited.capacity) == 52  # at most a year
    assert queue.GUARANTEE_DAYS == 90
