"""Builders for follow-up facts in tests: approved plans, weekly outcome, bookings, waiting lists."""

from __future__ import annotations

import importlib
from datetime import date
from decimal import Decimal

from facts.models import Booking, StaffHours, WaitingEntry, WeeklyOutcome
from organisation.calendar import IsoWeek
from organisation.models import Activity, Unit
from planning.models import Plan, PlanCell, PlanStatus, PlanVersion


def ensure_activities() -> None:
    """The default activities, as the data migration seeds them.

    Browser tests run on a live server, whose database is emptied between
    tests, seeded rows included; this puts them back.
    """
    if Activity.objects.exists():
        return
    seeded = importlib.import_module("organisation.migrations.0002_default_activities")
    Activity.objects.bulk_create(
        Activity(code=code, name=name, profession=profession, minutes=minutes, sort_order=order)
        for order, (code, name, profession, minutes) in enumerate(seeded.ACTIVITIES, start=1)
    )


def activity(code: str) -> Activity:
    ensure_activities()
    return Activity.objects.get(code=code)


def approved_plan(
    clinic, year: int, cells: dict[tuple[Unit, Activity, int], float], *, status=PlanStatus.APPROVED
):
    """A plan for the clinic and year with one version holding ``cells`` {(unit, activity, week key): volume}."""
    plan, _ = Plan.objects.get_or_create(clinic=clinic, year=year)
    number = plan.versions.count() + 1
    version = PlanVersion.objects.create(plan=plan, number=number, status=status)
    PlanCell.objects.bulk_create(
        PlanCell(version=version, unit=unit, activity=act, week=week, volume=Decimal(str(volume)))
        for (unit, act, week), volume in cells.items()
    )
    return version


def outcome(unit, act, week: int, count: float, *, source: str = "cosmic") -> WeeklyOutcome:
    return WeeklyOutcome.objects.create(
        unit=unit, activity=act, week=week, source=source, count=Decimal(str(count))
    )


def bookings(unit, act, week: IsoWeek, n: int, *, snapshot: date, start: int = 0) -> None:
    Booking.objects.bulk_create(
        Booking(
            source="cosmic",
            snapshot_date=snapshot,
            booking_id=f"B{unit.id}-{act.id}-{week.key}-{start + i}",
            booked_date=week.monday,
            week=week.key,
            unit=unit,
            activity=act,
            phase=1,
            contact_type="BESOK",
            profession=act.profession,
        )
        for i in range(n)
    )


def waiting(
    unit,
    *,
    snapshot: date,
    decided: date,
    n: int = 1,
    target: date | None = None,
    deviation: str = "",
    phase: int = 1,
) -> None:
    start = WaitingEntry.objects.count()
    WaitingEntry.objects.bulk_create(
        WaitingEntry(
            source="cosmic",
            snapshot_date=snapshot,
            waiting_id=f"W{start + i}",
            unit=unit,
            phase=phase,
            decision_date=decided,
            target_date=target,
            deviation=deviation,
        )
        for i in range(n)
    )


def staff(unit, week: int, profession: str, hours: float) -> StaffHours:
    return StaffHours.objects.create(
        unit=unit, week=week, profession=profession, hours=Decimal(str(hours))
    )
