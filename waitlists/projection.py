"""What-if projection of a waiting list, week by week, with an uncertainty band from simulation.

Pure numpy, no database: the selector gathers the queue, the forecast inflow
and the capacity per week; this module turns them into the expected path and
percentiles of many simulated paths. All runs are one (runs, weeks) array.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

DEFAULT_RUNS = 1000
# A fixed seed: the same question gives the same picture on every reload and in every export.
DEFAULT_SEED = 20_260_101
BAND = (10, 90)  # percentiles of the band shown around the median
# Share of simulated runs at or under the target queue that counts as "the guarantee holds".
CONFIDENT_SHARE = 0.9


@dataclass(frozen=True)
class Projection:
    """The projected queue for weeks 0 (now) … n: expected path, median, band, chance of target."""

    expected: np.ndarray
    median: np.ndarray
    low: np.ndarray
    high: np.ndarray
    share_at_target: np.ndarray
    target_queue: float
    runs: int
    # Index of the first week the median (resp. 90 % of runs) is at or under the target queue.
    week_median_at_target: int | None
    week_confident_at_target: int | None

    @property
    def weeks(self) -> int:
        return len(self.expected) - 1


def reflected_walk(start: np.ndarray | float, increments: np.ndarray) -> np.ndarray:
    """Queue sizes after each week for queue(t) = max(0, queue(t-1) + increment(t)), without a loop.

    For a walk S(t) = increment(1) + … + increment(t) that cannot go below zero,
    queue(t) = S(t) + max(start, -min(0, S(1), …, S(t))) (Lindley's recursion solved).
    ``increments`` has weeks on the last axis; the result includes week 0.
    """
    cumulative = np.cumsum(increments, axis=-1)
    lowest = np.minimum.accumulate(np.minimum(cumulative, 0.0), axis=-1)
    start = np.asarray(start, dtype=float)[..., None]
    path = cumulative + np.maximum(start, -lowest)
    return np.concatenate([np.broadcast_to(start, path.shape[:-1] + (1,)), path], axis=-1)


def _first_week(condition: np.ndarray) -> int | None:
    hits = np.flatnonzero(condition)
    return int(hits[0]) if hits.size else None


def project_queue(
    *,
    queue_size: float,
    demand: float,
    capacity: Sequence[float],
    target_queue: float,
    cv_demand: float = 1.0,
    cv_capacity: float = 1.0,
    weeks_observed: int = 26,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
) -> Projection:
    """Project a queue over ``len(capacity)`` weeks.

    Weekly arrivals and removals vary with variance cv² × mean (the same
    dispersion the queue formulas use). Each run also draws its own demand
    level around the observed mean, with the standard error of a mean over
    ``weeks_observed`` weeks, so the band widens for a forecast that is itself
    uncertain rather than only for week-to-week noise.
    """
    capacity = np.asarray(capacity, dtype=float)
    weeks = capacity.shape[0]
    rng = np.random.default_rng(seed)

    demand_sd = np.sqrt(max(cv_demand, 0.0) ** 2 * max(demand, 0.0))
    level = demand + rng.normal(0.0, demand_sd / np.sqrt(max(weeks_observed, 1)), size=(runs, 1))
    arrivals = np.clip(level + rng.normal(0.0, demand_sd, size=(runs, weeks)), 0.0, None)
    capacity_sd = np.sqrt(max(cv_capacity, 0.0) ** 2 * np.clip(capacity, 0.0, None))
    removals = np.clip(capacity + rng.normal(0.0, 1.0, size=(runs, weeks)) * capacity_sd, 0.0, None)

    paths = reflected_walk(np.full(runs, float(queue_size)), arrivals - removals)
    expected = reflected_walk(float(queue_size), np.full(weeks, float(demand)) - capacity)
    low, median, high = np.percentile(paths, [BAND[0], 50, BAND[1]], axis=0)
    share = (paths <= target_queue).mean(axis=0)
    return Projection(
        expected=expected,
        median=median,
        low=low,
        high=high,
        share_at_target=share,
        target_queue=float(target_queue),
        runs=runs,
        week_median_at_target=_first_week(median <= target_queue),
        week_confident_at_target=_first_week(share >= CONFIDENT_SHARE),
    )
