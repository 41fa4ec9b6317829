"""operationer: planned, performed and struck operations with SPOR's time points, from COSMIC.

Upserted by (source, operation_id): a later row for the same operation replaces
the earlier one (booked, then performed or struck); MAKULERAD removes it. A row
naming a room without a code for the file's source is rejected, as are times out
of order, times not on the operation's day or the day after, and a performed
operation without patient in and out.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from django.utils.translation import gettext as _

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, table_name, upsert
from imports.validation import Rejected

from ..models import Operation, RoomSourceCode
from . import Kind
from .rooms import preload, reject_unknown_rooms, to_utc

# The time points in the order SPOR's definitions require them.
TIMES = ("patient_in", "op_start", "op_slut", "patient_ut")


def _removed(frame: pd.DataFrame) -> pd.Series:
    # A removal needs no room, unit or times: it only deletes what is there.
    return (frame["status"] == "MAKULERAD").fillna(False).astype(bool)


def prepare(frame: pd.DataFrame, hints: dict) -> tuple[pd.DataFrame, list[Rejected]]:
    """The rules across columns: known room, times in order and on the day, performed has times."""
    frame, rejected = reject_unknown_rooms(frame, hints, _removed(frame))
    bad: dict[int, Rejected] = {}
    for row in frame[~_removed(frame)].itertuples(index=False):
        problem = _check_times(row._asdict())
        if problem:
            bad[int(row.line)] = Rejected(int(row.line), *problem)
    if bad:
        keep = ~frame["line"].isin(list(bad)).to_numpy()
        frame = frame[keep].reset_index(drop=True)
        rejected.extend(bad.values())
    return frame, rejected


def _check_times(row: dict) -> tuple[str, str] | None:
    """(column, message) of the first broken time rule of one row, or None."""
    present = [(name, row[name]) for name in TIMES if isinstance(row.get(name), str)]
    if row["status"] == "GENOMFORD":
        for name in ("patient_in", "patient_ut"):
            if not isinstance(row.get(name), str):
                return name, _("En genomförd operation behöver patient_in och patient_ut.")
    day = date.fromisoformat(row["op_datum"])
    allowed = {day.isoformat(), (day + timedelta(days=1)).isoformat()}
    for name, value in present:
        if value[:10] not in allowed:
            return name, _(
                "%(column)s %(value)s ligger inte på op_datum %(day)s eller dagen efter."
            ) % {"column": name, "value": value[:16], "day": day.isoformat()}
    for (before, early), (after, late) in zip(present, present[1:], strict=False):
        if late < early:
            return after, _(
                "Tiderna är i fel ordning: %(after)s %(late)s är före %(before)s %(early)s "
                "(ordningen är patient_in ≤ op_start ≤ op_slut ≤ patient_ut)."
            ) % {"after": after, "late": late[:16], "before": before, "early": early[:16]}
    return None


def _stage(staged: pd.DataFrame) -> pd.DataFrame:
    for column in ("patient_in", "op_start", "op_end", "patient_out", "struck_at"):
        staged[column] = to_utc(staged[column])
    staged["emergency"] = pd.to_numeric(staged["emergency"], errors="coerce").astype("Int64")
    staged["cancelled"] = (staged["status"] == "MAKULERAD").astype("int64")
    return staged


def merge(cursor, context: Context) -> None:
    operation, codes = table_name(Operation), table_name(RoomSourceCode)
    cursor.execute(
        f"DELETE FROM {operation} WHERE source = %s AND operation_id IN "
        f"(SELECT operation_id FROM {STAGE} WHERE cancelled = 1)",
        [context.source],
    )
    columns = [
        "source",
        "operation_id",
        "room_id",
        "unit_id",
        "date",
        "patient",
        "kva_codes",
        "priority",
        "emergency",
        "request_date",
        "patient_in",
        "op_start",
        "op_end",
        "patient_out",
        "status",
        "struck_at",
        "strike_cause",
    ]
    upsert(
        cursor,
        Operation,
        columns,
        "SELECT %s, s.operation_id, rc.room_id, s.unit_id, s.date, COALESCE(s.patient, ''), "
        "COALESCE(s.kva_codes, ''), s.priority, "
        "CASE s.emergency WHEN 1 THEN TRUE WHEN 0 THEN FALSE END, s.request_date, "
        "s.patient_in, s.op_start, s.op_end, s.patient_out, s.status, s.struck_at, "
        f"COALESCE(s.strike_cause, '') FROM {STAGE} s "
        f"JOIN {codes} rc ON rc.source = %s AND rc.code = s.room_code WHERE s.cancelled = 0",
        ["source", "operation_id"],
        [context.source, context.source],
    )


SPEC = KindSpec(
    Kind.OPERATIONER.value,
    "cosmic",
    (
        Column("operation_id", "text", required=True),
        Column("sal_kod", "code", required=True, max_length=50),
        Column("enhet_kod", "code", required=True, max_length=50),
        Column("op_datum", "date", required=True),
        Column("personnummer", "identity"),
        Column("kva_koder", "kvalist", max_length=200),
        Column("prioritet", "int", low=1, high=4),
        Column("akut", "enum", enum="ja_nej"),
        Column("anmalan_datum", "date", past=True),
        Column("patient_in", "time"),
        Column("op_start", "time"),
        Column("op_slut", "time"),
        Column("patient_ut", "time"),
        Column("status", "enum", required=True, enum="operationer.status"),
        Column("struken_tid", "time"),
        Column("struken_orsak", "enum", enum="strykningsorsak"),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("operation_id", "text"),
            ("room_code", "text"),
            ("unit_id", "bigint"),
            ("date", "date"),
            ("patient", "text"),
            ("kva_codes", "text"),
            ("priority", "integer"),
            ("emergency", "integer"),
            ("request_date", "date"),
            ("patient_in", "timestamptz"),
            ("op_start", "timestamptz"),
            ("op_end", "timestamptz"),
            ("patient_out", "timestamptz"),
            ("status", "text"),
            ("struck_at", "timestamptz"),
            ("strike_cause", "text"),
            ("cancelled", "integer"),
        ),
        renames={
            "sal_kod": "room_code",
            "op_datum": "date",
            "personnummer": "patient",
            "kva_koder": "kva_codes",
            "prioritet": "priority",
            "akut": "emergency",
            "anmalan_datum": "request_date",
            "op_slut": "op_end",
            "patient_ut": "patient_out",
            "struken_tid": "struck_at",
            "struken_orsak": "strike_cause",
        },
        key=("operation_id",),
        merge=merge,
        stage=_stage,
    ),
    label=Kind.OPERATIONER.label,
    key=("operation_id",),
    prepare=prepare,
    preload=preload,
    exempt=_removed,
    nightly=True,
)
