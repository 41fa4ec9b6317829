"""Room time by SPOR's definitions, computed from plain rows: sessions, operations, opening hours.

Kept apart from the database so the arithmetic can be read (and tested) on its own:

- *open time* (``open_minutes``): the elective opening hours of staffed rooms, i.e. of each
  room and day with at least one staffed session. For one clinic, the part of the opening
  hours its staffed sessions cover; what no clinic holds is ``unallocated_minutes``.
- *patient time in hours* (``patient_minutes_in_hours``): patient in → out, the part inside the
  opening hours of a staffed room-day (an operation past midnight counts in the next day's
  hours too); *knife time* the same from op start to op end. For a clinic, the part inside
  the opening hours that its own staffed sessions cover, so that its utilisation is measured
  against the same time as its open time (and never exceeds it).
- utilisation = time in hours ÷ open time: ratios of sums, never means of ratios.
- per allocated, staffed session (its clinic's): *late start* = first patient in − session
  start; *early finish* = session end − last patient out; *overrun* = last patient out −
  session end; *turnaround* = next patient in − previous patient out, summed. An operation
  belongs to the last session of its room and day that started at or before its patient in
  (the first session when it came in earlier).
- *late cancellation*: an operation struck at or after 17:00 the day before its day, or later.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

LATE_CANCELLATION_HOUR = 17


@dataclass(frozen=True)
class SessionRow:
    room: int
    day: date
    start: time
    end: time
    clinic: int | None  # None: open time, not allocated
    staffed: bool = True


@dataclass(frozen=True)
class OperationRow:
    """One operation, times as naive local datetimes (Europe/Stockholm)."""

    room: int
    day: date
    clinic: int
    performed: bool
    patient_in: datetime | None = None
    op_start: datetime | None = None
    op_end: datetime | None = None
    patient_out: datetime | None = None
    struck_at: datetime | None = None
    strike_cause: str = ""


@dataclass
class Figures:
    """Minutes and counts of one scope (a hospital, a clinic, a room); ratios from the sums."""

    open_minutes: float = 0.0
    patient_minutes_in_hours: float = 0.0
    knife_minutes_in_hours: float = 0.0
    session_minutes: float = 0.0
    sessions: int = 0
    sessions_without_operations: int = 0
    late_start_minutes: float = 0.0
    early_finish_minutes: float = 0.0
    overrun_minutes: float = 0.0
    turnaround_minutes: float = 0.0
    turnarounds: int = 0
    operations: int = 0
    late_cancellations: int = 0
    late_cancellations_by_cause: dict[str, int] = field(default_factory=dict)
    unallocated_minutes: float | None = None

    @property
    def utilisation_patient_time(self) -> float | None:
        return self.patient_minutes_in_hours / self.open_minutes if self.open_minutes else None

    @property
    def utilisation_knife_time(self) -> float | None:
        return self.knife_minutes_in_hours / self.open_minutes if self.open_minutes else None

    @property
    def turnaround_mean_minutes(self) -> float | None:
        return self.turnaround_minutes / self.turnarounds if self.turnarounds else None


@dataclass
class Result:
    total: Figures
    clinics: dict[int, Figures]
    rooms: dict[int, Figures]
    # Whether the total is the whole hospital (open time of every staffed room) or only the
    # clinics the reader may see (their sessions' share of the opening hours).
    whole_hospital: bool


def _minutes(delta: timedelta) -> float:
    return delta.total_seconds() / 60


def _overlap(a: datetime, b: datetime, c: datetime, d: datetime) -> float:
    # Called a few times for every operation: kept to one subtraction.
    seconds = (min(b, d) - max(a, c)).total_seconds()
    return seconds / 60 if seconds > 0 else 0.0


def compute(
    *,
    hours: dict[int, tuple[time, time]],
    sessions: list[SessionRow],
    operations: list[OperationRow],
    clinics: set[int] | None = None,
) -> Result:
    """The figures of the hospital (``clinics`` None) or of the given clinics only.

    ``hours`` holds each weekday's (opens, closes); a weekday without hours has no open time.
    """
    whole = clinics is None

    def counted(clinic: int | None) -> bool:
        return whole or clinic in clinics

    windows: dict[date, tuple[datetime, datetime] | None] = {}

    def window(day: date) -> tuple[datetime, datetime] | None:
        # Asked for every operation: each day's window is made once.
        if day not in windows:
            h = hours.get(day.weekday())
            windows[day] = (datetime.combine(day, h[0]), datetime.combine(day, h[1])) if h else None
        return windows[day]

    total = Figures()
    by_clinic: dict[int, Figures] = defaultdict(Figures)
    by_room: dict[int, Figures] = defaultdict(Figures)

    def add(target_clinic: int | None, room: int, name: str, value: float) -> None:
        for figures in (total, by_room[room]) + (
            (by_clinic[target_clinic],) if target_clinic is not None else ()
        ):
            setattr(figures, name, getattr(figures, name) + value)

    staffed = [s for s in sessions if s.staffed]
    staffed_days = {(s.room, s.day) for s in staffed}
    # Open time: the hospital's is per staffed room-day; a clinic's is its sessions' share of it.
    if whole:
        for room, day in staffed_days:
            if w := window(day):
                total.open_minutes += _minutes(w[1] - w[0])
                by_room[room].open_minutes += _minutes(w[1] - w[0])
    allocated_in_hours = 0.0
    # Each clinic's sessions within the opening hours, per room and day: what its time is read in.
    held: dict[tuple[int, date, int], list[tuple[datetime, datetime]]] = defaultdict(list)
    for s in staffed:
        if s.clinic is None or not (w := window(s.day)):
            continue
        begin = max(datetime.combine(s.day, s.start), w[0])
        finish = min(datetime.combine(s.day, s.end), w[1])
        share = max(0.0, _minutes(finish - begin))
        if share:
            held[(s.room, s.day, s.clinic)].append((begin, finish))
        allocated_in_hours += share
        if counted(s.clinic):
            by_clinic[s.clinic].open_minutes += share
            if not whole:
                total.open_minutes += share
                by_room[s.room].open_minutes += share
    if whole:
        total.unallocated_minutes = total.open_minutes - allocated_in_hours

    # Time in hours, and which session each performed operation belongs to.
    by_room_day: dict[tuple[int, date], list[OperationRow]] = defaultdict(list)
    for op in operations:
        if not counted(op.clinic):
            continue
        if not op.performed:
            if op.struck_at is not None and op.struck_at >= datetime.combine(
                op.day - timedelta(days=1), time(LATE_CANCELLATION_HOUR)
            ):
                add(op.clinic, op.room, "late_cancellations", 1)
                for figures in (total, by_clinic[op.clinic], by_room[op.room]):
                    cause = figures.late_cancellations_by_cause
                    cause[op.strike_cause] = cause.get(op.strike_cause, 0) + 1
            continue
        add(op.clinic, op.room, "operations", 1)
        if op.patient_in is None or op.patient_out is None:
            continue
        by_room_day[(op.room, op.day)].append(op)
        intervals = [("patient_minutes_in_hours", op.patient_in, op.patient_out)]
        if op.op_start is not None and op.op_end is not None:
            intervals.append(("knife_minutes_in_hours", op.op_start, op.op_end))
        # Only an operation still going at midnight has time in the next day's hours.
        next_day = op.day + timedelta(days=1)
        past_midnight = op.patient_out > datetime.combine(next_day, time())
        for day in (op.day, next_day) if past_midnight else (op.day,):
            for name, begin, finish in intervals:
                own = sum(
                    _overlap(begin, finish, *h) for h in held.get((op.room, day, op.clinic), ())
                )
                clinic_figures = by_clinic[op.clinic]
                setattr(clinic_figures, name, getattr(clinic_figures, name) + own)
                if not whole:
                    for figures in (total, by_room[op.room]):
                        setattr(figures, name, getattr(figures, name) + own)
                elif (op.room, day) in staffed_days and (w := window(day)):
                    hours_part = _overlap(begin, finish, *w)
                    for figures in (total, by_room[op.room]):
                        setattr(figures, name, getattr(figures, name) + hours_part)

    # Per allocated, staffed session: late start, early finish, overrun, turnaround.
    sessions_of: dict[tuple[int, date], list[SessionRow]] = defaultdict(list)
    for s in sorted(staffed, key=lambda s: s.start):
        sessions_of[(s.room, s.day)].append(s)
    for key, day_sessions in sessions_of.items():
        members: dict[int, list[OperationRow]] = defaultdict(list)
        starts = [datetime.combine(s.day, s.start) for s in day_sessions]
        for op in by_room_day.get(key, []):
            index = max((i for i, start in enumerate(starts) if start <= op.patient_in), default=0)
            members[index].append(op)
        for index, s in enumerate(day_sessions):
            if s.clinic is None or not counted(s.clinic):
                continue
            start, end = datetime.combine(s.day, s.start), datetime.combine(s.day, s.end)
            add(s.clinic, s.room, "sessions", 1)
            add(s.clinic, s.room, "session_minutes", _minutes(end - start))
            ops = sorted(members.get(index, []), key=lambda op: op.patient_in)
            if not ops:
                add(s.clinic, s.room, "sessions_without_operations", 1)
                continue
            last_out = max(op.patient_out for op in ops)
            add(
                s.clinic,
                s.room,
                "late_start_minutes",
                max(0.0, _minutes(ops[0].patient_in - start)),
            )
            add(s.clinic, s.room, "early_finish_minutes", max(0.0, _minutes(end - last_out)))
            add(s.clinic, s.room, "overrun_minutes", max(0.0, _minutes(last_out - end)))
            for before, after in zip(ops, ops[1:], strict=False):
                add(s.clinic, s.room, "turnarounds", 1)
                add(
                    s.clinic,
                    s.room,
                    "turnaround_minutes",
                    max(0.0, _minutes(after.patient_in - before.patient_out)),
                )
    return Result(total, dict(by_clinic), dict(by_room), whole)
