"""Builders for rollout tests: programmes made through the services, approved plans, logged meetings, outcome.

Plain functions, not fixtures, so the browser tests in tests/browser can use them too.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from facts.choices import OutcomeSource
from facts.models import WeeklyOutcome
from followup.models import Meeting
from organisation.calendar import IsoWeek
from organisation.models import Activity
from planning.models import Plan, PlanCell, PlanStatus, PlanVersion
from rollout import services


def make_programme(user, clinic, *, start: date, today: date, done=(), **extra):
    """A programme started on ``start``, decided the same day, with ``done`` steps ticked off on their due date."""
    programme = services.programme_create(
        user=user, clinic=clinic, decision_date=start, start=start, today=today, **extra
    )
    for step in programme.steps.filter(kind__in=list(done)):
        services.programme_step_update(
            user=user,
            programme=programme,
            kind=step.kind,
            done_on=min(step.due, today),
            today=today,
        )
    return programme


def approve_plan(
    clinic, year: int, *, approved_on: date, status=PlanStatus.APPROVED, number: int = 1
):
    """A plan version for the clinic and year, approved on a day (kept with the given status)."""
    plan, _ = Plan.objects.get_or_create(clinic=clinic, year=year)
    approved_at = timezone.make_aware(datetime.combine(approved_on, time(12)))
    return PlanVersion.objects.create(
        plan=plan, number=number, status=status, approved_at=approved_at
    )


def log_meetings(clinic, days: list[date]) -> None:
    Meeting.objects.bulk_create(
        Meeting(clinic=clinic, held_on=d, week=IsoWeek.of(d).key) for d in days
    )


def plan_and_outcome(
    version: PlanVersion,
    unit,
    week: IsoWeek,
    *,
    plan: int,
    outcome: int,
    source=OutcomeSource.COSMIC,
) -> None:
    """One week's planned volume in an approved version and the outcome a source (COSMIC) counted."""
    # Transactional tests flush the activities the migrations seeded, so make one when none is left.
    activity = Activity.objects.order_by("id").first() or Activity.objects.create(
        code="test-besok", name="Testbesök", profession="LAK"
    )
    PlanCell.objects.create(
        version=version, unit=unit, activity=activity, week=week.key, volume=Decimal(plan)
    )
    WeeklyOutcome.objects.create(
        unit=unit,
        activity=activity,
        week=week.key,
        source=source,
        count=Decimal(outcome),
    )
