"""Reads of production plans: what follow-up counts, what the grid shows, what changed."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .models import PlanCell, PlanStatus


def plan_weekly_volumes(*, unit_ids: Iterable[int], year: int) -> dict[tuple[int, int, int], Decimal]:
    """The approved plans' weekly volume per (unit id, activity id, week key) for a year.

    Only the approved version of each plan counts; drafts, submitted and
    superseded versions are left out. One query, whatever the number of units.
    """
    rows = PlanCell.objects.filter(
        version__status=PlanStatus.APPROVED,
        unit_id__in=list(unit_ids),
        week__gte=year * 100 + 1,
        week__lte=year * 100 + 53,
    ).values_list("unit_id", "activity_id", "week", "volume")
    return {(unit_id, activity_id, week): volume for unit_id, activity_id, week, volume in rows}
