"""The Erlang loss model against values derived by hand and tabulated in the literature."""

from __future__ import annotations

import math

import pytest

from inpatient import erlang


def _erlang_b_by_logs(load: float, beds: int) -> float:
    """An independent check: B = (A^c/c!) / Σ_k A^k/k!, summed in logarithms so it cannot overflow."""
    terms = [k * math.log(load) - math.lgamma(k + 1) for k in range(beds + 1)]
    top = max(terms)
    return math.exp(terms[-1] - top) / sum(math.exp(t - top) for t in terms)


def test_blocking_by_hand():
    # One bed, load 1: B(1) = 1·1 / (1 + 1) = 1/2.
    assert erlang.blocking(1, 1) == pytest.approx(0.5)
    # Two beds, load 1: B(2) = 1·½ / (2 + ½) = 1/5.
    assert erlang.blocking(1, 2) == pytest.approx(0.2)
    # Two beds, load 2: (2²/2!) / (1 + 2 + 2) = 2/5.
    assert erlang.blocking(2, 2) == pytest.approx(0.4)
    # No beds: every admission is turned away; no load: none is.
    assert erlang.blocking(3, 0) == 1.0
    assert erlang.blocking(0, 3) == 0.0


def test_delay_and_occupancy_by_hand():
    # Two beds, load 1: B = 1/5, ρ = 1/2, C = B / (1 − ρ(1 − B)) = 0.2 / 0.6 = 1/3.
    assert erlang.delay_probability(1, 2) == pytest.approx(1 / 3)
    # Erlang C is undefined when the load reaches the beds (the queue never empties).
    assert erlang.delay_probability(2, 2) is None
    # Carried load per bed: 2 · (1 − 2/5) / 2 = 0.6.
    assert erlang.occupancy(2, 2) == pytest.approx(0.6)


# Erlang B table (offered traffic in erlangs for a given number of servers and blocking), as
# tabulated in ITU-D, "Teletraffic Engineering Handbook" (Iversen, 2005), Erlang's B-formula
# tables, and reproduced in most teletraffic textbooks.
LITERATURE = [
    # (beds, blocking, load)
    (1, 0.01, 0.0101),
    (5, 0.01, 1.3608),
    (10, 0.01, 4.4612),
    (20, 0.01, 12.031),
    (50, 0.01, 37.901),
    (100, 0.01, 84.064),
    (10, 0.05, 6.2157),
]


@pytest.mark.parametrize(("beds", "target", "load"), LITERATURE)
def test_blocking_agrees_with_the_erlang_b_tables(beds, target, load):
    # The tables give the load at which the blocking is exactly the target (to 4–5 digits).
    assert erlang.blocking(load, beds) == pytest.approx(target, rel=2e-3)
    # Just below that load, the tabulated beds are the fewest that meet the target.
    assert erlang.beds_needed(load * 0.999, target) == beds


def test_large_loads_neither_overflow_nor_drift():
    # A^c/c! overflows a float long before c = 200; the recursion never forms it.
    for load, beds in ((5000, 5000), (5000, 5100), (20_000, 19_900), (100_000, 100_000)):
        assert erlang.blocking(load, beds) == pytest.approx(_erlang_b_by_logs(load, beds), rel=1e-9)
    # For A = c = N the loss tends to 1 / (sqrt(πN/2) + 2/3) (Jagerman's asymptotic expansion).
    assert erlang.blocking(5000, 5000) == pytest.approx(
        1 / (math.sqrt(math.pi * 5000 / 2) + 2 / 3), rel=1e-4
    )
    needed = erlang.beds_needed(5000, 0.01)
    assert erlang.blocking(5000, needed) <= 0.01 < erlang.blocking(5000, needed - 1)


def test_beds_needed_is_the_smallest_count_meeting_the_target():
    # Load 2: B(2) = 0.4, B(3) = 2·0.4/(3 + 0.8) = 0.2105, B(4) = 0.0952, B(5) = 0.0367.
    assert erlang.blocking(2, 4) == pytest.approx(2 * 0.2105263 / (4 + 2 * 0.2105263))
    assert erlang.beds_needed(2, 0.05) == 5
    assert erlang.beds_needed(2, 0.0952381) == 4
    assert erlang.beds_needed(0, 0.01) == 0


def test_offered_load_is_admissions_times_stay():
    assert erlang.offered_load(12, 4.5) == 54
    with pytest.raises(ValueError):
        erlang.offered_load(-1, 4)
