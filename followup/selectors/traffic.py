"""Traffic lights that say where a call-in meeting should look first.

Each light is a judgement of one figure against a threshold; the page lists
red first. Colours are always shown with a word beside them, so readers who
cannot tell the colours apart lose nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

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


@dataclass(frozen=True)
class Light:
    """One judged figure: what (kind), for whom (subject), how it stands (level) and its value."""

    kind: str  # "last_week", "rolling", "booked", "waiting", "staffing"
    subject: str
    level: str
    value: float | None
    detail: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def level_of(value: float | None, thresholds: tuple[float, float]) -> str:
    green, yellow = thresholds
    if value is None:
        return MISSING
    if value >= green:
        return GREEN
    return YELLOW if value >= yellow else RED


def traffic_lights(
    *,
    grid: PlanOutcomeGrid,
    week: IsoWeek,
    catalogue: dict[int, ActivityInfo],
    ahead: dict,
    waiting: list[dict],
    staffing: list[dict],
) -> list[Light]:
    """The lights for one call-in, red first, then yellow, missing and green."""
    lights: list[Light] = []
    window = [w.key for w in weeks_ending(week, 12)]
    for a in ordered(grid.activity_ids, catalogue):
        planned = grid.plan_of(a.id, week.key)
        if planned:
            value = share(grid.outcome_of(a.id, week.key), planned)
            lights.append(Light("last_week", a.name, level_of(value, PRODUCTION), value))
        plan, outcome, known = grid.totals(a.id, window)
        if plan:
            value = share(outcome, plan) if known else None
            lights.append(Light("rolling", a.name, level_of(value, PRODUCTION), value))
    for row in ahead["activities"]:
        plan = sum(c["plan"] for c in row["weeks"])
        if plan:
            booked = None if ahead["snapshot_date"] is None else sum(c["booked"] for c in row["weeks"])
            value = share(booked, plan)
            lights.append(Light("booked", row["activity"], level_of(value, BOOKED), value))
    lights.extend(_waiting_lights(waiting))
    for profession in staffing:
        # The first week is the one followed up; staffing is judged for the weeks ahead.
        known = [w for w in profession["weeks"][1:] if w["available"] is not None]
        if not any(w["needed"] for w in profession["weeks"][1:]):
            continue
        # Hours and need over the same weeks: those HR has delivered.
        value = share(sum(w["available"] for w in known), sum(w["needed"] for w in known)) if known else None
        lights.append(Light("staffing", profession["label"], level_of(value, STAFFING), value))
    return sorted(lights, key=lambda light: (ORDER[light.level], light.value if light.value is not None else 0))


def _waiting_lights(waiting: list[dict]) -> list[Light]:
    if not waiting:
        return [Light("waiting", "", MISSING, None)]
    now, then = waiting[-1], waiting[max(0, len(waiting) - 5)]
    if then is now or not then["over_90_excl"]:
        level = GREEN if not now["over_90_excl"] else YELLOW
        return [Light("waiting", "", level, None, detail=str(now["over_90_excl"]))]
    growth = (now["over_90_excl"] - then["over_90_excl"]) / then["over_90_excl"]
    level = GREEN if growth <= 0 else (YELLOW if growth <= WAITING_GROWTH else RED)
    return [Light("waiting", "", level, growth, detail=str(now["over_90_excl"]))]
