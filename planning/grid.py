"""Everything the plan grid page needs for one unit of one version, read in a fixed number of queries."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.urls import reverse

from inpatient import bedplan
from kps import formatting
from organisation import access
from organisation import selectors as organisation_selectors
from organisation.calendar import (
    holidays_in,
    is_summer_week,
    tertial_of,
    weeks_of_year,
    working_days,
)
from organisation.models import Activity, Profession, Unit

from . import capacity, room_time, selectors
from .choices import STAFFED_BEDS
from .models import PlanVersion
from .reference import plan_reference_rows


def _weeks(year: int, periods) -> list[dict]:
    week_period = capacity.period_of_week(periods)
    closed = holidays_in(year - 1) | holidays_in(year) | holidays_in(year + 1)
    return [
        {
            "key": week.key,
            "week": week.week,
            "period": week_period.get(week.key),
            "tertial": tertial_of(week),
            "days": working_days(week),
            "holidays": ", ".join(closed[d] for d in week.days[:5] if d in closed),
            "summer": is_summer_week(week),
            "monday": week.monday.isoformat(),
        }
        for week in weeks_of_year(year)
    ]


def _by_activity_and_week(values: dict) -> dict[str, dict[str, float]]:
    return {
        str(activity_id): {str(week): float(n) for week, n in weeks.items()}
        for activity_id, weeks in values.items()
    }


def _bed_check(version: PlanVersion, unit: Unit) -> dict:
    """The ward's bed check of the version as saved, week by week, with the targets."""
    goal = bedplan.targets()
    ward = bedplan.version_check(version=version, unit_ids=[unit.id])[unit.id]
    return {
        "occupancy_target": formatting.share(goal.occupancy),
        "blocking_target": formatting.share(goal.blocking, 1),
        # For the grid's script, which checks the beds again as they are typed (plan-beds.js).
        "targets": {"occupancy": goal.occupancy, "blocking": goal.blocking},
        "red": ward.red,
        "yellow": ward.yellow,
        "green": ward.green,
        "weeks": [
            {
                "key": w.week,
                "week": w.week % 100,
                "beds": w.beds,
                "load": w.load,
                "occupancy": None if w.occupancy is None else formatting.share(w.occupancy),
                "blocking": None if w.blocking is None else formatting.share(w.blocking, 1),
                "needed": w.needed,
                "light": w.light,
            }
            for w in ward.weeks
        ],
    }


def plan_grid_data(*, version: PlanVersion, unit: Unit, user: User, as_of: date) -> dict:
    """The grid's JSON: weeks with their period and tertial, activities, values, capacity inputs,
    and the reference rows (last year's outcome, bookings as of ``as_of``)."""
    plan = version.plan
    clinic = plan.clinic
    periods = organisation_selectors.schedule_periods(area=clinic.area, year=plan.year)
    minutes = organisation_selectors.time_standards(clinic_id=clinic.id)
    # A ward plans its staffed beds; every other unit its production volumes.
    is_ward = bool(bedplan.ward_unit_ids([unit.id]))
    activities = [
        {
            "id": a.id,
            "name": a.name,
            "profession": a.profession,
            "minutes": minutes.get(a.id, a.minutes),
            # Staffed beds are a level, not a volume: averaged, never added to the volumes.
            "level": a.code == STAFFED_BEDS,
        }
        for a in Activity.objects.order_by("sort_order", "name")
        if (a.code == STAFFED_BEDS) == is_ward
    ]
    values: dict[str, dict[str, float]] = {}
    for (_unit, activity_id, week), volume in selectors.plan_cells(
        version=version, unit_ids=[unit.id]
    ).items():
        values.setdefault(str(activity_id), {})[str(week)] = float(volume)
    reference = plan_reference_rows(unit_id=unit.id, year=plan.year, as_of=as_of)
    # Last year's outcome, by week number, as a seasonal profile to spread a year total by.
    profile = {
        str(activity_id): {str(week % 100): float(count) for week, count in weeks.items()}
        for activity_id, weeks in reference.outcome.items()
    }
    available = capacity.available_hours(unit_ids=[unit.id], periods=periods)
    yellow, red = capacity.thresholds()
    editable = version.is_editable and access.can_edit_plan(user, clinic)
    return {
        "beds": _bed_check(version, unit) if is_ward else None,
        "version": {
            "id": version.id,
            "number": version.number,
            "status": version.status,
            "status_label": str(version.get_status_display()),
            "revision": version.revision,
            "editable": editable,
            "year": plan.year,
        },
        "unit": {"id": unit.id, "name": unit.name},
        "weeks": _weeks(plan.year, periods),
        "periods": [
            {
                "number": p.number,
                "first": p.first_week.week,
                "last": p.last_week.week,
                "lay_by": p.lay_by.isoformat(),
            }
            for p in periods
        ],
        "activities": activities,
        "values": values,
        "profile": profile,
        "reference": {
            "outcome": _by_activity_and_week(reference.outcome),
            "booked": _by_activity_and_week(reference.booked),
            "booked_snapshot": reference.booked_snapshot.isoformat()
            if reference.booked_snapshot
            else None,
            "outcome_year": plan.year - 1,
        },
        "capacity": {
            "available": {
                f"{period}:{profession}": round(hours, 1)
                for (period, profession), hours in available.items()
            },
            "yellow": yellow,
            "red": red,
            "professions": {code: str(label) for code, label in Profession.choices},
            "room_hours": room_time.room_hours(clinic_id=clinic.id, periods=periods),
        },
        "urls": {
            "save": reverse("planversion-cells", kwargs={"pk": version.id}),
            "cell_history": reverse("planning:cell_history", kwargs={"plan_id": plan.id}),
        },
    }
