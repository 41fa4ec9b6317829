"""The reference rows beside a plan in the grid: last year's outcome and what is already booked.

Read through ``facts.selectors`` (planning does not read the fact tables itself).
Both are keyed by the plan year's week keys, so the grid shows them in the plan's
own columns: last year's outcome of ISO week *w* under week *w* (a week 53 the
year before had no counterpart shows nothing), bookings under their own week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from facts.selectors.bookings import booked_per_week
from facts.selectors.outcome import weekly_outcome_counted
from organisation.calendar import weeks_in_year

from .selectors import year_week_range


@dataclass(frozen=True)
class ReferenceRows:
    """Per activity id, per plan-year week key: last year's outcome and the booked contacts."""

    outcome: dict[int, dict[int, Decimal]]
    booked: dict[int, dict[int, int]]
    # The booking snapshot read (None: no snapshot imported by the day asked about).
    booked_snapshot: date | None


def plan_reference_rows(*, unit_id: int, year: int, as_of: date) -> ReferenceRows:
    """Last year's outcome per week (same ISO week a year earlier) and bookings per week, for one unit."""
    first, last = year_week_range(year - 1)
    weeks_this_year = weeks_in_year(year)
    outcome: dict[int, dict[int, Decimal]] = {}
    counted = weekly_outcome_counted(unit_ids=[unit_id], first_week=first, last_week=last)
    for (_unit, activity_id, week), count in counted.items():
        if week % 100 <= weeks_this_year:
            outcome.setdefault(activity_id, {})[year * 100 + week % 100] = count
    first, last = year_week_range(year)
    bookings = booked_per_week(unit_ids=[unit_id], first_week=first, last_week=last, as_of=as_of)
    booked: dict[int, dict[int, int]] = {}
    for (_unit, activity_id, week), n in bookings.counts.items():
        booked.setdefault(activity_id, {})[week] = n
    return ReferenceRows(outcome=outcome, booked=booked, booked_snapshot=bookings.snapshot_date)
