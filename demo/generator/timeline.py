"""Days of the generated period and how busy a clinic is on each.

Volumes follow the planning calendar: closed on weekends and Swedish
holidays (so a holiday week shrinks with its working days), strongly reduced
in the summer weeks, reduced around Christmas and New Year, with a slow
upward trend.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from organisation.calendar import holidays_in

# Share of a normal week's staffing in the summer weeks 27–32, week by week.
SUMMER = {27: 0.65, 28: 0.45, 29: 0.35, 30: 0.35, 31: 0.45, 32: 0.7}
CHRISTMAS_WEEK = 0.7  # the week of 24 December
NEW_YEAR_WEEK = 0.6  # the week of 31 December
EASTER_WEEK = 0.9  # on top of Good Friday and Easter Monday being closed
SPORTS_BREAK = {8: 0.93, 9: 0.93}  # school winter break
TREND_PER_YEAR = 0.02
# Referrals keep coming when clinics take their holidays: the queue grows in summer.
INFLOW_SUMMER = 0.8
# Emergency units are open every day, a little quieter at weekends.
EMERGENCY_WEEKEND = 0.8


@dataclass(frozen=True)
class Timeline:
    """Every day from ``start`` to ``end`` inclusive, with its calendar facts as arrays."""

    start: date
    days: np.ndarray  # datetime64[D]
    week_key: np.ndarray  # ISO week as 202605
    weekday: np.ndarray  # 0 = Monday
    open: np.ndarray  # a working day for planned care
    season: np.ndarray  # share of a normal day's planned work done that day
    inflow: np.ndarray  # share of a normal day's referrals arriving that day
    emergency: np.ndarray  # share of a normal day's emergency visits
    trend: np.ndarray

    def __len__(self) -> int:
        return len(self.days)

    @property
    def month(self) -> np.ndarray:
        """Months since year 0, to group days into monthly files."""
        return self.days.astype("datetime64[M]").astype(int)


def _week_factor(week_key: np.ndarray, days: np.ndarray) -> np.ndarray:
    week = week_key % 100
    factor = np.ones(len(days))
    for number, share in (SUMMER | SPORTS_BREAK).items():
        factor[week == number] = share
    first, last = days[0].item(), days[-1].item()
    for year in range(first.year - 1, last.year + 1):
        # 24 and 31 December are a week apart, so always in consecutive ISO weeks.
        christmas = date(year, 12, 24).isocalendar()
        new_year = date(year, 12, 31).isocalendar()
        easter = next(
            d for d, name in holidays_in(year).items() if name == "Långfredagen"
        ).isocalendar()
        for iso, share in (
            (christmas, CHRISTMAS_WEEK),
            (new_year, NEW_YEAR_WEEK),
            (easter, EASTER_WEEK),
        ):
            factor[week_key == iso.year * 100 + iso.week] = share
    return factor


def timeline(start: date, end: date, *, origin: date | None = None) -> Timeline:
    """The days from start to end; the trend counts from ``origin`` (default: start)."""
    days = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)
    index = pd.DatetimeIndex(days)
    iso = index.isocalendar()
    week_key = (iso["year"].to_numpy() * 100 + iso["week"].to_numpy()).astype(np.int64)
    weekday = index.day_of_week.to_numpy()
    closed = {
        np.datetime64(d, "D") for year in range(start.year, end.year + 1) for d in holidays_in(year)
    }
    holiday = np.isin(days, np.array(sorted(closed), dtype="datetime64[D]"))
    open_day = (weekday < 5) & ~holiday
    week = _week_factor(week_key, days)
    summer = np.isin(week_key % 100, list(SUMMER))
    inflow = np.where(summer, INFLOW_SUMMER, np.maximum(week, INFLOW_SUMMER)) * open_day
    emergency = np.where((weekday >= 5) | holiday, EMERGENCY_WEEKEND, 1.0)
    years_in = (days - np.datetime64(origin or start, "D")).astype(int) / 365.25
    return Timeline(
        start=start,
        days=days,
        week_key=week_key,
        weekday=weekday,
        open=open_day,
        season=week * open_day,
        inflow=inflow,
        emergency=emergency,
        trend=1 + TREND_PER_YEAR * years_in,
    )
