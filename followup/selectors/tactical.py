"""The tactical view: one clinic through one schedule period of the schedule clock.

Does the clinic produce its plan week by week, how large has the gap grown,
does its capacity match the plan's need, does outflow keep up with inflow,
and has the period's schedule been laid in time?
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from facts.choices import OutcomeSource
from facts.kinds import Kind
from facts.selectors.coverage import KIND_OF_SOURCE, UNKNOWN, outcome_weeks_known_for_units
from facts.selectors.flow import inflow_outflow
from organisation.calendar import Period

from .catalogue import ActivityInfo, ordered
from .outcome import ZERO, PlanOutcomeGrid, plan_vs_outcome, share
from .scope import Scope
from .staffing import staff_hours, staffing_vs_need


def weekly_lines(*, grid: PlanOutcomeGrid, catalogue) -> list[dict]:
    """Per activity: each week's plan and outcome and the cumulative gap (outcome − plan).

    The gap adds up over known weeks only; at an unknown week it has no value
    and the next known week carries on from where it stood.
    """
    result = []
    for a in ordered(grid.activity_ids, catalogue):
        gap = ZERO
        weeks = []
        for week in grid.weeks:
            plan = grid.plan_of(a.id, week.key)
            outcome = grid.outcome_of(a.id, week.key)
            if outcome is not None:
                gap += outcome - plan
            weeks.append(
                {
                    "week": str(week),
                    "plan": plan,
                    "outcome": outcome,
                    "cumulative_gap": None if outcome is None else gap,
                }
            )
        plan_total, outcome_total, known = grid.totals(a.id, [w.key for w in grid.weeks])
        figures = grid.planned([w.key for w in grid.weeks], a.id)
        result.append(
            {
                "activity_id": a.id,
                "activity": a.name,
                "weeks": weeks,
                "plan": plan_total,
                "outcome": outcome_total,
                "share": figures["share"],
                "shortfall": figures["shortfall"],
                "unplanned": figures["unplanned"],
                "weeks_known": known,
                "plan_period": sum((w["plan"] for w in weeks), ZERO),
            }
        )
    return result


def schedule_status(
    *, units: list[tuple[int, str]], period: Period, grid: PlanOutcomeGrid, hours, today: date
) -> dict:
    """Whether the period's schedule is laid: the lay-by date, and per unit the weeks with
    scheduled staff hours (from HR) and with an approved plan. No queries."""
    weeks = period.weeks
    staffed: dict[int, set[int]] = {}
    for unit, _profession, week, _hours in hours:
        staffed.setdefault(unit, set()).add(week)
    rows = [
        {
            "unit_id": unit,
            "unit": name,
            "weeks_staffed": len(staffed.get(unit, ())),
            "weeks_planned": len(grid.planned_weeks.get(unit, ())),
        }
        for unit, name in units
    ]
    laid = bool(rows) and all(r["weeks_staffed"] == len(weeks) for r in rows)
    if laid:
        state = "laid"
    elif today > period.lay_by:
        state = "late"
    else:
        state = "open"
    return {
        "period": period.number,
        "first_week": str(period.first_week),
        "last_week": str(period.last_week),
        "weeks": len(weeks),
        "lay_by": period.lay_by,
        "days_left": (period.lay_by - today).days,
        "days_overdue": max(0, (today - period.lay_by).days),
        "state": state,
        "units": rows,
    }


PARTS = frozenset({"lines", "capacity", "flow", "schedule"})


@dataclass
class Tactical:
    """Everything the tactical dashboard shows for a clinic and schedule period (or the parts
    one chart needs; the others are left empty)."""

    period: Period
    lines: list[dict] = field(default_factory=list)
    totals: dict = field(default_factory=dict)
    capacity: list[dict] = field(default_factory=list)
    flow: list[dict] = field(default_factory=list)
    schedule: dict = field(default_factory=dict)
    missing_weeks: list[str] = field(default_factory=list)


def tactical_dashboard(
    *,
    scope: Scope,
    units: list[tuple[int, str]],
    period: Period,
    today: date,
    catalogue: dict[int, ActivityInfo],
    cutoffs: dict | None = None,
    parts: frozenset[str] = PARTS,
) -> Tactical:
    """Six queries for every part (up to nine without ``cutoffs`` or on Diver's outcome),
    whatever the data size; a chart asks only for its ``parts``. ``cutoffs`` maps an extract
    kind to its import cut-off (from the freshness banner); ``catalogue`` comes timed for the
    clinic."""
    cutoffs = cutoffs or {}
    weeks = period.weeks
    result = Tactical(period=period)
    outcome_until = cutoffs.get(KIND_OF_SOURCE.get(scope.source), UNKNOWN)
    grid = None
    if parts & {"lines", "capacity", "schedule"}:
        # Capacity and the schedule compare the plan with staff hours: the outcome only for lines.
        grid = plan_vs_outcome(
            scope=scope,
            first=weeks[0],
            last=weeks[-1],
            data_until=outcome_until,
            with_outcome="lines" in parts,
            per_unit="schedule" in parts,
        )
    if "lines" in parts:
        result.totals = grid.planned([w.key for w in weeks])
        result.lines = weekly_lines(grid=grid, catalogue=catalogue)
        result.missing_weeks = [
            str(w) for w in weeks if w.sunday < today and w.key not in grid.known
        ]
    if parts & {"capacity", "schedule"}:
        hours = staff_hours(unit_ids=scope.unit_ids, weeks=weeks)
        result.capacity = staffing_vs_need(
            weeks=weeks, plan=grid.plan_all, hours=hours, catalogue=catalogue
        )
        result.schedule = schedule_status(
            units=units, period=period, grid=grid, hours=hours, today=today
        )
    if "flow" in parts:
        # COSMIC's known weeks are the contacts' too; a grid of COSMIC's outcome has them already.
        contacts_known = (
            grid.known if "lines" in parts and scope.source == OutcomeSource.COSMIC else None
        )
        if contacts_known is None:
            contacts_known = outcome_weeks_known_for_units(
                unit_ids=scope.unit_ids,
                source=OutcomeSource.COSMIC,
                first=weeks[0],
                last=weeks[-1],
                data_until=cutoffs.get(Kind.KONTAKTER, UNKNOWN),
            )
        result.flow = inflow_outflow(
            unit_ids=scope.unit_ids,
            weeks=weeks,
            referrals_until=cutoffs.get(Kind.REMISSER, UNKNOWN),
            contacts_known=contacts_known,
        )
    return result


def capacity_totals(capacity: list[dict]) -> list[dict]:
    """Per profession: the period's available and needed hours (known weeks of HR data only)."""
    result = []
    for row in capacity:
        known = [w for w in row["weeks"] if w["available"] is not None]
        available = sum((w["available"] for w in known), Decimal(0))
        needed = sum((w["needed"] for w in known), Decimal(0))
        result.append(
            {
                "profession": row["profession"],
                "label": row["label"],
                "available": available if known else None,
                "needed": needed if known else sum((w["needed"] for w in row["weeks"]), Decimal(0)),
                "share": share(available, needed) if known else None,
                "weeks_known": len(known),
            }
        )
    return result
