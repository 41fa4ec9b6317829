"""The planning page's arithmetic on a case worked by hand: the volume to send per care area."""

from __future__ import annotations

from datetime import date

import pytest

from organisation.calendar import IsoWeek
from purchasing import selectors
from purchasing.models import PurchasedReferral
from tests.waitlists import builders as b
from waitlists.models import MedicalCareArea, MedicalCareAreaCode

from .conftest import agreement

pytestmark = pytest.mark.django_db
SNAPSHOT = date(2026, 10, 31)  # in 2026-W44: history is the 26 weeks W18–W43
HISTORY = [IsoWeek(2026, 43) - n for n in range(26)]
# The coming schedule period of the default clock: 2027 W1–W13.
PERIOD = [IsoWeek(2027, 1) + n for n in range(13)]
T = 90 / 7  # the guarantee in weeks


@pytest.fixture
def case(org, activities):
    """Hip (NF): inflow 10 a week, 6 operated a week, 60 waiting 30–207 days.
    Knee (NG): inflow 2, operated 2, 4 waiting 10 days. The approved plan: 9 operations a week."""
    hip = MedicalCareArea.objects.create(code="hoft", name="Höft", sort_order=1)
    knee = MedicalCareArea.objects.create(code="kna", name="Knä", sort_order=2)
    MedicalCareAreaCode.objects.create(area=hip, classification="kka", prefix="NF")
    MedicalCareAreaCode.objects.create(area=knee, classification="kka", prefix="NG")
    unit = org.units[0]
    for week in HISTORY:
        b.referrals(unit, week, 10, phase=2, kva="NFB49")
        b.referrals(unit, week, 2, phase=2, kva="NGB59")
        b.contacts(unit, week.monday, 6, phase=2, kva="NFB49", activity="operation")
        b.contacts(unit, week.monday, 2, phase=2, kva="NGB59", activity="operation")
    hips = [b.waiting(unit, SNAPSHOT, days=30 + 3 * i, phase=2, kva="NFB49") for i in range(60)]
    for i, entry in enumerate(hips):
        entry.patient = f"pseudonym-{i:02d}"
    knees = [b.waiting(unit, SNAPSHOT, days=10, phase=2, kva="NGB59") for _ in range(4)]
    b.save(*hips, *knees)
    b.approved_plan(unit, PERIOD, 9, activity="operation")
    return {"hip": hip, "knee": knee, "clinic": org.clinics[0]}


def test_the_volume_to_send_per_care_area_worked_by_hand(case, clinic_manager):
    plan = selectors.send_plan(user=clinic_manager, clinic_id=case["clinic"].id, phase=2)
    assert (plan.period.start, plan.period.end) == (date(2027, 1, 4), date(2027, 4, 4))
    assert plan.plan_pace == pytest.approx(9)
    groups = {g.name: g for g in plan.groups}
    hip, knee, whole = groups["Höft"], groups["Knä"], plan.total
    # Hip: target queue 10·T/4; relief 10 + (60 − it)/26; steady flow, so the target capacity is
    # the bare demand 10, below the relief. Its share of the plan: 6 of 8 operated, 9 · 6/8.
    hip_pace = 10 + (60 - 10 * T / 4) / 26
    assert hip.pace.model.required_pace == pytest.approx(hip_pace)  # 11.07
    assert hip.plan_pace == pytest.approx(6.75)
    assert hip.send_per_week == pytest.approx(hip_pace - 6.75)  # 4.32
    assert hip.send_in_period == pytest.approx((hip_pace - 6.75) * 13)  # 56.2
    # Knee: the queue is below target, so the pace is the capacity that holds it there (2);
    # its share of the plan (2.25) covers it: nothing to send.
    assert knee.pace.model.required_pace == pytest.approx(2)
    assert (knee.plan_pace, knee.send_per_week) == (pytest.approx(2.25), 0)
    # The whole list: inflow 12, 64 waiting, the whole plan.
    whole_pace = 12 + (64 - 12 * T / 4) / 26
    assert whole.send_per_week == pytest.approx(whole_pace - 9)  # 3.98


def test_without_an_approved_plan_for_the_period_the_volume_to_send_is_unknown(
    case, clinic_manager
):
    from planning.models import PlanCell

    PlanCell.objects.all().delete()
    plan = selectors.send_plan(user=clinic_manager, clinic_id=case["clinic"].id, phase=2)
    assert plan.plan_pace is None
    assert {g.send_per_week for g in [plan.total, *plan.groups]} == {None}


def test_the_agreements_that_could_take_it_with_their_room(case, org, clinic_manager, kps_leader):
    clinic = case["clinic"]
    a1 = agreement("A1", clinics=[clinic], areas=[case["hip"]], volume=100, end=date(2027, 6, 30))
    agreement(
        "A2", provider="REG05", clinics=[clinic], kva="NGB59", money="500000", end=date(2027, 6, 30)
    )
    agreement("A3", clinics=[org.clinics[1]], end=date(2027, 6, 30))  # another clinic's
    agreement("A4", clinics=[clinic], end=date(2026, 12, 31))  # ends before the period
    PurchasedReferral.objects.bulk_create(
        PurchasedReferral(source="cosmic", referral_id=f"U{i}", unit=org.units[0], provider_code="PRIV1",
                          agreement_code="A1", phase=2, kva_code="NFB49", sent_date=date(2026, 9, 1),
                          status="SKICKAD")
        for i in range(85)
    )  # fmt: skip
    plan = selectors.send_plan(user=clinic_manager, clinic_id=clinic.id, phase=2)
    groups = {g.name: g for g in plan.groups}
    assert [u.agreement.code for u in groups["Höft"].agreements] == ["A1"]
    assert [u.agreement.code for u in groups["Knä"].agreements] == ["A2"]
    assert sorted(u.agreement.code for u in plan.total.agreements) == ["A1", "A2"]
    (hip_use,) = groups["Höft"].agreements
    assert (hip_use.agreement, hip_use.volume_room, hip_use.volume_level) == (a1, 15, "varning")
    # A KPS leader plans volumes, not money: the same need, without agreements or room.
    leaders = selectors.send_plan(user=kps_leader, clinic_id=clinic.id, phase=2)
    assert not leaders.shows_agreements and all(not g.agreements for g in leaders.groups)
    assert leaders.total.send_per_week == pytest.approx(plan.total.send_per_week)


def test_the_longest_waiters_past_the_guarantee_by_pseudonym(case, clinic_manager):
    plan = selectors.send_plan(user=clinic_manager, clinic_id=case["clinic"].id, phase=2)
    # Waits 30 + 3i days: over 90 from i = 21, so 39 patients; the 25 longest, longest first.
    assert len(plan.waiters) == 25
    assert [w.patient for w in plan.waiters[:2]] == ["pseudonym-59", "pseudonym-58"]
    assert (plan.waiters[0].waited_days, plan.waiters[-1].waited_days) == (207, 135)
    assert plan.waiters[0].care_area == "Höft"


def test_a_clinic_the_user_may_not_see_has_no_plan(case, org, clinic_manager):
    assert selectors.send_plan(user=clinic_manager, clinic_id=org.clinics[2].id, phase=2) is None


def test_showing_the_longest_waiters_is_logged_in_the_page_and_the_api(
    case, client, clinic_manager
):
    from organisation.models import PersonDataAccess

    client.force_login(clinic_manager)
    clinic = case["clinic"].id
    page = client.get("/kopt-vard/", {"klinik": clinic, "fas": 2}).content.decode()
    assert "pseudonym-59" in page and "Höft" in page
    api = client.get("/api/v1/purchasing/plan/", {"clinic": clinic, "phase": 2}).json()
    assert api["waiters"][0] == {
        "patient": "pseudonym-59", "unit": "Ortopedkliniken mottagning", "kva_code": "NFB49",
        "care_area": "Höft", "waited_days": 207,
    }  # fmt: skip
    assert [(r.what, r.rows) for r in PersonDataAccess.objects.order_by("id")] == [
        ("purchasing:plan", 25),
        ("api:purchasing:plan", 25),
    ]
