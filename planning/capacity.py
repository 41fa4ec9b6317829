"""The capacity check: hours a plan needs (volume × time standard) against hours HR says are available.

Per schedule period and profession, as a traffic light. A profession with
hours needed in a period but no hours from HR in it at all is "HR-uppgift
saknas", not red: HR not staffing a profession (or not having delivered the
period yet) is an unknown, not a rota of nobody. The grid page runs
the same arithmetic in the browser while the user types (``plan-grid.js``);
this module is the reference the API, the plan page and the tests use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext as _

from facts.selectors import rows as facts_rows
from organisation import selectors as organisation_selectors
from organisation.calendar import Period
from organisation.models import Activity, Profession

from .choices import STAFFED_BEDS
from .models import PlanCell, PlanVersion

GREEN, YELLOW, RED, MISSING, NONE = "green", "yellow", "red", "missing", ""


def thresholds() -> tuple[float, float]:
    """(yellow from, red above) as shares of the available hours; set in settings."""
    return (
        float(getattr(settings, "KPS_CAPACITY_YELLOW", 0.90)),
        float(getattr(settings, "KPS_CAPACITY_RED", 1.00)),
    )


def light(*, needed: float, available: float | None) -> str:
    """Green below the yellow threshold, yellow up to and including the red one, red above.

    ``available`` None: HR has no hours for the profession in the period (missing when
    hours are needed).
    """
    yellow, red = thresholds()
    if available is None:
        return MISSING if needed > 0 else NONE
    if needed <= 0:
        return GREEN if available > 0 else NONE
    if available <= 0:
        return RED
    ratio = needed / available
    if ratio < yellow:
        return GREEN
    return YELLOW if ratio <= red else RED


@dataclass(frozen=True, slots=True)
class CapacityRow:
    """Hours needed and available for one profession in one schedule period."""

    period: int
    profession: str
    needed: float
    available: float | None  # None: no hours from HR for the profession in the period
    light: str

    @property
    def ratio(self) -> float | None:
        return self.needed / self.available if self.available else None

    @property
    def profession_label(self) -> str:
        return (
            str(Profession(self.profession).label)
            if self.profession in Profession.values
            else self.profession
        )

    @property
    def light_label(self) -> str:
        labels = {
            GREEN: _("Grön"),
            YELLOW: _("Gul"),
            RED: _("Röd"),
            MISSING: _("HR-uppgift saknas"),
        }
        return labels.get(self.light, _("Saknar underlag"))


def period_of_week(periods: list[Period]) -> dict[int, int]:
    """Week key → schedule period number for every week the periods cover."""
    return {week.key: p.number for p in periods for week in p.weeks}


def available_hours(
    *, unit_ids: Iterable[int], periods: list[Period]
) -> dict[tuple[int, str], float]:
    """HR's available hours per (period, profession), summed over the units and weeks; a
    (period, profession) HR has no rows for is absent."""
    week_period = period_of_week(periods)
    rows = (
        facts_rows.staff_hours()
        .filter(unit_id__in=list(unit_ids), week__in=list(week_period))
        .values("week", "profession")
        .annotate(hours=Sum("hours"))
    )
    result: dict[tuple[int, str], float] = defaultdict(float)
    for row in rows:
        result[(week_period[row["week"]], row["profession"])] += float(row["hours"])
    return result


def needed_hours(
    *,
    volumes: dict[tuple[int, int], Decimal],
    minutes: dict[int, int],
    professions: dict[int, str],
    periods: list[Period],
) -> dict[tuple[int, str], float]:
    """Hours per (period, profession) from volumes per (activity id, week key)."""
    week_period = period_of_week(periods)
    result: dict[tuple[int, str], float] = defaultdict(float)
    for (activity_id, week), volume in volumes.items():
        period = week_period.get(week)
        if period is None or activity_id not in professions:
            continue
        result[(period, professions[activity_id])] += (
            float(volume) * minutes.get(activity_id, 0) / 60
        )
    return result


def plan_capacity(
    *, version: PlanVersion, unit_ids: Iterable[int] | None = None
) -> list[CapacityRow]:
    """The capacity check of a version, for some of its units or (None) all of them."""
    plan = version.plan
    periods = organisation_selectors.schedule_periods(area=plan.clinic.area, year=plan.year)
    if unit_ids is None:
        unit_ids = list(plan.clinic.units.values_list("id", flat=True))
    unit_ids = list(unit_ids)
    cells = (
        PlanCell.objects.filter(version=version, unit_id__in=unit_ids)
        .values("activity_id", "week")
        .annotate(volume=Sum("volume"))
    )
    volumes = {(c["activity_id"], c["week"]): c["volume"] for c in cells}
    minutes = organisation_selectors.time_standards(clinic_id=plan.clinic_id)
    # A ward's staffed beds are no worked hours: the bed check (inpatient) checks them instead.
    professions = dict(Activity.objects.exclude(code=STAFFED_BEDS).values_list("id", "profession"))
    needed = needed_hours(
        volumes=volumes, minutes=minutes, professions=professions, periods=periods
    )
    available = available_hours(unit_ids=unit_ids, periods=periods)
    keys = sorted(set(needed) | set(available), key=lambda k: (k[0], _profession_order(k[1])))
    return [
        CapacityRow(
            period=period,
            profession=profession,
            needed=round(needed.get((period, profession), 0.0), 1),
            available=None if have is None else round(have, 1),
            light=light(needed=needed.get((period, profession), 0.0), available=have),
        )
        for period, profession in keys
        for have in [available.get((period, profession))]
    ]


def plan_capacity_red(*, version: PlanVersion) -> bool:
    """Whether the whole clinic's capacity check of the version has a red period and profession:
    what makes submitting or approving it ask for a comment."""
    return any(row.light == RED for row in plan_capacity(version=version))


def _profession_order(code: str) -> int:
    values = list(Profession.values)
    return values.index(code) if code in values else len(values)
