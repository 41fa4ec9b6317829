"""vardtillfallen: inpatient episodes from the EHR, one row per admission.

Upserted by (source, vardtillfalle_id): the same episode comes again each
night while the patient is admitted, and once more with its discharge. A
MAKULERAD row removes its episode. A discharge before the admission, or a
ward code naming a unit that is not a ward, rejects the row.
"""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, table_name, upsert
from imports.validation import Rejected

from ..models import Episode
from . import Kind
from .wards import local_day, preload, reject_units_not_wards, to_utc


def _cancelled(frame: pd.DataFrame) -> pd.Series:
    # A cancellation needs no unit: it only removes what is there.
    return (frame["status"] == "MAKULERAD").fillna(False).astype(bool)


def prepare(frame: pd.DataFrame, hints: dict) -> tuple[pd.DataFrame, list[Rejected]]:
    admitted, discharged = frame["inskrivning"], frame["utskrivning"]
    # Both are "YYYY-MM-DD HH:MM:SS" text: as text, their order is their order in time.
    backwards = (
        discharged.notna() & (discharged.astype(object) < admitted.astype(object))
    ).to_numpy(dtype=bool)
    message = _("Utskrivningen %(out)s ligger före inskrivningen %(in)s.")
    rejected = [
        Rejected(int(line), "utskrivning", message % {"out": out[:16], "in": in_[:16]})
        for line, out, in_ in zip(
            frame["line"][backwards], discharged[backwards], admitted[backwards], strict=True
        )
    ]
    frame = frame[~backwards].reset_index(drop=True)
    frame, not_wards = reject_units_not_wards(frame, hints, _cancelled(frame))
    return frame, rejected + not_wards


def _stage(staged: pd.DataFrame) -> pd.DataFrame:
    staged["admission_date"] = local_day(staged["admitted_at"])
    staged["discharge_date"] = local_day(staged["discharged_at"])
    staged["admitted_at"] = to_utc(staged["admitted_at"])
    staged["discharged_at"] = to_utc(staged["discharged_at"])
    staged["emergency"] = pd.to_numeric(staged["emergency"], errors="coerce").astype("Int64")
    staged["cancelled"] = (staged["status"] == "MAKULERAD").astype("int64")
    return staged


def merge(cursor, context: Context) -> None:
    episode = table_name(Episode)
    cursor.execute(
        f"DELETE FROM {episode} WHERE source = %s AND episode_id IN "
        f"(SELECT episode_id FROM {STAGE} WHERE cancelled = 1)",
        [context.source],
    )
    values = {
        "source": "%s",
        "episode_id": "s.episode_id",
        "unit_id": "s.unit_id",
        "patient": "COALESCE(s.patient, '')",
        "admitted_at": "s.admitted_at",
        "discharged_at": "s.discharged_at",
        "admission_date": "s.admission_date",
        "discharge_date": "s.discharge_date",
        "emergency": "CASE s.emergency WHEN 1 THEN TRUE WHEN 0 THEN FALSE END",
        "drg": "COALESCE(s.drg, '')",
    }
    upsert(
        cursor,
        Episode,
        list(values),
        f"SELECT {', '.join(values.values())} FROM {STAGE} s WHERE s.cancelled = 0",
        ["source", "episode_id"],
        [context.source],
    )


SPEC = KindSpec(
    Kind.VARDTILLFALLEN.value,
    "cosmic",
    (
        Column("vardtillfalle_id", "text", required=True),
        Column("enhet_kod", "code", required=True, max_length=50),
        Column("personnummer", "identity"),
        Column("inskrivning", "time", required=True),
        Column("utskrivning", "time"),
        Column("akut", "enum", enum="vardtillfallen.akut"),
        Column("drg_kod", "text", max_length=20),
        Column("status", "enum", required=True, enum="vardtillfallen.status"),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("episode_id", "text"),
            ("unit_id", "bigint"),
            ("patient", "text"),
            ("admitted_at", "timestamp"),
            ("discharged_at", "timestamp"),
            ("admission_date", "date"),
            ("discharge_date", "date"),
            ("emergency", "integer"),
            ("drg", "text"),
            ("cancelled", "integer"),
        ),
        renames={
            "vardtillfalle_id": "episode_id",
            "personnummer": "patient",
            "inskrivning": "admitted_at",
            "utskrivning": "discharged_at",
            "akut": "emergency",
            "drg_kod": "drg",
        },
        key=("episode_id",),
        merge=merge,
        stage=_stage,
    ),
    label=Kind.VARDTILLFALLEN.label,
    key=("vardtillfalle_id",),
    prepare=prepare,
    preload=preload,
    exempt=_cancelled,
    nightly=True,
)
