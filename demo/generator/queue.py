"""The waiting list: care requests that join on their decision day and leave after their wait.

Every request gets a start (``beslut_datum``) and an end (when it is done);
a snapshot on a day is everyone who has started and not yet ended. Mean
waits are scaled so the latest snapshot holds about the number of people
asked for; units whose referrals outrun their capacity see waits grow year
by year. Referrals (``remisser``) are the same requests seen on arrival.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from ..region import RegionSpec
from . import kva, text, volumes
from .contacts import KindTable, by_unit
from .timeline import timeline

WARM_UP_DAYS = 730  # requests made before the period, still waiting in it
RETURN_SHARE = 0.3  # of the fas-4 contacts, how many pass through the waiting list
RETURN_QUEUE_SHARE = 0.3  # at most this share of the list is return visits
RETURN_INTERVALS = np.array([28, 42, 90, 180, 365])
RETURN_INTERVAL_SHARES = (0.15, 0.2, 0.3, 0.25, 0.1)
AVVIKELSE = ["", "PVV", "MOV", "SOV"]
AVVIKELSE_SHARES = (0.915, 0.06, 0.02, 0.005)
AVVIKELSE_WAIT = np.array([1.0, 2.2, 1.8, 1.0])
REJECTED_SHARE = 0.08  # referrals turned away or withdrawn, on top of the accepted
REFERRERS = [
    "Vårdcentralen Norrby",
    "Vårdcentralen Söderport",
    "Vårdcentralen Eksby",
    "Vårdcentralen Västerby",
    "Hälsocentralen Åsen",
    "Vårdcentralen Sjöstaden",
    "Företagshälsovården",
    "Egen remiss",
]


@dataclass(frozen=True)
class Queue:
    """Every care request of the period (and its warm-up), as a frame sorted by start."""

    frame: pd.DataFrame
    wait_scale: float  # factor on the catalogue's mean waits that gave the requested queue

    def snapshot(self, day: np.datetime64) -> pd.DataFrame:
        f = self.frame
        return f[(f["start"].to_numpy() <= day) & (f["end"].to_numpy() > day)]


def _fas_choice(rng: np.random.Generator, kinds: KindTable, unit: np.ndarray) -> np.ndarray:
    fas = np.ones(len(unit), dtype=np.int64)
    for u, rows in by_unit(unit):
        mine = (kinds.unit == u) & np.isin(kinds.fas, (1, 2, 3))
        shares = pd.Series(kinds.share[mine]).groupby(kinds.fas[mine]).sum()
        fas[rows] = rng.choice(
            shares.index.to_numpy(), size=len(rows), p=(shares / shares.sum()).to_numpy()
        )
    return fas


def _arrivals(
    rng: np.random.Generator, rate: np.ndarray, days: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    counts = rng.poisson(rate)
    unit = np.repeat(np.repeat(np.arange(rate.shape[0]), rate.shape[1]), counts.ravel())
    day = np.repeat(np.tile(days, rate.shape[0]), counts.ravel())
    return unit, day


def waiting_list(
    *,
    spec: RegionSpec,
    kinds: KindTable,
    scale: float,
    start: date,
    last: date,
    target: int,
    windows: list[np.ndarray],
    rng: np.random.Generator,
) -> Queue:
    units = volumes.UnitTable.of(spec)
    tl = timeline(start - timedelta(days=WARM_UP_DAYS), last, origin=start)
    shape = (tl.inflow * tl.trend / 5)[None, :] * units.waiting_list[:, None]
    per_unit = lambda fases: np.bincount(  # noqa: E731
        kinds.unit, weights=kinds.share * np.isin(kinds.fas, fases), minlength=len(spec.units)
    )
    new_rate = units.weekly * scale * per_unit((1, 2, 3)) * units.pressure
    return_rate = units.weekly * scale * per_unit((4,)) * RETURN_SHARE
    end_day = np.datetime64(last, "D")

    # Return visits: planned at a decision, due after an interval, done a little late.
    r_unit, r_start = _arrivals(rng, return_rate[:, None] * shape, tl.days)
    interval = rng.choice(RETURN_INTERVALS, size=len(r_unit), p=RETURN_INTERVAL_SHARES)
    slip = rng.exponential(15 + 200 * np.maximum(units.pressure[r_unit] - 1, 0))
    r_target = r_start + interval.astype("timedelta64[D]")
    r_end = r_start + np.round(interval * rng.uniform(0.8, 1.0, len(r_unit)) + slip).astype(
        "timedelta64[D]"
    )
    waiting = (r_start <= end_day) & (r_end > end_day)
    cap = RETURN_QUEUE_SHARE * target
    if waiting.sum() > cap:
        keep = rng.random(len(r_unit)) < cap / waiting.sum()
        r_unit, r_start, r_target, r_end = r_unit[keep], r_start[keep], r_target[keep], r_end[keep]

    # New requests: referrals accepted, waits calibrated to the queue asked for.
    n_unit, n_start = _arrivals(rng, new_rate[:, None] * shape, tl.days)
    fas = _fas_choice(rng, kinds, n_unit)
    priority = volumes.draw_priority(rng, len(n_unit))
    avvikelse = rng.choice(4, size=len(n_unit), p=AVVIKELSE_SHARES)
    base = volumes.mean_wait(units, n_unit, n_start, origin=start, scale=1.0)
    base = (
        base * volumes.FAS_WAIT[fas] * volumes.PRIORITY_WAIT[priority] * AVVIKELSE_WAIT[avvikelse]
    )
    standard = volumes.draw_waits(rng, base)
    wanted = max(target - int(((r_start <= end_day) & (r_end > end_day)).sum()), 0)
    before = (end_day - n_start).astype(int)
    started = before >= 0
    low, high = 0.01, 20.0
    for _ in range(50):  # the queue on the last day grows with the scale: bisect
        mid = (low + high) / 2
        if int((started & (standard * mid > before)).sum()) < wanted:
            low = mid
        else:
            high = mid
    wait_scale = (low + high) / 2
    n_end = n_start + np.ceil(standard * wait_scale).astype("timedelta64[D]")
    n_target = np.where(
        priority == 1,
        n_start + np.timedelta64(30, "D"),
        np.where(
            (priority == 2) & (rng.random(len(n_unit)) < 0.5),
            n_start + np.timedelta64(60, "D"),
            np.datetime64("NaT"),
        ),
    )

    frame = pd.DataFrame(
        {
            "unit": np.concatenate([n_unit, r_unit]),
            "fas": np.concatenate([fas, np.full(len(r_unit), 4)]),
            "start": np.concatenate([n_start, r_start]),
            "end": np.concatenate([n_end, r_end]),
            "maldatum": np.concatenate([n_target, r_target]).astype("datetime64[D]"),
            "prioritet": np.concatenate([priority, np.zeros(len(r_unit), dtype=np.int64)]),
            "avvikelse": np.concatenate([avvikelse, np.zeros(len(r_unit), dtype=np.int64)]),
            "referral": np.concatenate([np.ones(len(n_unit), bool), np.zeros(len(r_unit), bool)]),
        }
    ).sort_values(["start", "unit"], kind="stable", ignore_index=True)
    patient = np.zeros(len(frame), dtype=np.int64)
    for u, rows in by_unit(frame["unit"].to_numpy()):
        patient[rows] = windows[u][rng.integers(len(windows[u]), size=len(rows))]
    frame["patient"] = patient
    frame["kva"] = _planned_codes(rng, spec, frame)
    referral = frame["referral"].to_numpy()
    number = np.arange(len(frame))
    frame["id"] = np.where(referral, text.padded(number, 9, "R"), text.padded(number, 9, "A"))
    lag = rng.choice([0, 0, 0, 1, 2, 3, 5, 7], size=len(frame)).astype("timedelta64[D]")
    frame["arrival"] = frame["start"].to_numpy() - lag
    return Queue(frame=frame, wait_scale=wait_scale)


def _planned_codes(rng: np.random.Generator, spec: RegionSpec, frame: pd.DataFrame) -> np.ndarray:
    codes = np.full(len(frame), "", dtype=object)
    fas = frame["fas"].to_numpy()
    for u, rows in by_unit(frame["unit"].to_numpy()):
        profile = spec.units[u].profile
        pool, weights = kva.unit_pool(rng, profile.kva_prefixes, surgical=profile.operates)
        if not len(pool):
            continue
        rows = rows[(fas[rows] == 2) | ((fas[rows] == 3) & (rng.random(len(rows)) < 0.5))]
        codes[rows] = pool[rng.choice(len(pool), size=len(rows), p=weights)]
    return codes


def referrals(*, queue: Queue, start: date, last: date, rng: np.random.Generator) -> pd.DataFrame:
    """Referrals that arrived in the period: the accepted ones, plus some turned away or withdrawn."""
    f = queue.frame
    arrived = f[
        f["referral"]
        & (f["arrival"] >= np.datetime64(start, "D"))
        & (f["arrival"] <= np.datetime64(last, "D"))
    ]
    accepted = pd.DataFrame(
        {
            "id": arrived["id"],
            "arrival": arrived["arrival"],
            "unit": arrived["unit"],
            "fas": arrived["fas"],
            "kva": arrived["kva"],
            "prioritet": arrived["prioritet"],
            "status": "MOTTAGEN",
        }
    )
    extra = accepted.sample(n=int(len(accepted) * REJECTED_SHARE), random_state=rng).copy()
    extra["id"] = text.padded(len(f) + np.arange(len(extra)), 9, "R")
    extra["status"] = np.where(rng.random(len(extra)) < 0.75, "AVVISAD", "MAKULERAD")
    extra["prioritet"] = 0
    result = pd.concat([accepted, extra], ignore_index=True)
    result["referrer"] = rng.choice(REFERRERS, size=len(result))
    return result.sort_values(["arrival", "id"], kind="stable", ignore_index=True)
