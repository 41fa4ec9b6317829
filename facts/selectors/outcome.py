"""Which outcome source counts: one function for each way the platform chooses between COSMIC and Diver.

COSMIC (contacts) and Diver (production) count the same production. Where a
view lets the user choose (``?kalla=``), ``outcome_source`` decides, COSMIC
by default; where figures must not depend on a choice (the plan grid, the
proposal), ``weekly_outcome_counted`` takes COSMIC where it counted a unit's
activity and Diver otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..choices import OutcomeSource
from ..models import WeeklyOutcome

DEFAULT_SOURCE = OutcomeSource.COSMIC


def outcome_source(requested: str | None) -> str | None:
    """The source asked for, COSMIC when none is; None when the name is no source."""
    if not requested:
        return DEFAULT_SOURCE
    return requested if requested in OutcomeSource.values else None


def weekly_outcome_counted(
    *, unit_ids: Iterable[int], first_week: int, last_week: int
) -> dict[tuple[int, int, int], Decimal]:
    """Outcome per (unit id, activity id, week key), one source per unit and activity.

    COSMIC and Diver count the same production, so adding them would double
    it: where COSMIC has counted an activity of a unit, its figures are used,
    otherwise Diver's.
    """
    rows = WeeklyOutcome.objects.filter(
        unit_id__in=list(unit_ids), week__gte=first_week, week__lte=last_week
    ).values_list("unit_id", "activity_id", "week", "source", "count")
    by_source: dict[str, dict] = {OutcomeSource.COSMIC: {}, OutcomeSource.DIVER: {}}
    for unit_id, activity_id, week, source, count in rows:
        by_source.setdefault(source, {})[(unit_id, activity_id, week)] = count
    cosmic_pairs = {(u, a) for u, a, _w in by_source[OutcomeSource.COSMIC]}
    result = dict(by_source[OutcomeSource.COSMIC])
    for key, count in by_source[OutcomeSource.DIVER].items():
        if key[:2] not in cosmic_pairs:
            result[key] = count
    return result
