"""Builders for the production-assignment tests: an approved plan, point prices, an episode."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from economics.models import PointPrice
from inpatient.models import Episode
from organisation.calendar import IsoWeek
from organisation.models import Activity, Unit
from planning.choices import STAFFED_BEDS, PlanStatus
from planning.models import Plan, PlanCell, PlanVersion


def approved_plan(clinic, year: int, cells: list[tuple[Unit, str, int, int]]) -> PlanVersion:
    """An approved plan version holding (unit, activity code, ISO week, volume) cells."""
    plan = Plan.objects.create(clinic=clinic, year=year)
    version = PlanVersion.objects.create(plan=plan, number=1, status=PlanStatus.APPROVED)
    PlanCell.objects.bulk_create(
        PlanCell(
            version=version,
            unit=unit,
            activity=Activity.objects.get(code=code),
            week=IsoWeek(year, week).key,
            volume=Decimal(volume),
        )
        for unit, code, week, volume in cells
    )
    return version


def prices(year: int, outpatient: int, inpatient: int, **per_activity: int) -> None:
    PointPrice.objects.create(year=year, care_form="OPPEN", price=outpatient)
    PointPrice.objects.create(year=year, care_form="SLUTEN", price=inpatient)
    for code, price in per_activity.items():
        activity = Activity.objects.get(code=code.replace("_", "-"))
        PointPrice.objects.create(year=year, care_form="OPPEN", activity=activity, price=price)


def episode(unit: Unit, episode_id: str, admitted: date, discharged: date) -> Episode:
    def at(day: date):
        return timezone.make_aware(datetime.combine(day, time(10)))

    return Episode.objects.create(
        source="cosmic",
        episode_id=episode_id,
        unit=unit,
        admitted_at=at(admitted),
        discharged_at=at(discharged),
        admission_date=admitted,
        discharge_date=discharged,
    )


BEDS = STAFFED_BEDS
