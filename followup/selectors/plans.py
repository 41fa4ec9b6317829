"""The approved production plans, as follow-up reads them.

``planning.selectors.plan_weekly_volumes`` is the authority on which cells
count: those of each plan's approved version. Follow-up sums the same cells
in the database, grouped the way each figure needs (per activity and week
for a clinic, per clinic or area and week for the region), because a call-in
window spans two calendar years and a region's year is some 100 000 cells;
fetching them cell by cell would cost a query per year and seconds per page.
``tests/followup`` checks the sums agree with ``plan_weekly_volumes``.

The approved versions are picked among the plans of the years the weeks fall
in (a plan's cells lie in its own year's weeks: ``planning.services`` refuses
others), so the database reads those versions' cells through the cell key,
which starts with the version, instead of every cell of every version.
"""

from __future__ import annotations

from django.db.models import Sum

from organisation.calendar import IsoWeek
from planning.models import PlanCell, PlanStatus, PlanVersion


def approved_cells(*, first: IsoWeek, last: IsoWeek, clinic_ids=None, unit_ids=None, activity_ids=None):
    """The cells of the approved versions between two weeks, for the given clinics, units and
    activities, as a queryset to group and sum."""
    approved = PlanVersion.objects.filter(
        status=PlanStatus.APPROVED, plan__year__gte=first.year, plan__year__lte=last.year
    )
    cells = PlanCell.objects.filter(
        version_id__in=approved.values("id"), week__gte=first.key, week__lte=last.key
    )
    if clinic_ids is not None:
        cells = cells.filter(unit__clinic_id__in=list(clinic_ids))
    if unit_ids is not None:
        cells = cells.filter(unit_id__in=list(unit_ids))
    if activity_ids is not None:
        cells = cells.filter(activity_id__in=list(activity_ids))
    return cells


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
    cells = approved_cells(
        first=first, last=last, clinic_ids=clinic_ids, unit_ids=unit_ids, activity_ids=activity_ids
    )
    return list(cells.values(*by).annotate(plan=Sum("volume")).order_by())
