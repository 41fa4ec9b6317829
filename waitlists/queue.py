"""Queue arithmetic for waiting lists (Fong et al. 2022, "Understanding waiting list pressures").

Pure functions of plain numbers: no database, no Django. Time is in weeks
throughout, so demand and capacity are patients per week and the target wait
is a number of weeks. Selectors feed them observed figures; the calculator
API feeds them what a user types.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

# A factor of 4 puts the mean wait at a quarter of the target, which gives
# roughly a 2 % chance that a patient waits longer than the target.
DEFAULT_FACTOR = 4.0
DEFAULT_WEEKS_TO_TARGET = 26.0
# The care guarantee's 90 days, in the weeks the formulas work in.
GUARANTEE_DAYS = 90
GUARANTEE_WEEKS = GUARANTEE_DAYS / 7


def queue_load(*, demand: float, capacity: float) -> float:
    """Demand over capacity; at 1 or above the list grows without end."""
    return demand / capacity


def target_mean_wait(*, target_wait: float, factor: float = DEFAULT_FACTOR) -> float:
    return target_wait / factor


def target_queue_size(
    *, demand: float, target_wait: float, factor: float = DEFAULT_FACTOR
) -> float:
    """Little's law at the target mean wait: the queue a list should settle at."""
    return demand * target_mean_wait(target_wait=target_wait, factor=factor)


def target_capacity(
    *,
    demand: float,
    target_wait: float,
    factor: float = DEFAULT_FACTOR,
    cv_demand: float = 1.0,
    cv_capacity: float = 1.0,
) -> float:
    """The weekly capacity that holds the list at its target once it is there (Kingman's formula).

    Variability costs capacity: the more irregular arrivals and removals are,
    the more than the bare demand a unit must be able to do.
    """
    return demand + ((cv_demand**2 + cv_capacity**2) / 2) * (factor / target_wait)


def relief_capacity(
    *, demand: float, queue_size: float, target_queue_size: float, weeks_to_target: float
) -> float:
    """The weekly pace that keeps up with demand and brings the queue to target in the given weeks."""
    return demand + (queue_size - target_queue_size) / weeks_to_target


def waiting_list_pressure(*, mean_wait: float, target_wait: float) -> float:
    """Twice the mean wait over the target; above 1 the target will most likely be missed."""
    return 2 * mean_wait / target_wait


def dispersion_cv(weekly_counts: Sequence[float]) -> float | None:
    """The coefficient of variation the formulas expect, from counts per week.

    The formulas use the variation of the time between arrivals (or removals).
    For a renewal process the variance of a week's count is about cv² times its
    mean, so cv² = variance / mean; a Poisson stream gives 1. None when there
    is nothing to estimate from.
    """
    counts = [float(c) for c in weekly_counts]
    if len(counts) < 2:
        return None
    mean = sum(counts) / len(counts)
    if mean <= 0:
        return None
    variance = sum((c - mean) ** 2 for c in counts) / (len(counts) - 1)
    return math.sqrt(variance / mean)


@dataclass(frozen=True, slots=True)
class QueueModel:
    """Every figure of the queue arithmetic for one waiting list."""

    queue_load: float | None
    target_mean_wait: float
    target_queue_size: float
    target_capacity: float
    relief_capacity: float
    queue_ratio: float | None
    waiting_list_pressure: float | None
    # The weekly pace a unit must hold: relief capacity while the queue is above
    # target, otherwise the capacity that keeps it there.
    required_pace: float

    def as_dict(self) -> dict:
        return asdict(self)


def queue_model(
    *,
    demand: float,
    capacity: float | None,
    queue_size: float,
    target_wait: float,
    factor: float = DEFAULT_FACTOR,
    cv_demand: float = 1.0,
    cv_capacity: float = 1.0,
    weeks_to_target: float = DEFAULT_WEEKS_TO_TARGET,
    mean_wait: float | None = None,
) -> QueueModel:
    """All the figures at once; capacity may be unknown (None or 0), then the load is too."""
    target_queue = target_queue_size(demand=demand, target_wait=target_wait, factor=factor)
    target_cap = target_capacity(
        demand=demand,
        target_wait=target_wait,
        factor=factor,
        cv_demand=cv_demand,
        cv_capacity=cv_capacity,
    )
    relief = relief_capacity(
        demand=demand,
        queue_size=queue_size,
        target_queue_size=target_queue,
        weeks_to_target=weeks_to_target,
    )
    return QueueModel(
        queue_load=queue_load(demand=demand, capacity=capacity) if capacity else None,
        target_mean_wait=target_mean_wait(target_wait=target_wait, factor=factor),
        target_queue_size=target_queue,
        target_capacity=target_cap,
        relief_capacity=relief,
        queue_ratio=queue_size / target_queue if target_queue > 0 else None,
        waiting_list_pressure=(
            waiting_list_pressure(mean_wait=mean_wait, target_wait=target_wait)
            if mean_wait is not None
            else None
        ),
        required_pace=max(relief, target_cap),
    )
