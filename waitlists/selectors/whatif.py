"""What-if: the queue week by week from the forecast inflow and the approved plan or an edited capacity."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

from organisation.calendar import IsoWeek

from .. import queue
from ..projection import DEFAULT_RUNS, Projection, project_queue
from .pace import DEFAULT_HISTORY_WEEKS, ObservedQueue, queue_observed

CAPACITY_PLAN = "plan"
CAPACITY_EDITED = "edited"
MIN_HORIZON, MAX_HORIZON = 12, 52


@dataclass
class WhatIf:
    """A projected waiting list with the assumptions it rests on."""

    observed: ObservedQueue
    weeks: list[IsoWeek]  # week 0 (now, the latest snapshot's week) … horizon
    capacity: list[float]  # per projected week, extra capacity included
    # "plan" (every week from the approved plan), "plan_partial", "observed" (no plan) or "edited".
    capacity_source: str
    extra: float
    target_wait_weeks: float
    factor: float
    target_queue: float
    projection: Projection

    @property
    def demand(self) -> float | None:
        return self.observed.demand

    @property
    def horizon(self) -> int:
        return len(self.weeks) - 1

    @property
    def already_at_target(self) -> bool:
        return self.observed.queue_size <= self.target_queue

    def week_at(self, index: int | None) -> IsoWeek | None:
        return self.weeks[index] if index is not None else None

    @property
    def median_meets_guarantee(self) -> IsoWeek | None:
        return self.week_at(self.projection.week_median_at_target)

    @property
    def confidently_meets_guarantee(self) -> IsoWeek | None:
        return self.week_at(self.projection.week_confident_at_target)


def whatif_projection(
    *,
    user: User | AnonymousUser,
    unit_ids: list[int],
    phase: int,
    care_area_id: int | None = None,
    horizon: int = 26,
    capacity: float | None = None,
    extra: float = 0.0,
    target_wait_days: float = queue.GUARANTEE_DAYS,
    factor: float = queue.DEFAULT_FACTOR,
    history_weeks: int = DEFAULT_HISTORY_WEEKS,
    runs: int = DEFAULT_RUNS,
) -> WhatIf:
    """Project the list ``horizon`` weeks ahead (12–52).

    Inflow is forecast as the mean weekly inflow of the last ``history_weeks``
    complete weeks. Capacity is ``capacity`` per week when given, otherwise the
    approved plan's volume week by week, and the observed outflow for weeks no
    approved plan covers; ``extra`` is added to every week (a new operating
    day, an extra clinic).
    """
    horizon = max(MIN_HORIZON, min(MAX_HORIZON, int(horizon)))
    observed = queue_observed(
        user=user,
        unit_ids=unit_ids,
        phase=phase,
        care_area_id=care_area_id,
        history_weeks=history_weeks,
        plan_weeks=horizon,
    )
    ahead = [observed.now + n for n in range(1, horizon + 1)]
    if capacity is not None:
        per_week, source = [float(capacity)] * horizon, CAPACITY_EDITED
    else:
        per_week = [observed.plan.get(w.key, observed.capacity or 0.0) for w in ahead]
        covered = sum(1 for w in ahead if w.key in observed.plan)
        source = "plan" if covered == horizon else "plan_partial" if covered else "observed"
    per_week = [max(0.0, c + extra) for c in per_week]

    target_wait_weeks = target_wait_days / 7
    # Unknown inflow (no week delivered) projects as none arriving; the page shows it as unknown.
    demand = observed.demand or 0.0
    target_queue = queue.target_queue_size(
        demand=demand, target_wait=target_wait_weeks, factor=factor
    )
    projection = project_queue(
        queue_size=observed.queue_size,
        demand=demand,
        capacity=per_week,
        target_queue=target_queue,
        cv_demand=observed.cv_demand,
        cv_capacity=observed.cv_capacity,
        weeks_observed=max(1, observed.inflow_weeks_known),
        runs=runs,
    )
    return WhatIf(
        observed=observed,
        weeks=[observed.now, *ahead],
        capacity=per_week,
        capacity_source=source,
        extra=extra,
        target_wait_weeks=target_wait_weeks,
        factor=factor,
        target_queue=target_queue,
        projection=projection,
    )
