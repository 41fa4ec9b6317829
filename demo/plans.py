"""Approved production plans for the demo year, so follow-up has a plan to hold outcome against.

Each plan is the platform's own proposal from last year's outcome, created,
submitted and approved through the planning services as the demo
administrator would. A few clinics are left without a plan, so the
indicator "clinics with a production plan" is not trivially at target.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from organisation.models import Clinic
from planning import services
from planning.proposal import Goal, plan_proposal

# Every fifth clinic (by code) has no approved plan for the year.
WITHOUT_PLAN_EVERY = 5


def demo_plans_create(*, year: int, approver: User) -> int:
    """Approve a proposed plan for the year in most clinics that have none; returns how many were made."""
    made = 0
    clinics = Clinic.objects.exclude(plans__year=year).order_by("code")
    for index, clinic in enumerate(clinics, start=1):
        if index % WITHOUT_PLAN_EVERY == 0:
            continue
        proposal = plan_proposal(clinic=clinic, year=year, goal=Goal())
        if not proposal.cells:
            continue
        version = services.plan_create(
            clinic=clinic, year=year, user=approver, cells=proposal.cells, proposal=proposal.explanation
        )
        version = services.plan_submit(version=version, user=approver)
        services.plan_approve(version=version, user=approver)
        made += 1
    return made


__all__ = ["demo_plans_create"]
