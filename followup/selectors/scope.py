"""What a dashboard looks at, and the week ranges it reads."""

from __future__ import annotations

from dataclasses import dataclass

from facts.choices import OutcomeSource
from organisation.calendar import IsoWeek, weeks_between


@dataclass(frozen=True)
class Scope:
    """The clinics, units and activities a figure covers, already checked against the user's access.

    Built by ``followup.filters`` from the request, so a page and the API with
    the same query string look at exactly the same facts. ``activity_ids``
    None means every activity.
    """

    clinic_ids: tuple[int, ...]
    unit_ids: tuple[int, ...]
    activity_ids: tuple[int, ...] | None = None
    source: str = OutcomeSource.COSMIC

    def wants(self, activity_id: int) -> bool:
        return self.activity_ids is None or activity_id in self.activity_ids

    def activity_filter(self, field: str = "activity_id") -> dict:
        """Keyword arguments for ``QuerySet.filter`` restricting to the chosen activities."""
        return {} if self.activity_ids is None else {f"{field}__in": self.activity_ids}


def weeks_ending(last: IsoWeek, count: int) -> list[IsoWeek]:
    """The ``count`` weeks that end with ``last``."""
    return weeks_between(last - (count - 1), last)
