"""The operating rooms' day: a session plan for every week and operations that fill it.

The operations are the region's performed contacts of fas 2 in its operating units (the
same patients, days, KVÅ codes, priorities and decision days), so the room time tells the
same story as the contacts and the waiting lists. Each weekday every staffed room gets a
session; the clinics with operations that day get the rooms their equipment admits, as many
as their operations need, and the rest is given to an eligible clinic or left open. Inside
a session the operations follow each other with a late start now and then, turnarounds, a
fill that sometimes runs over; some bookings are struck, a few of them late.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from organisation.calendar import SUMMER_WEEKS, holidays_in

from ..region import RegionSpec
from ..theatre import RoomSpec, rooms_for

# Operations a full-day session holds, per clinic (cataracts are short, hips long).
PER_SESSION = {"OGO": 10, "HUD": 8, "HAN": 6, "KIH": 6, "KIV": 6, "ONH": 5, "URO": 5, "KVK": 5}
DEFAULT_PER_SESSION = 4
SESSION = {True: (7 * 60 + 30, 13 * 60 + 30), False: (7 * 60 + 30, 16 * 60)}  # Friday?
STRUCK_SHARE = 0.25  # sessions with a struck booking
CAUSES = np.array(["PAT", "MED", "RES", "OVR"])
CAUSE_SHARES = (0.40, 0.25, 0.25, 0.10)


@dataclass
class Theatre:
    operations: pd.DataFrame  # one row per operation (performed or struck)
    sessions: pd.DataFrame  # one row per session


def _minutes(day: np.datetime64, minute: int) -> np.datetime64:
    return day.astype("datetime64[m]") + np.timedelta64(int(minute), "m")


def theatre(*, spec: RegionSpec, frame: pd.DataFrame, rng: np.random.Generator) -> Theatre:
    rooms = rooms_for(spec)
    unit_clinic = np.array([u.clinic for u in spec.units])
    operating = np.array([u.profile.operates for u in spec.units])
    unit_site = np.array([u.site for u in spec.units])
    performed = (
        (frame["fas"].to_numpy() == 2)
        & operating[frame["unit"].to_numpy()]
        & (frame["cancel_month"].to_numpy() < 0)
    )
    ops = frame[performed]
    index = np.flatnonzero(performed)
    op_days = ops["day"].to_numpy().astype("datetime64[D]")
    by_day_site: dict = defaultdict(lambda: defaultdict(list))
    for row, unit, day in zip(index, ops["unit"].to_numpy(), op_days, strict=True):
        by_day_site[(day, unit_site[unit])][unit_clinic[unit]].append((row, unit))
    rooms_of_site: dict[str, list[tuple[int, RoomSpec]]] = defaultdict(list)
    for i, r in enumerate(rooms):
        rooms_of_site[r.site].append((i, r))
    unit_of_clinic = {}
    for i, u in enumerate(spec.units):
        if u.profile.operates:
            unit_of_clinic.setdefault(u.clinic, i)

    days = np.unique(frame["day"].to_numpy().astype("datetime64[D]"))
    weekdays = (
        [d for d in np.arange(days.min(), days.max() + 1) if _weekday(d) < 5] if len(days) else []
    )
    closed = set()
    for year in {d.astype(object).year for d in weekdays}:
        closed |= {np.datetime64(d, "D") for d in holidays_in(year)}

    op_rows: list[tuple] = []
    session_rows: list[tuple] = []
    all_days = sorted(set(weekdays) | {d for d, _ in by_day_site})
    for day in all_days:
        friday = _weekday(day) == 4
        summer = day.astype(object).isocalendar().week in SUMMER_WEEKS
        for site, site_rooms in rooms_of_site.items():
            demand = by_day_site.get((day, site), {})
            if not demand and (day in closed or _weekday(day) >= 5):
                continue
            free = [(i, r) for i, r in site_rooms if demand or not summer or rng.random() < 0.5]
            held: dict[int, str | None] = {}
            members: dict[int, list] = defaultdict(list)
            for clinic in sorted(demand, key=lambda c: -len(demand[c])):
                cases = demand[clinic]
                need = max(
                    1, int(np.ceil(len(cases) / PER_SESSION.get(clinic, DEFAULT_PER_SESSION)))
                )
                eligible = [i for i, r in free if clinic in r.clinics and i not in held]
                if not eligible:
                    # No free room it may use: its operations go into a room it already holds,
                    # or into any free room of the hospital (the day's exception).
                    eligible = (
                        [i for i, c in held.items() if c == clinic]
                        or [i for i, _ in free if i not in held]
                        or [site_rooms[0][0]]
                    )
                chosen = eligible[:need]
                for i in chosen:
                    held[i] = clinic
                for n, case in enumerate(cases):
                    members[chosen[n % len(chosen)]].append(case)
            closed_rooms = set()
            for i, r in free:
                if i in held:
                    continue
                # A room nobody needed today: mostly not staffed at all; now and then an eligible
                # clinic's session that went unused, or staffed open time no clinic holds.
                draw = rng.random()
                if draw < 0.12:
                    held[i] = r.clinics[int(rng.integers(len(r.clinics)))]
                elif draw < 0.2:
                    held[i] = None
                elif draw < 0.35:
                    held[i] = None
                    closed_rooms.add(i)
            start, end = SESSION[friday]
            for i, clinic in held.items():
                staffed = i not in closed_rooms and (bool(members.get(i)) or rng.random() > 0.02)
                unit = unit_of_clinic.get(clinic) if clinic else None
                session_rows.append((day, i, start, end, -1 if unit is None else unit, staffed))
                if members.get(i):
                    op_rows += _fill(day, i, start, end, members[i], rng)
                    if rng.random() < STRUCK_SHARE:
                        op_rows.append(_struck(day, i, members[i], rng))
    operations = pd.DataFrame(
        op_rows,
        columns=["row", "unit", "room", "day", "patient_in", "op_start", "op_end", "patient_out",
                 "struck_at", "cause"],
    )  # fmt: skip
    sessions = pd.DataFrame(
        session_rows, columns=["day", "room", "start", "end", "unit", "staffed"]
    )
    return Theatre(operations, sessions)


def _weekday(day: np.datetime64) -> int:
    return int((day.astype("datetime64[D]").astype(np.int64) - 4) % 7)  # 1970-01-01 was a Thursday


def _fill(day, room: int, start: int, end: int, cases: list, rng) -> list[tuple]:
    """One session's operations back to back: a late start now and then, turnarounds, a fill
    around nine tenths of the session that sometimes runs over its end."""
    count = len(cases)
    late = 0 if rng.random() < 0.4 else min(90, int(rng.exponential(14)))
    turnarounds = np.round(10 + rng.gamma(2.0, 6.0, size=count)).astype(int)
    turnarounds[0] = 0
    fill = float(np.clip(rng.normal(0.9, 0.12), 0.55, 1.3))
    patient_time = max(count * 20, int(fill * (end - start)) - late - int(turnarounds.sum()))
    durations = np.maximum(15, np.round(rng.dirichlet(np.full(count, 4.0)) * patient_time)).astype(
        int
    )
    rows = []
    clock = start + late
    for (row, unit), turnaround, duration in zip(cases, turnarounds, durations, strict=True):
        clock += int(turnaround)
        before = min(int(10 + rng.integers(0, 25)), duration // 3)
        after = min(int(5 + rng.integers(0, 15)), duration // 3)
        rows.append(
            (
                row,
                unit,
                room,
                day,
                clock,
                clock + before,
                clock + duration - after,
                clock + duration,
                None,
                "",
            )
        )
        clock += duration
    return rows


def _struck(day, room: int, cases: list, rng) -> tuple:
    """A booking of the session struck: on the day, after 17 the day before, or days before."""
    row, unit = cases[int(rng.integers(len(cases)))]
    when = rng.random()
    if when < 0.35:
        struck = 6 * 60 + int(rng.integers(0, 210))
    elif when < 0.55:
        struck = -24 * 60 + 17 * 60 + int(rng.integers(0, 240))
    else:
        struck = -int(rng.integers(1, 20)) * 24 * 60 + 8 * 60 + int(rng.integers(0, 480))
    cause = CAUSES[rng.choice(len(CAUSES), p=CAUSE_SHARES)]
    return (-row - 1, unit, room, day, None, None, None, None, struck, cause)
