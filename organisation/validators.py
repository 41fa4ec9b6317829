"""Bounds for what users type: dates within the years the platform plans and follows up."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The same years as plans, weeks and the schedule clock accept.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def sensible_date(value: datetime.date) -> None:
    """Refuses a date outside 2000–2100: a typo (0202, 20266) that would otherwise be stored
    and break the week arithmetic of every page that shows it."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Datumet %(date)s ligger inte mellan år %(first)s och %(last)s.")
            % {"date": value.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR},
            code="date_out_of_range",
        )
