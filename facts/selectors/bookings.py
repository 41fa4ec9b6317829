"""What is already booked: the latest booking snapshot's contacts per unit, activity and week."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Subquery

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
    same for every unit. One query, on the (snapshot_date, unit, week) index; a second
    only when the snapshot has nothing for these units and weeks, to tell that apart
    from no snapshot at all.
    """
    latest = (
        Booking.objects.filter(snapshot_date__lte=as_of)
        .order_by("-snapshot_date")
        .values("snapshot_date")[:1]
    )
    rows = list(
        Booking.objects.filter(
            snapshot_date=Subquery(latest),
            unit_id__in=list(unit_ids),
            week__gte=first_week,
            week__lte=last_week,
        )
        .values_list("snapshot_date", "unit_id", "activity_id", "week")
        .annotate(n=Count("id"))
        .order_by()
    )
    if not rows:
        return BookedWeeks(snapshot_date=latest.values_list("snapshot_date", flat=True).first())
    return BookedWeeks(
        snapshot_date=rows[0][0],
        counts={(unit_id, activity_id, week): n for _day, unit_id, activity_id, week, n in rows},
    )
