"""The allocation proposal on small cases whose best answer is worked out by hand.

Every session is 07:00–17:00 (10 hours) unless said. A clinic's need counts in three equal
tiers worth 3, 2 and 1 times its weight per hour (``theatre.allocation``), so a case is
checked by summing those values for each way of dividing the sessions.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from theatre.allocation import Demand, Slot, propose

A, B = 1, 2
MON = date(2027, 1, 11)


def slots(room: int, eligible: set[int], days: int = 1, *, end: time = time(17)) -> list[Slot]:
    return [
        Slot(room, MON + timedelta(days=d), time(7), end, frozenset(eligible)) for d in range(days)
    ]


def test_a_session_goes_only_to_a_clinic_its_room_admits():
    # A is heavier, but room 1 admits only A and room 2 only B: each gets its room.
    proposal = propose(
        slots(1, {A}) + slots(2, {B}), [Demand(A, 10, weight=4.0), Demand(B, 10, weight=1.0)]
    )
    assert proposal.assignment == [A, B]
    assert proposal.optimal


def test_a_room_no_clinic_may_use_is_left_open():
    proposal = propose(slots(1, {3}), [Demand(A, 10, weight=1.0)])
    assert proposal.assignment == [None]
    assert proposal.clinics[A].unmet_hours == 10


def test_a_clinic_past_target_gets_more_of_the_shared_rooms():
    # Both need 20 h (tiers of 6⅔ h); A's patients past target weigh 2, B's 1. Three sessions:
    # A 2 + B 1: A 6⅔·(6+4+2) = 80, B 6⅔·3 + 3⅓·2 = 26⅔ → 106⅔
    # A 1 + B 2: A 6⅔·6 + 3⅓·4 = 53⅓, B 6⅔·(3+2+1) = 40 → 93⅓;  A 3: 80 (+ a token)
    proposal = propose(
        slots(1, {A, B}, days=3), [Demand(A, 20, weight=2.0), Demand(B, 20, weight=1.0)]
    )
    assert proposal.clinics[A].sessions == 2
    assert proposal.clinics[B].sessions == 1
    assert proposal.clinics[A].unmet_hours == 0
    assert proposal.clinics[B].unmet_hours == 10


def test_equal_need_and_weight_share_equally():
    proposal = propose(
        slots(1, {A, B}, days=4), [Demand(A, 20, weight=1.0), Demand(B, 20, weight=1.0)]
    )
    assert (proposal.clinics[A].sessions, proposal.clinics[B].sessions) == (2, 2)


def test_a_clinic_keeps_its_minimum_though_another_needs_every_hour():
    # A needs all 40 h at a high weight; B needs nothing but keeps one session.
    proposal = propose(
        slots(1, {A, B}, days=4),
        [Demand(A, 40, weight=4.0), Demand(B, 0, weight=1.0, minimum_sessions=1)],
    )
    assert proposal.clinics[B].sessions == 1
    assert proposal.clinics[A].sessions == 3
    assert proposal.clinics[B].minimum_short == 0


def test_a_minimum_its_rooms_cannot_hold_is_reported_short():
    # B may use one room on one day only: a minimum of three leaves it two short.
    proposal = propose(
        slots(1, {A, B}) + slots(2, {A}, days=2),
        [Demand(A, 30, weight=1.0), Demand(B, 0, weight=1.0, minimum_sessions=3)],
    )
    assert proposal.assignment[0] == B
    assert proposal.clinics[B].minimum_short == 2
    assert proposal.clinics[B].eligible_sessions == 1


def test_hours_beyond_every_need_still_go_to_a_clinic_rather_than_stand_empty():
    proposal = propose(
        slots(1, {A, B}, days=3), [Demand(A, 5, weight=1.0), Demand(B, 5, weight=1.0)]
    )
    assert None not in proposal.assignment


def test_a_shorter_session_counts_its_own_hours():
    # Friday's 07:00–14:00 is 7 hours: A needs 7, B 10, and B may use only the long session.
    proposal = propose(
        slots(1, {A}, end=time(14)) + slots(2, {A, B}),
        [Demand(A, 7, weight=1.0), Demand(B, 10, weight=1.0)],
    )
    assert proposal.assignment == [A, B]
    assert proposal.clinics[A].hours == 7
