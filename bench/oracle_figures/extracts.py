"""The raw extract files, read the way the extract format says a reader must.

Every kind is read whole into pandas, all values as text; the files of a kind
are applied in extract-date order (the date in the file name), as the import
would apply them night after night.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

NAME = re.compile(
    r"^(?P<kind>[a-z_]+?)_(?P<source>[a-z0-9]+)_(?P<day>\d{8})(?:_.*)?\.(?P<ext>csv|txt|xlsx)$",
    re.I,
)
DEVIATIONS = {"1": "PVV", "2": "MOV", "3": "SOV"}
STATUS = {"GENOMFÖRD": "GENOMFORD"}
CONTACT_COLUMNS = [
    "kontakt_id",
    "enhet_kod",
    "day",
    "week",
    "fas",
    "kontakttyp",
    "yrkeskategori",
    "maldatum",
    "beslut_datum",
    "avvikelse",
    "vardgaranti",
]


@dataclass(frozen=True)
class ExtractFile:
    path: Path
    kind: str
    source: str
    day: date


def extract_files(folder: Path) -> list[ExtractFile]:
    """The extract files in ``folder`` (Socialstyrelsen's KVÅ lists and others left out), by
    extract date, then name."""
    found = []
    for path in Path(folder).iterdir():
        match = NAME.match(path.name)
        if match:
            day = match["day"]
            found.append(
                ExtractFile(
                    path,
                    match["kind"].lower(),
                    match["source"].lower(),
                    date(int(day[:4]), int(day[4:6]), int(day[6:])),
                )
            )
    return sorted(found, key=lambda f: (f.day, f.path.name))


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def read_table(path: Path) -> pd.DataFrame:
    """One file as text columns with lower-case, stripped names; delimiter and encoding detected."""
    if path.suffix.lower() == ".xlsx":
        frame = pd.read_excel(path, sheet_name=0, dtype=str).fillna("")
    else:
        text = _text(path.read_bytes())
        header = text.splitlines()[0] if text else ""
        delimiter = max([";", ",", "\t"], key=header.count)
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            quoting=csv.QUOTE_MINIMAL,
        )
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame.apply(lambda column: column.str.strip())


def parse_dates(values: pd.Series) -> pd.Series:
    """``YYYY-MM-DD`` or ``YYYYMMDD``; empty is no value."""
    compact = values.str.replace("-", "", regex=False)
    return pd.to_datetime(compact.where(compact != ""), format="%Y%m%d").dt.date


def parse_times(values: pd.Series) -> pd.Series:
    """``YYYY-MM-DD HH:MM`` (also with ``T`` or seconds), local time; empty is no value (NaT)."""
    cleaned = values.str.replace("T", " ", regex=False)
    return pd.to_datetime(cleaned.where(cleaned != ""), format="mixed")


def decimals(values: pd.Series) -> pd.Series:
    """``.`` or ``,`` as the decimal separator; empty is no value (NaN)."""
    cleaned = values.str.replace(",", ".", regex=False)
    return pd.to_numeric(cleaned.where(cleaned != ""))


def column(frame: pd.DataFrame, name: str) -> pd.Series:
    """An optional column: empty text where the file does not have it."""
    return frame[name] if name in frame.columns else pd.Series("", index=frame.index)


def upserted(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    """Rows upserted by ``key`` in file order: each key's last row is in force."""
    return rows.drop_duplicates(key, keep="last") if len(rows) else rows


def replaced(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """For each ``keys`` present in a file, that file's rows replace what earlier files said."""
    if rows.empty:
        return rows
    latest = rows.groupby(keys)["file_order"].transform("max")
    return rows[rows["file_order"] == latest].copy()


def files_of(folder: Path, kind: str) -> list[ExtractFile]:
    return _of_kind(extract_files(folder), kind)


def stacked(files: list[ExtractFile]) -> pd.DataFrame:
    """All files of a kind; a column some files leave out is empty text in their rows."""
    rows = _stacked(files)
    text = [c for c in rows.columns if c != "file_order"]
    return rows.fillna(dict.fromkeys(text, "")) if len(rows) else rows


def week_keys(frame: pd.DataFrame) -> pd.Series:
    """ISO week as ``YYYYWW`` integers, from ``vecka`` (``2026-W05``) or ``ar`` + ``vecka``."""
    if "ar" in frame.columns:
        return frame["ar"].astype(int) * 100 + frame["vecka"].astype(int)
    parts = frame["vecka"].str.upper().str.extract(r"^(\d{4})-?W(\d{1,2})$")
    return parts[0].astype(int) * 100 + parts[1].astype(int)


def _of_kind(files: list[ExtractFile], kind: str) -> list[ExtractFile]:
    return [f for f in files if f.kind == kind]


def _stacked(files: list[ExtractFile], prepare=lambda frame: frame) -> pd.DataFrame:
    """All files of a kind, one after the other, each row tagged with its file's order;
    ``prepare`` reads what one file may write its own way (weeks as one column or two)."""
    frames = [prepare(read_table(f.path)).assign(file_order=i) for i, f in enumerate(files)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


@dataclass
class Extracts:
    """What the files say, before any mapping to the platform's units and activities."""

    contacts: pd.DataFrame  # performed contacts, CONTACT_COLUMNS
    production: pd.DataFrame  # Diver's rows in force: enhet_kod, week, matt, antal
    waiting: (
        pd.DataFrame
    )  # every snapshot in force: matdatum, enhet_kod, fas, beslut_datum, maldatum, avvikelse
    last_extract: dict[str, date]  # per kind: the latest extract date
    first_extract: dict[str, date]


def read_extracts(folder: Path) -> Extracts:
    files = extract_files(folder)
    return Extracts(
        contacts=_contacts(_of_kind(files, "kontakter")),
        production=_production(_of_kind(files, "produktion")),
        waiting=_waiting(_of_kind(files, "vantande")),
        last_extract={f.kind: f.day for f in files},
        first_extract={f.kind: f.day for f in reversed(files)},
    )


def _iso_key(days: pd.Series) -> pd.Series:
    return days.map(lambda d: d.isocalendar().year * 100 + d.isocalendar().week)


def _contacts(files: list[ExtractFile]) -> pd.DataFrame:
    """Upserted by kontakt_id in file order: the latest row of each id is in force, and a
    MAKULERAD one removes the contact."""
    rows = _stacked(files)
    if rows.empty:
        return pd.DataFrame(columns=CONTACT_COLUMNS)
    rows = rows.drop_duplicates("kontakt_id", keep="last")
    status = rows["status"].str.upper().replace(STATUS)
    rows = rows[status == "GENOMFORD"].copy()
    rows["day"] = parse_dates(rows["kontakt_datum"])
    rows["week"] = _iso_key(rows["day"])
    rows["fas"] = rows["fas"].astype(int)
    rows["kontakttyp"] = rows["kontakttyp"].str.upper()
    rows["yrkeskategori"] = rows.get("yrkeskategori", pd.Series("", index=rows.index)).str.upper()
    rows["maldatum"] = parse_dates(rows.get("medicinskt_maldatum", pd.Series("", index=rows.index)))
    rows["beslut_datum"] = parse_dates(rows.get("beslut_datum", pd.Series("", index=rows.index)))
    rows["avvikelse"] = (
        rows.get("avvikelse", pd.Series("", index=rows.index)).str.upper().replace(DEVIATIONS)
    )
    guarantee = rows.get("vardgaranti", pd.Series("", index=rows.index)).str.upper()
    rows["vardgaranti"] = guarantee.replace({"1": "J", "2": "N"})
    return rows[CONTACT_COLUMNS]


def _production(files: list[ExtractFile]) -> pd.DataFrame:
    """For each (enhet_kod, vecka) a file holds, its rows replace what earlier files said."""
    rows = _stacked(files, lambda frame: frame.assign(week=week_keys(frame)))
    if rows.empty:
        return pd.DataFrame(columns=["enhet_kod", "week", "matt", "antal"])
    latest = rows.groupby(["enhet_kod", "week"])["file_order"].transform("max")
    rows = rows[rows["file_order"] == latest].copy()
    rows["antal"] = rows["antal"].str.replace(",", ".", regex=False).astype(float)
    return rows[["enhet_kod", "week", "matt", "antal"]]


def _waiting(files: list[ExtractFile]) -> pd.DataFrame:
    """A file is the complete snapshot of its matdatum: the last file of each day is in force."""
    rows = _stacked(files)
    if rows.empty:
        return pd.DataFrame(
            columns=["matdatum", "enhet_kod", "fas", "beslut_datum", "maldatum", "avvikelse"]
        )
    rows["matdatum"] = parse_dates(rows["matdatum"])
    latest = rows.groupby("matdatum")["file_order"].transform("max")
    rows = rows[rows["file_order"] == latest].copy()
    rows["fas"] = rows["fas"].astype(int)
    rows["beslut_datum"] = parse_dates(rows["beslut_datum"])
    rows["maldatum"] = parse_dates(rows.get("medicinskt_maldatum", pd.Series("", index=rows.index)))
    deviation = rows.get("avvikelse", pd.Series("", index=rows.index)).str.upper()
    rows["avvikelse"] = deviation.replace(DEVIATIONS)
    return rows[["matdatum", "enhet_kod", "fas", "beslut_datum", "maldatum", "avvikelse"]]
