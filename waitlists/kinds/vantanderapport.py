"""vantanderapport: a region's aggregated waiting list, counts per phase and KVÅ code.

The source is the reporting region's county code (``vantanderapport_05_20261130.csv``); every
row must name that county. A file replaces the region's report of the same measurement day.
An empty optional count is a count the region suppressed, stored as no value.
"""

import pandas as pd
from django.utils.translation import gettext as _

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, table_name, upsert
from imports.validation import Rejected

from ..models import RegionReportRow
from . import Kind

MAX_COUNT = 10_000_000
COUNTS = ("antal", "antal_vardgaranti", "over_90", "over_150", "pvv", "mov")


def prepare(frame: pd.DataFrame, hints: dict) -> tuple[pd.DataFrame, list[Rejected]]:
    """Rows of another county than the file's, and counts that contradict each other, are rejected."""
    source = str(hints.get("source", ""))
    # A row without a code is one of the key's values, not a missing one.
    frame = frame.assign(
        kva_kod=frame["kva_kod"].astype(object).where(frame["kva_kod"].notna(), "")
    )
    rejected: dict[int, Rejected] = {}
    for row in frame.itertuples(index=False):
        line = int(row.line)
        if row.lan_kod != source:
            rejected[line] = Rejected(
                line,
                "lan_kod",
                _("Raden gäller län %(row)s men filen är rapporten från %(file)s.")
                % {"row": row.lan_kod, "file": source},
            )
        elif row.antal_vardgaranti > row.antal:
            rejected[line] = Rejected(
                line, "antal_vardgaranti", _("Fler väntande inom vårdgarantin än väntande.")
            )
        elif row.over_90 > row.antal_vardgaranti:
            rejected[line] = Rejected(
                line, "over_90", _("Fler över 90 dagar än väntande inom vårdgarantin.")
            )
        elif pd.notna(row.over_150) and row.over_150 > row.over_90:
            rejected[line] = Rejected(line, "over_150", _("Fler över 150 dagar än över 90 dagar."))
    if not rejected:
        return frame, []
    keep = ~frame["line"].astype(int).isin(rejected.keys())
    return frame[keep].reset_index(drop=True), list(rejected.values())


def merge(cursor, context: Context) -> None:
    if context.replace:
        cursor.execute(
            f"DELETE FROM {table_name(RegionReportRow)} WHERE county_code = %s AND snapshot_date = %s",
            [context.source, context.snapshot_date],
        )
    columns = [
        "county_code",
        "snapshot_date",
        "phase",
        "kva_code",
        "waiting",
        "guarantee",
        "over_90",
        "over_150",
        "pvv",
        "mov",
    ]
    upsert(
        cursor,
        RegionReportRow,
        columns,
        "SELECT %s, %s, phase, COALESCE(kva_code, ''), waiting, guarantee, over_90, over_150, pvv, "
        f"mov FROM {STAGE} WHERE true",
        ["county_code", "snapshot_date", "phase", "kva_code"],
        [context.source, context.snapshot_date],
    )


SPEC = KindSpec(
    Kind.VANTANDERAPPORT.value,
    "",
    (
        Column("matdatum", "date", required=True, past=True),
        Column("lan_kod", "county", required=True),
        Column("fas", "int", required=True, low=1, high=4),
        Column("kva_kod", "kvakod", max_length=10),
        Column("antal", "int", required=True, low=0, high=MAX_COUNT),
        Column("antal_vardgaranti", "int", required=True, low=0, high=MAX_COUNT),
        Column("over_90", "int", required=True, low=0, high=MAX_COUNT),
        Column("over_150", "int", low=0, high=MAX_COUNT),
        Column("pvv", "int", low=0, high=MAX_COUNT),
        Column("mov", "int", low=0, high=MAX_COUNT),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("phase", "integer"),
            ("kva_code", "text"),
            ("waiting", "bigint"),
            ("guarantee", "bigint"),
            ("over_90", "bigint"),
            ("over_150", "bigint"),
            ("pvv", "bigint"),
            ("mov", "bigint"),
        ),
        renames={
            "fas": "phase",
            "kva_kod": "kva_code",
            "antal": "waiting",
            "antal_vardgaranti": "guarantee",
        },
        key=("phase", "kva_code"),
        merge=merge,
    ),
    label=Kind.VANTANDERAPPORT.label,
    key=("fas", "kva_kod"),
    has_unit=False,
    snapshot="matdatum",
    prepare=prepare,
)
