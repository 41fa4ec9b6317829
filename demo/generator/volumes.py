"""How many contacts each unit has on each day, and how long its patients wait.

Shared by the contacts, the waiting list, the bookings and the staffing so
that they tell one story: a unit's capacity, its referrals and its queue
follow the same weekly rhythm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from ..region import RegionSpec
from .timeline import Timeline

WEEK_NOISE = 0.08  # unit-to-unit, week-to-week variation of volumes
# How fast a unit's mean wait grows per year for each unit of pressure above 1.
WAIT_GROWTH = 4.0
# Mean wait per fas, relative to the unit's: operations wait longest.
FAS_WAIT = np.array([1.0, 1.0, 1.6, 0.7, 1.0, 1.0])  # indexed by fas
PRIORITY_SHARES = (0.08, 0.27, 0.45, 0.20)  # prioritet 1–4
PRIORITY_WAIT = np.array([0.0, 0.3, 0.6, 1.0, 1.3])  # indexed by prioritet
GAMMA_SHAPE = 1.4  # waits are skewed: most short, a long tail


@dataclass(frozen=True)
class UnitTable:
    """The units' profiles as arrays, indexed like ``spec.units``."""

    weekly: np.ndarray
    emergency: np.ndarray
    pressure: np.ndarray
    mean_wait: np.ndarray
    waiting_list: np.ndarray

    @classmethod
    def of(cls, spec: RegionSpec) -> UnitTable:
        profiles = [u.profile for u in spec.units]
        return cls(
            weekly=np.array([p.weekly_volume for p in profiles], dtype=float),
            emergency=np.array([p.open_weekends for p in profiles]),
            pressure=np.array([p.pressure for p in profiles]),
            mean_wait=np.array([p.mean_wait_days for p in profiles], dtype=float),
            waiting_list=np.array([p.has_waiting_list for p in profiles]),
        )


def daily_shape(units: UnitTable, tl: Timeline) -> np.ndarray:
    """Expected contacts per (unit, day) for a unit volume of one contact per normal week."""
    planned = tl.season * tl.trend / 5
    emergency = tl.emergency * tl.trend / 7
    return np.where(units.emergency[:, None], emergency[None, :], planned[None, :])


def volume_scale(units: UnitTable, tl: Timeline, contacts_per_year: int) -> float:
    """The factor on the units' weekly volumes that gives the contacts per year asked for."""
    per_period = (units.weekly[:, None] * daily_shape(units, tl)).sum()
    return contacts_per_year * len(tl) / 365.25 / per_period


def expected(
    units: UnitTable, tl: Timeline, scale: float, rng: np.random.Generator | None = None
) -> np.ndarray:
    """Expected contacts per (unit, day); with ``rng``, each unit's weeks vary a little."""
    lam = units.weekly[:, None] * scale * daily_shape(units, tl)
    if rng is not None:
        _, week_index = np.unique(tl.week_key, return_inverse=True)
        noise = rng.lognormal(
            -(WEEK_NOISE**2) / 2, WEEK_NOISE, size=(len(units.weekly), week_index.max() + 1)
        )
        lam = lam * noise[:, week_index]
    return lam


def mean_wait(
    units: UnitTable, unit: np.ndarray, day: np.ndarray, *, origin: date, scale: float
) -> np.ndarray:
    """Mean wait in days for a unit on a day: growing where referrals outrun capacity."""
    years = (day - np.datetime64(origin, "D")).astype(int) / 365.25
    growth = np.clip(1 + WAIT_GROWTH * (units.pressure[unit] - 1) * years, 0.5, 4.0)
    return units.mean_wait[unit] * scale * growth


def draw_waits(rng: np.random.Generator, mean: np.ndarray) -> np.ndarray:
    return rng.gamma(GAMMA_SHAPE, mean / GAMMA_SHAPE)


def draw_priority(rng: np.random.Generator, rows: int) -> np.ndarray:
    return rng.choice(np.arange(1, 5), size=rows, p=PRIORITY_SHARES)
