"""Room time by SPOR's definitions on sessions computed by hand.

Opening hours: SPOR's default, 07:00–17:00 Monday–Thursday (600 min), 07:00–14:00 Friday (420).

Monday 2 March, room 1, clinic A's session 07:30–16:00 (510 min):
  op1 in 08:00 (knife 08:20–09:20) out 09:40  → late start 30
  op2 in 10:00 (knife 10:15–11:15) out 11:30  → turnaround 20
  op3 in 15:00 (knife 15:10–17:00) out 17:30  → turnaround 210; overrun 90 past the session,
                                                 only 15:00–17:00 inside the opening hours
  patient time in hours 100 + 90 + 120 = 310; knife 60 + 60 + 110 = 230
Thursday 5 March, room 2, clinic A's session 07:00–17:00:
  op5 in 16:00 (knife 16:30–23:30) out Friday 00:30, past midnight → late start 540, overrun 450,
  patient time in hours 60, knife 30
Friday 6 March, room 1, clinic B's session 07:00–14:00 (Friday's shorter hours):
  op4 in 07:00 (knife 07:30–12:30) out 13:00 → early finish 60; patient 360, knife 300
Struck operations of Monday: one at 17:30 the day before (late, patient), one at 16:59 the day
before (not late), one on the day at 07:10 (late, resources).
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from theatre.models import DEFAULT_OPENING_HOURS
from theatre.utilisation import OperationRow, SessionRow, compute

A, B = 1, 2
ROOM1, ROOM2 = 10, 20
HOURS = {int(day): hours for day, hours in DEFAULT_OPENING_HOURS.items()}
MON, THU, FRI = date(2026, 3, 2), date(2026, 3, 5), date(2026, 3, 6)


def at(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock))


def performed(room, day, clinic, times, out_day=None):
    patient_in, op_start, op_end, patient_out = times
    return OperationRow(
        room=room,
        day=day,
        clinic=clinic,
        performed=True,
        patient_in=at(day, patient_in),
        op_start=at(day, op_start),
        op_end=at(day, op_end),
        patient_out=at(out_day or day, patient_out),
    )


def struck(day, struck_at, cause):
    return OperationRow(
        room=ROOM1, day=day, clinic=A, performed=False, struck_at=struck_at, strike_cause=cause
    )


SESSIONS = [
    SessionRow(ROOM1, MON, time(7, 30), time(16), A),
    SessionRow(ROOM2, THU, time(7), time(17), A),
    SessionRow(ROOM1, FRI, time(7), time(14), B),
    # Not staffed: gives no open time.
    SessionRow(ROOM2, MON, time(7), time(17), B, staffed=False),
]
OPERATIONS = [
    performed(ROOM1, MON, A, ("08:00", "08:20", "09:20", "09:40")),
    performed(ROOM1, MON, A, ("10:00", "10:15", "11:15", "11:30")),
    performed(ROOM1, MON, A, ("15:00", "15:10", "17:00", "17:30")),
    performed(ROOM2, THU, A, ("16:00", "16:30", "23:30", "00:30"), out_day=FRI),
    performed(ROOM1, FRI, B, ("07:00", "07:30", "12:30", "13:00")),
    struck(MON, at(date(2026, 3, 1), "17:30"), "PAT"),
    struck(MON, at(date(2026, 3, 1), "16:59"), "MED"),
    struck(MON, at(MON, "07:10"), "RES"),
]


@pytest.fixture
def result():
    return compute(hours=HOURS, sessions=SESSIONS, operations=OPERATIONS)


def test_the_hospitals_room_time(result):
    t = result.total
    assert t.open_minutes == 600 + 600 + 420
    assert t.patient_minutes_in_hours == 310 + 60 + 360
    assert t.knife_minutes_in_hours == 230 + 30 + 300
    assert t.utilisation_patient_time == pytest.approx(730 / 1620)
    assert t.utilisation_knife_time == pytest.approx(560 / 1620)
    assert t.session_minutes == 510 + 600 + 420
    assert t.sessions == 3 and t.sessions_without_operations == 0
    assert t.operations == 5


def test_late_start_early_finish_overrun_and_turnaround_per_session(result):
    t = result.total
    assert t.late_start_minutes == 30 + 540
    assert t.early_finish_minutes == 60
    # Past the session's end: 17:30 − 16:00, and past midnight 00:30 − 17:00.
    assert t.overrun_minutes == 90 + 450
    assert (t.turnaround_minutes, t.turnarounds) == (20 + 210, 2)
    assert t.turnaround_mean_minutes == 115


def test_late_cancellations_from_17_the_day_before_by_cause(result):
    assert result.total.late_cancellations == 2
    assert result.total.late_cancellations_by_cause == {"PAT": 1, "RES": 1}


def test_open_time_not_allocated(result):
    # Monday 07:00–07:30 and 16:00–17:00 of the staffed room are no clinic's.
    assert result.total.unallocated_minutes == 90


def test_per_clinic_the_share_of_the_opening_hours_its_sessions_hold(result):
    a, b = result.clinics[A], result.clinics[B]
    # A clinic's time is read inside its own sessions: op3's 16:00–17:00 is past A's session,
    # inside the hospital's hours (the hospital counts it, the clinic does not).
    assert (a.open_minutes, a.patient_minutes_in_hours) == (510 + 600, 100 + 90 + 60 + 60)
    assert a.utilisation_patient_time <= 1
    assert (b.open_minutes, b.patient_minutes_in_hours) == (420, 360)
    assert b.utilisation_patient_time == pytest.approx(360 / 420)
    assert (a.overrun_minutes, b.early_finish_minutes) == (540, 60)
    assert a.late_cancellations == 2


def test_per_room(result):
    assert result.rooms[ROOM1].open_minutes == 600 + 420
    assert result.rooms[ROOM2].open_minutes == 600
    assert result.rooms[ROOM2].patient_minutes_in_hours == 60


def test_a_clinics_readers_total_is_their_clinics_only():
    only_b = compute(hours=HOURS, sessions=SESSIONS, operations=OPERATIONS, clinics={B})
    assert not only_b.whole_hospital and only_b.total.unallocated_minutes is None
    assert (only_b.total.open_minutes, only_b.total.operations) == (420, 1)
    assert only_b.total.late_cancellations == 0
    assert set(only_b.clinics) == {B}


def test_figures_over_sessions_of_different_length_are_ratios_of_sums():
    # A short Friday nearly full (360 of 420) and a long Monday nearly empty (60 of 600).
    sessions = [
        SessionRow(ROOM1, FRI, time(7), time(14), B),
        SessionRow(ROOM1, MON, time(7), time(17), B),
    ]
    operations = [
        performed(ROOM1, FRI, B, ("07:00", "07:30", "12:30", "13:00")),
        performed(ROOM1, MON, B, ("07:00", "07:10", "07:50", "08:00")),
    ]
    total = compute(hours=HOURS, sessions=sessions, operations=operations).total
    assert total.utilisation_patient_time == pytest.approx(420 / 1020)
    mean_of_ratios = (360 / 420 + 60 / 600) / 2
    assert total.utilisation_patient_time != pytest.approx(mean_of_ratios)


def test_a_session_without_operations_is_counted_apart():
    total = compute(
        hours=HOURS, sessions=[SessionRow(ROOM1, MON, time(7), time(17), A)], operations=[]
    ).total
    assert (total.sessions, total.sessions_without_operations, total.late_start_minutes) == (
        1,
        1,
        0,
    )
    assert total.utilisation_patient_time == 0


def test_a_hospitals_own_hours_replace_the_default():
    hours = {0: (time(8), time(16))}
    total = compute(
        hours=hours,
        sessions=[SessionRow(ROOM1, MON, time(8), time(16), A)],
        operations=[performed(ROOM1, MON, A, ("07:30", "08:00", "09:00", "09:30"))],
    ).total
    assert total.open_minutes == 480 and total.patient_minutes_in_hours == 90
