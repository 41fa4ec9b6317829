"""drgvikter: the DRG weight list per year and care form. A file replaces its (year, care form) lists."""

from dataclasses import replace

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, TOUCHED, Context, table_name, upsert

from ..models import DrgWeight
from . import Kind
from .columns import CARE_FORM, DRG, YEAR, upper_drg


def merge(cursor, context: Context) -> None:
    weights = table_name(DrgWeight)
    if context.replace:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {TOUCHED} AS SELECT DISTINCT year, care_form FROM {STAGE}"
        )
        cursor.execute(
            f"DELETE FROM {weights} WHERE EXISTS (SELECT 1 FROM {TOUCHED} t "
            f"WHERE t.year = {weights}.year AND t.care_form = {weights}.care_form)"
        )
    upsert(
        cursor,
        DrgWeight,
        ["year", "care_form", "code", "weight", "name"],
        f"SELECT year, care_form, drg_code, weight, COALESCE(name, '') FROM {STAGE} WHERE true",
        ["year", "care_form", "code"],
        [],
    )


SPEC = KindSpec(
    Kind.DRGVIKTER.value,
    "socialstyrelsen",
    (
        YEAR,
        replace(DRG, required=True),
        CARE_FORM,
        Column("vikt", "decimal", required=True, low=0),
        Column("benamning", "text", max_length=200),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("year", "integer"),
            ("drg_code", "text"),
            ("care_form", "text"),
            ("weight", "numeric"),
            ("name", "text"),
        ),
        renames={
            "ar": "year",
            "drg_kod": "drg_code",
            "vardform": "care_form",
            "vikt": "weight",
            "benamning": "name",
        },
        key=("year", "care_form", "drg_code"),
        merge=merge,
        stage=upper_drg,
    ),
    label=Kind.DRGVIKTER.label,
    key=("ar", "vardform", "drg_kod"),
    has_unit=False,
    replaces=("ar", "vardform"),
)
