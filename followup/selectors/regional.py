"""Plan against outcome per clinic and week, summed in the database: the base of the strategic view.

A region's year is some 200 units × 50 weeks × several activities; these
selectors let the database sum it to clinic × week (a few thousand rows) and
do the rest (tertials, areas, year to date) in Python.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Sum

from facts.choices import OutcomeSource
from facts.selectors import rows as facts_rows
from facts.selectors.coverage import UNKNOWN, outcome_weeks_known
from organisation.calendar import IsoWeek, tertial_weeks, weeks_in_year
from organisation.models import Clinic

from .outcome import ZERO, planned_share
from .plans import approved_plan_totals


@dataclass
class ClinicWeeks:
    """Plan and outcome per (clinic id, activity id, week key), the weeks known per clinic, and where
    clinics sit."""

    plan: dict[tuple[int, int, int], Decimal]
    outcome: dict[tuple[int, int, int], Decimal]
    known: dict[int, set[int]]  # clinic id → known week keys (delivered_per_unit tells whose)
    area_of: dict[int, int]  # clinic id → area id
    clinics: list[dict] = field(default_factory=list)  # id, name, area_id, area name and target

    @cached_property
    def _running(self) -> dict[int, tuple[list[int], dict[int, tuple[list, list]], list]]:
        """Per clinic, running sums along its weeks in order: per activity of the plan and the
        outcome in known weeks, and of the plan in all weeks; a run of weeks then costs two
        look-ups per activity, not a pass over its weeks (a region's year is some 15 000 rows
        per figure, and the strategic view asks for a few hundred figures)."""
        rows: dict[int, dict[int, dict[int, list[Decimal]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(lambda: [ZERO, ZERO]))
        )
        for side, values in enumerate((self.plan, self.outcome)):
            for (clinic, activity, week), value in values.items():
                rows[clinic][activity][week][side] += value
        result = {}
        for clinic, activities in rows.items():
            known = self.known.get(clinic, set())
            axis = sorted({week for weeks in activities.values() for week in weeks})
            running: dict[int, tuple[list, list]] = {}
            plan_all = [ZERO] * (len(axis) + 1)
            for activity, weeks in activities.items():
                plan, outcome = [ZERO] * (len(axis) + 1), [ZERO] * (len(axis) + 1)
                for i, week in enumerate(axis, start=1):
                    p, o = weeks.get(week, (ZERO, ZERO))
                    in_known = week in known
                    plan[i] = plan[i - 1] + (p if in_known else ZERO)
                    outcome[i] = outcome[i - 1] + (o if in_known else ZERO)
                    plan_all[i] += p
                running[activity] = (plan, outcome)
            for i in range(1, len(axis) + 1):
                plan_all[i] += plan_all[i - 1]
            result[clinic] = (axis, running, plan_all)
        return result

    def _clinic_sums(
        self, clinic: int, week_keys: frozenset[int]
    ) -> tuple[list, Decimal, set[int]]:
        """Per activity (plan, outcome) over the clinic's known weeks among ``week_keys`` (a run
        of weeks within a year), the plan of all of them, and the known ones."""
        known = week_keys & self.known.get(clinic, set())
        if clinic not in self._running or not week_keys:
            return [], ZERO, known
        axis, running, plan_all = self._running[clinic]
        first, last = bisect_left(axis, min(week_keys)), bisect_right(axis, max(week_keys))
        pairs = [
            (plan[last] - plan[first], outcome[last] - outcome[first])
            for plan, outcome in running.values()
        ]
        return pairs, plan_all[last] - plan_all[first], known

    def totals(self, clinic_ids, weeks) -> dict:
        """The share of planned production (``planned_share``) over the known weeks among
        ``weeks`` for some clinics.

        Each clinic's activity is one of the activities: its plan and outcome are
        summed over the weeks first, so one clinic's over-production never hides
        another's shortfall, and an area's shortfall and outcome without plan are
        its clinics' added up. ``plan_all`` is the plan for every one of the weeks,
        known or not.
        """
        week_keys = frozenset(w.key if isinstance(w, IsoWeek) else w for w in weeks)
        if week_keys and max(week_keys) - min(week_keys) + 1 != len(week_keys):
            raise ValueError("ClinicWeeks.totals sums a run of weeks within one year")
        pairs: list[tuple[Decimal, Decimal]] = []
        plan_all = ZERO
        known_weeks: set[int] = set()
        for clinic in set(clinic_ids):
            activities, planned, known = self._clinic_sums(clinic, week_keys)
            pairs.extend(activities)
            plan_all += planned
            known_weeks |= known
        return {
            **planned_share(pairs),
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
    # Per activity: the share of planned production tells an activity without plan apart.
    plan = {
        (row["unit__clinic_id"], row["activity_id"], row["week"]): row["plan"]
        for row in approved_plan_totals(
            clinic_ids=clinic_ids,
            first=first,
            last=last,
            by=("unit__clinic_id", "activity_id", "week"),
            activity_ids=activity_ids,
        )
    }
    outcomes = facts_rows.weekly_outcomes().filter(
        unit__clinic_id__in=clinic_ids, source=source, week__gte=first.key, week__lte=last.key
    )
    if activity_ids is not None:
        outcomes = outcomes.filter(activity_id__in=list(activity_ids))
    outcome = {
        (clinic, activity, week): total
        for clinic, activity, week, total in outcomes.values_list(
            "unit__clinic_id", "activity_id", "week"
        )
        .annotate(total=Sum("count"))
        .order_by()
    }
    known = outcome_weeks_known(
        region_of={c["id"]: c["area__region_id"] for c in clinics},
        source=source,
        first=first,
        last=last,
        data_until=data_until,
    )
    return ClinicWeeks(
        plan=plan,
        outcome=outcome,
        known=known,
        area_of={c["id"]: c["area_id"] for c in clinics},
        clinics=clinics,
    )


def year_weeks(year: int) -> tuple[IsoWeek, IsoWeek]:
    return IsoWeek(year, 1), IsoWeek(year, weeks_in_year(year))


def outcome_vs_plan_by_tertial(
    *, clinic_ids, year: int, source: str = OutcomeSource.COSMIC
) -> dict[tuple[int, int], dict]:
    """Per (clinic id, tertial 1–3): the outcome against the approved plan in the year's tertials.

    The share of planned production as ``ClinicWeeks.totals`` gives it: plan and
    outcome of the planned activities over the tertial's weeks whose outcome is
    known (a tertial under way compares the weeks so far; a missing week counts
    on neither side), share (None without a plan), shortfall, behind and
    unplanned. Also ``plan_all`` (the whole tertial's plan), ``weeks_known``
    and ``weeks``.
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
