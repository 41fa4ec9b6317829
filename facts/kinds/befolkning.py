"""befolkning: inhabitants per county and year (SCB). Upsert by year and county."""

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, upsert

from ..models import Population
from . import Kind


def merge(cursor, context: Context) -> None:
    upsert(
        cursor,
        Population,
        ["year", "county_code", "count"],
        f"SELECT year, county_code, count FROM {STAGE} WHERE true",
        ["year", "county_code"],
        [],
    )


SPEC = KindSpec(
    Kind.BEFOLKNING.value,
    "scb",
    (
        Column("ar", "int", required=True, low=1900, high=2200),
        Column("lan_kod", "county", required=True),
        Column("antal", "int", required=True, low=0, high=50_000_000),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("year", "integer"),
            ("county_code", "text"),
            ("count", "bigint"),
        ),
        renames={"ar": "year", "lan_kod": "county_code", "antal": "count"},
        key=("year", "county_code"),
        merge=merge,
    ),
    label=Kind.BEFOLKNING.label,
    key=("ar", "lan_kod"),
    has_unit=False,
)
