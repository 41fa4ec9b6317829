"""Reads of reference data: schedule periods, time standards, activity mapping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from . import calendar
from .calendar import IsoWeek, Period
from .models import Activity, Area, ClinicTimeStandard, ContactActivityRule, SchedulePeriod


def schedule_periods(*, area: Area, year: int) -> list[Period]:
    """The area's configured schedule periods for the year, or the default clock."""
    rows = list(SchedulePeriod.objects.filter(area=area, year=year).order_by("number"))
    if len(rows) != 4:
        return calendar.default_schedule_periods(year)
    return [Period(r.number, r.start, r.end, r.lay_by_date()) for r in rows]


def period_of(*, area: Area, week: IsoWeek) -> Period:
    return next(p for p in schedule_periods(area=area, year=week.year) if week in p)


def time_standards(*, clinic_id: int) -> dict[int, int]:
    """Minutes per activity id for a clinic: its own standard where set, else the default."""
    minutes = dict(Activity.objects.values_list("id", "minutes"))
    minutes.update(
        ClinicTimeStandard.objects.filter(clinic_id=clinic_id).values_list("activity_id", "minutes")
    )
    return minutes


def contact_activity_resolver() -> Callable[[int, str, str], int | None]:
    """A function (fas, kontakttyp, yrkeskategori) → activity id, from the editable rules.

    A rule naming both contact type and profession beats one naming one of
    them, which beats one naming neither. Loaded once, so an import of a
    million rows resolves them in memory.
    """
    rules = {
        (r.phase, r.contact_type, r.profession): r.activity_id
        for r in ContactActivityRule.objects.all()
    }

    def resolve(phase: int, contact_type: str, profession: str) -> int | None:
        for key in (
            (phase, contact_type, profession),
            (phase, contact_type, ""),
            (phase, "", profession),
            (phase, "", ""),
        ):
            if key in rules:
                return rules[key]
        return None

    return resolve


def today_in_calendar(*, area: Area | None, today: date) -> dict:
    """What the home page says about today: week, tertial, schedule period, next lay-by date."""
    week = IsoWeek.of(today)
    periods = (
        schedule_periods(area=area, year=week.year)
        if area
        else calendar.default_schedule_periods(week.year)
    )
    upcoming = [
        p
        for year in (week.year, week.year + 1)
        for p in (
            schedule_periods(area=area, year=year)
            if area
            else calendar.default_schedule_periods(year)
        )
        if p.lay_by >= today
    ]
    return {
        "week": week,
        "tertial": calendar.tertial_of_day(today),
        "period": next(p for p in periods if week in p),
        "next_lay_by": upcoming[0] if upcoming else None,
        "working_days": calendar.working_days(week),
        # Both calendar years: week 53 of 2026 ends with New Year's Day 2027, as working_days counts it.
        "holidays": {
            d: n
            for d, n in (
                calendar.holidays_in(week.monday.year) | calendar.holidays_in(week.sunday.year)
            ).items()
            if d in week.days
        },
    }
