"""kpp: the cost of each contact or episode per year, with its DRG. A file replaces its (year, unit) pairs.

A row whose DRG has no weight for its year and care form is held, like a row
with an unmapped unit code, until a weight list brings the weight (the
``drgvikter`` import then brings held rows in). The file's years are marked for the
DRG summary to sum again (``economics.summary``), in the import's transaction.
"""

import pandas as pd
from django.utils.translation import gettext_lazy as _

from imports.kinds import Column, KindSpec, Loader, Reference
from imports.loading import STAGE, TOUCHED, Context, table_name, upsert

from ..models import DrgWeight, KppRow
from ..summary import years_changed
from . import Kind
from .columns import CARE_FORM, DRG, YEAR, upper_drg

UNIT = Column("enhet_kod", "code", required=True, max_length=50)


def _stage(staged: pd.DataFrame) -> pd.DataFrame:
    staged = upper_drg(staged)
    staged["outlier"] = (staged["outlier"] == "1").fillna(False).astype("int64")
    return staged


def _missing_weight():
    """Per row, the DRG it waits for ("209A (2026 SLUTEN)"), or no value when it has a weight or no DRG."""
    known = {
        f"{year} {care_form} {code}"
        for year, care_form, code in DrgWeight.objects.values_list("year", "care_form", "code")
    }

    def check(frame: pd.DataFrame) -> pd.Series:
        drg = frame["drg_kod"].astype(object).where(frame["drg_kod"].notna(), "")
        drg = drg.astype(str).str.strip().str.upper()
        year = frame["ar"].astype(object).astype(str)
        care_form = frame["vardform"].astype(object).astype(str)
        missing = (drg != "") & ~(year + " " + care_form + " " + drg).isin(known)
        return (drg + " (" + year + " " + care_form + ")").where(missing)

    return check


def merge(cursor, context: Context) -> None:
    kpp = table_name(KppRow)
    if context.replace:
        # The (year, unit) pairs the file replaces, a few dozen: compared with each stored row
        # instead of the whole staging table (which made a year's file quadratic on SQLite).
        cursor.execute(
            f"CREATE TEMPORARY TABLE {TOUCHED} AS SELECT DISTINCT year, unit_id FROM {STAGE}"
        )
        cursor.execute(
            f"DELETE FROM {kpp} WHERE EXISTS (SELECT 1 FROM {TOUCHED} t "
            f"WHERE t.year = {kpp}.year AND t.unit_id = {kpp}.unit_id)"
        )
    upsert(
        cursor,
        KppRow,
        ["year", "contact_id", "care_form", "unit_id", "drg_code", "cost", "outlier"],
        f"SELECT year, contact_id, care_form, unit_id, COALESCE(drg_code, ''), cost, "
        f"outlier = 1 FROM {STAGE} WHERE true",
        ["year", "care_form", "contact_id"],
        [],
    )
    years_changed(cursor, f"SELECT DISTINCT year FROM {STAGE}")


SPEC = KindSpec(
    Kind.KPP.value,
    "kpp",
    (
        YEAR,
        Column("kontakt_id", "text", required=True),
        CARE_FORM,
        UNIT,
        DRG,
        Column("kostnad", "decimal", required=True, low=0),
        Column("ytterfall", "enum", enum="ytterfall"),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("year", "integer"),
            ("contact_id", "text"),
            ("care_form", "text"),
            ("unit_id", "bigint"),
            ("drg_code", "text"),
            ("cost", "numeric"),
            ("outlier", "integer"),
        ),
        renames={
            "ar": "year",
            "kontakt_id": "contact_id",
            "vardform": "care_form",
            "drg_kod": "drg_code",
            "kostnad": "cost",
            "ytterfall": "outlier",
        },
        key=("year", "care_form", "contact_id"),
        merge=merge,
        stage=_stage,
    ),
    label=Kind.KPP.label,
    key=("ar", "vardform", "kontakt_id"),
    replaces=("ar", "enhet_kod"),
    reference=Reference(
        column="drg_kod",
        label=_("Ingen DRG-vikt för år och vårdform"),
        hint=_("Importera en viktlista (drgvikter) för året och vårdformen."),
        check=_missing_weight,
    ),
)
