"""The bed plan: a ward's staffed beds per week, proposed from last year's load and checked by Erlang.

The beds are planned in the clinic's production plan (``planning.choices.STAFFED_BEDS``);
this module says what they should be and whether they suffice. Definitions
(DOMAIN.md, "Inpatient beds"), stated on the grid page:

- the week's expected load *A* (occupied beds the admissions need) is last
  year's admissions in the same ISO week, adjusted to the new calendar (per
  working day on working days, per closed day on weekends and holidays), per
  day, × last year's mean length of stay of the ward;
- the occupancy the plan implies is the carried load per planned bed,
  A·(1 − B) ÷ beds, and the blocked share is Erlang B(A, beds): the share of
  admissions that would find the ward full;
- the light: red when the blocked share is above its target (admissions
  turned away or placed elsewhere), yellow when only the occupancy is above
  its target, green when both are met. Occupancy alone would judge small and
  large wards alike, which the loss model does not;
- beds that meet the targets: the fewest beds with both met, also what the
  proposal plans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta

import numpy as np
from django.conf import settings
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F

from organisation.calendar import IsoWeek, holidays_in, weeks_in_year, working_days
from planning import selectors as planning_selectors

from . import erlang
from .models import Episode, Ward

GREEN, YELLOW, RED, NONE = "green", "yellow", "red", ""


@dataclass(frozen=True)
class Targets:
    occupancy: float  # the highest occupancy that is green, e.g. 0.85
    blocking: float  # the highest share of admissions finding the ward full, e.g. 0.01


def targets() -> Targets:
    return Targets(
        occupancy=settings.KPS_BED_OCCUPANCY_TARGET, blocking=settings.KPS_BED_BLOCKING_TARGET
    )


def light(*, load: float | None, beds: float | None, goal: Targets) -> str:
    """The week's light for ``beds`` planned against ``load``; none without a load or a plan."""
    if load is None or beds is None:
        return NONE
    beds = int(beds)
    if beds <= 0:
        return RED if load > 0 else NONE
    if erlang.blocking(load, beds) > goal.blocking:
        return RED
    if erlang.occupancy(load, beds) > goal.occupancy:
        return YELLOW
    return GREEN


def beds_meeting(load: float, goal: Targets) -> int:
    """The fewest beds whose blocked share and occupancy are both within the targets."""
    if load <= 0:
        return 0
    beds = erlang.beds_needed(load, goal.blocking)
    # Occupancy falls as beds are added (the carried load grows by less than a bed): a few steps.
    while erlang.occupancy(load, beds) > goal.occupancy:
        beds += 1
    return beds


@dataclass
class WardLoad:
    """Last year's basis of one ward's expected load per week of the plan year."""

    unit_id: int
    mean_stay_days: float | None
    admissions_base_year: int
    loads: dict[int, float]  # week key of the plan year → expected load (occupied beds)


def _closed_days(year: int) -> set[date]:
    return set(holidays_in(year - 1)) | set(holidays_in(year)) | set(holidays_in(year + 1))


def _is_open(day: date, closed: set[date]) -> bool:
    return day.isoweekday() <= 5 and day not in closed


def week_admissions(counts: np.ndarray, *, year: int) -> np.ndarray:
    """The base year's admissions per ward and day (``counts``: wards × its ISO weeks × 7) moved
    week by week to the calendar of ``year``: the rate per open day and per closed day (weekends,
    holidays) of the base week times the target week's days of each; wards × weeks of ``year``.
    Week 53 of a plan year whose base year has 52 is moved from the base year's week 52."""
    base_year = year - 1
    base_weeks = weeks_in_year(base_year)
    closed = _closed_days(year)
    is_open = np.array(
        [
            [_is_open(d, closed) for d in IsoWeek(base_year, w).days]
            for w in range(1, base_weeks + 1)
        ]
    )
    targets = range(1, weeks_in_year(year) + 1)
    base = np.array([min(w, base_weeks) - 1 for w in targets])
    new_open = np.array([working_days(IsoWeek(year, w)) for w in targets])
    open_days = is_open.sum(axis=1)[base]
    open_n = (counts * is_open).sum(axis=2)[:, base]
    closed_n = (counts * ~is_open).sum(axis=2)[:, base]
    one_kind = (open_days == 0) | (open_days == 7)  # its rate stands for every day
    with np.errstate(divide="ignore", invalid="ignore"):
        moved = open_n / open_days * new_open + closed_n / (7 - open_days) * (7 - new_open)
    return np.where(one_kind, (open_n + closed_n) * 1.0, moved)


def ward_loads(*, unit_ids: Iterable[int], year: int) -> dict[int, WardLoad]:
    """Each ward's expected load per week of ``year`` from the episodes of the year before."""
    unit_ids = list(dict.fromkeys(unit_ids))
    base_year = year - 1
    first, last = IsoWeek(base_year, 1).monday, IsoWeek(base_year, weeks_in_year(base_year)).sunday
    row_of = {unit_id: i for i, unit_id in enumerate(unit_ids)}
    counts = np.zeros((len(unit_ids), (last - first).days + 1), dtype=np.int64)
    for unit_id, day, n in (
        Episode.objects.filter(unit_id__in=unit_ids, admission_date__range=(first, last))
        .values_list("unit_id", "admission_date")
        .annotate(n=Count("id"))
        .values_list("unit_id", "admission_date", "n")
    ):
        counts[row_of[unit_id], (day - first).days] = n
    stay = ExpressionWrapper(F("discharged_at") - F("admitted_at"), output_field=DurationField())
    stays = dict(
        Episode.objects.filter(unit_id__in=unit_ids, discharge_date__range=(first, last))
        .values("unit_id")
        .annotate(mean=Avg(stay))
        .values_list("unit_id", "mean")
    )
    weeks = counts.reshape(len(unit_ids), counts.shape[1] // 7, 7)
    admitted = week_admissions(weeks, year=year).tolist()
    result = {}
    for unit_id, i in row_of.items():
        mean = stays.get(unit_id)
        mean_days = mean.total_seconds() / 86400 if isinstance(mean, timedelta) else None
        loads = {}
        if mean_days is not None:
            for w, n in enumerate(admitted[i], start=1):
                loads[year * 100 + w] = n / 7 * mean_days
        result[unit_id] = WardLoad(
            unit_id=unit_id,
            mean_stay_days=mean_days,
            admissions_base_year=int(counts[i].sum()),
            loads=loads,
        )
    return result


def ward_unit_ids(unit_ids: Iterable[int]) -> set[int]:
    """Which of these units are wards."""
    return set(Ward.objects.filter(unit_id__in=list(unit_ids)).values_list("unit_id", flat=True))


def proposed_beds(*, unit_ids: Iterable[int], year: int) -> tuple[dict[tuple[int, int], int], dict]:
    """Staffed beds per (ward, week key) that meet the targets for last year's load, and how."""
    goal = targets()
    beds: dict[tuple[int, int], int] = {}
    explanation = []
    for unit_id, basis in ward_loads(unit_ids=unit_ids, year=year).items():
        for week, load in basis.loads.items():
            beds[(unit_id, week)] = beds_meeting(load, goal)
        explanation.append(
            {
                "unit": unit_id,
                "admissions": basis.admissions_base_year,
                "mean_stay_days": round(basis.mean_stay_days, 2)
                if basis.mean_stay_days is not None
                else None,
            }
        )
    return beds, {
        # In per cent, as the page writes them.
        "occupancy_target": round(100 * goal.occupancy, 1),
        "blocking_target": round(100 * goal.blocking, 2),
        "wards": explanation,
    }


@dataclass
class WeekCheck:
    week: int  # week key
    beds: float | None  # planned staffed beds
    load: float | None
    occupancy: float | None
    blocking: float | None
    needed: int | None  # beds that meet the targets
    light: str


@dataclass
class WardCheck:
    unit_id: int
    mean_stay_days: float | None
    weeks: list[WeekCheck]

    def count(self, colour: str) -> int:
        return sum(1 for w in self.weeks if w.light == colour)

    @property
    def red(self) -> int:
        return self.count(RED)

    @property
    def yellow(self) -> int:
        return self.count(YELLOW)

    @property
    def green(self) -> int:
        return self.count(GREEN)


def check(
    *, beds: dict[tuple[int, int], float], unit_ids: Iterable[int], year: int
) -> dict[int, WardCheck]:
    """The bed check of planned staffed beds per (ward, week key) for the wards' year."""
    goal = targets()
    result = {}
    for unit_id, basis in ward_loads(unit_ids=unit_ids, year=year).items():
        weeks = []
        for w in range(1, weeks_in_year(year) + 1):
            key = year * 100 + w
            load = basis.loads.get(key)
            planned = beds.get((unit_id, key))
            planned_f = None if planned is None else float(planned)
            usable = planned_f is not None and load is not None and int(planned_f) > 0
            weeks.append(
                WeekCheck(
                    week=key,
                    beds=planned_f,
                    load=load,
                    occupancy=erlang.occupancy(load, int(planned_f)) if usable else None,
                    blocking=erlang.blocking(load, int(planned_f)) if usable else None,
                    needed=None if load is None else beds_meeting(load, goal),
                    light=light(load=load, beds=planned_f, goal=goal),
                )
            )
        result[unit_id] = WardCheck(
            unit_id=unit_id, mean_stay_days=basis.mean_stay_days, weeks=weeks
        )
    return result


def version_check(*, version, unit_ids: Iterable[int] | None = None) -> dict[int, WardCheck]:
    """The bed check of a plan version's wards (all of the clinic's, or these units' wards)."""
    plan = version.plan
    if unit_ids is None:
        unit_ids = plan.clinic.units.values_list("id", flat=True)
    wards = ward_unit_ids(unit_ids)
    beds = planning_selectors.plan_beds(version=version, unit_ids=wards)
    return check(beds=beds, unit_ids=sorted(wards), year=plan.year)


def plan_beds_red(*, version) -> bool:
    """Whether a ward of the version has a red week: what makes handing it on ask for a comment."""
    return any(ward.red for ward in version_check(version=version).values())


def version_check_report(*, version, unit_ids: Iterable[int] | None = None) -> dict:
    """The bed check of a version as the API answers it: the targets, and per ward (by name)
    its weeks with the planned beds, load, occupancy, blocked share, beds needed and light."""
    goal = targets()
    wards = version_check(version=version, unit_ids=unit_ids)
    names = dict(Ward.objects.filter(unit_id__in=list(wards)).values_list("unit_id", "unit__name"))
    plan = version.plan
    return {
        "version": version.id,
        "number": version.number,
        "status": version.status,
        "plan": plan.id,
        "clinic": plan.clinic_id,
        "year": plan.year,
        "targets": {"occupancy": goal.occupancy, "blocking": goal.blocking},
        "wards": [
            {
                "unit_id": unit_id,
                "name": names[unit_id],
                "mean_stay_days": ward.mean_stay_days,
                "red": ward.red,
                "yellow": ward.yellow,
                "green": ward.green,
                "weeks": [
                    {**asdict(w), "week": str(IsoWeek(w.week // 100, w.week % 100))}
                    for w in ward.weeks
                ],
            }
            for unit_id, ward in sorted(wards.items(), key=lambda item: names[item[0]])
        ],
    }
