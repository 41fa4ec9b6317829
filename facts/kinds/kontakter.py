"""kontakter: performed patient contacts from the EHR, and COSMIC's weekly outcome counted from them.

Upsert by contact id; a MAKULERAD row removes its contact. The weekly outcome
of every (unit, week) the file touches is recounted in the same transaction.
"""

import pandas as pd

from imports.kinds import Column, KindSpec, Loader
from imports.loading import EXISTING, STAGE, TOUCHED, Context, table_name

from ..models import Contact, WeeklyOutcome
from . import Kind
from .columns import CONTACT_TYPE, DEVIATION, FAS, PRIORITY, PROFESSION, UNIT


def _stage(staged: pd.DataFrame) -> pd.DataFrame:
    staged["guarantee"] = pd.to_numeric(staged["guarantee"], errors="coerce").astype("Int64")
    staged["cancelled"] = (staged["status"] == "MAKULERAD").astype("int64")
    return staged


def _cancelled(frame: pd.DataFrame) -> pd.Series:
    # A cancellation needs no unit or activity: it only removes what is there.
    return (frame["status"] == "MAKULERAD").fillna(False).astype(bool)


def merge(cursor, context: Context) -> None:
    contact = table_name(Contact)
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
        "date": "s.date",
        "week": "s.week",
        "unit_id": "s.unit_id",
        "activity_id": "s.activity_id",
        "phase": "s.phase",
        "contact_type": "s.contact_type",
        "profession": "COALESCE(s.profession, '')",
        "patient": "COALESCE(s.patient, '')",
        "kva_codes": "COALESCE(s.kva_codes, '')",
        "decision_date": "s.decision_date",
        "target_date": "s.target_date",
        "deviation": "COALESCE(s.deviation, '')",
        "guarantee": "CASE s.guarantee WHEN 1 THEN TRUE WHEN 0 THEN FALSE END",
        "priority": "s.priority",
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
    contact, outcome = table_name(Contact), table_name(WeeklyOutcome)
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


SPEC = KindSpec(
    Kind.KONTAKTER.value,
    "cosmic",
    (
        Column("kontakt_id", "text", required=True),
        Column("kontakt_datum", "date", required=True, week=True, past=True),
        UNIT,
        Column("personnummer", "identity"),
        FAS,
        CONTACT_TYPE,
        PROFESSION,
        Column("kva_koder", "kvalist", max_length=200),
        Column("status", "enum", required=True, enum="kontakter.status"),
        Column("beslut_datum", "date", past=True),
        Column("medicinskt_maldatum", "date"),
        DEVIATION,
        Column("vardgaranti", "enum", enum="vardgaranti"),
        PRIORITY,
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("contact_id", "text"),
            ("date", "date"),
            ("week", "integer"),
            ("unit_id", "bigint"),
            ("activity_id", "bigint"),
            ("phase", "integer"),
            ("contact_type", "text"),
            ("profession", "text"),
            ("patient", "text"),
            ("kva_codes", "text"),
            ("decision_date", "date"),
            ("target_date", "date"),
            ("deviation", "text"),
            ("guarantee", "integer"),
            ("priority", "integer"),
            ("cancelled", "integer"),
        ),
        renames={
            "kontakt_id": "contact_id",
            "kontakt_datum": "date",
            "kontakt_datum__week": "week",
            "fas": "phase",
            "kontakttyp": "contact_type",
            "yrkeskategori": "profession",
            "personnummer": "patient",
            "kva_koder": "kva_codes",
            "beslut_datum": "decision_date",
            "medicinskt_maldatum": "target_date",
            "avvikelse": "deviation",
            "vardgaranti": "guarantee",
            "prioritet": "priority",
        },
        key=("contact_id",),
        merge=merge,
        stage=_stage,
    ),
    label=Kind.KONTAKTER.label,
    key=("kontakt_id",),
    activity="contact",
    exempt=_cancelled,
    nightly=True,
)
