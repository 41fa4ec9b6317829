"""remisser: referrals received (the inflow). Upsert by referral id: a later file may change a status."""

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, upsert

from ..models import Referral
from . import Kind
from .columns import FAS_WAIT, PRIORITY, UNIT


def merge(cursor, context: Context) -> None:
    columns = [
        "source",
        "referral_id",
        "arrival_date",
        "week",
        "unit_id",
        "phase",
        "kva_code",
        "priority",
        "status",
    ]
    upsert(
        cursor,
        Referral,
        columns,
        "SELECT %s, referral_id, arrival_date, week, unit_id, phase, COALESCE(kva_code, ''), "
        f"priority, status FROM {STAGE} WHERE true",
        ["source", "referral_id"],
        [context.source],
    )


SPEC = KindSpec(
    Kind.REMISSER.value,
    "cosmic",
    (
        Column("remiss_id", "text", required=True),
        Column("ankomst_datum", "date", required=True, week=True, past=True),
        UNIT,
        FAS_WAIT,
        Column("kva_kod", "kvakod", max_length=10),
        PRIORITY,
        Column("status", "enum", required=True, enum="remisser.status"),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("referral_id", "text"),
            ("arrival_date", "date"),
            ("week", "integer"),
            ("unit_id", "bigint"),
            ("phase", "integer"),
            ("kva_code", "text"),
            ("priority", "integer"),
            ("status", "text"),
        ),
        renames={
            "remiss_id": "referral_id",
            "ankomst_datum": "arrival_date",
            "ankomst_datum__week": "week",
            "fas": "phase",
            "kva_kod": "kva_code",
            "prioritet": "priority",
        },
        key=("referral_id",),
        merge=merge,
    ),
    label=Kind.REMISSER.label,
    key=("remiss_id",),
    nightly=True,
)
