"""Staff hours (bemanning) and future bookings (bokade), derived from the units' volumes.

Hours are what the unit's contacts take at the default time standards,
plus slack; units under pressure have little slack. Bookings fill the
nearest weeks almost to the expected volume and thin out further ahead.
"""

from __future__ import annotations

import importlib
from datetime import date, timedelta

import numpy as np
import pandas as pd

from ..region import RegionSpec
from . import text, volumes
from .contacts import KindTable
from .production import activity_of
from .timeline import timeline

_defaults = importlib.import_module("organisation.migrations.0002_default_activities")
MINUTES = {code: minutes for code, _, _, minutes in _defaults.ACTIVITIES}
UTILISATION = 0.85  # share of available hours a unit's contacts take
UTILISATION_UNDER_PRESSURE = 0.97
PATIENT_TIME_PER_FTE = 40 * 0.75  # weekly patient hours of one full-time employee
SUPPORT_STAFF = 0.6  # undersköterskor per doctor hour in operating units
HOURS_NOISE = 0.04
BOOKING_WEEKS = 8  # how far ahead a snapshot of the booking book reaches
BOOKING_HISTORY_WEEKS = (
    8  # weekly snapshots kept, so the call-in can step back through recent weeks
)


def staffing(
    *,
    spec: RegionSpec,
    kinds: KindTable,
    scale: float,
    start: date,
    until: date,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Hours per (week, unit, profession) from the period's first week to the end of next year."""
    units = volumes.UnitTable.of(spec)
    last = date(until.year + 1, 12, 28)  # always in the year's last ISO week
    first_monday = start - timedelta(days=start.weekday())
    last_sunday = last + timedelta(days=6 - last.weekday())
    tl = timeline(first_monday, last_sunday, origin=start)
    weeks, week_index = np.unique(tl.week_key, return_inverse=True)
    shape = np.stack(
        [np.bincount(week_index, weights=row) for row in volumes.daily_shape(units, tl)]
    )

    minutes = np.array(
        [
            MINUTES[activity_of(int(f), t, y)]
            for f, t, y in zip(kinds.fas, kinds.kontakttyp, kinds.yrkeskategori, strict=True)
        ]
    )
    # Written contacts (no profession) are done in the staff's administrative time.
    staffed = kinds.yrkeskategori != ""
    need = pd.DataFrame(
        {
            "unit": kinds.unit[staffed],
            "prof": kinds.yrkeskategori[staffed].astype(str),
            "hours": (kinds.share * minutes / 60)[staffed],
        }
    )
    need = need.groupby(["unit", "prof"], as_index=False)["hours"].sum()
    operating = np.array([u.profile.operates for u in spec.units])
    support = need[(need["prof"] == "LAK") & operating[need["unit"].to_numpy()]].assign(prof="USK")
    support["hours"] *= SUPPORT_STAFF
    need = pd.concat([need, support], ignore_index=True).sort_values(
        ["unit", "prof"], ignore_index=True
    )
    unit = need["unit"].to_numpy()
    utilisation = np.where(units.pressure[unit] > 1.05, UTILISATION_UNDER_PRESSURE, UTILISATION)
    base = need["hours"].to_numpy() * units.weekly[unit] * scale / utilisation

    noise = rng.lognormal(-(HOURS_NOISE**2) / 2, HOURS_NOISE, size=(len(need), len(weeks)))
    hours = base[:, None] * shape[unit] * noise
    trend = np.bincount(week_index, weights=tl.trend) / np.bincount(week_index)
    fte = base[:, None] * trend[None, :] / PATIENT_TIME_PER_FTE
    return pd.DataFrame(
        {
            "week": np.repeat(weeks[None, :], len(need), axis=0).ravel(),
            "unit": np.repeat(unit, len(weeks)),
            "prof": np.repeat(need["prof"].to_numpy(), len(weeks)),
            "hours": np.round(hours.ravel(), 1),
            "fte": np.round(fte.ravel(), 1),
        }
    ).sort_values(["week", "unit", "prof"], ignore_index=True)


def booking_snapshot_days(start: date, last: date) -> list[date]:
    """The days the demo's booking book is measured on: the last ``BOOKING_HISTORY_WEEKS``
    Sundays from ``start`` on and ``last`` (the latest night's extract), oldest first.

    The call-in reads the latest snapshot on or before its meeting's Monday. A region's
    nightly extract gives one for every day; one snapshot from ``last`` alone is newer
    than the meeting of the week just followed up on every day but Monday and Tuesday,
    so the call-in showed no bookings. The Sunday before each meeting is the snapshot
    that meeting sees.
    """
    sunday = last - timedelta(days=(last.weekday() + 1) % 7)
    sundays = {sunday - timedelta(weeks=n) for n in range(BOOKING_HISTORY_WEEKS)}
    return sorted({d for d in sundays if d >= start} | {last})


def bookings(
    *,
    spec: RegionSpec,
    kinds: KindTable,
    scale: float,
    start: date,
    measured: date,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Contacts booked, as seen on ``measured``, from the next day on for eight weeks, fewer the further ahead."""
    units = volumes.UnitTable.of(spec)
    first = measured + timedelta(days=1)
    tl = timeline(first, first + timedelta(weeks=BOOKING_WEEKS) - timedelta(days=1), origin=start)
    ahead = np.arange(len(tl)) // 7
    booked = np.clip(0.96 - 0.065 * ahead, 0.35, 0.96)
    counts = rng.poisson(volumes.expected(units, tl, scale) * booked[None, :]).T
    days, unit_count = counts.shape
    day = np.repeat(np.repeat(tl.days, unit_count), counts.ravel())
    unit = np.repeat(np.tile(np.arange(unit_count), days), counts.ravel())
    kind = kinds.draw(rng, unit, bookable=True)
    day, unit, kind = day[kind >= 0], unit[kind >= 0], kind[kind >= 0]
    return pd.DataFrame(
        {
            "id": text.padded(np.arange(len(unit)), 9, "B"),
            "day": day,
            "unit": unit,
            "fas": kinds.fas[kind],
            "kontakttyp": kinds.kontakttyp[kind],
            "yrkeskategori": kinds.yrkeskategori[kind],
        }
    )
