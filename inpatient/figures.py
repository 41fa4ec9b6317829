"""The bed follow-up's figures: what is summed per group of wards and period, and how.

One definition per figure (DOMAIN.md, "Inpatient beds"), stated on the page:

- staffed and occupied beds: the daily measurement (``vardplatser``), as the
  mean per measured day of the beds summed over the wards;
- occupancy: Σ occupied ÷ Σ staffed over the days measured (a ratio of sums);
- överbeläggningar and utlokaliserade: the daily counts summed over the days,
  and per 100 staffed beds: 100 × Σ count ÷ Σ staffed, i.e. the mean per day
  per 100 staffed beds, as the national measures are reported;
- admissions and discharges: episodes (``vardtillfallen``) whose admission or
  discharge falls on a local day in the period;
- mean length of stay: over the episodes discharged in the period, the mean of
  discharge − admission in days (hours ÷ 24; a patient still admitted has no
  length of stay yet);
- load by weekday: admissions per such weekday in the range × the mean length
  of stay of the episodes admitted on that weekday and discharged in the range.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.db.models import DurationField, ExpressionWrapper, F, Q
from django.utils.translation import gettext as _

from organisation.calendar import IsoWeek, tertial_of_day

from .choices import Period
from .models import BedDay, Episode

# An episode's length of stay, in the database (a timedelta in Python).
STAY = ExpressionWrapper(F("discharged_at") - F("admitted_at"), output_field=DurationField())
MICROSECOND = timedelta(microseconds=1)
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


@dataclass
class Figures:
    """The bed figures of one group over one period (or the whole range)."""

    days_measured: int = 0
    staffed_sum: int = 0
    occupied_sum: int = 0
    overcrowding: int = 0
    outlying: int = 0
    admissions: int = 0
    discharges: int = 0
    stay_days_sum: float = 0.0

    @property
    def staffed_beds(self) -> float | None:
        return self.staffed_sum / self.days_measured if self.days_measured else None

    @property
    def occupied_beds(self) -> float | None:
        return self.occupied_sum / self.days_measured if self.days_measured else None

    @property
    def occupancy(self) -> float | None:
        return self.occupied_sum / self.staffed_sum if self.staffed_sum else None

    @property
    def overcrowding_per_100(self) -> float | None:
        return 100 * self.overcrowding / self.staffed_sum if self.staffed_sum else None

    @property
    def outlying_per_100(self) -> float | None:
        return 100 * self.outlying / self.staffed_sum if self.staffed_sum else None

    @property
    def mean_length_of_stay(self) -> float | None:
        return self.stay_days_sum / self.discharges if self.discharges else None


@dataclass
class PeriodFigures:
    key: str
    label: str
    start: date
    end: date
    figures: Figures


@dataclass
class GroupFigures:
    """A ward, a clinic's wards, a hospital's or the region's: per period and over the range."""

    key: int
    name: str
    periods: list[PeriodFigures]
    total: Figures


@dataclass
class WeekdayLoad:
    weekday: int  # 1 Monday … 7 Sunday
    name: str
    days: int
    admissions: int
    discharged: int
    stay_days_sum: float

    @property
    def admissions_per_day(self) -> float | None:
        return self.admissions / self.days if self.days else None

    @property
    def mean_length_of_stay(self) -> float | None:
        return self.stay_days_sum / self.discharged if self.discharged else None

    @property
    def load(self) -> float | None:
        per_day, stay = self.admissions_per_day, self.mean_length_of_stay
        return None if per_day is None or stay is None else per_day * stay


@dataclass
class BedFollowup:
    start: date
    end: date
    period: str
    level: str
    wards: int
    groups: list[GroupFigures]
    total: Figures
    weekdays: list[WeekdayLoad] = field(default_factory=list)


def period_of(day: date, period: str) -> tuple[str, date, date]:
    """(key, first day, last day) of the day, week or tertial a day falls in."""
    if period == Period.DAY:
        return day.isoformat(), day, day
    if period == Period.WEEK:
        week = IsoWeek.of(day)
        return str(week), week.monday, week.monday + timedelta(days=6)
    tertial = tertial_of_day(day)
    first = date(day.year, 4 * tertial - 3, 1)
    last = date(day.year + 1, 1, 1) if tertial == 3 else date(day.year, 4 * tertial + 1, 1)
    return f"{day.year}-T{tertial}", first, last - timedelta(days=1)


def period_label(key: str, period: str) -> str:
    if period == Period.WEEK:
        week = IsoWeek.parse(key)
        return _("v %(week)s %(year)s") % {"week": week.week, "year": week.year}
    return key


def followup_figures(
    group_of: dict[int, tuple[int, str]], start: date, end: date, period: str, level: str
) -> BedFollowup:
    """The figures of these wards (unit id → its group's id and name), summed on arrays: a
    group's wards, a period's days, the days on which any of them was measured."""
    n_days = (end - start).days + 1
    keys: list[str] = []  # the periods, in the order of their first day
    bounds: list[tuple[date, date]] = []
    period_index = np.empty(n_days, dtype=np.int64)  # day offset → its period's index
    for offset in range(n_days):
        day = start + timedelta(days=offset)
        key, first, last = period_of(day, period)
        if not keys or keys[-1] != key:
            keys.append(key)
            bounds.append((max(first, start), min(last, end)))
        period_index[offset] = len(keys) - 1
    group_ids = list(dict.fromkeys(g for g, _name in group_of.values()))
    index_of_group = {g: i for i, g in enumerate(group_ids)}
    group_index = {unit_id: index_of_group[g] for unit_id, (g, _name) in group_of.items()}
    sums = _Sums(len(group_ids), len(keys), period_index)

    unit_ids = sorted(group_of)
    # Unit id → group index on arrays: the units sorted, their groups in the same order.
    unit_group = np.array([group_index[u] for u in unit_ids], dtype=np.int64)

    def groups_of(units: tuple) -> np.ndarray:
        return unit_group[np.searchsorted(unit_ids, np.array(units, dtype=np.int64))]

    def offsets(days: tuple) -> np.ndarray:
        # A day missing (not discharged yet) is one after the range: never inside it.
        first, missing = start.toordinal(), end.toordinal() + 1
        ordinals = [missing if d is None else d.toordinal() for d in days]
        return np.array(ordinals, dtype=np.int64) - first

    measured = BedDay.objects.filter(unit_id__in=unit_ids, date__range=(start, end)).values_list(
        "unit_id", "date", "staffed", "occupied", "overcrowding", "outlying"
    )
    unit, measured_on, *counts = _columns(measured, 6)
    sums.add_measurements(
        groups_of(unit),
        offsets(measured_on),
        [np.nan_to_num(np.array(c, dtype=float)).astype(np.int64) for c in counts],
    )
    # One read of the episodes admitted or discharged in the range (a hospital's tertial is
    # some thousand), each length of stay in whole microseconds, so that its sums are exact.
    episodes = (
        Episode.objects.filter(unit_id__in=unit_ids)
        .filter(Q(admission_date__range=(start, end)) | Q(discharge_date__range=(start, end)))
        .annotate(stay=STAY)
        .values_list("unit_id", "admission_date", "discharge_date", "stay")
    )
    unit, admitted, left, stay = _columns(episodes, 4)
    came = offsets(admitted)
    weekday = (came + start.toordinal() - 1) % 7 + 1  # ISO: day 1 of the ordinals is a Monday
    micro = np.array([0 if t is None else t // MICROSECOND for t in stay], dtype=np.int64)
    weekday_sums = sums.add_episodes(groups_of(unit), came, offsets(left), weekday, micro)

    names = {group: name for group, name in group_of.values()}
    labels = [period_label(k, period) for k in keys]
    result_groups = []
    for group in sorted(names, key=lambda g: names[g]):
        i = index_of_group[group]
        shown = sorted((keys[p], p) for p in sums.periods_of(i))
        result_groups.append(
            GroupFigures(
                key=group,
                name=names[group],
                periods=[
                    PeriodFigures(k, labels[p], *bounds[p], sums.cell(i, p)) for k, p in shown
                ],
                total=sums.group(i),
            )
        )
    return BedFollowup(
        start=start,
        end=end,
        period=period,
        level=level,
        wards=len(group_of),
        groups=result_groups,
        total=sums.whole(),
        weekdays=_weekdays(start, end, *weekday_sums),
    )


# The sums kept per group and period; the stays in microseconds until they are read.
_SUMMED = (
    "staffed_sum",
    "occupied_sum",
    "overcrowding",
    "outlying",
    "admissions",
    "discharges",
    "stay_micro",
)


class _Sums:
    """Figures summed per (group, period) cell on integer arrays, read back as ``Figures``."""

    def __init__(self, groups: int, periods: int, period_index: np.ndarray) -> None:
        self.shape = (groups, periods)
        self.period_index = period_index
        self.values = {name: np.zeros(self.shape, dtype=np.int64) for name in _SUMMED}
        self.touched = np.zeros(self.shape, dtype=bool)  # a cell with any row is shown
        self.days_cell = np.zeros(self.shape, dtype=np.int64)
        self.days_group = np.zeros(groups, dtype=np.int64)
        self.days_whole = 0

    def _add(self, groups: np.ndarray, offsets: np.ndarray, **values: np.ndarray) -> None:
        periods = self.period_index[offsets]
        self.touched[groups, periods] = True
        for name, column in values.items():
            np.add.at(self.values[name], (groups, periods), column)

    def add_measurements(
        self, groups: np.ndarray, offsets: np.ndarray, counts: list[np.ndarray]
    ) -> None:
        """The daily measurements (staffed, occupied, överbeläggningar, utlokaliserade), and
        the distinct days on which a group's wards were measured, per period and in all."""
        names = ("staffed_sum", "occupied_sum", "overcrowding", "outlying")
        self._add(groups, offsets, **dict(zip(names, counts, strict=True)))
        days = len(self.period_index)
        pairs = np.unique(groups * days + offsets)
        g, d = pairs // days, pairs % days
        np.add.at(self.days_cell, (g, self.period_index[d]), 1)
        self.days_group += np.bincount(g, minlength=self.shape[0])
        self.days_whole = len(np.unique(d))

    def add_episodes(
        self,
        groups: np.ndarray,
        admitted: np.ndarray,
        left: np.ndarray,
        weekday: np.ndarray,
        stay: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Episodes by the day offsets of admission and discharge, ISO weekday admitted and
        stay: admissions on the days admitted, discharges and stays on the days discharged,
        both in the range; and per weekday admitted, the admissions, discharges and stays."""
        days = len(self.period_index)
        came = (admitted >= 0) & (admitted < days)
        went = (left >= 0) & (left < days)
        self._add(groups[came], admitted[came], admissions=np.ones(came.sum(), dtype=np.int64))
        self._add(
            groups[went],
            left[went],
            discharges=np.ones(went.sum(), dtype=np.int64),
            stay_micro=stay[went],
        )
        by_weekday = np.zeros(8, dtype=np.int64)
        np.add.at(by_weekday, weekday[went], stay[went])
        return (
            np.bincount(weekday[came], minlength=8),
            np.bincount(weekday[went], minlength=8),
            by_weekday,
        )

    def periods_of(self, group: int) -> list[int]:
        return [int(p) for p in np.flatnonzero(self.touched[group])]

    def _figures(self, days: int, pick) -> Figures:
        v = {name: int(pick(self.values[name])) for name in _SUMMED}
        micro = v.pop("stay_micro")
        return Figures(days_measured=int(days), stay_days_sum=micro / 10**6 / 86400, **v)

    def cell(self, group: int, period: int) -> Figures:
        return self._figures(self.days_cell[group, period], lambda a: a[group, period])

    def group(self, group: int) -> Figures:
        return self._figures(self.days_group[group], lambda a: a[group].sum())

    def whole(self) -> Figures:
        return self._figures(self.days_whole, lambda a: a.sum())


def _columns(rows, width: int) -> list[tuple]:
    """A query's rows as its columns (empty ones when there is no row)."""
    columns = list(zip(*rows, strict=True))
    return columns or [()] * width


def _weekdays(
    start: date, end: date, admitted: np.ndarray, discharged: np.ndarray, stay_micro: np.ndarray
) -> list[WeekdayLoad]:
    days: dict[int, int] = defaultdict(int)
    day = start
    while day <= end:
        days[day.isoweekday()] += 1
        day += timedelta(days=1)
    return [
        WeekdayLoad(
            weekday=d,
            name=_(WEEKDAYS[d - 1]),
            days=days[d],
            admissions=int(admitted[d]),
            discharged=int(discharged[d]),
            stay_days_sum=int(stay_micro[d]) / 10**6 / 86400,
        )
        for d in range(1, 8)
    ]
