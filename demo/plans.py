"""Production plans for the demo region, made when a region would have made them.

Each plan is the platform's own proposal from last year's outcome, created,
submitted and approved through the planning services as the demo
administrator would, and then dated on the region's calendar: most clinics
approve their plan a little before the schedule clock's first lay-by date
(twelve weeks before the year), a few approve it late, and a few have none,
so the indicators "clinics with a production plan" and the schedule clock
are neither trivially at target nor empty. The steps a clinic would not have
reached by the demo's date are left undone: a plan due later is a draft, or
not started.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from organisation.models import Clinic
from organisation.selectors import schedule_periods
from planning import capacity, services
from planning.models import Plan, PlanSave, PlanStatus, PlanStatusChange, PlanVersion
from planning.proposal import Goal, plan_proposal

# Every fifth clinic (by code) has no plan for the year.
WITHOUT_PLAN_EVERY = 5
# Every fourth of the others approves its plan after the first lay-by date.
LATE_EVERY = 4
# A plan is worked on for some weeks, then submitted and approved a few days later.
DRAFTING = timedelta(weeks=5)
DECIDING = timedelta(days=3)
# Kept with the status change of a demo plan whose capacity check is red (the services require one).
DEMO_RED_COMMENT = "Kapaciteten stäms av med HR inför schemaläggningen."


@dataclass(frozen=True)
class Timetable:
    """When a clinic starts its plan, submits it and has it approved."""

    created: date
    submitted: date
    approved: date


def plan_timetable(*, lay_by: date, index: int) -> Timetable | None:
    """The days of the ``index``-th clinic's plan (1-based, by code) for a year with this first lay-by.

    In time: 3 to 21 days before the lay-by; late: 2 to 6 weeks after it. None: no plan.
    """
    if index % WITHOUT_PLAN_EVERY == 0:
        return None
    if index % LATE_EVERY == 0:
        approved = lay_by + timedelta(weeks=2 + index % 5)
    else:
        approved = lay_by - timedelta(days=3 + (index * 5) % 19)
    return Timetable(
        created=approved - DECIDING - DRAFTING, submitted=approved - DECIDING, approved=approved
    )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _date(version: PlanVersion, timetable: Timetable, *, submitted: bool, approved: bool) -> None:
    """Move the plan's history to the days of its timetable (the services stamp it with now)."""
    Plan.objects.filter(pk=version.plan_id).update(created_at=_at(timetable.created, 9))
    PlanVersion.objects.filter(pk=version.pk).update(
        created_at=_at(timetable.created, 9),
        submitted_at=_at(timetable.submitted, 15) if submitted else None,
        approved_at=_at(timetable.approved, 11) if approved else None,
    )
    PlanSave.objects.filter(version=version).update(at=_at(timetable.created, 9))
    changes = PlanStatusChange.objects.filter(version=version)
    changes.filter(to_status=PlanStatus.DRAFT).update(at=_at(timetable.created, 9))
    changes.filter(to_status=PlanStatus.SUBMITTED).update(at=_at(timetable.submitted, 15))
    changes.filter(to_status=PlanStatus.APPROVED).update(at=_at(timetable.approved, 11))


def demo_plans_create(*, year: int, approver: User, today: date | None = None) -> int:
    """The clinics' plans for the year as far as they would have come by ``today``; returns how
    many were approved. Clinics that already have a plan for the year are left as they are."""
    today = today or timezone.localdate()
    made = 0
    clinics = Clinic.objects.select_related("area").order_by("code")
    planned = set(Plan.objects.filter(year=year).values_list("clinic_id", flat=True))
    for index, clinic in enumerate(clinics, start=1):
        timetable = plan_timetable(
            lay_by=schedule_periods(area=clinic.area, year=year)[0].lay_by, index=index
        )
        if clinic.id in planned or timetable is None or timetable.created > today:
            continue
        proposal = plan_proposal(clinic=clinic, year=year, goal=Goal())
        if not proposal.cells:
            continue
        version = services.plan_create(
            clinic=clinic,
            year=year,
            user=approver,
            cells=proposal.cells,
            proposal=proposal.explanation,
        )
        submitted, approved = timetable.submitted <= today, timetable.approved <= today
        # A proposal can need more hours than HR has; the demo says why it goes on, as a user must.
        comment = (
            DEMO_RED_COMMENT if submitted and capacity.plan_capacity_red(version=version) else ""
        )
        if submitted:
            version = services.plan_submit(version=version, user=approver, comment=comment)
        if approved:
            version = services.plan_approve(version=version, user=approver, comment=comment)
            made += 1
        _date(version, timetable, submitted=submitted, approved=approved)
    return made


__all__ = ["demo_plans_create", "plan_timetable"]
