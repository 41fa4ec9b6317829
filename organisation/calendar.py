"""The planning calendar: ISO weeks, Swedish holidays, tertials and the schedule clock.

Pure functions with no database access; ``organisation.selectors`` combines
them with an area's configured schedule periods.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache, total_ordering

import holidays
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

_WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)

# Default schedule clock: the ISO weeks the four periods start in. The last
# period runs to the year's last week, so it has 14 weeks in a 53-week year.
DEFAULT_PERIOD_START_WEEKS = (1, 14, 27, 40)
# Schedules are laid at least this many weeks before the period starts.
DEFAULT_LAY_BY_WEEKS = 12
# Weeks in which clinics run on reduced summer staffing.
SUMMER_WEEKS = range(27, 33)


def weeks_in_year(year: int) -> int:
    """52 or 53: 28 December always falls in the year's last ISO week."""
    return date(year, 12, 28).isocalendar().week


@total_ordering
@dataclass(frozen=True, slots=True)
class IsoWeek:
    """An ISO 8601 week, written ``2026-W05``."""

    year: int
    week: int

    def __post_init__(self) -> None:
        if not 1 <= self.week <= weeks_in_year(self.year):
            raise ValueError(f"{self.year} har ingen vecka {self.week}.")

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        match = _WEEK_RE.match(text)
        if not match:
            raise ValueError(f"'{text}' är ingen ISO-vecka (skriv t.ex. 2026-W05).")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]

    def __add__(self, weeks: int) -> IsoWeek:
        return IsoWeek.of(self.monday + timedelta(weeks=weeks))

    def __sub__(self, other: int | IsoWeek):
        if isinstance(other, IsoWeek):
            return (self.monday - other.monday).days // 7
        return self + (-other)

    def __lt__(self, other: IsoWeek) -> bool:
        return (self.year, self.week) < (other.year, other.week)

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def key(self) -> int:
        """A sortable integer (202605) for storing weeks compactly in fact tables."""
        return self.year * 100 + self.week

    @classmethod
    def from_key(cls, key: int) -> IsoWeek:
        return cls(key // 100, key % 100)


def weeks_of_year(year: int) -> list[IsoWeek]:
    return [IsoWeek(year, w) for w in range(1, weeks_in_year(year) + 1)]


# The holidays library's name for each of the UI's languages (it has English as en_US).
HOLIDAY_LANGUAGES = {"sv": "sv", "en": "en_US"}


def holidays_in(year: int) -> dict[date, str]:
    """Swedish public holidays plus the eves clinics close on (midsommar, jul, nyår), named
    in the active language: the names reach pages, in the plan grid and on the home page."""
    language = (translation.get_language() or "sv").split("-")[0]
    return _closed_days(year, language if language in HOLIDAY_LANGUAGES else "sv")


@lru_cache(maxsize=128)
def _closed_days(year: int, language: str) -> dict[date, str]:
    days = dict(
        holidays.Sweden(years=year, include_sundays=False, language=HOLIDAY_LANGUAGES[language])
    )
    june_19 = date(year, 6, 19)
    midsummer_eve = june_19 + timedelta(days=(4 - june_19.weekday()) % 7)  # Friday 19–25 June
    # The eves are not public holidays by law, but clinics close on them as on a Sunday.
    with translation.override(language):
        days[midsummer_eve] = gettext("Midsommarafton")
        days[date(year, 12, 24)] = gettext("Julafton")
        days[date(year, 12, 31)] = gettext("Nyårsafton")
    return dict(sorted(days.items()))


def working_days(week: IsoWeek) -> int:
    """Weekdays in the week that are not holidays or closed eves."""
    closed = holidays_in(week.monday.year) | holidays_in(week.sunday.year)
    return sum(1 for d in week.days[:5] if d not in closed)


def tertial_dates(year: int, tertial: int) -> tuple[date, date]:
    """A tertial's first and last day: T1 January–April, T2 May–August, T3 September–December.

    What a tertial report covers; figures read from snapshots (the waiting list) are read
    at the last snapshot on or before its last day.
    """
    first = date(year, 4 * tertial - 3, 1)
    if tertial == 3:
        return first, date(year, 12, 31)
    return first, date(year, 4 * tertial + 1, 1) - timedelta(days=1)


def tertial_of_day(day: date) -> int:
    """1–3: the tertial a day falls in (calendar months)."""
    return (day.month - 1) // 4 + 1


def tertial_of(week: IsoWeek) -> int:
    """1–3: the tertial the week ends in, so every week of a tertial has ended by its last day
    and its weekly figures are complete when the tertial is. The ISO year's last week, when it
    ends in January, stays in T3 of its own year (the plan year is the ISO year)."""
    sunday = week.sunday
    return 3 if sunday.year > week.year else tertial_of_day(sunday)


def tertial_weeks(year: int, tertial: int) -> list[IsoWeek]:
    """The ISO weeks of ``year`` that end in the tertial (``tertial_of``)."""
    return [w for w in weeks_of_year(year) if tertial_of(w) == tertial]


def is_summer_week(week: IsoWeek) -> bool:
    return week.week in SUMMER_WEEKS


@dataclass(frozen=True, slots=True)
class Period:
    """One schedule period of a year: its number, first Monday, last Sunday, lay-by date."""

    number: int
    start: date
    end: date
    lay_by: date

    @property
    def first_week(self) -> IsoWeek:
        return IsoWeek.of(self.start)

    @property
    def last_week(self) -> IsoWeek:
        return IsoWeek.of(self.end)

    @property
    def weeks(self) -> list[IsoWeek]:
        first = self.first_week
        return [first + i for i in range(self.last_week - first + 1)]

    def __contains__(self, week: IsoWeek) -> bool:
        return self.start <= week.monday <= self.end


def default_lay_by(start: date) -> date:
    return start - timedelta(weeks=DEFAULT_LAY_BY_WEEKS)


def periods_from_start_weeks(year: int, start_weeks: tuple[int, ...]) -> list[Period]:
    """Four consecutive periods covering the ISO year, starting in the given weeks."""
    if (
        len(start_weeks) != 4
        or start_weeks[0] != 1
        or list(start_weeks) != sorted(set(start_weeks))
    ):
        raise ValueError(_("Schemaklockan behöver fyra stigande startveckor, den första vecka 1."))
    last = weeks_in_year(year)
    if start_weeks[-1] > last:
        raise ValueError(_("En startvecka ligger efter årets sista vecka."))
    ends = [w - 1 for w in start_weeks[1:]] + [last]
    periods = []
    for number, (first, final) in enumerate(zip(start_weeks, ends, strict=True), start=1):
        start = IsoWeek(year, first).monday
        periods.append(Period(number, start, IsoWeek(year, final).sunday, default_lay_by(start)))
    return periods


def default_schedule_periods(year: int) -> list[Period]:
    return periods_from_start_weeks(year, DEFAULT_PERIOD_START_WEEKS)


def validate_periods(year: int, periods: list[Period]) -> None:
    """Raise ValueError unless the periods are 1–4, contiguous and cover the ISO year exactly."""
    if [p.number for p in periods] != [1, 2, 3, 4]:
        raise ValueError(_("Ett år har fyra schemaperioder, numrerade 1–4."))
    if periods[0].start != IsoWeek(year, 1).monday:
        raise ValueError(_("Period 1 börjar årets första vecka."))
    if periods[-1].end != IsoWeek(year, weeks_in_year(year)).sunday:
        raise ValueError(_("Period 4 slutar årets sista vecka."))
    for before, after in zip(periods, periods[1:], strict=False):
        if after.start != before.end + timedelta(days=1):
            raise ValueError(_("Schemaperioderna måste följa direkt på varandra."))


def weeks_between(first: IsoWeek, last: IsoWeek) -> list[IsoWeek]:
    """Every ISO week from ``first`` to ``last``, both included (empty when last < first)."""
    return [first + i for i in range(last - first + 1)]
