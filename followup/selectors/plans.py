"""The approved production plans, as follow-up reads them.

``planning.selectors.plan_weekly_volumes`` is the authority on which plan
version counts (the approved one). Dashboards that look at a clinic read it
cell by cell; the region-wide views sum the same cells in the database,
because a region's year is some 100 000 cells. ``tests/followup`` checks the
two agree.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from organisation.calendar import IsoWeek
from planning.models import PlanCell, PlanStatus
from planning.selectors import plan_weekly_volumes

Key = tuple[int, int, int]  # (unit id, activity id, week key)


def plan_cells(*, unit_ids, first: IsoWeek, last: IsoWeek, activity_ids=None) -> dict[Key, Decimal]:
    """Approved weekly volumes per (unit, activity, week) between two weeks: one query per year."""
    wanted = None if activity_ids is None else set(activity_ids)
    cells: dict[Key, Decimal] = {}
    for year in range(first.year, last.year + 1):
        for key, volume in plan_weekly_volumes(unit_ids=unit_ids, year=year).items():
            if first.key <= key[2] <= last.key and (wanted is None or key[1] in wanted):
                cells[key] = volume
    return cells


def plan_by_activity_week(cells: dict[Key, Decimal]) -> dict[tuple[int, int], Decimal]:
    """The cells summed over units: (activity id, week key) → volume."""
    totals: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for (_unit, activity, week), volume in cells.items():
        totals[activity, week] += volume
    return dict(totals)


def approved_plan_totals(*, clinic_ids, first: IsoWeek, last: IsoWeek, by: tuple[str, ...]) -> list[dict]:
    """Approved volumes summed in the database, grouped by ``by`` (e.g. unit's clinic and week).

    The same cells as ``plan_weekly_volumes``: approved versions only.
    """
    return list(
        PlanCell.objects.filter(
            version__status=PlanStatus.APPROVED,
            unit__clinic_id__in=list(clinic_ids),
            week__gte=first.key,
            week__lte=last.key,
        )
        .values(*by)
        .annotate(plan=Sum("volume"))
        .order_by()
    )
