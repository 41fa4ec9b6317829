"""What both inpatient kinds share: the ward check, local times, their coded columns."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _

from imports.validation import Rejected, shown
from organisation.models import UnitSourceCode

from ..models import Ward

ENUMS = {
    "vardtillfallen.status": {
        "GENOMFORD": "GENOMFORD",
        "GENOMFÖRD": "GENOMFORD",
        "MAKULERAD": "MAKULERAD",
    },
    "vardtillfallen.akut": {"J": "1", "JA": "1", "1": "1", "N": "0", "NEJ": "0", "0": "0"},
}


def preload(hints: dict) -> dict:
    """The source's codes of units that are not wards, read once before the file's rows stream
    into staging (no other query may run on the connection while they do, on PostgreSQL)."""
    wards = set(Ward.objects.values_list("unit_id", flat=True))
    codes = UnitSourceCode.objects.filter(source=hints.get("source", ""))
    not_ward = {code for code, unit in codes.values_list("code", "unit_id") if unit not in wards}
    return {"not_ward_codes": frozenset(not_ward)}


def reject_units_not_wards(
    frame: pd.DataFrame, hints: dict, exempt: pd.Series | None = None
) -> tuple[pd.DataFrame, list[Rejected]]:
    """Rows naming a known unit that is not a ward are rejected: beds belong to wards.

    A code the source does not know yet passes on, to be held until it is mapped,
    as every kind's unknown unit codes are.
    """
    not_ward = (
        hints["not_ward_codes"] if "not_ward_codes" in hints else preload(hints)["not_ward_codes"]
    )
    wrong = frame["enhet_kod"].isin(not_ward)
    if exempt is not None:
        wrong &= ~exempt
    message = _(
        "Enheten %(code)s är ingen vårdavdelning; markera den som vårdavdelning under "
        "Administration → Vårdavdelningar."
    )
    rejected = [
        Rejected(int(line), "enhet_kod", message % {"code": shown(str(code))})
        for line, code in zip(frame["line"][wrong], frame["enhet_kod"][wrong], strict=True)
    ]
    return frame[~wrong.to_numpy()].reset_index(drop=True), rejected


def to_utc(values: pd.Series) -> pd.Series:
    """Local "YYYY-MM-DD HH:MM:SS" text (Europe/Stockholm) as UTC text, as the databases store it.

    In the autumn's repeated hour the first (summer-time) reading is taken.
    """
    zone, utc = ZoneInfo(settings.TIME_ZONE), ZoneInfo("UTC")
    cache: dict = {}

    def convert(value):
        if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
            return None
        if value not in cache:
            local = datetime.fromisoformat(value).replace(tzinfo=zone)
            cache[value] = local.astimezone(utc).replace(tzinfo=None).isoformat(sep=" ")
        return cache[value]

    return pd.Series([convert(v) for v in values], index=values.index, dtype=object)


def local_day(values: pd.Series) -> pd.Series:
    """The local day of local "YYYY-MM-DD HH:MM:SS" text."""
    return pd.Series(
        [None if v is None or v is pd.NA else str(v)[:10] for v in values],
        index=values.index,
        dtype=object,
    )
