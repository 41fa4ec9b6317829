"""vantande: a waiting-list snapshot, one row per patient waiting on the measurement day.

A file replaces the whole snapshot of its source and day.
"""

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, table_name, upsert

from ..models import WaitingEntry
from . import Kind
from .columns import DEVIATION, FAS_WAIT, PRIORITY, UNIT


def merge(cursor, context: Context) -> None:
    if context.replace:
        cursor.execute(
            f"DELETE FROM {table_name(WaitingEntry)} WHERE source = %s AND snapshot_date = %s",
            [context.source, context.snapshot_date],
        )
    columns = [
        "source",
        "snapshot_date",
        "waiting_id",
        "unit_id",
        "phase",
        "kva_code",
        "decision_date",
        "target_date",
        "deviation",
        "priority",
        "home_county",
        "patient",
    ]
    upsert(
        cursor,
        WaitingEntry,
        columns,
        "SELECT %s, %s, waiting_id, unit_id, phase, COALESCE(kva_code, ''), decision_date, "
        "target_date, COALESCE(deviation, ''), priority, COALESCE(home_county, ''), "
        f"COALESCE(patient, '') FROM {STAGE} WHERE true",
        ["source", "snapshot_date", "waiting_id"],
        [context.source, context.snapshot_date],
    )


SPEC = KindSpec(
    Kind.VANTANDE.value,
    "cosmic",
    (
        Column("matdatum", "date", required=True, past=True),
        Column("vantande_id", "text", required=True),
        UNIT,
        Column("personnummer", "identity"),
        FAS_WAIT,
        Column("kva_kod", "kvakod", max_length=10),
        Column("beslut_datum", "date", required=True, past=True),
        Column("medicinskt_maldatum", "date"),
        DEVIATION,
        PRIORITY,
        Column("hemlan", "county"),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("waiting_id", "text"),
            ("unit_id", "bigint"),
            ("phase", "integer"),
            ("kva_code", "text"),
            ("decision_date", "date"),
            ("target_date", "date"),
            ("deviation", "text"),
            ("priority", "integer"),
            ("home_county", "text"),
            ("patient", "text"),
        ),
        renames={
            "vantande_id": "waiting_id",
            "fas": "phase",
            "kva_kod": "kva_code",
            "beslut_datum": "decision_date",
            "medicinskt_maldatum": "target_date",
            "avvikelse": "deviation",
            "prioritet": "priority",
            "hemlan": "home_county",
            "personnummer": "patient",
        },
        key=("waiting_id",),
        merge=merge,
    ),
    label=Kind.VANTANDE.label,
    key=("vantande_id",),
    snapshot="matdatum",
    nightly=True,
)
