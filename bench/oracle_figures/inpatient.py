"""Inpatient beds: each hospital's and ward's figures per tertial, recomputed from ``vardplatser``
and ``vardtillfallen`` (DOMAIN.md, "Inpatient beds"):

- staffed and occupied beds: Σ over the measured days ÷ the days measured (a hospital's
  wards added up per day); occupancy Σ occupied ÷ Σ staffed; överbeläggningar and
  utlokaliserade summed, and per 100 staffed beds: 100 × Σ ÷ Σ staffed;
- admissions: episodes admitted in the period, discharges those discharged in it; mean
  length of stay over the discharges, (utskrivning − inskrivning) in hours ÷ 24 (real
  elapsed time: local times across a change to or from summer time differ by an hour;
  ``_aware`` says how a local time the change skips or repeats is read).

A ward is a unit the platform keeps as a ward; its hospital the unit's, else its clinic's.
Each hospital's figures and each ward's are compared.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from .compare import Comparison
from .expected import TERTIAL_MONTHS, tertial_bounds
from .extracts import column, files_of, parse_dates, parse_times, replaced, stacked, upserted
from .reference import _query

ZONE = "Europe/Stockholm"
FIGURES = (
    "days_measured",
    "staffed_beds",
    "occupied_beds",
    "occupancy",
    "overcrowding",
    "overcrowding_per_100",
    "outlying",
    "outlying_per_100",
    "admissions",
    "discharges",
    "mean_length_of_stay",
)


def read_beds(folder: Path) -> pd.DataFrame:
    """Replaced per (datum, enhet_kod) by later files."""
    rows = replaced(stacked(files_of(folder, "vardplatser")), ["datum", "enhet_kod"])
    if rows.empty:
        return pd.DataFrame(columns=["day", "enhet_kod", "staffed", "occupied", "over", "out"])
    rows["day"] = parse_dates(rows["datum"])
    for name, source in (
        ("staffed", "disponibla"),
        ("occupied", "belagda"),
        ("over", "overbelaggningar"),
        ("out", "utlokaliserade"),
    ):
        rows[name] = pd.to_numeric(column(rows, source).replace("", "0")).astype(int)
    return rows


def _aware(times: pd.Series) -> pd.Series:
    """Python's rule for local times (PEP 495, fold 0): a time the spring change skips is read
    with the offset before it (an hour later in summer time), one the autumn change repeats as
    its first, summer-time occurrence."""
    first = np.ones(len(times), dtype=bool)
    return times.dt.tz_localize(ZONE, ambiguous=first, nonexistent=pd.Timedelta(hours=1))


def read_episodes(folder: Path) -> pd.DataFrame:
    """Upserted by vardtillfalle_id in file order; MAKULERAD removes the episode."""
    rows = upserted(stacked(files_of(folder, "vardtillfallen")), "vardtillfalle_id")
    if rows.empty:
        return pd.DataFrame(columns=["enhet_kod", "admitted", "discharged", "stay_days"])
    rows = rows[rows["status"].str.upper() != "MAKULERAD"].copy()
    inn, out = parse_times(rows["inskrivning"]), parse_times(column(rows, "utskrivning"))
    rows["admitted"] = inn.dt.date
    rows["discharged"] = out.dt.date.where(out.notna(), None)
    rows["stay_days"] = (_aware(out) - _aware(inn)).dt.total_seconds() / 86400
    return rows


def figures(beds: pd.DataFrame, episodes: pd.DataFrame, start: date, end: date) -> dict:
    b = beds[(beds["day"] >= start) & (beds["day"] <= end)]
    days = b["day"].nunique()
    staffed, occupied = int(b["staffed"].sum()), int(b["occupied"].sum())
    over, out = int(b["over"].sum()), int(b["out"].sum())
    admitted = episodes[(episodes["admitted"] >= start) & (episodes["admitted"] <= end)]
    left = episodes[
        episodes["discharged"].notna()
        & (episodes["discharged"].map(lambda d: d is not None and start <= d <= end))
    ]
    return {
        "days_measured": days,
        "staffed_beds": staffed / days if days else None,
        "occupied_beds": occupied / days if days else None,
        "occupancy": occupied / staffed if staffed else None,
        "overcrowding": over,
        "overcrowding_per_100": 100 * over / staffed if staffed else None,
        "outlying": out,
        "outlying_per_100": 100 * out / staffed if staffed else None,
        "admissions": len(admitted),
        "discharges": len(left),
        "mean_length_of_stay": left["stay_days"].sum() / len(left) if len(left) else None,
    }


def check(result: Comparison, client, folder: Path, connection, today: date, contacts=None) -> None:
    beds, episodes = read_beds(folder), read_episodes(folder)
    if beds.empty and episodes.empty:
        return
    wards = _query(
        connection,
        "SELECT u.id, COALESCE(u.site_id, c.site_id), s.code FROM inpatient_ward w "
        "JOIN organisation_unit u ON u.id = w.unit_id "
        "JOIN organisation_clinic c ON c.id = u.clinic_id "
        "JOIN organisation_unitsourcecode s ON s.unit_id = u.id AND s.source = 'cosmic'",
        ["ward", "site", "code"],
    ).dropna()
    for level in ("site", "ward"):
        group_of = dict(zip(wards["code"], wards[level].astype(int), strict=True))
        _level(
            result,
            client,
            today,
            level,
            beds.assign(group=beds["enhet_kod"].map(group_of)).dropna(subset=["group"]),
            episodes.assign(group=episodes["enhet_kod"].map(group_of)).dropna(subset=["group"]),
        )


def _level(result: Comparison, client, today: date, level: str, beds, episodes) -> None:
    """Each hospital's (``level`` site) or ward's figures per tertial against the API's."""
    days = pd.concat([beds["day"], episodes["admitted"]])
    if days.empty:
        return
    for year in range(min(days).year, today.year + 1):
        data = client.get(
            f"/api/v1/beds/occupancy/?level={level}&period=tertial"
            f"&from={year}-01-01&to={year}-12-31"
        )
        reported = {
            (g["key"], p["key"]): (g["name"], p["figures"])
            for g in data["groups"]
            for p in g["periods"]
        }
        for group in sorted(set(beds["group"]) | set(episodes["group"])):
            here_beds, here_episodes = (
                beds[beds["group"] == group],
                episodes[episodes["group"] == group],
            )
            for tertial in TERTIAL_MONTHS:
                start, end = tertial_bounds(year, tertial)
                if start > today:
                    continue
                expected = figures(here_beds, here_episodes, start, end)
                name, got = reported.get((int(group), f"{year}-T{tertial}"), (str(group), {}))
                counts = ("days_measured", "admissions", "discharges")
                if not got and not any(expected[c] for c in counts):
                    continue  # nothing measured, nothing reported
                for figure in FIGURES:
                    result.check(
                        f"inpatient.{level}.{figure}",
                        name,
                        f"{year} T{tertial}",
                        expected[figure],
                        got.get(figure),
                    )
