"""The approved production plans, as follow-up reads them.

``planning.selectors.plan_approved_volumes`` is the one rule of which cells
count: those of each plan's approved version. Follow-up sums those cells in
the database, grouped the way each figure needs (per activity and week for a
clinic, per clinic or area and week for the region), because a call-in window
spans two calendar years and a region's year is some 100 000 cells; fetching
them cell by cell would cost a query per year and seconds per page.

Where the activities need not be told apart, a version already summed per
unit and week (``followup.summary``, filled by the same rule when an approval
commits) is read from those totals, a sixth of the rows; one not yet summed is
read from its cells in the same statement, so the figures never wait for the
summary. ``tests/followup/test_plan_summary.py`` holds the totals equal to the
rule's cells.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet, Sum

from facts.selectors.sql import as_decimal
from followup.models import ApprovedPlanWeek, SummarisedPlanVersion
from organisation.calendar import IsoWeek
from planning.selectors import plan_approved_versions, plan_approved_volumes


def approved_volumes(
    *,
    first: IsoWeek,
    last: IsoWeek,
    clinic_ids=None,
    unit_ids=None,
    activity_ids=None,
    per_activity=False,
) -> list[QuerySet]:
    """Where the approved volumes between two weeks are read, as querysets with ``unit``,
    ``week`` and ``volume`` to group and sum alike (``union_all`` runs them as one statement).

    The cells when activities matter (``activity_ids`` or ``per_activity``);
    otherwise the weekly totals of the versions already summed and the cells of
    the others.
    """
    if activity_ids is not None or per_activity:
        sources = [plan_approved_volumes(first_week=first.key, last_week=last.key)]
    else:
        # EXISTS rather than IN: PostgreSQL then sees from its statistics that few versions (most
        # often none) are left unsummed, and reads their cells by key instead of scanning the table.
        summed = Exists(SummarisedPlanVersion.objects.filter(version_id=OuterRef("pk")))
        approved = plan_approved_versions(first_year=first.year, last_year=last.year, where=summed)
        sources = [
            ApprovedPlanWeek.objects.filter(
                version_id__in=approved.values("id"), week__gte=first.key, week__lte=last.key
            ),
            plan_approved_volumes(first_week=first.key, last_week=last.key, where=~summed),
        ]
    narrowed = []
    for rows in sources:
        if clinic_ids is not None:
            rows = rows.filter(unit__clinic_id__in=list(clinic_ids))
        if unit_ids is not None:
            rows = rows.filter(unit_id__in=list(unit_ids))
        if activity_ids is not None:
            rows = rows.filter(activity_id__in=list(activity_ids))
        narrowed.append(rows)
    return narrowed


def approved_plan_sql(
    *, first: IsoWeek, last: IsoWeek, by: tuple[str, ...], unit_ids
) -> tuple[str, list]:
    """The approved volumes of ``unit_ids`` between two weeks summed per ``by`` (which names the
    activity: the cells are read), as SQL with columns ``by`` and ``plan`` to run inside a
    larger statement."""
    (cells,) = approved_volumes(first=first, last=last, unit_ids=unit_ids, per_activity=True)
    return cells.values(*by).annotate(plan=Sum("volume")).order_by().query.sql_with_params()


def union_all(groups: list[QuerySet]) -> list:
    """Grouped querysets with the same columns, run as one statement (UNION ALL)."""
    first, *rest = groups
    return list(first.union(*rest, all=True) if rest else first)


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
    sources = approved_volumes(
        first=first, last=last, clinic_ids=clinic_ids, unit_ids=unit_ids, activity_ids=activity_ids,
        per_activity="activity_id" in by,
    )  # fmt: skip
    totals: dict[tuple, Decimal] = defaultdict(Decimal)
    # A key can come from both kinds of version (summed and not): add the two up.
    for row in union_all(
        [rows.values(*by).annotate(plan=Sum("volume")).order_by() for rows in sources]
    ):
        totals[tuple(row[name] for name in by)] += as_decimal(row["plan"])
    return [{**dict(zip(by, key, strict=True)), "plan": plan} for key, plan in totals.items()]
