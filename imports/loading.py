"""Writing accepted rows: a staging table filled in chunks, then one SQL merge per kind.

On PostgreSQL chunks go in with COPY; elsewhere with executemany. The merge
statements are the same on both databases, so the semantics tested on
SQLite are the ones that run in production.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pyarrow as pa
from django.db import connection
from psycopg.copy import QueuedLibpqWriter
from pyarrow import csv as arrow_csv

from facts.models import (
    Booking,
    Contact,
    KvaCode,
    Population,
    Referral,
    StaffHours,
    WaitingEntry,
    WeeklyOutcome,
)

from .models import Kind

STAGE = "kps_stage"
TOUCHED = "kps_touched"
EXISTING = "kps_existing"


@dataclass(frozen=True)
class Context:
    """What a merge needs besides the rows: the file's source and snapshot day."""

    source: str
    snapshot_date: date | None = None
    # Held rows come back additively: they must not replace what other rows of the same scope brought.
    replace: bool = True


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _temp(name: str) -> str:
    return f"pg_temp.{name}" if _is_postgres() else f"temp.{name}"


# Staging columns per kind: (name, SQL type), and how they come from validated contract columns.
STAGE_COLUMNS: dict[str, list[tuple[str, str]]] = {
    Kind.KONTAKTER: [
        ("line", "bigint"), ("contact_id", "text"), ("date", "date"), ("week", "integer"),
        ("unit_id", "bigint"), ("activity_id", "bigint"), ("phase", "integer"),
        ("contact_type", "text"), ("profession", "text"), ("patient", "text"), ("kva_codes", "text"),
        ("decision_date", "date"), ("target_date", "date"), ("deviation", "text"),
        ("guarantee", "integer"), ("priority", "integer"), ("cancelled", "integer"),
    ],
    Kind.VANTANDE: [
        ("line", "bigint"), ("waiting_id", "text"), ("unit_id", "bigint"), ("phase", "integer"),
        ("kva_code", "text"), ("decision_date", "date"), ("target_date", "date"),
        ("deviation", "text"), ("priority", "integer"), ("home_county", "text"), ("patient", "text"),
    ],
    Kind.REMISSER: [
        ("line", "bigint"), ("referral_id", "text"), ("arrival_date", "date"), ("week", "integer"),
        ("unit_id", "bigint"), ("phase", "integer"), ("kva_code", "text"), ("priority", "integer"),
        ("status", "text"),
    ],
    Kind.BOKADE: [
        ("line", "bigint"), ("booking_id", "text"), ("booked_date", "date"), ("week", "integer"),
        ("unit_id", "bigint"), ("activity_id", "bigint"), ("phase", "integer"),
        ("contact_type", "text"), ("profession", "text"),
    ],
    Kind.PRODUKTION: [
        ("line", "bigint"), ("week", "integer"), ("unit_id", "bigint"), ("activity_id", "bigint"),
        ("measure", "text"), ("count", "numeric"),
    ],
    Kind.BEMANNING: [
        ("line", "bigint"), ("week", "integer"), ("unit_id", "bigint"), ("profession", "text"),
        ("hours", "numeric"), ("fte", "numeric"),
    ],
    Kind.BEFOLKNING: [("line", "bigint"), ("year", "integer"), ("county_code", "text"), ("count", "bigint")],
    Kind.KVA: [
        ("line", "bigint"), ("classification", "text"), ("code", "text"), ("text", "text"),
        ("description", "text"), ("level", "integer"), ("chapter", "text"),
    ],
}

# Contract column → staging column, where the name differs only.
RENAMES: dict[str, dict[str, str]] = {
    Kind.KONTAKTER: {
        "kontakt_id": "contact_id", "kontakt_datum": "date", "kontakt_datum__week": "week",
        "fas": "phase", "kontakttyp": "contact_type", "yrkeskategori": "profession",
        "personnummer": "patient", "kva_koder": "kva_codes", "beslut_datum": "decision_date",
        "medicinskt_maldatum": "target_date", "avvikelse": "deviation", "vardgaranti": "guarantee",
        "prioritet": "priority",
    },
    Kind.VANTANDE: {
        "vantande_id": "waiting_id", "fas": "phase", "kva_kod": "kva_code",
        "beslut_datum": "decision_date", "medicinskt_maldatum": "target_date",
        "avvikelse": "deviation", "prioritet": "priority", "hemlan": "home_county",
        "personnummer": "patient",
    },
    Kind.REMISSER: {
        "remiss_id": "referral_id", "ankomst_datum": "arrival_date", "ankomst_datum__week": "week",
        "fas": "phase", "kva_kod": "kva_code", "prioritet": "priority",
    },
    Kind.BOKADE: {
        "bokning_id": "booking_id", "bokad_datum": "booked_date", "bokad_datum__week": "week",
        "fas": "phase", "kontakttyp": "contact_type", "yrkeskategori": "profession",
    },
    Kind.PRODUKTION: {"vecka": "week", "matt": "measure", "antal": "count"},
    Kind.BEMANNING: {
        "vecka": "week", "yrkeskategori": "profession", "tillgangliga_timmar": "hours",
        "arsarbetare": "fte",
    },
    Kind.BEFOLKNING: {"ar": "year", "lan_kod": "county_code", "antal": "count"},
    Kind.KVA: {"kod": "code", "kodtext": "text", "beskrivning": "description"},
}

# Staging columns that identify a row; a later line with the same key wins.
STAGE_KEYS: dict[str, tuple[str, ...]] = {
    Kind.KONTAKTER: ("contact_id",),
    Kind.VANTANDE: ("waiting_id",),
    Kind.REMISSER: ("referral_id",),
    Kind.BOKADE: ("booking_id",),
    Kind.PRODUKTION: ("week", "unit_id", "measure"),
    Kind.BEMANNING: ("week", "unit_id", "profession"),
    Kind.BEFOLKNING: ("year", "county_code"),
    Kind.KVA: ("classification", "code"),
}


def stage_frame(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The staging table's columns, in order, from a resolved chunk."""
    staged = frame.rename(columns=RENAMES[kind])
    if kind == Kind.KONTAKTER:
        staged["guarantee"] = pd.to_numeric(staged["guarantee"], errors="coerce").astype("Int64")
        staged["cancelled"] = (staged["status"] == "MAKULERAD").astype("int64")
    return staged[[name for name, _ in STAGE_COLUMNS[kind]]]


def _python_values(column: pd.Series) -> list:
    """Plain Python values with None for no value, as the database drivers take them."""
    if column.dtype == object:
        return column.tolist()
    return column.astype(object).where(column.notna(), None).tolist()


def _arrow_column(column: pd.Series) -> pa.Array:
    if isinstance(column.dtype, pd.ArrowDtype):
        return pa.array(column.array)
    if column.dtype == object:
        # Typed values of a staged text column are str or None (dates as ISO text, decimals as text).
        return pa.array(column.to_numpy(), type=pa.string(), from_pandas=True)
    return pa.array(column, from_pandas=True)


def copy_csv(frame: pd.DataFrame) -> bytes:
    """The rows as COPY's CSV: text quoted (so "" stays an empty string), no value as NULL.

    Arrow's C++ writer formats a million rows in a fraction of a second, where
    formatting them row by row in Python took seconds.
    """
    table = pa.table({name: _arrow_column(frame[name]) for name in frame.columns})
    sink = pa.BufferOutputStream()
    arrow_csv.write_csv(table, sink, arrow_csv.WriteOptions(include_header=False, quoting_style="needed"))
    return sink.getvalue().to_pybytes()


class Stage:
    """The temporary table one import stages its accepted rows in."""

    def __init__(self, kind: str):
        self.kind = kind
        self.columns = STAGE_COLUMNS[kind]
        self.rows = 0
        self._copy = None

    def create(self) -> None:
        columns = ", ".join(f"{name} {sql_type}" for name, sql_type in self.columns)
        with connection.cursor() as cursor:
            for table in (STAGE, TOUCHED, EXISTING):
                cursor.execute(f"DROP TABLE IF EXISTS {_temp(table)}")
            cursor.execute(f"CREATE TEMPORARY TABLE {STAGE} ({columns})")

    @contextmanager
    def streaming(self):
        """While open, writes go into one COPY that a second thread sends to PostgreSQL, so the
        server stores one chunk while Python checks the next. The connection is the COPY's
        until the block ends: nothing else may query in between."""
        if not _is_postgres():
            yield
            return
        names = ", ".join(name for name, _ in self.columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY {STAGE} ({names}) FROM STDIN (FORMAT csv)", writer=QueuedLibpqWriter(raw)) as copy:
                self._copy = copy
                try:
                    yield
                finally:
                    self._copy = None

    def write(self, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        frame = frame[[name for name, _ in self.columns]]
        if self._copy is not None:
            self._copy.write(copy_csv(frame))
        elif _is_postgres():
            names = ", ".join(name for name, _ in self.columns)
            with connection.cursor() as cursor, cursor.copy(f"COPY {STAGE} ({names}) FROM STDIN (FORMAT csv)") as copy:
                copy.write(copy_csv(frame))
        else:
            names = ", ".join(name for name, _ in self.columns)
            marks = ", ".join(["%s"] * len(self.columns))
            columns = [_python_values(frame[name]) for name, _ in self.columns]
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {STAGE} ({names}) VALUES ({marks})", list(zip(*columns, strict=True))
                )
        self.rows += len(frame)

    def drop_superseded(self) -> None:
        """Keep only the last line of each key (a file may list a contact twice as it changed)."""
        keys = STAGE_KEYS[self.kind]
        same = " AND ".join(f"later.{k} = {STAGE}.{k}" for k in keys)
        with connection.cursor() as cursor:
            if not _is_postgres():
                cursor.execute(f"CREATE INDEX {STAGE}_key ON {STAGE} ({', '.join(keys)}, line)")
            cursor.execute(
                f"DELETE FROM {STAGE} WHERE EXISTS "
                f"(SELECT 1 FROM {STAGE} later WHERE {same} AND later.line > {STAGE}.line)"
            )

    def drop(self) -> None:
        with connection.cursor() as cursor:
            for table in (STAGE, TOUCHED, EXISTING):
                cursor.execute(f"DROP TABLE IF EXISTS {_temp(table)}")


def _upsert(cursor, model, columns: list[str], select: str, conflict: list[str], params: list) -> None:
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in conflict)
    cursor.execute(
        f"INSERT INTO {_t(model)} ({', '.join(columns)}) {select} "
        f"ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {updates}",
        params,
    )


def merge(kind: str, context: Context) -> None:
    """Move the staged rows into the fact tables with the kind's replace semantics."""
    with connection.cursor() as cursor:
        if _is_postgres():
            # One import of a kind at a time: the merges below read, then write the same keys.
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"kps-import-{kind}"])
        MERGES[kind](cursor, context)


def _merge_contacts(cursor, context: Context) -> None:
    contact = _t(Contact)
    # The contacts the file changes or cancels, as they are now.
    cursor.execute(
        f"CREATE TEMPORARY TABLE {EXISTING} AS SELECT c.unit_id, c.week FROM {contact} c "
        f"JOIN {STAGE} s ON s.contact_id = c.contact_id WHERE c.source = %s",
        [context.source],
    )
    cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {EXISTING})")
    changes_existing = cursor.fetchone()[0]
    # The weeks whose counts change: where contacts were before, and where they are now.
    cursor.execute(
        f"CREATE TEMPORARY TABLE {TOUCHED} AS "
        f"SELECT unit_id, week FROM {EXISTING} UNION SELECT unit_id, week FROM {STAGE} WHERE cancelled = 0"
    )
    _recount_outcome(cursor, context)
    values = {
        "date": "s.date", "week": "s.week", "unit_id": "s.unit_id", "activity_id": "s.activity_id",
        "phase": "s.phase", "contact_type": "s.contact_type",
        "profession": "COALESCE(s.profession, '')", "patient": "COALESCE(s.patient, '')",
        "kva_codes": "COALESCE(s.kva_codes, '')", "decision_date": "s.decision_date",
        "target_date": "s.target_date", "deviation": "COALESCE(s.deviation, '')",
        "guarantee": "CASE s.guarantee WHEN 1 THEN TRUE WHEN 0 THEN FALSE END", "priority": "s.priority",
    }
    insert = (
        f"INSERT INTO {contact} (source, contact_id, {', '.join(values)}) "
        f"SELECT %s, s.contact_id, {', '.join(values.values())} FROM {STAGE} s WHERE s.cancelled = 0"
    )
    if not changes_existing:
        # Only new contacts (a first load, or a night's new visits): nothing to cancel or update,
        # and no need to look each one up before inserting it.
        cursor.execute(insert, [context.source])
        return
    cursor.execute(
        f"DELETE FROM {contact} WHERE source = %s AND contact_id IN "
        f"(SELECT contact_id FROM {STAGE} WHERE cancelled = 1)",
        [context.source],
    )
    # Update what exists, then insert what does not: for the bulk of a file (new contacts) a plain
    # insert writes less than INSERT ... ON CONFLICT's speculative insertion.
    assignments = ", ".join(f"{column} = {value}" for column, value in values.items())
    cursor.execute(
        f"UPDATE {contact} SET {assignments} FROM {STAGE} s "
        f"WHERE {contact}.source = %s AND {contact}.contact_id = s.contact_id AND s.cancelled = 0",
        [context.source],
    )
    cursor.execute(
        f"{insert} AND NOT EXISTS (SELECT 1 FROM {contact} c WHERE c.source = %s AND c.contact_id = s.contact_id)",
        [context.source, context.source],
    )


def _recount_outcome(cursor, context: Context) -> None:
    """COSMIC's weekly outcome for the touched weeks, counted as the contacts will be after the merge.

    Counted before the contacts are written: the contacts the file does not
    mention plus the file's performed ones. A first load of a million rows then
    aggregates the small staging table instead of rereading what it just wrote.
    """
    contact, outcome = _t(Contact), _t(WeeklyOutcome)
    cursor.execute(
        f"DELETE FROM {outcome} WHERE source = 'cosmic' AND EXISTS (SELECT 1 FROM {TOUCHED} t "
        f"WHERE t.unit_id = {outcome}.unit_id AND t.week = {outcome}.week)"
    )
    cursor.execute(
        f"INSERT INTO {outcome} (unit_id, activity_id, week, source, count) "
        f"SELECT unit_id, activity_id, week, 'cosmic', COUNT(*) FROM ("
        f"  SELECT c.unit_id, c.activity_id, c.week FROM {contact} c "
        f"  JOIN {TOUCHED} t ON t.unit_id = c.unit_id AND t.week = c.week "
        f"  WHERE NOT (c.source = %s AND EXISTS (SELECT 1 FROM {STAGE} s WHERE s.contact_id = c.contact_id))"
        f"  UNION ALL SELECT unit_id, activity_id, week FROM {STAGE} WHERE cancelled = 0"
        f") AS after_merge GROUP BY unit_id, activity_id, week",
        [context.source],
    )


def _merge_waiting(cursor, context: Context) -> None:
    if context.replace:
        cursor.execute(
            f"DELETE FROM {_t(WaitingEntry)} WHERE source = %s AND snapshot_date = %s",
            [context.source, context.snapshot_date],
        )
    columns = [
        "source", "snapshot_date", "waiting_id", "unit_id", "phase", "kva_code", "decision_date",
        "target_date", "deviation", "priority", "home_county", "patient",
    ]
    _upsert(
        cursor, WaitingEntry, columns,
        "SELECT %s, %s, waiting_id, unit_id, phase, COALESCE(kva_code, ''), decision_date, "
        "target_date, COALESCE(deviation, ''), priority, COALESCE(home_county, ''), "
        f"COALESCE(patient, '') FROM {STAGE} WHERE true",
        ["source", "snapshot_date", "waiting_id"], [context.source, context.snapshot_date],
    )


def _merge_referrals(cursor, context: Context) -> None:
    columns = [
        "source", "referral_id", "arrival_date", "week", "unit_id", "phase", "kva_code",
        "priority", "status",
    ]
    _upsert(
        cursor, Referral, columns,
        "SELECT %s, referral_id, arrival_date, week, unit_id, phase, COALESCE(kva_code, ''), "
        f"priority, status FROM {STAGE} WHERE true",
        ["source", "referral_id"], [context.source],
    )


def _merge_bookings(cursor, context: Context) -> None:
    if context.replace:
        cursor.execute(
            f"DELETE FROM {_t(Booking)} WHERE source = %s AND snapshot_date = %s",
            [context.source, context.snapshot_date],
        )
    columns = [
        "source", "snapshot_date", "booking_id", "booked_date", "week", "unit_id", "activity_id",
        "phase", "contact_type", "profession",
    ]
    _upsert(
        cursor, Booking, columns,
        "SELECT %s, %s, booking_id, booked_date, week, unit_id, activity_id, phase, contact_type, "
        f"COALESCE(profession, '') FROM {STAGE} WHERE true",
        ["source", "snapshot_date", "booking_id"], [context.source, context.snapshot_date],
    )


def _merge_production(cursor, context: Context) -> None:
    outcome = _t(WeeklyOutcome)
    if context.replace:
        cursor.execute(
            f"DELETE FROM {outcome} WHERE source = 'diver' AND EXISTS (SELECT 1 FROM {STAGE} s "
            f"WHERE s.unit_id = {outcome}.unit_id AND s.week = {outcome}.week)"
        )
    # Several Diver measures may count as one activity: they add up.
    cursor.execute(
        f"INSERT INTO {outcome} (unit_id, activity_id, week, source, count) "
        f"SELECT unit_id, activity_id, week, 'diver', SUM(count) FROM {STAGE} WHERE true "
        f"GROUP BY unit_id, activity_id, week "
        f"ON CONFLICT (unit_id, activity_id, week, source) "
        f"DO UPDATE SET count = {outcome}.count + excluded.count"
    )


def _merge_staff(cursor, context: Context) -> None:
    _upsert(
        cursor, StaffHours, ["unit_id", "week", "profession", "hours", "fte"],
        f"SELECT unit_id, week, profession, hours, fte FROM {STAGE} WHERE true",
        ["unit_id", "week", "profession"], [],
    )


def _merge_population(cursor, context: Context) -> None:
    _upsert(
        cursor, Population, ["year", "county_code", "count"],
        f"SELECT year, county_code, count FROM {STAGE} WHERE true",
        ["year", "county_code"], [],
    )


def _merge_kva(cursor, context: Context) -> None:
    _upsert(
        cursor, KvaCode, ["classification", "code", "text", "description", "level", "chapter"],
        "SELECT classification, code, text, COALESCE(description, ''), level, chapter "
        f"FROM {STAGE} WHERE true",
        ["classification", "code"], [],
    )


MERGES = {
    Kind.KONTAKTER: _merge_contacts,
    Kind.VANTANDE: _merge_waiting,
    Kind.REMISSER: _merge_referrals,
    Kind.BOKADE: _merge_bookings,
    Kind.PRODUKTION: _merge_production,
    Kind.BEMANNING: _merge_staff,
    Kind.BEFOLKNING: _merge_population,
    Kind.KVA: _merge_kva,
}
