"""A new plan proposed from data: last year's outcome, the new calendar, the inflow trend and a queue goal.

``plan_proposal`` returns the cells and an explanation of every figure that
went into them; the explanation is stored on the version and shown on the
plan page, so anyone can see how the proposal was computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from inpatient import bedplan
from organisation.calendar import weeks_in_year
from organisation.models import Activity, Clinic, Phase

from .. import selectors
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
    beds_activity: int | None = None  # staffed beds: a level per week, no volume to add up

    @property
    def total(self) -> int:
        """The year's proposed production (the wards' staffed beds are not counted in it)."""
        return sum(int(c.volume) for c in self.cells if c.activity_id != self.beds_activity)


# Care decided at an earlier visit rather than referred: its demand follows the new visits.
DECIDED_PHASES = (Phase.PROCEDURE, Phase.EXAMINATION, Phase.RETURN)


def _total(rows: dict[int, dict[int, float]]) -> float:
    return sum(sum(row.values()) for row in rows.values())


def _share(contacts: dict[int, int], members) -> float:
    """The members' share of a phase's contacts last year; 1 where contacts are not known (Diver only)."""
    mine, total = sum(contacts.get(a, 0) for a in members), sum(contacts.values())
    # No contacts of the members themselves: their outcome came from elsewhere, so no share is known.
    return mine / total if mine else 1.0


def _phase_demand(
    phase: int,
    members: dict,
    unit_inputs: UnitInputs,
    *,
    goal: Goal,
    weeks: int,
    trend: float,
    new_visits: tuple,
) -> arithmetic.Demand | None:
    """The demand a phase's activities are planned from, or None where the unit trend is all there is."""
    recent, previous = (
        unit_inputs.inflow_recent.get(phase, 0),
        unit_inputs.inflow_previous.get(phase, 0),
    )
    queue = unit_inputs.queue.get(phase, 0)
    share = _share(unit_inputs.phase_contacts.get(phase, {}), members)
    if recent or previous:
        return arithmetic.demand_for(
            recent=recent, previous=previous, queue=queue, goal=goal, weeks=weeks, share=share
        )
    if phase in DECIDED_PHASES:
        outcome, planned = new_visits
        return arithmetic.decided_demand(
            outcome=_total(members),
            new_visits_outcome=outcome,
            new_visits_planned=planned,
            queue=queue,
            overdue=unit_inputs.overdue.get(phase, 0),
            goal=goal,
            weeks=weeks,
            trend=trend,
            share=share,
        )
    return None


def _phase_row(
    phase: int, members: dict, demand: arithmetic.Demand, factors: tuple, names: dict
) -> dict:
    k_first, k_rest = factors
    return {
        "phase": phase,
        "label": str(Phase(phase).label) if phase in Phase.values else str(phase),
        "activities": [names.get(a, str(a)) for a in members],
        "basis": demand.basis,
        "inflow_recent": demand.inflow_recent,
        "inflow_previous": demand.inflow_previous,
        "trend": round(demand.trend, 3),
        "per_new_visit": round(demand.per_new_visit, 3)
        if demand.per_new_visit is not None
        else None,
        "new_visits_planned": round(demand.new_visits_planned),
        "weekly_demand": round(demand.weekly_demand, 2),
        "queue": demand.queue,
        "overdue": demand.overdue,
        "share": round(demand.share, 3),
        "target": round(demand.target, 1),
        "weeks_to_target": demand.weeks_to_target,
        "pace": round(demand.pace, 2),
        "required": round(demand.required),
        "baseline": round(_total(members)),
        "factor_first": round(k_first, 3) if k_first is not None else None,
        "factor_rest": round(k_rest, 3) if k_rest is not None else None,
    }


def _unit_proposal(
    unit_inputs: UnitInputs, *, year: int, goal: Goal, phases: dict[int, int], names: dict[int, str]
) -> tuple[dict[int, dict[int, float]], dict]:
    """Volumes by activity and week key for one unit, and the explanation of its figures.

    Every activity with outcome is planned from its own demand: its phase's
    referrals and queue, the care decided at new visits, or (for activities
    that count in several phases) last year's volume times the unit's
    referral trend. New visits come first, since decided care follows them.
    """
    week_keys = [year * 100 + w for w in range(1, weeks_in_year(year) + 1)]
    n = len(week_keys)
    baseline = {
        activity: arithmetic.calendar_adjusted(row, year=year)
        for activity, row in unit_inputs.outcome.items()
    }
    recent_all = sum(unit_inputs.inflow_recent.values())
    previous_all = sum(unit_inputs.inflow_previous.values())
    unit_trend = arithmetic.inflow_trend(recent=recent_all, previous=previous_all)
    volumes: dict[int, dict[int, float]] = {}
    phase_of: dict[int, int] = {}
    phase_rows = []
    new_visit_members = {a: row for a, row in baseline.items() if phases.get(a) == Phase.FIRST}
    new_visits = (_total(new_visit_members), _total(new_visit_members) * unit_trend)
    for phase in sorted({phases[a] for a in baseline if a in phases}):
        members = {a: baseline[a] for a in baseline if phases.get(a) == phase}
        demand = _phase_demand(
            phase, members, unit_inputs, goal=goal, weeks=n, trend=unit_trend, new_visits=new_visits
        )
        if demand is None:
            continue
        first = min(demand.weeks_to_target, n)
        scaled, k_first, k_rest = arithmetic.spread_by_segments(
            members,
            week_keys=week_keys,
            first_weeks=first,
            pace=demand.pace,
            demand=demand.weekly_demand,
        )
        volumes.update(scaled)
        phase_of.update({a: len(phase_rows) for a in members})
        phase_rows.append(_phase_row(phase, members, demand, (k_first, k_rest), names))
        if phase == Phase.FIRST:
            new_visits = (new_visits[0], _total(scaled))
    for activity, row in baseline.items():
        if activity not in volumes:
            volumes[activity] = {w: v * unit_trend for w, v in row.items()}
    activity_rows = []
    for activity in sorted(baseline, key=lambda a: names.get(a, "")):
        row = phase_rows[phase_of[activity]] if activity in phase_of else None
        activity_rows.append(
            {
                "activity": activity,
                "name": names.get(activity, str(activity)),
                "outcome": round(sum(unit_inputs.outcome[activity].values())),
                "baseline": round(sum(baseline[activity].values())),
                "proposed": round(sum(volumes[activity].values())),
                # Which demand the activity was planned from: its phase's (named) or the unit's trend.
                "method": row["basis"] if row else "trend",
                "phase": phases.get(activity),
                "phase_label": row["label"] if row else "",
            }
        )
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
    # A ward plans its staffed beds, from last year's admissions and length of stay (inpatient).
    wards = bedplan.ward_unit_ids(u.id for u in units)
    beds, beds_explanation = bedplan.proposed_beds(unit_ids=sorted(wards), year=year)
    beds_activity = selectors.staffed_beds_activity_id()
    proposal.beds_activity = beds_activity
    unit_names = {u.id: u.name for u in units}
    for row in beds_explanation["wards"]:
        row["name"] = unit_names[row["unit"]]
    for (unit_id, week), n in sorted(beds.items()):
        if beds_activity is not None:
            proposal.cells.append(
                CellEdit(unit_id=unit_id, activity_id=beds_activity, week=week, volume=Decimal(n))
            )
    for unit in units:
        if unit.id in wards:
            continue
        volumes, explanation = _unit_proposal(
            inputs[unit.id], year=year, goal=goal, phases=phases, names=names
        )
        for activity in sorted(volumes, key=lambda a: order.get(a, 0)):
            for week, volume in arithmetic.round_preserving_total(volumes[activity]).items():
                if volume:
                    proposal.cells.append(
                        CellEdit(unit_id=unit.id, activity_id=activity, week=week, volume=volume)
                    )
        unit_rows.append({"unit": unit.id, "name": unit.name, **explanation})
    proposal.explanation = {
        "year": year,
        "base_year": year - 1,
        "weeks": weeks_in_year(year),
        "base_weeks": weeks_in_year(year - 1),
        # The same for every unit: the extracts cover the whole clinic at once.
        "outcome_until": inputs[units[0].id].outcome_until if units else 0,
        "borrowed_weeks": inputs[units[0].id].borrowed_weeks if units else [],
        "filled_weeks": inputs[units[0].id].filled_weeks if units else [],
        "inflow_until": str(inflow_end) if inflow_end else "",
        "goal": {"kind": goal.kind, "target_share": goal.target_share, "weeks": goal.weeks},
        "units": unit_rows,
        "beds": beds_explanation,
    }
    return proposal
