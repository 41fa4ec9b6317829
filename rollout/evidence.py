"""What the platform's own data says about a clinic, beside what Qulturum has been told.

The one place rollout reads other apps: approved production plans (planning's selectors),
call-in meetings logged and outcome against plan (follow-up). Follow-up's
selectors are looked up when called, so rollout keeps working, showing
"no data", on a platform where they are not there yet; ``missing_sources``
names what is missing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from facts.choices import OutcomeSource
from facts.selectors import outcome
from planning.choices import PlanStatus
from planning.selectors import plan_approved_by_lay_by

# How far back call-in meetings are counted as evidence that they are held weekly.
CALL_IN_WEEKS = 4

# Versions that were approved and still stand for that approval (a reopened one does not).
COUNTED_STATUSES = (PlanStatus.APPROVED, PlanStatus.SUPERSEDED)

# Outcome is read from the source the user chooses, with follow-up's own default.
DEFAULT_SOURCE = outcome.DEFAULT_SOURCE
SOURCES = OutcomeSource.choices

FOLLOWUP_MEETINGS = "followup.selectors.meetings_logged"
FOLLOWUP_OUTCOME = "followup.selectors.outcome_vs_plan_by_tertial"


@dataclass(frozen=True)
class PlanEvidence:
    """A clinic's production plan for one year as planning knows it."""

    approved: bool  # an approved version counts in follow-up right now
    first_approved: date | None  # when a version of it was first approved


def _function(dotted: str) -> Callable | None:
    module_name, name = dotted.rsplit(".", 1)
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, name, None)


def missing_sources() -> list[str]:
    """The follow-up functions evidence needs that this installation does not have."""
    return [dotted for dotted in (FOLLOWUP_MEETINGS, FOLLOWUP_OUTCOME) if _function(dotted) is None]


def plans_by_clinic(
    *, clinic_ids: Iterable[int], years: Iterable[int]
) -> dict[tuple[int, int], PlanEvidence]:
    """Per (clinic id, year) with a plan ever approved: whether one counts now and when it first did.

    Read through planning's own selector, one query per year. A superseded
    version was approved once and replaced by a later approval, so it dates the
    clinic's first plan; a version reopened to draft does not.
    """
    clinic_ids = list(clinic_ids)
    evidence = {}
    for year in years:
        for clinic_id, approvals in plan_approved_by_lay_by(
            clinic_ids=clinic_ids, year=year
        ).items():
            counted = [at for at, _number, status in approvals if status in COUNTED_STATUSES]
            if counted:
                evidence[clinic_id, year] = PlanEvidence(
                    approved=any(status == PlanStatus.APPROVED for _at, _n, status in approvals),
                    first_approved=timezone.localdate(min(counted)),
                )
    return evidence


def call_in_meetings(*, clinic_ids: Iterable[int], since: date) -> dict[int, int] | None:
    """Call-in meetings logged in follow-up per clinic id since a day; None when follow-up cannot tell."""
    meetings_logged = _function(FOLLOWUP_MEETINGS)
    if meetings_logged is None:
        return None
    counts = meetings_logged(clinic_ids=list(clinic_ids), since=since)
    return {int(clinic_id): int(count or 0) for clinic_id, count in counts.items()}


@dataclass(frozen=True)
class TertialOutcome:
    """Planned and performed volume of one clinic (or area) in one tertial, and their ratio.

    As follow-up's share of planned production: ``outcome`` is that of the planned activities;
    ``shortfall`` what the activities behind plan lacked, which an ahead one cannot hide.
    """

    plan: Decimal
    outcome: Decimal
    shortfall: Decimal = Decimal(0)

    @property
    def share(self) -> Decimal | None:
        """Outcome as a share of plan (1 = 100 %); None without a plan to compare with."""
        return self.outcome / self.plan if self.plan else None


def outcome_by_tertial(
    *, clinic_ids: Iterable[int], year: int, source: str = DEFAULT_SOURCE
) -> dict[tuple[int, int], TertialOutcome] | None:
    """Outcome (as ``source`` counts it) against plan per (clinic id, tertial) for a year; None when
    follow-up cannot tell."""
    outcome_vs_plan = _function(FOLLOWUP_OUTCOME)
    if outcome_vs_plan is None:
        return None
    figures = outcome_vs_plan(clinic_ids=list(clinic_ids), year=year, source=source)
    return {
        (int(clinic_id), int(tertial)): TertialOutcome(
            plan=Decimal(str(values.get("plan") or 0)),
            outcome=Decimal(str(values.get("outcome") or 0)),
            shortfall=Decimal(str(values.get("shortfall") or 0)),
        )
        for (clinic_id, tertial), values in figures.items()
    }
