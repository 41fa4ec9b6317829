"""Diver's weekly production per unit and measure, aggregated from the contacts.

Diver counts the same contacts as COSMIC through the default contact rules
(the migration that seeds them is the one source), so the two agree, except
in the units the catalogue gives a deliberate deviation.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import numpy as np
import pandas as pd

from ..region import RegionSpec
from .contacts import KindTable

_defaults = importlib.import_module("organisation.migrations.0002_default_activities")
OVERCOUNT = 1.1
OVERCOUNT_MONTH_SHARE = 0.35
MISSING_WEEKS = 3


@lru_cache(maxsize=1)
def _rules() -> dict[tuple[int, str, str], str]:
    return {(fas, ctype, prof): code for fas, ctype, prof, code in _defaults.RULES}


def activity_of(fas: int, kontakttyp: str, yrkeskategori: str) -> str | None:
    """The default activity code of a contact: the most specific rule wins, as in the platform."""
    rules = _rules()
    for key in (
        (fas, kontakttyp, yrkeskategori),
        (fas, kontakttyp, ""),
        (fas, "", yrkeskategori),
        (fas, "", ""),
    ):
        if key in rules:
            return rules[key]
    return None


@lru_cache(maxsize=1)
def measure_names() -> dict[str, str]:
    """Diver's measure name for each activity code."""
    return {code: measure for measure, code in _defaults.MEASURES}


def production(
    *,
    spec: RegionSpec,
    frame: pd.DataFrame,
    kinds: KindTable,
    week_key: np.ndarray,
    last_week: int,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Rows (week, unit, matt, antal) for complete weeks up to ``last_week``."""
    names = measure_names()
    kind_measure = np.array(
        [
            names[activity_of(int(f), t, y)]
            for f, t, y in zip(kinds.fas, kinds.kontakttyp, kinds.yrkeskategori, strict=True)
        ],
        dtype=object,
    )
    counted = (frame["cancel_month"].to_numpy() < 0) & (week_key <= last_week)
    table = pd.DataFrame(
        {
            "week": week_key[counted],
            "unit": frame["unit"].to_numpy()[counted],
            "matt": kind_measure[frame["kind"].to_numpy()[counted]],
        }
    )
    deviation = np.array([u.profile.diver_deviation for u in spec.units], dtype=object)
    # Diver files doctors' phone contacts of these units as return visits.
    remap = (deviation[table["unit"].to_numpy()] == "mapping") & (
        table["matt"].to_numpy() == names["lak-telefon"]
    )
    table.loc[remap, "matt"] = names["lak-ater"]
    counts = table.groupby(["week", "unit", "matt"], sort=True).size().rename("antal").reset_index()

    visits = counts["matt"].isin([names["lak-ny"], names["lak-ater"]]).to_numpy()
    for u in np.flatnonzero(deviation == "overcount"):
        mine = counts["unit"].to_numpy() == u
        weeks = np.unique(counts.loc[mine, "week"].to_numpy())
        # Diver picks up late registrations COSMIC's extract missed, in some four-week stretches.
        stretch = np.searchsorted(weeks, counts["week"].to_numpy()) // 4
        chosen = np.flatnonzero(rng.random(stretch.max() + 1) < OVERCOUNT_MONTH_SHARE)
        chosen = (
            chosen if chosen.size else stretch[mine].max(keepdims=True)
        )  # a short period still shows it
        bump = mine & visits & np.isin(stretch, chosen)
        counts.loc[bump, "antal"] = np.ceil(
            counts.loc[bump, "antal"].to_numpy() * OVERCOUNT
        ).astype(int)
    for u in np.flatnonzero(deviation == "missing_weeks"):
        mine = counts["unit"].to_numpy() == u
        weeks = np.unique(counts.loc[mine, "week"].to_numpy())
        gone = rng.choice(weeks, size=min(MISSING_WEEKS, len(weeks)), replace=False)
        counts = counts[~(mine & counts["week"].isin(gone).to_numpy())]
    return counts.reset_index(drop=True)
