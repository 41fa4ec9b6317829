"""Inhabitants per county and year (befolkning), grown from SCB's approximate figures."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from ..catalogue import POPULATION

COUNTIES_CSV = Path(__file__).resolve().parent.parent / "data" / "counties.csv"
BASE_YEAR = 2023


def counties() -> list[str]:
    with COUNTIES_CSV.open(encoding="utf-8") as fh:
        return [row["county_code"] for row in csv.DictReader(fh)]


def population(*, years: list[int], rng: np.random.Generator) -> pd.DataFrame:
    codes = counties()
    growth = rng.normal(0.006, 0.004, size=len(codes))
    rows = [
        (year, code, int(round(POPULATION[code] * (1 + g) ** (year - BASE_YEAR))))
        for year in years
        for code, g in zip(codes, growth, strict=True)
    ]
    return pd.DataFrame(rows, columns=["ar", "lan_kod", "antal"])
