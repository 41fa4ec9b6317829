"""The calculator's one answer, for the page and the API alike: a load, optionally beds and a target."""

from __future__ import annotations

from dataclasses import dataclass

from . import erlang


@dataclass(frozen=True)
class ErlangAnswer:
    """What the loss model says for a load: blocking, delay and occupancy at some beds, and the
    beds a blocking target needs."""

    load: float
    beds: int | None = None
    blocking: float | None = None
    delay_probability: float | None = None
    occupancy: float | None = None
    target_blocking: float | None = None
    beds_needed: int | None = None


def erlang_answer(
    *,
    load: float | None = None,
    arrivals_per_day: float | None = None,
    mean_stay_days: float | None = None,
    beds: int | None = None,
    target_blocking: float | None = None,
) -> ErlangAnswer:
    """The answer for a checked query: ``load``, or ``arrivals_per_day`` and ``mean_stay_days``."""
    if load is None:
        load = erlang.offered_load(arrivals_per_day, mean_stay_days)
    answer: dict = {"load": load}
    if beds is not None:
        answer |= {
            "beds": beds,
            "blocking": erlang.blocking(load, beds),
            "delay_probability": erlang.delay_probability(load, beds),
            "occupancy": erlang.occupancy(load, beds),
        }
    if target_blocking is not None:
        answer |= {
            "target_blocking": target_blocking,
            "beds_needed": erlang.beds_needed(load, target_blocking),
        }
    return ErlangAnswer(**answer)
