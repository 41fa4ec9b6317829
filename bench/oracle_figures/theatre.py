"""Operating rooms: each hospital's utilisation per tertial, recomputed from ``operationer``
and ``salstider`` by SPOR's definitions (DOMAIN.md):

- open time: the elective opening hours (the hospital's, else SPOR's default 07–17
  Monday–Thursday, 07–14 Friday) of each room and day with a staffed session;
- patient (knife) time in hours: patient in → out (op start → end) of performed
  operations, the part inside the opening hours of a staffed room-day (an operation past
  midnight also in the next day's);
- utilisation: time in hours ÷ open time, a ratio of sums;
- late cancellation: a struck operation struck at or after 17:00 the day before its day;
  counted per cause as well.

Each room's figures follow the same rules over its own sessions and operations.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pandas as pd

from .compare import Comparison
from .expected import TERTIAL_MONTHS, tertial_bounds
from .extracts import (
    column,
    files_of,
    parse_dates,
    parse_times,
    replaced,
    stacked,
    upserted,
)
from .reference import _query

SPOR_HOURS = {d: (time(7), time(17)) for d in range(4)} | {4: (time(7), time(14))}
LATE_HOUR = 17
NO_CAUSE = "SAKNAS"  # how the API names a late cancellation without a cause
FIGURES = (
    "open_minutes",
    "patient_minutes_in_hours",
    "knife_minutes_in_hours",
    "utilisation_patient_time",
    "utilisation_knife_time",
    "operations",
    "late_cancellations",
)


def read_operations(folder: Path) -> pd.DataFrame:
    """Upserted by operation_id in file order; MAKULERAD removes the operation."""
    rows = upserted(stacked(files_of(folder, "operationer")), "operation_id")
    if rows.empty:
        return pd.DataFrame(columns=["operation_id", "sal_kod", "enhet_kod", "day", "status"])
    rows = rows[rows["status"].str.upper() != "MAKULERAD"].copy()
    rows["status"] = rows["status"].str.upper()
    rows["day"] = parse_dates(rows["op_datum"])
    for name in ("patient_in", "op_start", "op_slut", "patient_ut", "struken_tid"):
        rows[name] = parse_times(column(rows, name))
    rows["cause"] = column(rows, "struken_orsak").str.upper()
    return rows


def read_sessions(folder: Path) -> pd.DataFrame:
    """For each (sal_kod, datum) a file holds, its rows replace earlier ones."""
    rows = replaced(stacked(files_of(folder, "salstider")), ["sal_kod", "datum"])
    if rows.empty:
        return pd.DataFrame(columns=["sal_kod", "day", "enhet_kod", "staffed"])
    rows["day"] = parse_dates(rows["datum"])
    rows["staffed"] = column(rows, "bemannad").str.upper() != "N"
    return rows


def _hours(connection) -> dict[int, dict[int, tuple[time, time]]]:
    """Each hospital's opening hours per weekday, where it has set its own."""
    hours: dict[int, dict[int, tuple[time, time]]] = {}
    for site, weekday, opens, closes in _query(
        connection,
        "SELECT site_id, weekday, opens, closes FROM theatre_openinghours",
        ["site", "weekday", "opens", "closes"],
    ).itertuples(index=False):
        as_time = [
            v if isinstance(v, time) else time.fromisoformat(str(v)) for v in (opens, closes)
        ]
        hours.setdefault(int(site), {})[int(weekday)] = (as_time[0], as_time[1])
    return hours


def _overlap(begin, finish, w0, w1) -> float:
    seconds = (min(finish, w1) - max(begin, w0)).total_seconds()
    return max(0.0, seconds / 60)


def site_figures(
    operations: pd.DataFrame,
    sessions: pd.DataFrame,
    hours: dict[int, tuple[time, time]],
    start: date,
    end: date,
) -> dict:
    """The figures of one hospital from ``start`` to ``end``; ``operations`` and ``sessions``
    carry the hospital's rooms as ``room``."""
    f: dict = dict.fromkeys(FIGURES, 0.0)
    causes: dict[str, int] = {}

    def window(day: date):
        h = hours.get(day.weekday())
        return (datetime.combine(day, h[0]), datetime.combine(day, h[1])) if h else None

    s = sessions[(sessions["day"] >= start) & (sessions["day"] <= end) & sessions["staffed"]]
    staffed_days = set(zip(s["room"], s["day"], strict=True))
    for _room, day in staffed_days:
        if w := window(day):
            f["open_minutes"] += (w[1] - w[0]).total_seconds() / 60
    ops = operations[(operations["day"] >= start) & (operations["day"] <= end)]
    for op in ops.itertuples(index=False):
        if op.status == "STRUKEN":
            before = datetime.combine(op.day - timedelta(days=1), time(LATE_HOUR))
            if pd.notna(op.struken_tid) and op.struken_tid >= before:
                f["late_cancellations"] += 1
                cause = op.cause or NO_CAUSE
                causes[cause] = causes.get(cause, 0) + 1
            continue
        if op.status != "GENOMFORD":
            continue
        f["operations"] += 1
        if pd.isna(op.patient_in) or pd.isna(op.patient_ut):
            continue
        for day in (op.day, op.day + timedelta(days=1)):
            if (op.room, day) not in staffed_days or not (w := window(day)):
                continue
            f["patient_minutes_in_hours"] += _overlap(op.patient_in, op.patient_ut, *w)
            if pd.notna(op.op_start) and pd.notna(op.op_slut):
                f["knife_minutes_in_hours"] += _overlap(op.op_start, op.op_slut, *w)
    opened = f["open_minutes"]
    f["utilisation_patient_time"] = f["patient_minutes_in_hours"] / opened if opened else None
    f["utilisation_knife_time"] = f["knife_minutes_in_hours"] / opened if opened else None
    f["late_cancellations_by_cause"] = causes
    return f


def _compare(result: Comparison, scope: str, when: str, expected: dict, reported: dict) -> None:
    for name in FIGURES:
        result.check(f"theatre.{name}", scope, when, expected[name], reported.get(name))
    causes = expected["late_cancellations_by_cause"]
    got = reported.get("late_cancellations_by_cause") or {}
    for cause in sorted(set(causes) | set(got)):
        result.check(
            "theatre.late_cancellations_by_cause",
            scope,
            when,
            causes.get(cause, 0),
            got.get(cause, 0),
            detail=cause,
        )


def check(result: Comparison, client, folder: Path, connection, today: date, contacts=None) -> None:
    operations, sessions = read_operations(folder), read_sessions(folder)
    if operations.empty and sessions.empty:
        return
    rooms = _query(
        connection,
        "SELECT c.source, c.code, r.id, r.site_id FROM theatre_roomsourcecode c "
        "JOIN theatre_room r ON r.id = c.room_id",
        ["source", "code", "room", "site"],
    )
    room_of = {(s, c): int(r) for s, c, r, _ in rooms.itertuples(index=False)}
    site_of_room = {int(r): int(site) for _, _, r, site in rooms.itertuples(index=False)}
    operations["room"] = [room_of.get(("cosmic", c)) for c in operations["sal_kod"]]
    sessions["room"] = [room_of.get(("orbit", c)) for c in sessions["sal_kod"]]
    operations = operations.dropna(subset=["room"]).astype({"room": int})
    sessions = sessions.dropna(subset=["room"]).astype({"room": int})
    hours = _hours(connection)
    names = dict(
        _query(connection, "SELECT id, name FROM organisation_site", ["id", "name"]).values
    )
    days = pd.concat([operations["day"], sessions["day"]])
    for site in sorted(set(site_of_room.values())):
        site_rooms = {r for r, s in site_of_room.items() if s == site}
        ops = operations[operations["room"].isin(site_rooms)]
        sess = sessions[sessions["room"].isin(site_rooms)]
        for year in range(min(days).year, today.year + 1):
            for tertial in TERTIAL_MONTHS:
                start, end = tertial_bounds(year, tertial)
                if start > today:
                    continue
                expected = site_figures(ops, sess, hours.get(site, SPOR_HOURS), start, end)
                data = client.get(
                    f"/api/v1/operating-rooms/utilisation/?site={site}&from={start}&to={end}"
                )
                when = f"{year} T{tertial}"
                _compare(result, names[site], when, expected, data)
                # Each room by the same rules, its own sessions and operations only.
                reported = {row["id"]: row for row in data["rooms"]}
                for room in sorted(site_rooms | set(reported)):
                    row = reported.get(room, {})
                    scope = f"{names[site]}, {row.get('code', room)}"
                    mine = site_figures(
                        ops[ops["room"] == room],
                        sess[sess["room"] == room],
                        hours.get(site, SPOR_HOURS),
                        start,
                        end,
                    )
                    _compare(result, scope, when, mine, row)
