"""A new plan proposed from data: last year's outcome, the new calendar, the inflow trend and a queue goal.

``plan_proposal`` returns the cells and an explanation of every figure that
went into them; the explanation is stored on the version and shown on the
plan page, so anyone can see how the proposal was computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from organisation.calendar import weeks_in_year
from organisation.models import Activity, Clinic, Phase

from ..cells import CellEdit
from . import arithmetic
from .arithmetic import Goal
from .inputs import UnitInputs, activity_phases, proposal_inputs

__all__ = ["Goal", "Proposal", "plan_proposal"]


@dataclass
class Proposal:
    """The proposed cells and how they were computed."""

    cells: list[CellEdit] = field(default_factory=list)
    explanation: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(int(c.volume) for c in self.cells)


def _unit_proposal(
    unit_inputs: UnitInputs, *, year: int, goal: Goal, phases: dict[int, int], names: dict[int, str]
) -> tuple[dict[int, dict[int, float]], dict]:
    """Volumes by activity and week key for one unit, and the explanation of its figures."""
    week_keys = [year * 100 + w for w in range(1, weeks_in_year(year) + 1)]
    n = len(week_keys)
    baseline = {
        activity: arithmetic.calendar_adjusted(row, year=year) for activity, row in unit_inputs.outcome.items()
    }
    recent_all = sum(unit_inputs.inflow_recent.values())
    previous_all = sum(unit_inputs.inflow_previous.values())
    unit_trend = arithmetic.inflow_trend(recent=recent_all, previous=previous_all)
    volumes: dict[int, dict[int, float]] = {}
    methods: dict[int, str] = {}
    phase_rows = []
    queued = sorted(set(unit_inputs.inflow_recent) | set(unit_inputs.queue))
    for phase in queued:
        members = {a: baseline[a] for a in baseline if phases.get(a) == phase}
        if not members:
            continue
        demand = arithmetic.demand_for(
            recent=unit_inputs.inflow_recent.get(phase, 0),
            previous=unit_inputs.inflow_previous.get(phase, 0),
            queue=unit_inputs.queue.get(phase, 0),
            goal=goal,
            weeks=n,
        )
        first = min(demand.weeks_to_target, n)
        scaled, k_first, k_rest = arithmetic.spread_by_segments(
            members, week_keys=week_keys, first_weeks=first, pace=demand.pace, demand=demand.weekly_demand
        )
        volumes.update(scaled)
        methods.update({a: "queue" for a in members})
        phase_rows.append(
            {
                "phase": phase,
                "label": str(Phase(phase).label) if phase in Phase.values else str(phase),
                "activities": [names.get(a, str(a)) for a in members],
                "inflow_recent": demand.inflow_recent,
                "inflow_previous": demand.inflow_previous,
                "trend": round(demand.trend, 3),
                "weekly_demand": round(demand.weekly_demand, 2),
                "queue": demand.queue,
                "target": round(demand.target, 1),
                "weeks_to_target": demand.weeks_to_target,
                "pace": round(demand.pace, 2),
                "required": round(demand.required),
                "baseline": round(sum(sum(r.values()) for r in members.values())),
                "factor_first": round(k_first, 3) if k_first is not None else None,
                "factor_rest": round(k_rest, 3) if k_rest is not None else None,
            }
        )
    for activity, row in baseline.items():
        if activity not in volumes:
            volumes[activity] = {w: v * unit_trend for w, v in row.items()}
            methods[activity] = "trend"
    activity_rows = [
        {
            "activity": activity,
            "name": names.get(activity, str(activity)),
            "outcome": round(sum(unit_inputs.outcome[activity].values())),
            "baseline": round(sum(baseline[activity].values())),
            "proposed": round(sum(volumes[activity].values())),
            "method": methods[activity],
            "phase": phases.get(activity),
        }
        for activity in sorted(baseline, key=lambda a: names.get(a, ""))
    ]
    explanation = {
        "trend": round(unit_trend, 3),
        "inflow_recent": recent_all,
        "inflow_previous": previous_all,
        "queue_date": unit_inputs.queue_date,
        "phases": phase_rows,
        "activities": activity_rows,
    }
    return volumes, explanation


def plan_proposal(*, clinic: Clinic, year: int, goal: Goal) -> Proposal:
    """The proposed plan for every unit of the clinic, in whole numbers per week."""
    units = list(clinic.units.order_by("name"))
    inputs, inflow_end = proposal_inputs(unit_ids=[u.id for u in units], year=year)
    phases = activity_phases()
    order = {a.id: a.sort_order for a in Activity.objects.all()}
    names = dict(Activity.objects.values_list("id", "name"))
    proposal = Proposal()
    unit_rows = []
    borrowed: list[int] = []
    for unit in units:
        volumes, explanation = _unit_proposal(inputs[unit.id], year=year, goal=goal, phases=phases, names=names)
        borrowed = inputs[unit.id].borrowed_weeks or borrowed
        for activity in sorted(volumes, key=lambda a: order.get(a, 0)):
            for week, volume in arithmetic.round_preserving_total(volumes[activity]).items():
                if volume:
                    proposal.cells.append(CellEdit(unit_id=unit.id, activity_id=activity, week=week, volume=volume))
        unit_rows.append({"unit": unit.id, "name": unit.name, **explanation})
    proposal.explanation = {
        "year": year,
        "base_year": year - 1,
        "weeks": weeks_in_year(year),
        "base_weeks": weeks_in_year(year - 1),
        "borrowed_weeks": borrowed,
        "inflow_until": str(inflow_end) if inflow_end else "",
        "goal": {"kind": goal.kind, "target_share": goal.target_share, "weeks": goal.weeks},
        "units": unit_rows,
    }
    return proposal
