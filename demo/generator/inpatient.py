"""Inpatient episodes and the daily bed measurement of the demo region's wards.

Admissions follow the week (planned ones on weekday mornings, few at weekends;
emergencies round the clock, most in the afternoon), the season (more in
winter) and the summer closures (fewer staffed beds and planned admissions in
weeks 27–32, and over Christmas). Patients go home late in the day, fewer at
weekends. The daily measurement is counted from the same episodes, at 06:00:
everyone admitted and not yet discharged is the ward's; those beyond the beds
the ward can open are cared for elsewhere (utlokaliserade), those beyond the
staffed beds on the ward are överbeläggningar. So the measurement and the
episodes agree, as the national definitions say they must.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from ..wards import WardSpec
from .files import extract_day, extract_name, month_start, write_csv
from .people import Patients

# Days simulated before the data begins, so the first day's wards are already full.
WARM_UP_DAYS = 60
MEASURED_AT = np.timedelta64(6 * 60, "m")  # the daily measurement at 06:00
# Extra beds a ward can open beyond its staffed ones before patients go to other wards.
EXTRA_BEDS = {"medical": 3, "surgical": 1}
PLANNED_BY_WEEKDAY = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.08, 0.15])
EMERGENCY_BY_WEEKDAY = np.array([1.1, 1.0, 1.0, 1.0, 0.95, 0.85, 0.9])
# Emergency admissions by hour of day: few at night, most from late morning into the evening.
EMERGENCY_HOURS = np.array(
    [2, 2, 1.5, 1.2, 1, 1, 1.5, 2.5, 4, 5.5, 6.5, 7, 7, 7, 7, 7, 6.5, 6, 5.5, 5, 4.5, 4, 3, 2.5]
)
EPISODES = [
    "vardtillfalle_id",
    "enhet_kod",
    "personnummer",
    "inskrivning",
    "utskrivning",
    "akut",
    "drg_kod",
    "status",
]
BEDS = ["datum", "enhet_kod", "disponibla", "belagda", "overbelaggningar", "utlokaliserade"]


@dataclass
class WardYear:
    """One ward's simulated episodes (as minutes since the epoch) and days."""

    ward: WardSpec
    admitted: np.ndarray  # datetime64[m]
    discharged: np.ndarray  # datetime64[m]
    emergency: np.ndarray  # bool
    patient: np.ndarray  # index into the patient pool
    days: np.ndarray  # datetime64[D], the measured days
    staffed: np.ndarray
    occupied: np.ndarray
    overcrowding: np.ndarray
    outlying: np.ndarray


def _closed(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(summer closure, Christmas) per day: weeks 27–32, and 22 December – 6 January."""
    as_dates = days.astype(object)
    week = np.array([d.isocalendar().week for d in as_dates])
    summer = (week >= 27) & (week <= 32)
    christmas = np.array(
        [(d.month == 12 and d.day >= 22) or (d.month == 1 and d.day <= 6) for d in as_dates]
    )
    return summer, christmas


def _season(days: np.ndarray) -> np.ndarray:
    """More admissions in winter (highest in late January), fewer in summer."""
    doy = (days - days.astype("datetime64[Y]")).astype(int)
    return 1 + 0.12 * np.cos(2 * np.pi * (doy - 25) / 365.25)


def simulate(
    ward: WardSpec, start: date, last: date, rng: np.random.Generator, adults: np.ndarray
) -> WardYear:
    first = np.datetime64(start - timedelta(days=WARM_UP_DAYS), "D")
    days = np.arange(first, np.datetime64(last, "D") + 1)
    weekday = (days.astype(int) + 3) % 7  # 0 Monday (1970-01-01 was a Thursday)
    summer, christmas = _closed(days)
    season = _season(days)
    planned_mean = (
        ward.admissions_per_day
        * ward.planned_share
        * PLANNED_BY_WEEKDAY[weekday]
        * np.where(summer, 0.3, 1.0)
        * np.where(christmas, 0.2, 1.0)
    )
    emergency_mean = (
        ward.admissions_per_day * (1 - ward.planned_share) * EMERGENCY_BY_WEEKDAY[weekday] * season
    )
    planned_n = rng.poisson(planned_mean)
    emergency_n = rng.poisson(emergency_mean)
    # Planned patients come in the morning; Sunday's the evening before Monday's operation.
    p_day = np.repeat(days, planned_n)
    p_sunday = np.repeat(weekday == 6, planned_n)
    p_minute = np.where(
        p_sunday,
        rng.integers(18 * 60, 20 * 60, len(p_day)),
        rng.integers(7 * 60, 11 * 60, len(p_day)),
    )
    e_day = np.repeat(days, emergency_n)
    e_hour = rng.choice(24, size=len(e_day), p=EMERGENCY_HOURS / EMERGENCY_HOURS.sum())
    e_minute = e_hour * 60 + rng.integers(0, 60, len(e_day))
    day = np.concatenate([p_day, e_day])
    minute = np.concatenate([p_minute, e_minute])
    emergency = np.concatenate([np.zeros(len(p_day), bool), np.ones(len(e_day), bool)])
    admitted = day.astype("datetime64[m]") + minute.astype("timedelta64[m]")
    # Lengths of stay: lognormal around the ward's mean; emergencies stay a little longer.
    mean = ward.mean_stay_days * np.where(emergency, 1.08, 0.8)
    sigma = 0.75
    stay = rng.lognormal(np.log(mean) - sigma**2 / 2, sigma)
    nights = np.rint(stay).astype(int)
    out_day = day + nights.astype("timedelta64[D]")
    # Fewer go home at weekends: some wait until Monday.
    out_weekday = (out_day.astype(int) + 3) % 7
    wait = (out_weekday >= 5) & (rng.random(len(out_day)) < 0.4)
    out_day = out_day + np.where(wait, 7 - out_weekday, 0).astype("timedelta64[D]")
    # Discharges late in the day: around half past two, rarely before nine or after nine.
    out_minute = np.clip(rng.normal(14.5 * 60, 120, len(out_day)), 9 * 60, 21 * 60).astype(int)
    discharged = out_day.astype("datetime64[m]") + out_minute.astype("timedelta64[m]")
    # A same-day stay lasts at least three hours.
    discharged = np.maximum(discharged, admitted + np.timedelta64(180, "m"))
    order = np.argsort(admitted, kind="stable")
    admitted, discharged, emergency = admitted[order], discharged[order], emergency[order]
    patient = rng.choice(adults, size=len(admitted))

    measured = np.arange(np.datetime64(start, "D"), np.datetime64(last, "D") + 1)
    at = measured.astype("datetime64[m]") + MEASURED_AT
    census = np.searchsorted(admitted, at, side="right") - np.searchsorted(
        np.sort(discharged), at, side="right"
    )
    m_summer, m_christmas = _closed(measured)
    staffed = np.rint(
        ward.beds * np.where(m_summer, 0.7, 1.0) * np.where(m_christmas, 0.85, 1.0)
    ).astype(int)
    can_open = staffed + EXTRA_BEDS[ward.speciality]
    occupied = np.minimum(census, can_open)
    keep = discharged >= np.datetime64(start, "D").astype("datetime64[m]")
    return WardYear(
        ward=ward,
        admitted=admitted[keep],
        discharged=discharged[keep],
        emergency=emergency[keep],
        patient=patient[keep],
        days=measured,
        staffed=staffed,
        occupied=occupied,
        overcrowding=np.maximum(occupied - staffed, 0),
        outlying=census - occupied,
    )


def wards(
    wards: tuple[WardSpec, ...],
    *,
    start: date,
    last: date,
    rng: np.random.Generator,
    patients: Patients,
) -> list[WardYear]:
    adults = patients.groups["adult"]
    return [simulate(w, start, last, rng, adults) for w in wards]


def _minutes(values: np.ndarray) -> list[str]:
    return [str(v).replace("T", " ") for v in values.astype("datetime64[m]")]


def vardtillfallen(
    out: Path,
    simulated: list[WardYear],
    *,
    patients: Patients,
    start: date,
    last: date,
    until: date,
) -> list[Path]:
    """One file per month: the month's admissions, and the earlier ones discharged in it (upserted).

    An episode not yet discharged when its file is extracted comes without a discharge;
    the file of the month it ends in brings it again with one.
    """
    first_month = np.datetime64(start, "M").astype(int)
    months = np.arange(first_month, np.datetime64(last, "M").astype(int) + 1)
    end_of_data = np.datetime64(last + timedelta(days=1), "D").astype("datetime64[m]")
    paths = []
    ids = []
    for w_index, ward in enumerate(simulated):
        ids.append(np.array([f"VT{w_index + 1:02d}{n:06d}" for n in range(len(ward.admitted))]))
    for month in months:
        extracted = extract_day(int(month), until)
        cut = min(
            np.datetime64(extracted, "D"), np.datetime64(last + timedelta(days=1), "D")
        ).astype("datetime64[m]")
        month_first = np.datetime64(month_start(int(month)), "D").astype("datetime64[m]")
        month_next = np.datetime64(month_start(int(month) + 1), "D").astype("datetime64[m]")
        columns: list[list] = [[] for _ in EPISODES]
        for ward, episode_ids in zip(simulated, ids, strict=True):
            admitted_month = np.asarray(ward.admitted, "datetime64[M]").astype(int)
            # Episodes admitted before the data begins arrive with the first month's file.
            admitted_month = np.maximum(admitted_month, first_month)
            discharged_in = (
                (ward.discharged >= month_first)
                & (ward.discharged < month_next)
                & (ward.discharged < end_of_data)
                & (admitted_month < month)
            )
            rows = np.flatnonzero((admitted_month == month) | discharged_in)
            if not len(rows):
                continue
            shown = ward.discharged[rows] < cut
            out_text = np.where(shown, _minutes(ward.discharged[rows]), "")
            columns[0] += episode_ids[rows].tolist()
            columns[1] += [ward.ward.cosmic_code] * len(rows)
            columns[2] += patients.identity[ward.patient[rows]].tolist()
            columns[3] += _minutes(ward.admitted[rows])
            columns[4] += out_text.tolist()
            columns[5] += np.where(ward.emergency[rows], "J", "N").tolist()
            columns[6] += [""] * len(rows)
            columns[7] += ["GENOMFORD"] * len(rows)
        path = out / extract_name("vardtillfallen", "cosmic", extracted)
        paths.append(write_csv(path, EPISODES, columns))
    return paths


def vardplatser(out: Path, simulated: list[WardYear], *, until: date) -> list[Path]:
    """One file per month of the daily measurement of every ward."""
    if not simulated:
        return []
    days = simulated[0].days
    month = np.asarray(days, "datetime64[M]").astype(int)
    paths = []
    for m in np.unique(month):
        rows = np.flatnonzero(month == m)
        columns: list[list] = [[] for _ in BEDS]
        for ward in simulated:
            columns[0] += [str(d) for d in days[rows]]
            columns[1] += [ward.ward.cosmic_code] * len(rows)
            for i, values in enumerate(
                (ward.staffed, ward.occupied, ward.overcrowding, ward.outlying), 2
            ):
                columns[i] += values[rows].tolist()
        path = out / extract_name("vardplatser", "cosmic", extract_day(int(m), until))
        paths.append(write_csv(path, BEDS, columns))
    return paths
