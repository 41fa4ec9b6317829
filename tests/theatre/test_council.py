"""The council's need picture, its proposal, a session moved and the decision, on hand-made data.

Orthopaedics may use rooms 1 and 2, the eye clinic only room 2 (``conftest``). No referral or
contact has arrived, so the inflow is unknown and the queue arithmetic works from demand 0:
the target queue is 0 and the relief pace is the queue over the 26 weeks to target.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from kps.errors import DomainError
from organisation.calendar import Period
from organisation.models import Role
from tests import factories
from tests.waitlists.builders import save, waiting
from theatre import services
from theatre.choices import AllocationStatus
from theatre.models import Operation, Session
from theatre.need import council_need

STOCKHOLM = ZoneInfo("Europe/Stockholm")
TODAY = date(2027, 1, 4)
SNAPSHOT = date(2027, 1, 3)
# One week without holidays; the period after TODAY.
WEEK = Period(1, date(2027, 1, 11), date(2027, 1, 17), date(2026, 12, 14))
OPERATED = date(2026, 12, 7)  # a Monday inside the 26 weeks before TODAY


def at(clock: str, day: date = OPERATED) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock)).replace(tzinfo=STOCKHOLM)


@pytest.fixture
def council(theatre):
    """26 orthopaedic operations waiting (13 of priority 1, 4 of them past target), 13 eye ones.

    Orthopaedics operated twice in room 1 on one day: patient time 180 and 240 min, one
    turnaround of 30 min; the eye clinic once in room 2: 60 min.
    """
    ortho = [
        waiting(theatre.ortho_unit, SNAPSHOT, days=30, phase=2, target=date(2027, 2, 1))
        for _ in range(22)
    ] + [waiting(theatre.ortho_unit, SNAPSHOT, days=120, phase=2, target=date(2026, 12, 1))
         for _ in range(4)]  # fmt: skip
    for n, entry in enumerate(ortho):
        entry.priority = 1 if n % 2 else 3
    eye = [waiting(theatre.eye_unit, SNAPSHOT, days=10, phase=2) for _ in range(13)]
    for entry in eye:
        entry.priority = 3
    save(*ortho, *eye)
    Session.objects.create(
        room=theatre.room1, date=OPERATED, start_time=time(7), end_time=time(17),
        unit=theatre.ortho_unit,
    )  # fmt: skip
    Session.objects.create(
        room=theatre.room2, date=OPERATED, start_time=time(7), end_time=time(12),
        unit=theatre.eye_unit,
    )  # fmt: skip
    for n, (room, unit, times) in enumerate(
        [
            (theatre.room1, theatre.ortho_unit, ("07:30", "08:00", "10:00", "10:30")),
            (theatre.room1, theatre.ortho_unit, ("11:00", "11:20", "14:20", "15:00")),
            (theatre.room2, theatre.eye_unit, ("08:00", "08:10", "08:40", "09:00")),
        ]
    ):
        Operation.objects.create(
            source="cosmic", operation_id=f"P{n}", room=room, unit=unit, date=OPERATED,
            patient_in=at(times[0]), op_start=at(times[1]), op_end=at(times[2]),
            patient_out=at(times[3]), status="GENOMFORD",
        )  # fmt: skip
    return theatre


def _need(council):
    picture = council_need(site=council.site, period=WEEK, today=TODAY)
    return {n.clinic_id: n for n in picture.clinics}


def test_the_need_picture_counts_the_queue_and_turns_the_relief_pace_into_room_hours(council):
    need = _need(council)
    ortho, eye = need[council.ortho.id], need[council.eye.id]
    assert ortho.waiting == 26
    assert ortho.by_priority == {"1": 13, "3": 13}
    assert ortho.past_target == 4
    assert ortho.past_guarantee == 4
    # Relief pace: 0 + (26 − 0) / 26 = 1 operation a week.
    assert ortho.relief_pace == pytest.approx(1.0)
    # (180 + 240) / 2 = 210 min patient time, + 30 min turnaround = 240 min = 4 h per operation.
    assert ortho.patient_minutes_per_operation == pytest.approx(210)
    assert ortho.turnaround_minutes_per_operation == pytest.approx(30)
    assert ortho.hours_per_week_needed == pytest.approx(4.0)
    # 13 waiting / 26 = 0.5 a week, 60 min each (no turnaround): 0.5 h a week.
    assert eye.relief_pace == pytest.approx(0.5)
    assert eye.hours_per_week_needed == pytest.approx(0.5)
    # Held: one 10-hour session in 26 weeks.
    assert ortho.held_hours_per_week == pytest.approx(10 / 26)


def test_priority_and_time_past_target_weigh_the_need(council):
    need = _need(council)
    # Orthopaedics: 13 of priority 1 (weight 4) and 13 of priority 3 (weight 2); the four
    # past target (indices 22–25: two of each priority) count twice:
    # (13·4 + 2·4 + 13·2 + 2·2) / 26 = 90 / 26.
    assert need[council.ortho.id].weight == pytest.approx(90 / 26)
    assert need[council.eye.id].weight == pytest.approx(2.0)


@pytest.fixture
def head(council):
    return factories.make_user("chef-ort", Role.MANAGER, clinic=council.ortho)


@override_settings(KPS_THEATRE_MIN_SESSIONS_PER_WEEK=1)
def test_the_proposal_uses_the_template_and_keeps_every_clinic_in_its_rooms(council, head):
    allocation = services.allocation_propose(site=council.site, period=WEEK, user=head, today=TODAY)
    sessions = list(allocation.sessions.all())
    # No session plan for the week: the template is 2 rooms × 5 weekdays, Friday to 14:00.
    assert len(sessions) == 10
    assert allocation.explanation["template"] is True
    friday = [s for s in sessions if s.date == date(2027, 1, 15)]
    assert {s.end_time for s in friday} == {time(14)}
    eye = [s for s in sessions if s.clinic_id == council.eye.id]
    assert eye and all(s.room_id == council.room2.id for s in eye)
    assert all(s.clinic_id == council.ortho.id for s in sessions if s.room_id == council.room1.id)
    reasons = allocation.explanation["clinics"][str(council.ortho.id)]
    assert reasons["need_hours"] == pytest.approx(4.0)
    assert reasons["minimum_sessions"] == 1


def test_the_proposal_takes_the_session_plan_when_there_is_one(council, head):
    Session.objects.create(
        room=council.room2, date=date(2027, 1, 12), start_time=time(8), end_time=time(12)
    )
    Session.objects.create(
        room=council.room1, date=date(2027, 1, 12), start_time=time(8), end_time=time(12),
        staffed=False,
    )  # fmt: skip
    allocation = services.allocation_propose(site=council.site, period=WEEK, user=head, today=TODAY)
    assert [(s.room_id, s.start_time) for s in allocation.sessions.all()] == [
        (council.room2.id, time(8))
    ]
    assert allocation.explanation["template"] is False


def test_the_council_moves_a_session_and_decides_it_into_the_session_plan(council, head):
    allocation = services.allocation_propose(site=council.site, period=WEEK, user=head, today=TODAY)
    in_room2 = allocation.sessions.filter(room=council.room2).first()
    in_room1 = allocation.sessions.filter(room=council.room1).first()
    with pytest.raises(DomainError):
        # The eye clinic may not use room 1.
        services.allocation_move(
            allocation=allocation, session_id=in_room1.id, clinic_id=council.eye.id, user=head
        )
    services.allocation_move(
        allocation=allocation, session_id=in_room2.id, clinic_id=council.eye.id, user=head
    )
    decided = services.allocation_decide(allocation=allocation, user=head, note="Enligt rådet.")
    assert decided.status == AllocationStatus.DECIDED
    assert decided.decided_by == head and decided.decided_at is not None
    assert decided.note == "Enligt rådet."
    plan = Session.objects.filter(date__range=(WEEK.start, WEEK.end))
    assert plan.count() == 10
    moved = plan.get(room=council.room2, date=in_room2.date)
    assert moved.unit == council.eye_unit
    with pytest.raises(DomainError):
        services.allocation_decide(allocation=decided, user=head)
    with pytest.raises(DomainError):
        services.allocation_move(
            allocation=decided, session_id=in_room2.id, clinic_id=None, user=head
        )


def test_only_the_council_proposes_and_decides(council, org):
    leader = factories.make_user("ledare-ort", Role.KPS_LEADER, clinic=council.ortho)
    cardiology_head = factories.make_user("chef-kar", Role.MANAGER, clinic=org.clinics[2])
    for user in (leader, cardiology_head):
        with pytest.raises(DomainError) as refused:
            services.allocation_propose(site=council.site, period=WEEK, user=user, today=TODAY)
        assert refused.value.status_code == 403


def test_the_decided_room_hours_stand_beside_staff_hours_in_the_plan_grid(council, head):
    from planning import services as planning_services
    from planning.grid import plan_grid_data

    allocation = services.allocation_propose(site=council.site, period=WEEK, user=head, today=TODAY)
    leader = factories.make_user("ledare-ort", Role.KPS_LEADER, clinic=council.ortho)
    version = planning_services.plan_create(clinic=council.ortho, year=2027, user=leader)
    grid = plan_grid_data(version=version, unit=council.ortho_unit, user=leader, as_of=TODAY)
    # Proposed is not decided: no room time yet.
    assert grid["capacity"]["room_hours"] == {}
    services.allocation_decide(allocation=allocation, user=head)
    # Monday–Thursday 07–17 is 10 hours, Friday 07–14 is 7.
    expected = sum(
        10 if s.date.weekday() < 4 else 7
        for s in allocation.sessions.all()
        if s.clinic_id == council.ortho.id
    )
    grid = plan_grid_data(version=version, unit=council.ortho_unit, user=leader, as_of=TODAY)
    assert grid["capacity"]["room_hours"] == {"1": expected}
