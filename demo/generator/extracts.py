"""Turning the generated frames into extract files, one function per kind.

Encodings and containers vary the way a region's systems do, within what
the extract format allows: COSMIC's waiting lists come with a BOM, Diver
writes Windows-1252 with CRLF, HR uses the decimal comma, SCB's population
comes as Excel.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from ..region import RegionSpec
from . import text
from .contacts import AVVIKELSE, KindTable
from .files import extract_day, extract_name, write_csv, write_xlsx
from .kva import KVA_DIR
from .people import Patients

PRIORITY = ["", "1", "2", "3", "4"]


def _codes(spec: RegionSpec, source: str, unit: np.ndarray) -> np.ndarray:
    return np.array([u.source_code(source) for u in spec.units])[unit]


def _identity(patients: Patients, patient: np.ndarray) -> np.ndarray:
    return np.where(patient >= 0, patients.identity[np.maximum(patient, 0)], "")


def _months(day: np.ndarray) -> np.ndarray:
    return np.asarray(day, dtype="datetime64[M]").astype(int)


KONTAKTER = [
    "kontakt_id",
    "kontakt_datum",
    "enhet_kod",
    "personnummer",
    "fas",
    "kontakttyp",
    "yrkeskategori",
    "kva_koder",
    "status",
    "beslut_datum",
    "medicinskt_maldatum",
    "avvikelse",
    "vardgaranti",
    "prioritet",
]


def kontakter(
    out: Path,
    frame: pd.DataFrame,
    *,
    spec: RegionSpec,
    kinds: KindTable,
    patients: Patients,
    until: date,
) -> list[Path]:
    """One file per month of contacts; a cancellation follows in a later month's file."""
    day = frame["day"].to_numpy().astype("datetime64[D]")
    month = _months(day)
    cancel_month = frame["cancel_month"].to_numpy()
    paths = []
    # Text is built a month at a time: for a whole region it would not fit in memory at once.
    for m in np.unique(month):
        done = np.flatnonzero(month == m)
        rows = np.concatenate([done, np.flatnonzero(cancel_month == m)])
        f = frame.iloc[rows]
        kind = f["kind"].to_numpy()
        columns = [
            text.padded(rows, 10, "K"),
            text.iso_dates(day[rows]),
            _codes(spec, "cosmic", f["unit"].to_numpy()),
            _identity(patients, f["patient"].to_numpy()),
            f["fas"].to_numpy(),
            kinds.kontakttyp[kind],
            kinds.yrkeskategori[kind],
            f["kva"].to_numpy(),
            np.where(np.arange(len(rows)) < len(done), "GENOMFORD", "MAKULERAD"),
            text.iso_dates(f["beslut"].to_numpy()),
            text.iso_dates(f["maldatum"].to_numpy()),
            text.choose_text(AVVIKELSE, f["avvikelse"].to_numpy()),
            f["vardgaranti"].to_numpy(),
            text.choose_text(PRIORITY, f["prioritet"].to_numpy()),
        ]
        path = out / extract_name("kontakter", "cosmic", extract_day(m, until))
        paths.append(write_csv(path, KONTAKTER, columns))
    return paths


def produktion(out: Path, counts: pd.DataFrame, *, spec: RegionSpec, until: date) -> list[Path]:
    """Diver's weekly figures, one file per month in which the weeks end."""
    week = counts["week"].to_numpy()
    sunday = np.array(
        [date.fromisocalendar(int(k // 100), int(k % 100), 7) for k in np.unique(week)],
        dtype="datetime64[D]",
    )
    month = _months(sunday)[np.searchsorted(np.unique(week), week)]
    header = ["vecka", "enhet_kod", "matt", "antal"]
    columns = [
        text.iso_weeks(week),
        _codes(spec, "diver", counts["unit"].to_numpy()),
        counts["matt"].to_numpy(),
        counts["antal"].to_numpy(),
    ]
    paths = []
    for m in np.unique(month):
        rows = month == m
        path = out / extract_name("produktion", "diver", extract_day(m, until))
        paths.append(
            write_csv(path, header, [c[rows] for c in columns], encoding="cp1252", newline="\r\n")
        )
    return paths


def vantande(
    out: Path,
    snapshots: list[tuple[np.datetime64, pd.DataFrame]],
    *,
    spec: RegionSpec,
    patients: Patients,
    until: date,
) -> list[Path]:
    """One complete snapshot per file, named the day after it was measured."""
    header = [
        "matdatum",
        "vantande_id",
        "enhet_kod",
        "personnummer",
        "fas",
        "kva_kod",
        "beslut_datum",
        "medicinskt_maldatum",
        "avvikelse",
        "prioritet",
        "hemlan",
    ]
    paths = []
    for day, f in snapshots:
        patient = f["patient"].to_numpy()
        columns = [
            np.full(len(f), str(day)),
            f["id"].to_numpy(),
            _codes(spec, "cosmic", f["unit"].to_numpy()),
            _identity(patients, patient),
            f["fas"].to_numpy(),
            f["kva"].to_numpy(),
            text.iso_dates(f["start"].to_numpy()),
            text.iso_dates(f["maldatum"].to_numpy()),
            text.choose_text(AVVIKELSE, f["avvikelse"].to_numpy()),
            text.choose_text(PRIORITY, f["prioritet"].to_numpy()),
            patients.county[patient],
        ]
        extracted = min((day + np.timedelta64(1, "D")).item(), until)
        path = out / extract_name("vantande", "cosmic", extracted)
        paths.append(write_csv(path, header, columns, encoding="utf-8-sig"))
    return paths


def remisser(out: Path, frame: pd.DataFrame, *, spec: RegionSpec, until: date) -> list[Path]:
    header = [
        "remiss_id",
        "ankomst_datum",
        "enhet_kod",
        "fas",
        "kva_kod",
        "prioritet",
        "status",
        "remittent",
    ]
    columns = [
        frame["id"].to_numpy(),
        text.iso_dates(frame["arrival"].to_numpy()),
        _codes(spec, "cosmic", frame["unit"].to_numpy()),
        frame["fas"].to_numpy(),
        frame["kva"].to_numpy(),
        text.choose_text(PRIORITY, frame["prioritet"].to_numpy()),
        frame["status"].to_numpy(),
        frame["referrer"].to_numpy(),
    ]
    month = _months(frame["arrival"].to_numpy())
    paths = []
    for m in np.unique(month):
        rows = month == m
        path = out / extract_name("remisser", "cosmic", extract_day(m, until))
        paths.append(write_csv(path, header, [c[rows] for c in columns]))
    return paths


def bokade(
    out: Path, frame: pd.DataFrame, *, spec: RegionSpec, measured: date, until: date
) -> list[Path]:
    header = [
        "matdatum",
        "bokning_id",
        "bokad_datum",
        "enhet_kod",
        "fas",
        "kontakttyp",
        "yrkeskategori",
    ]
    columns = [
        np.full(len(frame), measured.isoformat()),
        frame["id"].to_numpy(),
        text.iso_dates(frame["day"].to_numpy()),
        _codes(spec, "cosmic", frame["unit"].to_numpy()),
        frame["fas"].to_numpy(),
        frame["kontakttyp"].to_numpy(),
        frame["yrkeskategori"].to_numpy(),
    ]
    return [write_csv(out / extract_name("bokade", "cosmic", until), header, columns)]


def _decimal_comma(values: np.ndarray) -> np.ndarray:
    return np.char.replace(np.round(values, 1).astype(str), ".", ",")


def bemanning(out: Path, frame: pd.DataFrame, *, spec: RegionSpec, until: date) -> list[Path]:
    """One file per ISO year, with the decimal comma Swedish spreadsheets write."""
    header = ["vecka", "enhet_kod", "yrkeskategori", "tillgangliga_timmar", "arsarbetare"]
    week = frame["week"].to_numpy()
    paths = []
    for year in np.unique(week // 100):
        f = frame[week // 100 == year]
        columns = [
            text.iso_weeks(f["week"].to_numpy()),
            _codes(spec, "hr", f["unit"].to_numpy()),
            f["prof"].to_numpy(),
            _decimal_comma(f["hours"].to_numpy()),
            _decimal_comma(f["fte"].to_numpy()),
        ]
        path = out / extract_name("bemanning", "hr", until, suffix=str(year))
        paths.append(write_csv(path, header, columns))
    return paths


def befolkning(out: Path, frame: pd.DataFrame, *, until: date) -> list[Path]:
    """SCB's figures as the Excel file its statistics database hands out."""
    path = out / extract_name("befolkning", "scb", until, ext="xlsx")
    columns = [frame["ar"].to_numpy(), frame["lan_kod"].to_numpy(), frame["antal"].to_numpy()]
    stamp = datetime(until.year, until.month, until.day)
    return [write_xlsx(path, ["ar", "lan_kod", "antal"], columns, stamp=stamp)]


def kva(out: Path) -> list[Path]:
    """Socialstyrelsen's files unchanged.

    Level-4 files are named by the convention (``kka-2021-level4`` →
    ``kva_socialstyrelsen_20210101_kka-level4.txt``); their codes tell KKÅ from
    KMÅ by shape. The chapter files (levels 1–3) keep Socialstyrelsen's own
    names, which the format also accepts: a chapter code such as ``AB`` exists
    in both classifications, so only that name says which one it is.
    """
    paths = []
    for source in sorted(KVA_DIR.glob("*.txt")):
        classification, year, level = source.stem.split("-")
        if level == "level4":
            name = extract_name(
                "kva",
                "socialstyrelsen",
                date(int(year), 1, 1),
                suffix=f"{classification}-{level}",
                ext="txt",
            )
        else:
            name = source.name
        shutil.copyfile(source, out / name)
        paths.append(out / name)
    return paths


OPERATIONER = [
    "operation_id",
    "sal_kod",
    "enhet_kod",
    "op_datum",
    "personnummer",
    "kva_koder",
    "prioritet",
    "akut",
    "anmalan_datum",
    "patient_in",
    "op_start",
    "op_slut",
    "patient_ut",
    "status",
    "struken_tid",
    "struken_orsak",
]


def _clock_times(day: np.ndarray, minutes: pd.Series) -> np.ndarray:
    """Minutes from the day's midnight (past midnight, or days before) as local times, "" for none."""
    known = minutes.notna().to_numpy()
    offset = minutes.fillna(0).to_numpy(dtype=np.int64).astype("timedelta64[m]")
    moments = day.astype("datetime64[m]") + offset
    return np.where(known, np.datetime_as_string(moments, unit="m"), "")


def operationer(
    out: Path,
    theatre,
    frame: pd.DataFrame,
    *,
    spec: RegionSpec,
    rooms: list,
    patients: Patients,
    until: date,
) -> list[Path]:
    """The operations of COSMIC's operation module, one file per month of operation days."""
    ops = theatre.operations
    if ops.empty:
        return []
    day = ops["day"].to_numpy().astype("datetime64[D]")
    struck = ops["row"].to_numpy() < 0
    row = np.where(struck, -ops["row"].to_numpy() - 1, ops["row"].to_numpy())
    source = frame.iloc[row]
    cosmic_rooms = np.array([r.cosmic_code for r in rooms])
    columns = [
        np.char.add(np.where(struck, "S", "O"), text.padded(row, 10, "P")),
        cosmic_rooms[ops["room"].to_numpy()],
        _codes(spec, "cosmic", ops["unit"].to_numpy()),
        text.iso_dates(day),
        np.where(struck, "", _identity(patients, source["patient"].to_numpy())),
        source["kva"].to_numpy(),
        text.choose_text(PRIORITY, source["prioritet"].to_numpy()),
        np.full(len(ops), "N"),
        text.iso_dates(source["beslut"].to_numpy()),
        _clock_times(day, ops["patient_in"]),
        _clock_times(day, ops["op_start"]),
        _clock_times(day, ops["op_end"]),
        _clock_times(day, ops["patient_out"]),
        np.where(struck, "STRUKEN", "GENOMFORD"),
        _clock_times(day, ops["struck_at"]),
        ops["cause"].to_numpy(),
    ]
    month = _months(day)
    paths = []
    for m in np.unique(month):
        rows = month == m
        path = out / extract_name("operationer", "cosmic", extract_day(m, until))
        paths.append(write_csv(path, OPERATIONER, [c[rows] for c in columns]))
    return paths


def salstider(out: Path, theatre, *, spec: RegionSpec, rooms: list, until: date) -> list[Path]:
    """Orbit's session plan, one file per month."""
    from ..theatre import orbit_code

    sessions = theatre.sessions
    if sessions.empty:
        return []
    day = sessions["day"].to_numpy().astype("datetime64[D]")
    orbit_units = np.array([orbit_code(u) for u in spec.units] + [""])
    unit = sessions["unit"].to_numpy()
    clock = lambda minutes: np.array([f"{m // 60:02d}:{m % 60:02d}" for m in minutes])  # noqa: E731
    columns = [
        text.iso_dates(day),
        np.array([r.orbit_code for r in rooms])[sessions["room"].to_numpy()],
        clock(sessions["start"].to_numpy()),
        clock(sessions["end"].to_numpy()),
        orbit_units[np.where(unit < 0, len(spec.units), unit)],
        np.where(sessions["staffed"].to_numpy(), "J", "N"),
    ]
    month = _months(day)
    paths = []
    for m in np.unique(month):
        rows = month == m
        path = out / extract_name("salstider", "orbit", extract_day(m, until))
        paths.append(
            write_csv(
                path,
                ["datum", "sal_kod", "start", "slut", "enhet_kod", "bemannad"],
                [c[rows] for c in columns],
            )
        )
    return paths
