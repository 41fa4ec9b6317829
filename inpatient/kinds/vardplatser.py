"""vardplatser: the national daily measurement of beds per ward.

Replaces per (datum, enhet_kod). A ward's day measured twice in one file is
an error, not a correction: both lines are rejected (``unique_key``), and
what an earlier file brought for that day stays.
"""

from __future__ import annotations

import pandas as pd

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, upsert
from imports.validation import Rejected

from ..models import BedDay
from . import Kind
from .wards import preload, reject_units_not_wards

# No ward has more beds than this: a larger number is a typing error.
MAX_BEDS = 10_000


def prepare(frame: pd.DataFrame, hints: dict) -> tuple[pd.DataFrame, list[Rejected]]:
    return reject_units_not_wards(frame, hints)


def merge(cursor, context: Context) -> None:
    values = {
        "unit_id": "s.unit_id",
        "date": "s.date",
        "source": "%s",
        "staffed": "s.staffed",
        "occupied": "s.occupied",
        "overcrowding": "s.overcrowding",
        "outlying": "s.outlying",
    }
    upsert(
        cursor,
        BedDay,
        list(values),
        f"SELECT {', '.join(values.values())} FROM {STAGE} s WHERE true",
        ["unit_id", "date"],
        [context.source],
    )


def _beds(name: str, *, required: bool = False) -> Column:
    return Column(name, "int", required=required, low=0, high=MAX_BEDS)


SPEC = KindSpec(
    Kind.VARDPLATSER.value,
    "cosmic",
    (
        Column("datum", "date", required=True, past=True),
        Column("enhet_kod", "code", required=True, max_length=50),
        _beds("disponibla", required=True),
        _beds("belagda", required=True),
        _beds("overbelaggningar"),
        _beds("utlokaliserade"),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("date", "date"),
            ("unit_id", "bigint"),
            ("staffed", "integer"),
            ("occupied", "integer"),
            ("overcrowding", "integer"),
            ("outlying", "integer"),
        ),
        renames={
            "datum": "date",
            "disponibla": "staffed",
            "belagda": "occupied",
            "overbelaggningar": "overcrowding",
            "utlokaliserade": "outlying",
        },
        key=("date", "unit_id"),
        merge=merge,
    ),
    label=Kind.VARDPLATSER.label,
    key=("datum", "enhet_kod"),
    replaces=("datum", "enhet_kod"),
    prepare=prepare,
    preload=preload,
    unique_key=True,
    nightly=True,
)
