"""salstider: the operating-room session plan, from Orbit: which clinic holds which room when.

For each (room, day) in the file, the file's sessions replace what was there.
A session without a clinic unit is open time, not allocated; one not staffed
(``bemannad`` N) is kept but gives no opening hours. A room without a code for
the file's source, and a session ending before it starts, are rejected.
"""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, table_name
from imports.validation import Rejected

from ..models import RoomSourceCode, Session
from . import Kind
from .rooms import preload, reject_unknown_rooms


def _open_time(frame: pd.DataFrame) -> pd.Series:
    # Open time has no clinic unit to map.
    return frame["enhet_kod"].isna()


def prepare(frame: pd.DataFrame, hints: dict) -> tuple[pd.DataFrame, list[Rejected]]:
    frame, rejected = reject_unknown_rooms(frame, hints)
    backwards = (frame["slut"] <= frame["start"]).fillna(False).to_numpy(dtype=bool)
    message = _("Salstiden slutar (%(end)s) innan eller när den börjar (%(start)s).")
    rejected += [
        Rejected(int(line), "slut", message % {"end": end[:5], "start": start[:5]})
        for line, start, end in zip(
            frame["line"][backwards],
            frame["start"][backwards],
            frame["slut"][backwards],
            strict=True,
        )
    ]
    return frame[~backwards].reset_index(drop=True), rejected


def _stage(staged: pd.DataFrame) -> pd.DataFrame:
    staffed = pd.to_numeric(staged["staffed"], errors="coerce").fillna(1)
    staged["staffed"] = staffed.astype("int64")
    return staged


def merge(cursor, context: Context) -> None:
    session, codes = table_name(Session), table_name(RoomSourceCode)
    if context.replace:
        cursor.execute(
            f"DELETE FROM {session} WHERE EXISTS (SELECT 1 FROM {STAGE} s "
            f"JOIN {codes} rc ON rc.source = %s AND rc.code = s.room_code "
            f"WHERE rc.room_id = {session}.room_id AND s.date = {session}.date)",
            [context.source],
        )
    cursor.execute(
        f"INSERT INTO {session} (room_id, date, start_time, end_time, unit_id, staffed) "
        "SELECT rc.room_id, s.date, s.start_time, s.end_time, s.unit_id, "
        f"CASE s.staffed WHEN 0 THEN FALSE ELSE TRUE END FROM {STAGE} s "
        f"JOIN {codes} rc ON rc.source = %s AND rc.code = s.room_code",
        [context.source],
    )


SPEC = KindSpec(
    Kind.SALSTIDER.value,
    "orbit",
    (
        Column("datum", "date", required=True),
        Column("sal_kod", "code", required=True, max_length=50),
        Column("start", "clock", required=True),
        Column("slut", "clock", required=True),
        Column("enhet_kod", "code", max_length=50),
        Column("bemannad", "enum", enum="ja_nej"),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("date", "date"),
            ("room_code", "text"),
            ("start_time", "time"),
            ("end_time", "time"),
            ("unit_id", "bigint"),
            ("staffed", "integer"),
        ),
        renames={
            "datum": "date",
            "sal_kod": "room_code",
            "start": "start_time",
            "slut": "end_time",
            "bemannad": "staffed",
        },
        key=("room_code", "date", "start_time"),
        merge=merge,
        stage=_stage,
    ),
    label=Kind.SALSTIDER.label,
    key=("sal_kod", "datum", "start"),
    replaces=("sal_kod", "datum"),
    prepare=prepare,
    preload=preload,
    exempt=_open_time,
)
