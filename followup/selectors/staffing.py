"""Staff hours against the hours the plan needs, per profession and week.

Need = planned volume × the clinic's minutes per activity (its time standard),
counted for the profession the activity belongs to. Available = the hours HR
scheduled for patient work. A week HR has not delivered is missing, not zero;
so is every week of a profession HR reports no hours for at all: a need in a
profession HR does not staff (an "Övrig" hour or two) is an unknown, not an
empty rota.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from facts.selectors import rows as facts_rows
from organisation.calendar import IsoWeek

from .catalogue import ActivityInfo, profession_label
from .outcome import share

MINUTES_PER_HOUR = Decimal(60)

HoursRow = tuple[int, str, int, Decimal]  # (unit id, profession, week key, hours)


def staff_hours(*, unit_ids, weeks: list[IsoWeek]) -> list[HoursRow]:
    """HR's scheduled hours per unit, profession and week. One query."""
    return list(
        facts_rows.staff_hours()
        .filter(unit_id__in=list(unit_ids), week__gte=weeks[0].key, week__lte=weeks[-1].key)
        .values_list("unit_id", "profession", "week")
        .annotate(hours=Sum("hours"))
        .order_by()
    )


def staffing_vs_need(
    *,
    weeks: list[IsoWeek],
    plan: dict[tuple[int, int], Decimal],
    hours: list[HoursRow],
    catalogue: dict[int, ActivityInfo],
) -> list[dict]:
    """Per profession (with a plan or hours) and week: available and needed hours and their ratio.

    ``[{"profession", "label", "weeks": [{"week", "available", "needed", "share"}]}]``.
    The catalogue carries the clinic's minutes per activity; no queries.
    """
    keys = {w.key for w in weeks}
    needed: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for (activity_id, week), volume in plan.items():
        if week in keys and activity_id in catalogue:
            activity = catalogue[activity_id]
            needed[activity.profession, week] += volume * activity.minutes / MINUTES_PER_HOUR
    available: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for _unit, profession, week, amount in hours:
        available[profession, week] += amount
    delivered = {week for _p, week in available}
    reported = {profession for profession, _w in available}
    professions = sorted({p for p, _w in needed} | {p for p, _w in available})
    result = []
    for profession in professions:
        rows = []
        for week in weeks:
            have = available.get((profession, week.key))
            if have is None and week.key in delivered and profession in reported:
                have = Decimal(0)  # HR delivered the week, with no hours for this profession
            need = needed.get((profession, week.key), Decimal(0))
            rows.append(
                {"week": str(week), "available": have, "needed": need, "share": share(have, need)}
            )
        result.append(
            {"profession": profession, "label": profession_label(profession), "weeks": rows}
        )
    return result
