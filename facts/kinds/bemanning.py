"""bemanning: scheduled hours for patient work per unit, week and profession, from HR. Upsert by that key."""

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, upsert

from ..models import StaffHours
from . import Kind
from .columns import UNIT


def merge(cursor, context: Context) -> None:
    upsert(
        cursor,
        StaffHours,
        ["unit_id", "week", "profession", "hours", "fte"],
        f"SELECT unit_id, week, profession, hours, fte FROM {STAGE} WHERE true",
        ["unit_id", "week", "profession"],
        [],
    )


SPEC = KindSpec(
    Kind.BEMANNING.value,
    "hr",
    (
        Column("vecka", "week", required=True),
        UNIT,
        Column("yrkeskategori", "enum", required=True, enum="yrkeskategori"),
        Column("tillgangliga_timmar", "decimal", required=True, low=0),
        Column("arsarbetare", "decimal", low=0),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("week", "integer"),
            ("unit_id", "bigint"),
            ("profession", "text"),
            ("hours", "numeric"),
            ("fte", "numeric"),
        ),
        renames={
            "vecka": "week",
            "yrkeskategori": "profession",
            "tillgangliga_timmar": "hours",
            "arsarbetare": "fte",
        },
        key=("week", "unit_id", "profession"),
        merge=merge,
    ),
    label=Kind.BEMANNING.label,
    key=("vecka", "enhet_kod", "yrkeskategori"),
    replaces=("vecka", "enhet_kod", "yrkeskategori"),
)
