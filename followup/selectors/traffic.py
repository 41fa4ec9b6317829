"""Traffic lights that say where a call-in meeting should look first.

Each light is a judgement of one figure against a threshold. The deviations
(red and yellow) are ranked by their size in the figure's own volume or hours
(``gap``), so a large shortfall in a large activity comes before a small one
in a small activity, whatever their shares; then the figures that cannot be
judged, then those on plan. The page shows the first few and folds the rest.
Colours are always shown with a word beside them, so readers who cannot tell
the colours apart lose nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from organisation.calendar import IsoWeek

from .catalogue import ActivityInfo, ordered
from .outcome import PlanOutcomeGrid, share
from .scope import weeks_ending

RED, YELLOW, GREEN, MISSING = "red", "yellow", "green", "missing"
ORDER = {RED: 0, YELLOW: 1, MISSING: 2, GREEN: 3}

# Share of plan performed: at least 95 % is on plan, below 85 % needs an explanation.
PRODUCTION = (0.95, 0.85)
# Share of the coming four weeks' plan already booked.
BOOKED = (0.90, 0.70)
# Available staff hours against the plan's need.
STAFFING = (1.0, 0.90)
# Growth of the long waiters (the guarantee figure: over 90 days) in four weeks: above 10 % is red.
WAITING_GROWTH = 0.10
# How many lights the page shows before folding the rest.
SHOWN_FIRST = 5
# Light.detail of a profession that has a need but no hours from HR in any of the weeks.
NO_HR_HOURS = "no_hr_hours"


@dataclass(frozen=True)
class Light:
    """One judged figure: what (kind), for whom (subject), how it stands (level) and its value.

    ``gap`` is how far the figure falls short, in its own unit: volume under
    plan, volume not booked, hours under the need, long waiters more than four
    weeks ago; None when it cannot be told.
    """

    kind: str  # "last_week", "rolling", "booked", "waiting", "staffing"
    subject: str
    level: str
    value: float | None
    detail: str = ""
    gap: float | None = None
    # The activity judged (last week, rolling, booked), so the page can open its weekly chart.
    activity_id: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def level_of(value: float | None, thresholds: tuple[float, float]) -> str:
    green, yellow = thresholds
    if value is None:
        return MISSING
    if value >= green:
        return GREEN
    return YELLOW if value >= yellow else RED


def _gap(short: Decimal | int | None) -> float | None:
    return None if short is None else float(max(short, 0))


def _rank(light: Light) -> tuple:
    if light.level in (RED, YELLOW):
        return (
            0,
            -(light.gap or 0),
            ORDER[light.level],
            light.value if light.value is not None else 0,
        )
    return (ORDER[light.level], 0, 0, light.value if light.value is not None else 0)


def traffic_lights(
    *,
    grid: PlanOutcomeGrid,
    week: IsoWeek,
    catalogue: dict[int, ActivityInfo],
    ahead: dict,
    waiting: list[dict],
    staffing: list[dict],
) -> list[Light]:
    """The lights for one call-in: deviations by size, then the missing, then green."""
    lights: list[Light] = []
    window = [w.key for w in weeks_ending(week, 12)]
    for a in ordered(grid.activity_ids, catalogue):
        planned = grid.plan_of(a.id, week.key)
        if planned:
            performed = grid.outcome_of(a.id, week.key)
            value = share(performed, planned)
            gap = None if performed is None else _gap(planned - performed)
            lights.append(
                Light(
                    "last_week",
                    a.name,
                    level_of(value, PRODUCTION),
                    value,
                    gap=gap,
                    activity_id=a.id,
                )
            )
        plan, outcome, known = grid.totals(a.id, window)
        if plan:
            value = share(outcome, plan) if known else None
            lights.append(
                Light(
                    "rolling",
                    a.name,
                    level_of(value, PRODUCTION),
                    value,
                    gap=_gap(plan - outcome),
                    activity_id=a.id,
                )
            )
    for row in ahead["activities"]:
        plan = sum(c["plan"] for c in row["weeks"])
        if plan:
            booked = (
                None if ahead["snapshot_date"] is None else sum(c["booked"] for c in row["weeks"])
            )
            value = share(booked, plan)
            gap = None if booked is None else _gap(plan - booked)
            lights.append(
                Light(
                    "booked",
                    row["activity"],
                    level_of(value, BOOKED),
                    value,
                    gap=gap,
                    activity_id=row.get("activity_id"),
                )
            )
    lights.extend(_waiting_lights(waiting))
    lights.extend(_staffing_lights(staffing))
    return sorted(lights, key=_rank)


def _staffing_lights(staffing: list[dict]) -> list[Light]:
    # The first week is the one followed up; staffing is judged for the weeks ahead.
    lights = []
    delivered = any(w["available"] is not None for p in staffing for w in p["weeks"][1:])
    for profession in staffing:
        weeks = profession["weeks"][1:]
        if not any(w["needed"] for w in weeks):
            continue
        known = [w for w in weeks if w["available"] is not None]
        if not known:
            # No hours at all: an unknown, not a rota of nobody (staffing_vs_need).
            detail = NO_HR_HOURS if delivered else ""
            lights.append(Light("staffing", profession["label"], MISSING, None, detail=detail))
            continue
        # Hours and need over the same weeks: those HR has delivered.
        available, needed = sum(w["available"] for w in known), sum(w["needed"] for w in known)
        value = share(available, needed)
        lights.append(
            Light(
                "staffing",
                profession["label"],
                level_of(value, STAFFING),
                value,
                gap=_gap(needed - available),
            )
        )
    return lights


def _waiting_lights(waiting: list[dict]) -> list[Light]:
    if not waiting:
        return [Light("waiting", "", MISSING, None)]
    now, then = waiting[-1], waiting[max(0, len(waiting) - 5)]
    if then is now or not then["over_90_excl"]:
        level = GREEN if not now["over_90_excl"] else YELLOW
        gap = None if then is now else _gap(now["over_90_excl"])
        return [Light("waiting", "", level, None, detail=str(now["over_90_excl"]), gap=gap)]
    growth = (now["over_90_excl"] - then["over_90_excl"]) / then["over_90_excl"]
    level = GREEN if growth <= 0 else (YELLOW if growth <= WAITING_GROWTH else RED)
    gap = _gap(now["over_90_excl"] - then["over_90_excl"])
    return [Light("waiting", "", level, growth, detail=str(now["over_90_excl"]), gap=gap)]
