"""What both operating-room kinds share: room codes, local times, the yes/no columns."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _

from imports.validation import Rejected, shown

from ..models import RoomSourceCode

YES_NO = {"J": "1", "JA": "1", "1": "1", "N": "0", "NEJ": "0", "0": "0"}
ENUMS = {
    "operationer.status": {
        "GENOMFORD": "GENOMFORD",
        "GENOMFÖRD": "GENOMFORD",
        "STRUKEN": "STRUKEN",
        "MAKULERAD": "MAKULERAD",
    },
    "strykningsorsak": {"PAT": "PAT", "MED": "MED", "RES": "RES", "OVR": "OVR", "ÖVR": "OVR"},
    "ja_nej": YES_NO,
}


def preload(hints: dict) -> dict:
    """The room codes of the file's source, read once before its rows stream into staging."""
    source = hints.get("source", "")
    codes = RoomSourceCode.objects.filter(source=source).values_list("code", flat=True)
    return {"room_codes": frozenset(codes)}


def reject_unknown_rooms(
    frame: pd.DataFrame, hints: dict, exempt: pd.Series | None = None
) -> tuple[pd.DataFrame, list[Rejected]]:
    """Rows naming a room the source has no code for are rejected: a room is reference data."""
    source = hints.get("source", "")
    known = hints["room_codes"]
    unknown = ~frame["sal_kod"].isin(known)
    if exempt is not None:
        unknown &= ~exempt
    message = _(
        "Salskoden %(code)s finns inte för källan %(source)s; lägg in salen och dess kod "
        "under Administration → Operationssalar."
    )
    rejected = [
        Rejected(int(line), "sal_kod", message % {"code": shown(str(code)), "source": source})
        for line, code in zip(frame["line"][unknown], frame["sal_kod"][unknown], strict=True)
    ]
    return frame[~unknown.to_numpy()].reset_index(drop=True), rejected


def to_utc(values: pd.Series) -> pd.Series:
    """Local "YYYY-MM-DD HH:MM:SS" text (Europe/Stockholm) as UTC text, as the databases store it.

    In the autumn's repeated hour the first (summer-time) reading is taken.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    utc = ZoneInfo("UTC")
    cache: dict = {}

    def convert(value):
        if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
            return None
        if value not in cache:
            local = datetime.fromisoformat(value).replace(tzinfo=zone)
            cache[value] = local.astimezone(utc).replace(tzinfo=None).isoformat(sep=" ")
        return cache[value]

    return pd.Series([convert(v) for v in values], index=values.index, dtype=object)
