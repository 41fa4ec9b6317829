"""kopt_vard: patients the region sends to other providers, upserted by (source, uppdrag_id).

A row is checked against the contract's general rules and its own: the day of care
cannot be before the day sent, a performed referral has its day of care, and a
sent or cancelled one has none. Whether the referral keeps to its agreement (period,
procedures, clinics) is not a reason to reject it: it is accepted and flagged when
read (``purchasing.rules``), so an agreement corrected later counts its referrals.
"""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _

from facts.kinds.columns import FAS_WAIT, UNIT
from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, upsert
from imports.validation import Rejected

from ..models import PurchasedReferral
from . import Kind

ENUMS = {
    "kopt_vard.status": {
        "SKICKAD": "SKICKAD",
        "UTFORD": "UTFORD",
        "UTFÖRD": "UTFORD",
        "AVBRUTEN": "AVBRUTEN",
    },
}


def _problem(status: str, sent: str, performed) -> tuple[str, str] | None:
    has_day = isinstance(performed, str)
    if has_day and performed < sent:
        return "utford_datum", _(
            "Vården (%(performed)s) kan inte ges före remissen skickades (%(sent)s)."
        ) % {
            "performed": performed,
            "sent": sent,
        }
    if status == "UTFORD" and not has_day:
        return "utford_datum", _("En utförd remiss (status UTFORD) behöver utford_datum.")
    if status != "UTFORD" and has_day:
        return "utford_datum", _("Bara en utförd remiss (status UTFORD) har utford_datum.")
    return None


def prepare(frame: pd.DataFrame, hints: dict) -> tuple[pd.DataFrame, list[Rejected]]:
    """The rules across columns; the dates are ISO text here, so text order is time order."""
    rejected = []
    for line, status, sent, performed in zip(
        frame["line"], frame["status"], frame["skickad_datum"], frame["utford_datum"], strict=True
    ):
        problem = _problem(str(status), str(sent), performed)
        if problem:
            rejected.append(Rejected(int(line), *problem))
    if rejected:
        keep = ~frame["line"].isin([r.line for r in rejected]).to_numpy()
        frame = frame[keep].reset_index(drop=True)
    return frame, rejected


def merge(cursor, context: Context) -> None:
    values = {
        "source": "%s",
        "referral_id": "referral_id",
        "unit_id": "unit_id",
        "provider_code": "UPPER(provider_code)",
        "agreement_code": "UPPER(COALESCE(agreement_code, ''))",
        "patient": "COALESCE(patient, '')",
        "phase": "phase",
        "kva_code": "COALESCE(kva_code, '')",
        "sent_date": "sent_date",
        "performed_date": "performed_date",
        "cost": "cost",
        "status": "status",
    }
    upsert(
        cursor,
        PurchasedReferral,
        list(values),
        f"SELECT {', '.join(values.values())} FROM {STAGE} WHERE true",
        ["source", "referral_id"],
        [context.source],
    )


SPEC = KindSpec(
    Kind.KOPT_VARD.value,
    "cosmic",
    (
        Column("uppdrag_id", "text", required=True),
        UNIT,
        Column("vardgivare_kod", "code", required=True, max_length=50),
        Column("avtal_kod", "code", max_length=50),
        Column("personnummer", "identity"),
        FAS_WAIT,
        Column("kva_kod", "kvakod", max_length=10),
        Column("skickad_datum", "date", required=True, past=True),
        Column("utford_datum", "date", past=True),
        Column("kostnad", "decimal", low=0),
        Column("status", "enum", required=True, enum="kopt_vard.status"),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("referral_id", "text"),
            ("unit_id", "bigint"),
            ("provider_code", "text"),
            ("agreement_code", "text"),
            ("patient", "text"),
            ("phase", "integer"),
            ("kva_code", "text"),
            ("sent_date", "date"),
            ("performed_date", "date"),
            ("cost", "numeric"),
            ("status", "text"),
        ),
        renames={
            "uppdrag_id": "referral_id",
            "vardgivare_kod": "provider_code",
            "avtal_kod": "agreement_code",
            "personnummer": "patient",
            "fas": "phase",
            "kva_kod": "kva_code",
            "skickad_datum": "sent_date",
            "utford_datum": "performed_date",
            "kostnad": "cost",
        },
        key=("referral_id",),
        merge=merge,
    ),
    label=Kind.KOPT_VARD.label,
    key=("uppdrag_id",),
    prepare=prepare,
)
