"""Plan against outcome per activity and week: the grid every operational and tactical figure reads."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db import connection
from django.db.models import Sum

from facts.selectors import rows as facts_rows
from facts.selectors.coverage import KIND_OF_SOURCE, UNKNOWN, complete, present_weeks_sql
from facts.selectors.sql import as_decimal
from organisation.calendar import IsoWeek

from .plans import approved_plan_sql
from .scope import Scope, weeks_between

ZERO = Decimal(0)


def share(outcome: Decimal | None, plan: Decimal | None) -> float | None:
    """Outcome as a fraction of plan (1.0 = as planned); None when there is nothing to compare."""
    if outcome is None or not plan:
        return None
    return float(outcome / plan)


def planned_share(pairs: Iterable[tuple[Decimal, Decimal]]) -> dict:
    """The share of planned production over some activities, each given as (plan, outcome).

    Only activities with a plan count in the share; the outcome of the others
    is ``unplanned`` ("utan plan"). ``shortfall`` sums what each planned
    activity fell short of its plan, so over-production in one activity never
    hides a shortfall in another; ``behind`` counts those activities. ``outcome``
    is the planned activities' outcome. Without any plan share and shortfall
    are None ("–"), never 0 % or 100 %.
    """
    plan = outcome = shortfall = unplanned = ZERO
    behind = 0
    for planned, performed in pairs:
        if planned > 0:
            plan += planned
            outcome += performed
            if performed < planned:
                shortfall += planned - performed
                behind += 1
        else:
            unplanned += performed
    return {
        "plan": plan,
        "outcome": outcome,
        "share": share(outcome, plan),
        "shortfall": shortfall if plan else None,
        "behind": behind,
        "unplanned": unplanned,
    }


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

    def planned(self, weeks, activity_id: int | None = None) -> dict:
        """The share of planned production over the known weeks among ``weeks`` (``planned_share``),
        each activity's plan and outcome summed over those weeks first; ``weeks_known`` too.

        ``activity_id`` narrows it to one activity; an unknown week counts on neither side.
        """
        weeks = [w for w in weeks if w in self.known]
        activities = self.activity_ids if activity_id is None else {activity_id}
        pairs = [
            (
                sum((self.plan_of(a, w) for w in weeks), ZERO),
                sum((self.outcome_of(a, w) for w in weeks), ZERO),
            )
            for a in activities
        ]
        return {**planned_share(pairs), "weeks_known": len(weeks)}


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
    freshness banner); without it the statement looks it up. One query: the
    plan, the outcome and the weeks that arrived. ``with_outcome=False`` reads
    the plan alone, for figures that compare the plan with something else; no
    week is then known. ``per_unit`` also tells, per unit,
    the weeks it has a plan for (``planned_weeks``); the plan is then summed
    per unit too, five times the rows.
    """
    plan_last = max(last, plan_until) if plan_until else last
    # Every activity's plan is read, not only the chosen ones: staff hours are compared with
    # the whole plan's need, and it costs nothing more.
    by = ("unit_id", "activity_id", "week") if per_unit else ("activity_id", "week")
    plan_sql, plan_params = approved_plan_sql(
        first=first, last=plan_last, by=by, unit_ids=scope.unit_ids
    )
    # One statement, its rows told apart by the first column: 1 the plan per activity and week
    # (and unit), 2 the scope's outcome, 3 the weeks whose outcome arrived anywhere in the region
    # (Diver's: in the scope's units, ``delivered_per_unit``).
    parts = [
        f"SELECT 1, {'p.unit_id' if per_unit else 'NULL'}, p.activity_id, p.week, p.plan FROM ({plan_sql}) p"
    ]
    params = [*plan_params]
    weeks: list[int] = []
    if with_outcome:
        outcome_sql, outcome_params = (
            facts_rows.weekly_outcomes()
            .filter(
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
        cut_off_kind = (
            KIND_OF_SOURCE.get(scope.source, scope.source) if data_until is UNKNOWN else None
        )
        weeks = [
            w.key for w in weeks_between(first, last) if cut_off_kind or complete(w.key, data_until)
        ]
        known_sql, known_params = present_weeks_sql(
            facts_rows.weekly_outcomes().model,
            weeks or [0],
            unit_ids=scope.unit_ids,
            source=scope.source,
            cut_off_kind=cut_off_kind,
        )
        parts += [
            f"SELECT 2, NULL, o.activity_id, o.week, o.total FROM ({outcome_sql}) o",
            f"SELECT 3, NULL, NULL, k.column1, NULL FROM ({known_sql}) k",
        ]
        params += [*outcome_params, *known_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    plan: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    plan_all: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    planned_weeks: dict[int, set[int]] = defaultdict(set)
    known = {int(week) for part, _u, _a, week, _v in rows if part == 3} & set(weeks)
    outcome = {}
    for part, unit, activity, week, value in rows:
        if part == 1:
            value = as_decimal(value)
            plan_all[activity, week] += value
            if scope.wants(activity):
                plan[activity, week] += value
                if per_unit:
                    planned_weeks[unit].add(week)
        elif part == 2 and week in known:
            outcome[activity, week] = as_decimal(value)
    return PlanOutcomeGrid(
        weeks=weeks_between(first, plan_last),
        known=known,
        plan=dict(plan),
        outcome=outcome,
        planned_weeks=dict(planned_weeks),
        plan_all=dict(plan_all),
    )
