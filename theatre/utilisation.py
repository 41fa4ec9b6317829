"""Room time by SPOR's definitions, computed from sessions, operations and opening hours.

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

A hospital's tertial is thousands of sessions and operations: the arithmetic runs on numpy
arrays (``Sessions``, ``Operations``), times as seconds of local wall time since 1970, and
sums whole seconds, so that the order of the additions cannot change a figure. The rows
(``SessionRow``, ``OperationRow``) are what a small case is written in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

import numpy as np

LATE_CANCELLATION_HOUR = 17
DAY = 86_400
NONE = -1  # a session's clinic when no clinic holds it
EPOCH = date(1970, 1, 1)


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


def day_number(day: date) -> int:
    return (day - EPOCH).days


def seconds_of_day(clock: time) -> int:
    return clock.hour * 3600 + clock.minute * 60 + clock.second


def _wall(moment: datetime | None) -> float:
    return np.nan if moment is None else (moment - datetime(1970, 1, 1)).total_seconds()


@dataclass
class Sessions:
    """Sessions as arrays: days as days since 1970, start and end as seconds of the day."""

    room: np.ndarray
    day: np.ndarray
    start: np.ndarray
    end: np.ndarray
    clinic: np.ndarray  # NONE: open time, not allocated
    staffed: np.ndarray

    @classmethod
    def of(cls, rows: Sequence[SessionRow]) -> Sessions:
        return cls(
            room=np.array([r.room for r in rows], dtype=np.int64),
            day=np.array([day_number(r.day) for r in rows], dtype=np.int64),
            start=np.array([seconds_of_day(r.start) for r in rows], dtype=np.int64),
            end=np.array([seconds_of_day(r.end) for r in rows], dtype=np.int64),
            clinic=np.array([NONE if r.clinic is None else r.clinic for r in rows], dtype=np.int64),
            staffed=np.array([r.staffed for r in rows], dtype=bool),
        )


@dataclass
class Operations:
    """Operations as arrays: days as days since 1970, times as seconds of local wall time
    since 1970 (NaN: no time)."""

    room: np.ndarray
    day: np.ndarray
    clinic: np.ndarray
    performed: np.ndarray
    patient_in: np.ndarray
    op_start: np.ndarray
    op_end: np.ndarray
    patient_out: np.ndarray
    struck_at: np.ndarray
    strike_cause: list[str]

    @classmethod
    def of(cls, rows: Sequence[OperationRow]) -> Operations:
        def times(name: str) -> np.ndarray:
            return np.array([_wall(getattr(r, name)) for r in rows], dtype=float)

        return cls(
            room=np.array([r.room for r in rows], dtype=np.int64),
            day=np.array([day_number(r.day) for r in rows], dtype=np.int64),
            clinic=np.array([r.clinic for r in rows], dtype=np.int64),
            performed=np.array([r.performed for r in rows], dtype=bool),
            patient_in=times("patient_in"),
            op_start=times("op_start"),
            op_end=times("op_end"),
            patient_out=times("patient_out"),
            struck_at=times("struck_at"),
            strike_cause=[r.strike_cause for r in rows],
        )


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


class _Sums:
    """Each figure summed for the total, per room and per clinic (numbered as in ``rooms``, ``clinics``).

    Times are summed in seconds and shown in minutes (the figures named so); the rest are counts.
    """

    def __init__(self, rooms: np.ndarray, clinics: np.ndarray):
        self.ids = {"room": rooms, "clinic": clinics}
        self.total: dict[str, float] = {}
        self.per: dict[str, dict[str, np.ndarray]] = {"room": {}, "clinic": {}}
        # A room or clinic is listed once something of its own was counted, even a zero.
        self.seen = {"room": np.zeros(len(rooms), bool), "clinic": np.zeros(len(clinics), bool)}
        self.causes: dict[tuple[str, int], dict[str, int]] = {}

    def add(self, name: str, values, *, rooms=None, clinics=None, total: bool = True) -> None:
        shape = np.shape(rooms if rooms is not None else clinics)
        values = np.broadcast_to(np.asarray(values, dtype=float), shape)
        if total:
            self.total[name] = self.total.get(name, 0.0) + float(values.sum())
        for level, index in (("room", rooms), ("clinic", clinics)):
            if index is not None:
                size = len(self.ids[level])
                summed = np.bincount(index, values, minlength=size)
                self.per[level][name] = self.per[level].get(name, np.zeros(size)) + summed

    def figures(self, level: str | None = None, index: int = 0) -> Figures:
        sums = (
            self.total
            if level is None
            else {name: float(v[index]) for name, v in self.per[level].items()}
        )
        f = Figures()
        for name, value in sums.items():
            setattr(f, name, value / 60 if "minutes" in name else int(value))
        f.late_cancellations_by_cause = self.causes.get((level or "total", index), {})
        return f


def _overlap(begin, finish, other_begin, other_finish) -> np.ndarray:
    """Seconds two sets of intervals share, pairwise (0 when apart)."""
    return np.clip(np.minimum(finish, other_finish) - np.maximum(begin, other_begin), 0, None)


def compute(
    *,
    hours: dict[int, tuple[time, time]],
    sessions: Sessions | Sequence[SessionRow],
    operations: Operations | Sequence[OperationRow],
    clinics: set[int] | None = None,
) -> Result:
    """The figures of the hospital (``clinics`` None) or of the given clinics only.

    ``hours`` holds each weekday's (opens, closes); a weekday without hours has no open time.
    """
    room_time = _RoomTime(
        hours,
        sessions if isinstance(sessions, Sessions) else Sessions.of(sessions),
        operations if isinstance(operations, Operations) else Operations.of(operations),
        clinics,
    )
    room_time.open_time()
    room_time.late_cancellations()
    room_time.time_in_hours()
    room_time.per_session()
    return room_time.result()


class _RoomTime:
    """The arrays of one computation: staffed sessions (``s_``) and operations (``o``), rooms
    and clinics numbered 0…n, (room, day) and (room, day, clinic) as integer keys."""

    def __init__(self, hours, sessions: Sessions, operations: Operations, clinics):
        self.whole = clinics is None
        self.wanted = np.array(sorted(clinics or ()), dtype=np.int64)
        self.opens, self.closes, self.has_hours = np.zeros(7), np.zeros(7), np.zeros(7, bool)
        for weekday, (opening, closing) in hours.items():
            self.opens[weekday] = seconds_of_day(opening)
            self.closes[weekday] = seconds_of_day(closing)
            self.has_hours[weekday] = True
        st, o = sessions.staffed, operations
        self.o = o
        self.s_day, self.s_clinic = sessions.day[st], sessions.clinic[st]
        self.s_start = self.s_day * DAY + sessions.start[st]
        self.s_end = self.s_day * DAY + sessions.end[st]
        rooms = np.unique(np.concatenate([sessions.room[st], o.room]))
        clinic_ids = np.unique(np.concatenate([self.s_clinic[self.s_clinic != NONE], o.clinic]))
        self.s_room = np.searchsorted(rooms, sessions.room[st])
        self.s_clin = np.searchsorted(clinic_ids, self.s_clinic)
        self.o_room = np.searchsorted(rooms, o.room)
        self.o_clin = np.searchsorted(clinic_ids, o.clinic)
        days = np.concatenate([self.s_day, o.day, o.day + 1])
        self.first_day = int(days.min()) if len(days) else 0
        self.span = int(days.max()) - self.first_day + 1 if len(days) else 1
        self.n_clinics = len(clinic_ids)
        self.s_room_day = self.room_day(self.s_room, self.s_day)
        self.sums = _Sums(rooms, clinic_ids)
        self.counted_ops = self.counted(o.clinic)
        self.done = self.counted_ops & o.performed

    def counted(self, clinic: np.ndarray) -> np.ndarray:
        return np.ones(len(clinic), bool) if self.whole else np.isin(clinic, self.wanted)

    def window(self, day: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each day's opening and closing (wall seconds), and whether it has hours at all."""
        weekday = (day + EPOCH.weekday()) % 7
        return (
            day * DAY + self.opens[weekday],
            day * DAY + self.closes[weekday],
            self.has_hours[weekday],
        )

    def room_day(self, room: np.ndarray, day: np.ndarray) -> np.ndarray:
        return room * self.span + (day - self.first_day)

    def room_day_clinic(self, room: np.ndarray, day: np.ndarray, clinic: np.ndarray):
        return self.room_day(room, day) * (self.n_clinics + 1) + clinic

    def open_time(self) -> None:
        """The hospital's open time per staffed room-day; a clinic's, its sessions' share of it."""
        sums, room = self.sums, self.s_room
        w0, w1, has_window = self.window(self.s_day)
        self.staffed_days, first = np.unique(self.s_room_day, return_index=True)
        if self.whole:
            open_days = first[has_window[first]]
            sums.add("open_minutes", w1[open_days] - w0[open_days], rooms=room[open_days])
            sums.seen["room"][room[open_days]] = True
        self.allocated = (self.s_clinic != NONE) & has_window
        begin, finish = np.maximum(self.s_start, w0), np.minimum(self.s_end, w1)
        self.share = np.clip(finish - begin, 0, None)
        mine = self.allocated & self.counted(self.s_clinic)
        rooms = None if self.whole else room[mine]
        sums.add(
            "open_minutes",
            self.share[mine],
            rooms=rooms,
            clinics=self.s_clin[mine],
            total=not self.whole,
        )
        # Each clinic's sessions within the opening hours, per room and day: what its time is read in.
        held = self.allocated & (self.share > 0)
        keys = self.room_day_clinic(room[held], self.s_day[held], self.s_clin[held])
        by_key = np.argsort(keys, kind="stable")
        self.held_keys = keys[by_key]
        self.held_begin, self.held_finish = begin[held][by_key], finish[held][by_key]

    def own_time(self, index: np.ndarray, day: np.ndarray, start: np.ndarray, end: np.ndarray):
        """Per operation, seconds of [start, end) inside its own clinic's sessions on ``day``."""
        keys = self.room_day_clinic(self.o_room[index], day, self.o_clin[index])
        low = np.searchsorted(self.held_keys, keys, "left")
        count = np.searchsorted(self.held_keys, keys, "right") - low
        which = np.repeat(np.arange(len(keys)), count)
        position = low[which] + np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        shared = _overlap(
            start[which], end[which], self.held_begin[position], self.held_finish[position]
        )
        return np.bincount(which, shared, minlength=len(keys))

    def late_cancellations(self) -> None:
        o, sums = self.o, self.sums
        the_day_before = o.day * DAY - DAY + LATE_CANCELLATION_HOUR * 3600
        late = np.flatnonzero(self.counted_ops & ~o.performed & (o.struck_at >= the_day_before))
        sums.add("late_cancellations", 1, rooms=self.o_room[late], clinics=self.o_clin[late])
        for level, index in (("room", self.o_room), ("clinic", self.o_clin)):
            sums.seen[level][index[late]] = True
        for i in late:
            for key in (("total", 0), ("room", self.o_room[i]), ("clinic", self.o_clin[i])):
                cause = sums.causes.setdefault(key, {})
                cause[o.strike_cause[i]] = cause.get(o.strike_cause[i], 0) + 1

    def time_in_hours(self) -> None:
        """Patient and knife time inside the hours; only an operation still going at midnight
        has time in the next day's hours."""
        o, sums, whole = self.o, self.sums, self.whole
        sums.add("operations", 1, rooms=self.o_room[self.done], clinics=self.o_clin[self.done])
        for level, index in (("room", self.o_room), ("clinic", self.o_clin)):
            sums.seen[level][index[self.done]] = True
        self.timed = self.done & ~np.isnan(o.patient_in) & ~np.isnan(o.patient_out)
        past_midnight = o.patient_out > (o.day + 1) * DAY
        knife = self.timed & ~np.isnan(o.op_start) & ~np.isnan(o.op_end)
        for name, start, end, valid in (
            ("patient_minutes_in_hours", o.patient_in, o.patient_out, self.timed),
            ("knife_minutes_in_hours", o.op_start, o.op_end, knife),
        ):
            for later in (0, 1):
                index = np.flatnonzero(valid & past_midnight if later else valid)
                day, b, f = o.day[index] + later, start[index], end[index]
                rooms, clinics = self.o_room[index], self.o_clin[index]
                own = self.own_time(index, day, b, f)
                sums.add(
                    name, own, rooms=None if whole else rooms, clinics=clinics, total=not whole
                )
                if whole:
                    h0, h1, has = self.window(day)
                    inside = has & np.isin(self.room_day(rooms, day), self.staffed_days)
                    sums.add(name, np.where(inside, _overlap(b, f, h0, h1), 0), rooms=rooms)

    def per_session(self) -> None:
        """Late start, early finish, overrun and turnaround per allocated, staffed session.
        Sessions in order of room, day and start; an operation belongs to the last that
        started by its patient in (the first when it came in earlier)."""
        o, sums = self.o, self.sums
        order = np.lexsort((np.arange(len(self.s_day)), self.s_start, self.s_room_day))
        room_day = self.s_room_day[order]
        moments = room_day * (DAY + 2) + (self.s_start[order] - self.s_day[order] * DAY) + 1
        index = np.flatnonzero(self.timed)
        op_room_day = self.room_day(self.o_room[index], o.day[index])
        low = np.searchsorted(room_day, op_room_day, "left")
        high = np.searchsorted(room_day, op_room_day, "right")
        has_session = high > low
        index, low, high, op_room_day = (a[has_session] for a in (index, low, high, op_room_day))
        came_in = np.clip(o.patient_in[index] - o.day[index] * DAY, -1, DAY)
        member = np.searchsorted(moments, op_room_day * (DAY + 2) + came_in + 1, "right") - 1
        member = np.clip(member, low, high - 1)
        # Each session's operations by patient in (ties as read).
        by_session = np.lexsort((np.arange(len(index)), o.patient_in[index], member))
        member = member[by_session]
        came, left = o.patient_in[index][by_session], o.patient_out[index][by_session]
        n = len(order)
        members = np.bincount(member, minlength=n)
        first_in, last_out = np.zeros(n), np.zeros(n)
        if len(member):
            starts = np.flatnonzero(np.r_[True, member[1:] != member[:-1]])
            first_in[member[starts]] = came[starts]
            last_out[member[starts]] = np.maximum.reduceat(left, starts)
        pairs = member[1:] == member[:-1]
        gaps = np.clip(came[1:] - left[:-1], 0, None)[pairs]
        turnaround = np.bincount(member[1:][pairs], gaps, minlength=n)

        clinic = self.s_clinic[order]
        held_by = (clinic != NONE) & self.counted(clinic)
        at = {"rooms": self.s_room[order][held_by], "clinics": self.s_clin[order][held_by]}
        sums.seen["room"][at["rooms"]] = True
        sums.seen["clinic"][at["clinics"]] = True
        start, end = self.s_start[order][held_by], self.s_end[order][held_by]
        busy = members[held_by] > 0
        first_in, last_out = first_in[held_by], last_out[held_by]
        sums.add("sessions", 1, **at)
        sums.add("session_minutes", end - start, **at)
        sums.add("sessions_without_operations", ~busy, **at)
        sums.add("late_start_minutes", np.where(busy, np.clip(first_in - start, 0, None), 0), **at)
        sums.add("early_finish_minutes", np.where(busy, np.clip(end - last_out, 0, None), 0), **at)
        sums.add("overrun_minutes", np.where(busy, np.clip(last_out - end, 0, None), 0), **at)
        sums.add("turnarounds", np.clip(members[held_by] - 1, 0, None), **at)
        sums.add("turnaround_minutes", turnaround[held_by], **at)

    def result(self) -> Result:
        sums = self.sums
        total = sums.figures()
        if self.whole:
            allocated = float(self.share[self.allocated].sum()) / 60
            total.unallocated_minutes = total.open_minutes - allocated
        levels = {
            level: {int(ids[i]): sums.figures(level, i) for i in np.flatnonzero(sums.seen[level])}
            for level, ids in sums.ids.items()
        }
        return Result(total, levels["clinic"], levels["room"], self.whole)
