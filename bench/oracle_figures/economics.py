"""Economics: the DRG figures per year and tertial, for the region and each clinic, from
``kpp`` and ``drgvikter`` (DOMAIN.md, "Economics"):

- a KPP row counts when its DRG has a weight for the row's year and care form; an
  outpatient row only while its contact is among the performed contacts (a contact struck
  after its KPP row was made no longer counts: ``without_contact``);
- contacts: those rows; points: Σ weights; case-mix index: points ÷ contacts; cost: Σ KPP
  cost; cost per point: cost ÷ points over the inner cases (outliers, ``ytterfall`` J, left
  out), and over all cases; outliers: the rows marked so; ungrouped: rows with their
  contact but no weight for their DRG (or no DRG);
- per tertial (the platform's stated rule, DOMAIN.md has none): an outpatient row counts in
  its contact's tertial, an inpatient row in the tertial of its episode's discharge (in the
  year only while the episode is unknown or not discharged), and rows without their contact
  are shown in every tertial as in the year.

The API rounds: points to 0.01, the index to 0.0001, kronor to whole kronor.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from .compare import Comparison
from .expected import TERTIAL_MONTHS, tertial_bounds
from .extracts import column, decimals, files_of, replaced, stacked
from .inpatient import read_episodes
from .reference import _query

# figure -> decimal places the API writes it with (None: an integer, exact)
FIGURES = {
    "contacts": None,
    "points": 2,
    "case_mix_index": 4,
    "cost": 0,
    "cost_per_point": 0,
    "cost_per_point_all": 0,
    "outliers": None,
    "ungrouped": None,
    "without_contact": None,
}


def read_kpp(folder: Path) -> pd.DataFrame:
    """Replaced per (ar, enhet_kod) present in a later file."""
    rows = replaced(stacked(files_of(folder, "kpp")), ["ar", "enhet_kod"])
    if rows.empty:
        return pd.DataFrame(
            columns=["ar", "kontakt_id", "vardform", "enhet_kod", "drg_kod", "kostnad", "outlier"]
        )
    rows["ar"] = rows["ar"].astype(int)
    rows["vardform"] = rows["vardform"].str.upper()
    rows["drg_kod"] = column(rows, "drg_kod").str.upper()
    rows["kostnad"] = decimals(rows["kostnad"])
    rows["outlier"] = column(rows, "ytterfall").str.upper() == "J"
    return rows


def read_weights(folder: Path) -> dict[tuple[int, str, str], float]:
    """(ar, vardform, drg_kod) -> weight; a later file replaces a whole (ar, vardform)."""
    rows = stacked(files_of(folder, "drgvikter"))
    if rows.empty:
        return {}
    rows["vardform"] = rows["vardform"].str.upper()
    rows = replaced(rows, ["ar", "vardform"])
    return {
        (int(y), f, d.upper()): float(w)
        for y, f, d, w in zip(
            rows["ar"], rows["vardform"], rows["drg_kod"], decimals(rows["vikt"]), strict=True
        )
    }


def weighed(kpp: pd.DataFrame, weights: dict, performed: set[str]) -> pd.DataFrame:
    """Each KPP row's weight (None: no weight for its DRG, year and care form) and whether it
    still has its contact (an inpatient row always: episodes are not matched here)."""
    return kpp.assign(
        weight=[
            weights.get((y, f, d))
            for y, f, d in zip(kpp["ar"], kpp["vardform"], kpp["drg_kod"], strict=True)
        ],
        has_contact=(kpp["vardform"] != "OPPEN") | kpp["kontakt_id"].isin(performed),
    )


def figures(rows: pd.DataFrame) -> dict:
    """``rows``: the KPP rows of one scope, with ``weight`` (None: ungrouped) and ``has_contact``."""
    lost = rows[~rows["has_contact"]]
    counted = rows[rows["has_contact"] & rows["weight"].notna()]
    inner = counted[~counted["outlier"]]
    points, cost = float(counted["weight"].sum()), float(counted["kostnad"].sum())
    inner_points = float(inner["weight"].sum())
    return {
        "contacts": len(counted),
        "points": points,
        "case_mix_index": points / len(counted) if len(counted) else None,
        "cost": cost,
        "cost_per_point": float(inner["kostnad"].sum()) / inner_points if inner_points else None,
        "cost_per_point_all": cost / points if points else None,
        "outliers": int(counted["outlier"].sum()),
        "ungrouped": int((rows["has_contact"] & rows["weight"].isna()).sum()),
        "without_contact": len(lost),
    }


def rounded(expected, reported, places: int | None):
    """The reported value when it is the expected one written with ``places`` decimals."""
    if places is None or expected is None or reported is None:
        return expected
    if abs(float(expected) - float(reported)) <= 0.5 * 10**-places + 1e-9:
        return float(reported)
    return expected


def check(result: Comparison, client, folder: Path, connection, today: date, contacts) -> None:
    """``contacts``: the performed contacts the extract files leave in force."""
    kpp = read_kpp(folder)
    if kpp.empty:
        return
    weights = read_weights(folder)
    units = _query(
        connection,
        "SELECT s.code, c.id, c.name FROM organisation_unitsourcecode s "
        "JOIN organisation_unit u ON u.id = s.unit_id "
        "JOIN organisation_clinic c ON c.id = u.clinic_id WHERE s.source = 'kpp'",
        ["code", "clinic", "name"],
    )
    clinic_of = dict(zip(units["code"], units["clinic"], strict=True))
    clinic_name = dict(zip(units["clinic"], units["name"], strict=False))
    day_of = dict(zip(contacts["kontakt_id"], contacts["day"], strict=True))
    kpp["clinic"] = kpp["enhet_kod"].map(clinic_of)
    kpp = weighed(kpp.dropna(subset=["clinic"]).astype({"clinic": int}), weights, set(day_of))
    episodes = read_episodes(folder)
    discharged = episodes[episodes["discharged"].notna()] if not episodes.empty else episodes
    discharge_of = dict(
        zip(discharged.get("vardtillfalle_id", []), discharged.get("discharged", []), strict=True)
    )
    kpp["tertial"] = tertials(kpp, day_of, discharge_of)
    for year in sorted(set(kpp["ar"])):
        if year > today.year:
            continue
        here = kpp[kpp["ar"] == year]
        data = client.get(f"/api/v1/economics/drg/?year={year}")
        _compare(result, data, here, str(year), clinic_name)
        for tertial in TERTIAL_MONTHS:
            if tertial_bounds(year, tertial)[0] > today:
                continue
            in_tertial = here[(here["tertial"] == tertial) | ~here["has_contact"]]
            data = client.get(f"/api/v1/economics/drg/?year={year}&tertial={tertial}")
            _compare(result, data, in_tertial, f"{year} T{tertial}", clinic_name)


def tertials(kpp: pd.DataFrame, day_of: dict, discharge_of: dict | None = None) -> pd.Series:
    """An outpatient row's tertial is its contact's, an inpatient row's its episode's discharge
    (0: none, an inpatient row whose episode is unknown or still admitted, or an outpatient row
    whose contact is gone: those count in the year only; the latter, ``without_contact``, are
    shown in every tertial of the year as well)."""
    discharge_of = discharge_of or {}
    months = []
    for key, form in zip(kpp["kontakt_id"], kpp["vardform"], strict=True):
        if form == "OPPEN":
            day = day_of.get(key)
        else:
            day = discharge_of.get(key)
        months.append(day.month if day is not None else 0)
    return pd.Series([(m + 3) // 4 for m in months], index=kpp.index)


def _compare(result: Comparison, data: dict, rows: pd.DataFrame, when: str, names: dict) -> None:
    """The region's figures and each clinic's: ``data`` is the API's answer."""
    scopes = [("(regionen)", figures(rows), data)]
    reported = {row["id"]: row for row in data["clinics"]}
    for clinic in sorted(set(rows["clinic"]) | set(reported)):
        scopes.append(
            (
                names.get(clinic, str(clinic)),
                figures(rows[rows["clinic"] == clinic]),
                reported.get(clinic, {}),
            )
        )
    for name, expected, got in scopes:
        for figure, places in FIGURES.items():
            value = got.get(figure)
            result.check(
                f"economics.{figure}",
                name,
                when,
                rounded(expected[figure], value, places),
                None if value is None else float(value),
            )
