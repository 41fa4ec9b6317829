"""Plan against outcome per activity and week: the grid every operational and tactical figure reads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db import connection
from django.db.models import Sum

from followup.models import WeeklyOutcome
from organisation.calendar import IsoWeek

from .coverage import KIND_OF_SOURCE, UNKNOWN, complete, present_weeks_sql
from .plans import approved_plan_totals
from .scope import Scope, weeks_between
from .sql import as_decimal

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
    with nothing performed. ``planned_weeks`` is, per unit, the weeks it has
    an approved plan for.
    """

    weeks: list[IsoWeek]
    known: set[int]
    plan: dict[tuple[int, int], Decimal]
    outcome: dict[tuple[int, int], Decimal]
    planned_weeks: dict[int, set[int]] = field(default_factory=dict)
    # The plan of every activity, whatever the scope's activity filter (for staffing need).
    plan_all: dict[tuple[int, int], Decimal] = field(default_factory=dict)

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
    *,
    scope: Scope,
    first: IsoWeek,
    last: IsoWeek,
    plan_until: IsoWeek | None = None,
    data_until=UNKNOWN,
    with_outcome: bool = True,
    per_unit: bool = False,
) -> PlanOutcomeGrid:
    """The grid for the scope's units and activities from ``first`` to ``last``.

    ``plan_until`` extends the plan (not the outcome) into coming weeks, so the
    call-in reads the past weeks and the next four in one pass. ``data_until``
    is the outcome's import cut-off when the caller already has it (from the
    freshness banner); without it the outcome's statement looks it up. Two
    queries: the plan, and the outcome with the weeks that arrived. ``with_outcome=False`` reads
    the plan alone (one query), for figures that compare the plan with
    something else; no week is then known. ``per_unit`` also tells, per unit,
    the weeks it has a plan for (``planned_weeks``); the plan is then summed
    per unit too, five times the rows.
    """
    plan_last = max(last, plan_until) if plan_until else last
    plan: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    plan_all: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    planned_weeks: dict[int, set[int]] = defaultdict(set)
    # Every activity's plan is read, not only the chosen ones: staff hours are compared with
    # the whole plan's need, and it costs no second query.
    by = ("unit_id", "activity_id", "week") if per_unit else ("activity_id", "week")
    for row in approved_plan_totals(first=first, last=plan_last, by=by, unit_ids=scope.unit_ids):
        key = row["activity_id"], row["week"]
        plan_all[key] += row["plan"]
        if scope.wants(row["activity_id"]):
            plan[key] += row["plan"]
            if per_unit:
                planned_weeks[row["unit_id"]].add(row["week"])
    if not with_outcome:
        return PlanOutcomeGrid(
            weeks=weeks_between(first, plan_last),
            known=set(),
            plan=dict(plan),
            outcome={},
            planned_weeks=dict(planned_weeks),
            plan_all=dict(plan_all),
        )
    outcome_sql, outcome_params = (
        WeeklyOutcome.objects.filter(
            unit_id__in=scope.unit_ids,
            source=scope.source,
            week__gte=first.key,
            week__lte=last.key,
            **scope.activity_filter(),
        )
        .values_list("week", "activity_id")
        .annotate(total=Sum("count"))
        .order_by()
        .query.sql_with_params()
    )
    # Without the cut-off at hand, the statement looks it up itself.
    cut_off_kind = KIND_OF_SOURCE.get(scope.source, scope.source) if data_until is UNKNOWN else None
    weeks = [w.key for w in weeks_between(first, last) if cut_off_kind or complete(w.key, data_until)]
    known_sql, known_params = present_weeks_sql(
        WeeklyOutcome, weeks or [0], unit_ids=scope.unit_ids, source=scope.source, cut_off_kind=cut_off_kind
    )
    # One statement: the scope's outcome per activity and week, and (rows without an
    # activity) the weeks that arrived anywhere in the region.
    with connection.cursor() as cursor:
        cursor.execute(
            f"{outcome_sql} UNION ALL SELECT w.column1, NULL, NULL FROM ({known_sql}) w",
            [*outcome_params, *known_params],
        )
        rows = cursor.fetchall()
    known = {int(week) for week, activity, _total in rows if activity is None} & set(weeks)
    outcome = {
        (activity, week): as_decimal(total)
        for week, activity, total in rows
        if activity is not None and week in known
    }
    return PlanOutcomeGrid(
        weeks=weeks_between(first, plan_last),
        known=known,
        plan=dict(plan),
        outcome=outcome,
        planned_weeks=dict(planned_weeks),
        plan_all=dict(plan_all),
    )
