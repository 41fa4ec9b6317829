"""The neighbouring regions' aggregated waiting-list reports (vantanderapport), as they would
arrive from the other two regions of a south-east healthcare region.

Each neighbour has the demo region's case mix at its own size and waiting pressure: every
month end, each group of the demo region's waiting list (phase and KVÅ code) is redrawn at the
neighbour's size, and the waits stretched by its pressure; the counts are then suppressed as a
region publishes them (``waitlists.exchange``). Kalmar misses one month's report.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from waitlists import exchange

from ..catalogue import POPULATION
from .files import extract_name

# County, waiting per inhabitant against the demo region's, waits stretched by.
NEIGHBOURS = (("05", 0.85, 0.8), ("08", 1.2, 1.35))
MONTHS = 24
# Kalmar's report for this many months before the last is missing: a month not delivered.
MISSED = {"08": 5}
GUARANTEE_PHASES = (1, 2)


def _counts(
    frame: pd.DataFrame, day: np.datetime64, scale: float, stretch: float, rng
) -> list[dict]:
    waits = (day - frame["start"].to_numpy().astype("datetime64[D]")).astype(int)
    rows = []
    groups = pd.DataFrame(
        {
            "fas": frame["fas"].to_numpy(),
            "kva": frame["kva"].fillna("").to_numpy(),
            "wait": waits,
            "dev": frame["avvikelse"].to_numpy(),
        }  # fmt: skip
    ).groupby(["fas", "kva"], sort=True)
    for (phase, code), group in groups:
        n = int(rng.poisson(len(group) * scale))
        if n == 0:
            continue
        pick = rng.integers(0, len(group), size=n)
        wait = group["wait"].to_numpy()[pick] * stretch
        dev = group["dev"].to_numpy()[pick]
        guarantee = (dev != 1) & (dev != 2) if phase in GUARANTEE_PHASES else np.zeros(n, bool)
        rows.append(
            {
                "fas": int(phase),
                "kva_kod": str(code),
                "antal": n,
                "antal_vardgaranti": int(guarantee.sum()),
                "over_90": int((guarantee & (wait > 90)).sum()),
                "over_150": int((guarantee & (wait > 150)).sum()),
                "pvv": int((dev == 1).sum()),
                "mov": int((dev == 2).sum()),
            }
        )
    return rows


def reports(
    out: Path,
    snapshots: list[tuple[np.datetime64, pd.DataFrame]],
    *,
    own_county: str,
    rng: np.random.Generator,
) -> list[Path]:
    """Each neighbour's report at each of the last month ends, named by its measurement day."""
    month_ends = [
        (day, frame)
        for day, frame in snapshots
        if (day + np.timedelta64(1, "D")).astype("datetime64[M]") != day.astype("datetime64[M]")
    ][-MONTHS:]
    paths = []
    for county, per_inhabitant, stretch in NEIGHBOURS:
        scale = per_inhabitant * POPULATION[county] / POPULATION[own_county]
        for n, (day, frame) in enumerate(month_ends):
            if MISSED.get(county) == len(month_ends) - 1 - n:
                continue
            measured = date.fromisoformat(str(day))
            rows = exchange.report_rows(
                _counts(frame, day, scale, stretch, rng), county=county, day=measured, minimum=5
            )
            path = out / extract_name("vantanderapport", county, measured)
            path.write_text(exchange.to_csv(rows), encoding="utf-8")
            paths.append(path)
    return paths
