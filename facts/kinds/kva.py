"""kva: Socialstyrelsen's KVÅ code lists (KKÅ and KMÅ), as published. Upsert by classification and code."""

import re

import pandas as pd
from django.utils.translation import gettext as _

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, upsert
from imports.validation import Rejected

from ..models import KvaCode
from . import Kind

# Socialstyrelsen publishes KVÅ as e.g. kka-2021-level4.txt.
_NAME_RE = re.compile(
    r"^(?P<cls>kka|kma)[-_](?P<year>\d{4})[-_]level(?P<level>[1-4])\.txt$", re.IGNORECASE
)
# KVÅ level-4 codes: KKÅ has three letters and two digits, KMÅ two letters and three digits.
_KKA_RE = r"^[A-Z]{3}\d{2}$"
_KMA_RE = r"^[A-Z]{2}\d{3}$"


def file_name(name: str) -> tuple[str, dict] | None:
    """Socialstyrelsen's own file names say the classification and level."""
    match = _NAME_RE.match(name)
    if not match:
        return None
    return "socialstyrelsen", {"classification": match["cls"].lower(), "level": int(match["level"])}


def prepare(frame: pd.DataFrame, hints: dict) -> tuple[pd.DataFrame, list[Rejected]]:
    """Classification (KKÅ/KMÅ), level and chapter of each code, from the file name or the code."""
    codes = frame["kod"].str.upper()
    frame = frame.assign(kod=codes)
    letters = codes.str.fullmatch(r"[A-Z]{1,3}")
    level = codes.str.len().where(letters, 4).astype("Int64")
    if hints.get("classification"):
        classification = pd.Series(hints["classification"], index=frame.index, dtype=object)
    else:
        classification = pd.Series(None, index=frame.index, dtype=object)
        classification[codes.str.fullmatch(_KKA_RE)] = "kka"
        classification[codes.str.fullmatch(_KMA_RE)] = "kma"
    unknown = classification.isna().to_numpy()
    rejected = [
        Rejected(
            int(line),
            "kod",
            _(
                "Det går inte att avgöra om koden är KKÅ eller KMÅ. Namnge filen som Socialstyrelsen "
                "gör (t.ex. kka-2021-level1.txt)."
            ),
        )
        for line in frame["line"][unknown]
    ]
    frame = frame.assign(classification=classification, level=level, chapter=codes.str[:1])
    return frame[~unknown].reset_index(drop=True), rejected


def merge(cursor, context: Context) -> None:
    upsert(
        cursor,
        KvaCode,
        ["classification", "code", "text", "description", "level", "chapter"],
        "SELECT classification, code, text, COALESCE(description, ''), level, chapter "
        f"FROM {STAGE} WHERE true",
        ["classification", "code"],
        [],
    )


SPEC = KindSpec(
    Kind.KVA.value,
    "socialstyrelsen",
    (
        Column("kod", "code", required=True, max_length=10),
        Column("kodtext", "text", required=True, max_length=500),
        Column("beskrivning", "text", max_length=5000),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("classification", "text"),
            ("code", "text"),
            ("text", "text"),
            ("description", "text"),
            ("level", "integer"),
            ("chapter", "text"),
        ),
        renames={"kod": "code", "kodtext": "text", "beskrivning": "description"},
        key=("classification", "code"),
        merge=merge,
    ),
    label=Kind.KVA.label,
    key=("kod",),
    has_unit=False,
    lenient=True,
    prepare=prepare,
    file_name=file_name,
)
