"""The approved production plans, as follow-up reads them.

``planning.selectors.plan_weekly_volumes`` is the authority on which cells
count: those of each plan's approved version. Follow-up sums the same cells
in the database, grouped the way each figure needs (per activity and week
for a clinic, per clinic or area and week for the region), because a call-in
window spans two calendar years and a region's year is some 100 000 cells;
fetching them cell by cell would cost a query per year and seconds per page.
``tests/followup`` checks the sums agree with ``plan_weekly_volumes``.
"""

from __future__ import annotations

from django.db.models import Sum

from organisation.calendar import IsoWeek
from planning.models import PlanCell, PlanStatus


def approved_plan_totals(
    *,
    first: IsoWeek,
    last: IsoWeek,
    by: tuple[str, ...],
    clinic_ids=None,
    unit_ids=None,
    activity_ids=None,
) -> list[dict]:
    """Approved volumes between two weeks summed in the database, grouped by ``by``. One query.

    E.g. ``by=("activity_id", "week")`` for a clinic's units, or
    ``by=("unit__clinic_id", "week")`` for a region's clinics.
    """
    cells = PlanCell.objects.filter(
        version__status=PlanStatus.APPROVED, week__gte=first.key, week__lte=last.key
    )
    if clinic_ids is not None:
        cells = cells.filter(unit__clinic_id__in=list(clinic_ids))
    if unit_ids is not None:
        cells = cells.filter(unit_id__in=list(unit_ids))
    if activity_ids is not None:
        cells = cells.filter(activity_id__in=list(activity_ids))
    return list(cells.values(*by).annotate(plan=Sum("volume")).order_by())
