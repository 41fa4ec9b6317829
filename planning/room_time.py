"""The operating-room time the council has decided for a clinic, per schedule period.

Shown in the plan grid's capacity check beside the staff hours: the room hours the clinic's
operations can use (``theatre``'s decided allocations), as the clinic's operation capacity.
"""

from __future__ import annotations

from organisation.calendar import Period
from theatre.council import decided_room_hours


def room_hours(*, clinic_id: int, periods: list[Period]) -> dict[str, float]:
    """Schedule period number (as the grid keys it) → the clinic's decided room hours in it."""
    if not periods:
        return {}
    days = decided_room_hours(clinic_id=clinic_id, start=periods[0].start, end=periods[-1].end)
    result: dict[str, float] = {}
    for period in periods:
        hours = sum(h for day, h in days.items() if period.start <= day <= period.end)
        if hours:
            result[str(period.number)] = round(hours, 1)
    return result
