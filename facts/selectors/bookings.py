"""What is already booked: the latest booking snapshot's contacts per unit, activity and week."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count

from ..models import Booking


@dataclass(frozen=True)
class BookedWeeks:
    """Booked contacts per (unit id, activity id, week key) in one snapshot of the booking book.

    ``snapshot_date`` is None when no snapshot had been imported by the day asked about;
    then nothing is known, which is not the same as nothing booked.
    """

    snapshot_date: date | None
    counts: dict[tuple[int, int, int], int] = field(default_factory=dict)


def booked_per_week(
    *, unit_ids: Iterable[int], first_week: int, last_week: int, as_of: date
) -> BookedWeeks:
    """The bookings of the latest snapshot on or before ``as_of``, counted per unit, activity and week.

    A snapshot file holds the whole booking book of its day, so the latest day is the
    same for every unit; two queries, on the (snapshot_date, unit, week) index.
    """
    day = (
        Booking.objects.filter(snapshot_date__lte=as_of)
        .order_by("-snapshot_date")
        .values_list("snapshot_date", flat=True)
        .first()
    )
    if day is None:
        return BookedWeeks(snapshot_date=None)
    rows = (
        Booking.objects.filter(
            snapshot_date=day,
            unit_id__in=list(unit_ids),
            week__gte=first_week,
            week__lte=last_week,
        )
        .values_list("unit_id", "activity_id", "week")
        .annotate(n=Count("id"))
        .order_by()
    )
    return BookedWeeks(
        snapshot_date=day,
        counts={(unit_id, activity_id, week): n for unit_id, activity_id, week, n in rows},
    )
