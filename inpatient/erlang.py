"""The Erlang loss model (M/M/c/c) for beds: how often an admission finds the ward full.

Pure arithmetic, no Django. With offered load *A* (occupied beds the
admissions would need: admissions per day × mean length of stay in days)
and *c* beds, Erlang B is the share of admissions that find every bed
taken. It is computed by the stable recursion B(0) = 1,
B(k) = A·B(k−1) / (k + A·B(k−1)), which never forms A^c or c! and so holds
for loads of many thousands. Erlang C (the chance an arrival must wait,
were arrivals queued instead of turned away) follows from B when A < c.
"""

from __future__ import annotations

import math

# Beyond this many beds the answer to "how many beds" is not a ward's question.
MAX_BEDS = 1_000_000


def _check_load(load: float) -> None:
    if not (math.isfinite(load) and load >= 0):
        raise ValueError("load must be a finite number ≥ 0")


def blocking(load: float, beds: int) -> float:
    """Erlang B: the share of admissions that find all ``beds`` occupied."""
    _check_load(load)
    if beds < 0:
        raise ValueError("beds must be ≥ 0")
    b = 1.0
    for k in range(1, beds + 1):
        b = load * b / (k + load * b)
    return b


def delay_probability(load: float, beds: int) -> float | None:
    """Erlang C from B: C = B / (1 − (A/c)(1 − B)); None when A ≥ c (the queue never empties)."""
    if beds < 1 or load >= beds:
        return None
    b = blocking(load, beds)
    return b / (1 - (load / beds) * (1 - b))


def occupancy(load: float, beds: int) -> float:
    """The carried load per bed: A·(1 − B) ÷ c, the occupancy the ward would run at."""
    if beds < 1:
        raise ValueError("beds must be ≥ 1")
    return load * (1 - blocking(load, beds)) / beds


def beds_needed(load: float, target: float) -> int:
    """The smallest number of beds whose blocking is at most ``target`` (0 < target < 1)."""
    _check_load(load)
    if not 0 < target < 1:
        raise ValueError("target must be between 0 and 1")
    if load == 0:
        return 0  # no admissions: no bed is needed (B(0) = 1 is the share of none)
    b, k = 1.0, 0
    # B falls with every bed added; one pass of the recursion finds the first bed count that meets it.
    while b > target:
        k += 1
        if k > MAX_BEDS:
            raise ValueError("more beds than a calculation here is meant for")
        b = load * b / (k + load * b)
    return k


def offered_load(arrivals_per_day: float, mean_stay_days: float) -> float:
    """A = λ · S: admissions per day × mean length of stay (days), in occupied beds (Little's law)."""
    for value in (arrivals_per_day, mean_stay_days):
        if not (math.isfinite(value) and value >= 0):
            raise ValueError("arrivals and stay must be finite numbers ≥ 0")
    return arrivals_per_day * mean_stay_days
