"""The intervals the follow-up is read over: a day, an ISO week, a schedule period or a tertial."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.calendar import default_schedule_periods, tertial_dates, tertial_of_day

# The longest interval read at once: a year of a hospital's sessions and operations.
MAX_DAYS = 366


class PeriodKind(models.TextChoices):
    DAY = "dag", _("Dag")
    WEEK = "vecka", _("Vecka")
    SCHEDULE_PERIOD = "schemaperiod", _("Schemaperiod")
    TERTIAL = "tertial", _("Tertial")


def interval(kind: str, day: date) -> tuple[date, date]:
    """The first and last day of the ``kind`` of period that ``day`` falls in.

    Schedule periods follow the schedule clock's default periods of the ISO year; a
    hospital's clinics can belong to areas with their own, which the interval does not follow.
    """
    if kind == PeriodKind.DAY:
        return day, day
    if kind == PeriodKind.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if kind == PeriodKind.SCHEDULE_PERIOD:
        year = day.isocalendar().year
        period = next(p for p in default_schedule_periods(year) if p.start <= day <= p.end)
        return period.start, period.end
    return tertial_dates(day.year, tertial_of_day(day))
