"""Plan against outcome per clinic and week, summed in the database: the base of the strategic view.

A region's year is some 200 units × 50 weeks × several activities; these
selectors let the database sum it to clinic × week (a few thousand rows) and
do the rest (tertials, areas, year to date) in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from followup.models import OutcomeSource, WeeklyOutcome
from organisation.calendar import IsoWeek, tertial_weeks, weeks_in_year
from organisation.models import Clinic

from .coverage import UNKNOWN, outcome_weeks_known
from .outcome import ZERO, share
from .plans import approved_plan_totals


@dataclass
class ClinicWeeks:
    """Plan and outcome per (clinic id, week key), the weeks known per clinic, and where clinics sit."""

    plan: dict[tuple[int, int], Decimal]
    outcome: dict[tuple[int, int], Decimal]
    known: dict[int, set[int]]  # clinic id → known week keys (its region's)
    area_of: dict[int, int]  # clinic id → area id
    clinics: list[dict] = field(default_factory=list)  # id, name, area_id, area name and target

    def totals(self, clinic_ids, weeks) -> dict:
        """Plan and outcome over the known weeks among ``weeks`` for some clinics, and the share.

        ``plan_all`` is the plan for every one of the weeks, known or not.
        """
        week_keys = [w.key if isinstance(w, IsoWeek) else w for w in weeks]
        plan = outcome = plan_all = ZERO
        known_weeks: set[int] = set()
        for clinic in clinic_ids:
            known = self.known.get(clinic, set())
            for week in week_keys:
                planned = self.plan.get((clinic, week), ZERO)
                plan_all += planned
                if week in known:
                    known_weeks.add(week)
                    plan += planned
                    outcome += self.outcome.get((clinic, week), ZERO)
        return {
            "plan": plan,
            "outcome": outcome,
            "share": share(outcome, plan),
            "plan_all": plan_all,
            "weeks_known": len(known_weeks),
            "weeks": len(week_keys),
        }


def clinic_weeks(
    *,
    clinic_ids,
    first: IsoWeek,
    last: IsoWeek,
    source: str = OutcomeSource.COSMIC,
    activity_ids=None,
    data_until=UNKNOWN,
    clinics: list[dict] | None = None,
) -> ClinicWeeks:
    """Four queries (five without ``data_until``, three with ``clinics``): the clinics, plan,
    outcome and the known weeks. ``clinics`` are the clinics' rows when the caller has them
    (``StrategicFilter.clinics``), ordered by area and name."""
    clinic_ids = list(clinic_ids)
    if clinics is None:
        clinics = list(
            Clinic.objects.filter(id__in=clinic_ids)
            .values("id", "name", "area_id", "area__name", "area__plan_target", "area__region_id")
            .order_by("area__name", "name")
        )
    plan = {
        (row["unit__clinic_id"], row["week"]): row["plan"]
        for row in approved_plan_totals(
            clinic_ids=clinic_ids,
            first=first,
            last=last,
            by=("unit__clinic_id", "week"),
            activity_ids=activity_ids,
        )
    }
    outcomes = WeeklyOutcome.objects.filter(
        unit__clinic_id__in=clinic_ids, source=source, week__gte=first.key, week__lte=last.key
    )
    if activity_ids is not None:
        outcomes = outcomes.filter(activity_id__in=list(activity_ids))
    outcome = {
        (clinic, week): total
        for clinic, week, total in outcomes.values_list("unit__clinic_id", "week")
        .annotate(total=Sum("count"))
        .order_by()
    }
    regions = {c["area__region_id"] for c in clinics}
    by_region = (
        outcome_weeks_known(
            region_ids=regions, source=source, first=first, last=last, data_until=data_until
        )
        if regions
        else {}
    )
    return ClinicWeeks(
        plan=plan,
        outcome=outcome,
        known={c["id"]: by_region.get(c["area__region_id"], set()) for c in clinics},
        area_of={c["id"]: c["area_id"] for c in clinics},
        clinics=clinics,
    )


def year_weeks(year: int) -> tuple[IsoWeek, IsoWeek]:
    return IsoWeek(year, 1), IsoWeek(year, weeks_in_year(year))


def outcome_vs_plan_by_tertial(
    *, clinic_ids, year: int, source: str = OutcomeSource.COSMIC
) -> dict[tuple[int, int], dict]:
    """Per (clinic id, tertial 1–3): the outcome against the approved plan in the year's tertials.

    ``{"plan": Decimal, "outcome": Decimal, "share": float | None}`` where plan
    and outcome cover the tertial's weeks whose outcome is known (a tertial
    under way compares the weeks so far; a missing week counts on neither
    side), and share is outcome / plan (None without a plan). Also
    ``plan_all`` (the whole tertial's plan), ``weeks_known`` and ``weeks``.
    Five queries, whatever the number of clinics.
    """
    first, last = year_weeks(year)
    data = clinic_weeks(clinic_ids=clinic_ids, first=first, last=last, source=source)
    result = {}
    for tertial in (1, 2, 3):
        weeks = tertial_weeks(year, tertial)
        for clinic in data.area_of:
            result[clinic, tertial] = data.totals([clinic], weeks)
    return result


def group_by_area(data: ClinicWeeks) -> dict[int, list[int]]:
    areas: dict[int, list[int]] = defaultdict(list)
    for clinic, area in data.area_of.items():
        areas[area].append(clinic)
    return dict(areas)
