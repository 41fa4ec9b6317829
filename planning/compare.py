"""Comparing two versions of a plan: what changed per activity and schedule period, and in total.

Volumes are summed over the clinic's units (or the chosen ones) in the database,
per activity and week, and gathered into the area's schedule periods here; the
difference is always B − A, so a positive number means version B plans more.
A ward's staffed beds are a level, not a volume: their row is the mean per week
planned (summed over the units), and they are left out of the totals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from organisation import selectors as organisation_selectors
from organisation.models import Activity

from .capacity import period_of_week
from .models import PlanCell, PlanVersion
from .selectors import staffed_beds_activity_id

ZERO = Decimal(0)


@dataclass(frozen=True)
class ComparedFigure:
    """One activity (None: all activities) in one period (None: the whole year), in A and B."""

    activity_id: int | None
    activity_name: str
    period: int | None
    a: Decimal
    b: Decimal

    @property
    def difference(self) -> Decimal:
        return self.b - self.a

    @property
    def changed(self) -> bool:
        return self.a != self.b


@dataclass
class VersionComparison:
    """Versions A and B of one plan side by side: rows per activity and period, and totals."""

    a: PlanVersion
    b: PlanVersion
    periods: list = field(default_factory=list)
    # Per activity: its periods, then its whole year (period None), activities in catalogue order.
    rows: list[ComparedFigure] = field(default_factory=list)
    # All activities but the staffed beds: per period, then the whole year.
    totals: list[ComparedFigure] = field(default_factory=list)
    beds_activity: int | None = None

    @property
    def has_beds(self) -> bool:
        """Whether a row is the wards' staffed beds (a mean per week, not in the totals)."""
        return any(row.activity_id == self.beds_activity for row in self.rows)

    @property
    def changed_rows(self) -> list[ComparedFigure]:
        return [row for row in self.rows if row.changed]

    @property
    def changed_activities(self) -> int:
        return len({row.activity_id for row in self.rows if row.changed})


def plan_versions_compare(
    *, a: PlanVersion, b: PlanVersion, unit_ids: Iterable[int] | None = None
) -> VersionComparison:
    """What changed from version A to version B of the same plan, per activity and period.

    The caller has checked that both versions belong to one plan the user may read.
    Weeks outside every schedule period (a clock that leaves some out) count in the
    year's total only. Four queries.
    """
    if a.plan_id != b.plan_id:
        raise ValueError("versions of different plans")
    plan = a.plan
    periods = organisation_selectors.schedule_periods(area=plan.clinic.area, year=plan.year)
    week_period = period_of_week(periods)
    cells = PlanCell.objects.filter(version_id__in=[a.id, b.id])
    if unit_ids is not None:
        cells = cells.filter(unit_id__in=list(unit_ids))
    sums: dict[tuple[int, int | None, int | None], Decimal] = defaultdict(lambda: ZERO)
    beds_activity = staffed_beds_activity_id()
    bed_weeks: dict[tuple[int, int | None, int | None], int] = defaultdict(int)
    for version_id, activity_id, week, volume in (
        cells.values("version_id", "activity_id", "week")
        .annotate(volume=Sum("volume"))
        .values_list("version_id", "activity_id", "week", "volume")
        .order_by()
    ):
        period = week_period.get(week)
        for key_period in (period, None) if period is not None else (None,):
            sums[(version_id, activity_id, key_period)] += volume
            if activity_id == beds_activity:
                bed_weeks[(version_id, activity_id, key_period)] += 1
            else:
                sums[(version_id, None, key_period)] += volume
    for key, weeks in bed_weeks.items():
        sums[key] = (sums[key] / weeks).quantize(Decimal("0.01"))
    planned = {activity_id for _v, activity_id, _p in sums if activity_id is not None}
    activities = Activity.objects.filter(id__in=planned).order_by("sort_order", "name")
    numbers: list[int | None] = [p.number for p in periods] + [None]

    def figure(activity_id: int | None, name: str, period: int | None) -> ComparedFigure:
        return ComparedFigure(
            activity_id=activity_id,
            activity_name=name,
            period=period,
            a=sums.get((a.id, activity_id, period), ZERO),
            b=sums.get((b.id, activity_id, period), ZERO),
        )

    return VersionComparison(
        a=a,
        b=b,
        periods=periods,
        rows=[figure(act.id, act.name, n) for act in activities for n in numbers],
        totals=[figure(None, "", n) for n in numbers],
        beds_activity=beds_activity,
    )
