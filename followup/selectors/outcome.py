"""Plan against outcome per activity and week: the grid every operational and tactical figure reads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Sum

from followup.models import WeeklyOutcome
from organisation.calendar import IsoWeek

from .coverage import outcome_weeks_known_for_units
from .plans import plan_by_activity_week, plan_cells
from .scope import Scope, weeks_between

ZERO = Decimal(0)


def share(outcome: Decimal | None, plan: Decimal | None) -> float | None:
    """Outcome as a fraction of plan (1.0 = as planned); None when there is nothing to compare."""
    if outcome is None or not plan:
        return None
    return float(outcome / plan)


def _per_week(values: dict[tuple[int, int], Decimal]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for (_activity, week), value in values.items():
        totals[week] += value
    return dict(totals)


@dataclass
class PlanOutcomeGrid:
    """Planned and performed volume per (activity id, week key) over a run of weeks.

    ``outcome`` holds only the rows the facts have; use ``outcome_of`` which
    answers None for a week whose outcome is not known and 0 for a known week
    with nothing performed.
    """

    weeks: list[IsoWeek]
    known: set[int]
    plan: dict[tuple[int, int], Decimal]
    outcome: dict[tuple[int, int], Decimal]
    unit_plan: dict[tuple[int, int, int], Decimal] = field(default_factory=dict)

    @property
    def activity_ids(self) -> set[int]:
        return {a for a, _w in self.plan} | {a for a, _w in self.outcome}

    @cached_property
    def _plan_per_week(self) -> dict[int, Decimal]:
        return _per_week(self.plan)

    @cached_property
    def _outcome_per_week(self) -> dict[int, Decimal]:
        return _per_week(self.outcome)

    def plan_of(self, activity_id: int | None, week: int) -> Decimal:
        """Planned volume; ``activity_id`` None sums every activity."""
        if activity_id is None:
            return self._plan_per_week.get(week, ZERO)
        return self.plan.get((activity_id, week), ZERO)

    def outcome_of(self, activity_id: int | None, week: int) -> Decimal | None:
        """Performed volume, or None when the week's outcome is not known."""
        if week not in self.known:
            return None
        if activity_id is None:
            return self._outcome_per_week.get(week, ZERO)
        return self.outcome.get((activity_id, week), ZERO)

    def totals(self, activity_id: int | None, weeks) -> tuple[Decimal, Decimal, int]:
        """Plan and outcome summed over the known weeks among ``weeks``, and how many were known.

        Unknown weeks are left out of both sides, so a late extract lowers
        neither the outcome nor the share.
        """
        plan = outcome = ZERO
        known = 0
        for week in weeks:
            performed = self.outcome_of(activity_id, week)
            if performed is None:
                continue
            known += 1
            plan += self.plan_of(activity_id, week)
            outcome += performed
        return plan, outcome, known


def plan_vs_outcome(
    *, scope: Scope, first: IsoWeek, last: IsoWeek, plan_until: IsoWeek | None = None
) -> PlanOutcomeGrid:
    """The grid for the scope's units and activities from ``first`` to ``last``.

    ``plan_until`` extends the plan (not the outcome) into coming weeks, so the
    call-in reads last year's weeks and the next four in one pass. Three or four
    queries: plan (one per calendar year), outcome, known weeks.
    """
    plan_last = max(last, plan_until) if plan_until else last
    cells = plan_cells(
        unit_ids=scope.unit_ids, first=first, last=plan_last, activity_ids=scope.activity_ids
    )
    rows = (
        WeeklyOutcome.objects.filter(
            unit_id__in=scope.unit_ids,
            source=scope.source,
            week__gte=first.key,
            week__lte=last.key,
            **scope.activity_filter(),
        )
        .values_list("activity_id", "week")
        .annotate(total=Sum("count"))
        .order_by()
    )
    known = outcome_weeks_known_for_units(
        unit_ids=scope.unit_ids, source=scope.source, first=first, last=last
    )
    return PlanOutcomeGrid(
        weeks=weeks_between(first, plan_last),
        known=known,
        plan=plan_by_activity_week(cells),
        outcome={(activity, week): total for activity, week, total in rows},
        unit_plan=cells,
    )
