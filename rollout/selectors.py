"""Reads for the rollout overview, a clinic's programme page, the indicators and the export.

Counts per programme (steps done, overdue, the next step) are aggregated in
the database in one query over the user's clinics; statuses are then derived
by ``rollout.status`` from those counts without further queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery

from organisation import access
from organisation.calendar import IsoWeek, tertial_dates, tertial_of, tertial_of_day
from organisation.models import Area, Clinic

from . import evidence
from .evidence import PlanEvidence, TertialOutcome
from .models import Programme, ProgrammeRoleKind, ProgrammeStep, RolloutChange, Step
from .status import (
    STATUS_COLOUR,
    ProgrammeStatus,
    outcome_colour,
    plan_count_colour,
    programme_status,
)

TERTIALS = (1, 2, 3)
ROLE_ORDER = [ProgrammeRoleKind.OWNER, ProgrammeRoleKind.LEADER, ProgrammeRoleKind.MEMBER]


def current_year(today: date) -> int:
    """Plans are per ISO year, so the year is the ISO week's year."""
    return IsoWeek.of(today).year


def tertial_span(year: int, tertial: int) -> tuple[date, date]:
    """The tertial's first and last day (calendar months, as the strategic indicators count)."""
    return tertial_dates(year, tertial)


@dataclass
class ClinicRollout:
    """One clinic's line in the overview: its programme's dates, progress, status and evidence."""

    clinic_id: int
    clinic_name: str
    clinic_code: str
    area_id: int
    area_name: str
    programme_id: int | None
    decision_date: date | None
    start: date | None
    planned_end: date | None
    steps_done: int
    steps_total: int
    completed_on: date | None
    next_step: Step | None
    next_due: date | None
    status: ProgrammeStatus
    overdue: list[tuple[Step, date]] = field(default_factory=list)
    plan_reported_on: date | None = None
    call_in_reported_on: date | None = None
    plan_this_year: PlanEvidence | None = None
    plan_next_year: PlanEvidence | None = None
    meetings: int | None = None

    @property
    def status_colour(self) -> str:
        return STATUS_COLOUR[self.status]

    @property
    def is_late(self) -> bool:
        return self.status == ProgrammeStatus.LATE

    @property
    def has_plan(self) -> bool:
        return any(p and p.approved for p in (self.plan_this_year, self.plan_next_year))

    @property
    def plan_unconfirmed(self) -> bool:
        """Reported as approved, but planning has no approved plan for this year or next."""
        return self.plan_reported_on is not None and not self.has_plan

    @property
    def call_in_unconfirmed(self) -> bool:
        """Reported as started, but follow-up has no call-in meeting logged in the last weeks."""
        return self.call_in_reported_on is not None and self.meetings == 0


def _visible(user: User | AnonymousUser) -> QuerySet[Clinic]:
    # By id, so the access filter's membership joins cannot multiply the counts below.
    return Clinic.objects.filter(id__in=access.visible_clinics(user).values("id"))


def _annotated_clinics(user: User | AnonymousUser, today: date) -> QuerySet[Any]:
    # Any: clinics carrying the programme's figures as annotations, which the stubs cannot name.
    open_steps = ProgrammeStep.objects.filter(
        programme__clinic=OuterRef("pk"), done_on__isnull=True
    ).order_by("due", "kind")
    steps = "programme__steps"
    return (
        _visible(user)
        .select_related("area")
        .annotate(
            programme_id=Max("programme__id"),
            decision_date=Max("programme__decision_date"),
            start=Max("programme__start"),
            planned_end=Max("programme__planned_end"),
            steps_total=Count(f"{steps}__id"),
            steps_done=Count(f"{steps}__id", filter=Q(**{f"{steps}__done_on__isnull": False})),
            overdue_steps=Count(
                f"{steps}__id",
                filter=Q(**{f"{steps}__done_on__isnull": True, f"{steps}__due__lt": today}),
            ),
            completed_on=Max(f"{steps}__done_on", filter=Q(**{f"{steps}__kind": Step.COMPLETED})),
            plan_reported_on=Max(
                f"{steps}__done_on", filter=Q(**{f"{steps}__kind": Step.FIRST_PLAN_APPROVED})
            ),
            call_in_reported_on=Max(
                f"{steps}__done_on", filter=Q(**{f"{steps}__kind": Step.CALL_IN_STARTED})
            ),
            next_step=Subquery(open_steps.values("kind")[:1]),
            next_due=Subquery(open_steps.values("due")[:1]),
        )
        .order_by("area__name", "name")
    )


def rollout_rows(
    *, user: User | AnonymousUser, today: date, with_evidence: bool = True
) -> list[ClinicRollout]:
    """Every clinic the user may read, in or out of the programme, by area and name."""
    rows = []
    for clinic in _annotated_clinics(user, today):
        status = programme_status(
            has_programme=clinic.programme_id is not None,
            start=clinic.start,
            steps_done=clinic.steps_done,
            overdue_steps=clinic.overdue_steps,
            completed=clinic.completed_on is not None,
            today=today,
        )
        rows.append(
            ClinicRollout(
                clinic_id=clinic.id,
                clinic_name=clinic.name,
                clinic_code=clinic.code,
                area_id=clinic.area_id,
                area_name=clinic.area.name,
                programme_id=clinic.programme_id,
                decision_date=clinic.decision_date,
                start=clinic.start,
                planned_end=clinic.planned_end,
                steps_done=clinic.steps_done,
                steps_total=clinic.steps_total,
                completed_on=clinic.completed_on,
                # A completed programme has no next step, even with steps it never ticked off.
                next_step=Step(clinic.next_step)
                if clinic.next_step and status != ProgrammeStatus.COMPLETED
                else None,
                next_due=clinic.next_due if status != ProgrammeStatus.COMPLETED else None,
                status=status,
                plan_reported_on=clinic.plan_reported_on,
                call_in_reported_on=clinic.call_in_reported_on,
            )
        )
    late = {row.clinic_id: row for row in rows if row.is_late}
    overdue = ProgrammeStep.objects.filter(
        programme__clinic_id__in=list(late), done_on__isnull=True, due__lt=today
    ).order_by("due", "kind")
    for clinic_id, kind, due in overdue.values_list("programme__clinic_id", "kind", "due"):
        late[clinic_id].overdue.append((Step(kind), due))  # type: ignore[arg-type]  # due__lt: never NULL
    if with_evidence:
        _attach_evidence(rows, today)
    return rows


def _attach_evidence(rows: list[ClinicRollout], today: date) -> None:
    ids = [row.clinic_id for row in rows]
    year = current_year(today)
    plans = evidence.plans_by_clinic(clinic_ids=ids, years=[year, year + 1])
    meetings = evidence.call_in_meetings(clinic_ids=ids, since=call_in_since(today))
    for row in rows:
        row.plan_this_year = plans.get((row.clinic_id, year))
        row.plan_next_year = plans.get((row.clinic_id, year + 1))
        row.meetings = None if meetings is None else meetings.get(row.clinic_id, 0)


def call_in_since(today: date) -> date:
    return today - timedelta(weeks=evidence.CALL_IN_WEEKS)


def rollout_summary(*, rows: list[ClinicRollout]) -> dict[str, int]:
    """How many of the clinics are in each status, plus the clinics in the programme at all."""
    counts = {status.value: 0 for status in ProgrammeStatus}
    for row in rows:
        counts[row.status.value] += 1
    counts["clinics"] = len(rows)
    counts["in_programme"] = len(rows) - counts[ProgrammeStatus.NOT_STARTED.value]
    return counts


@dataclass
class AreaIndicators:
    """The DOMAIN indicators for one area and year: clinics with a plan against target, outcome against plan."""

    area_id: int | None  # None for the region's total
    area_name: str
    clinics: int
    plan_target: int
    with_plan: dict[int, int | None]  # per tertial; None for a tertial that has not begun
    outcome: dict[int, TertialOutcome | None]  # per tertial; None without follow-up figures

    @property
    def latest(self) -> dict | None:
        """The last tertial that has begun, as a cell of ``tertials``; None for a year still to come."""
        begun = [cell for cell in self.tertials if cell["with_plan"] is not None]
        return begun[-1] if begun else None

    @property
    def tertials(self) -> list[dict]:
        """Per tertial what a table cell shows: the count against target and the outcome share, with colours."""
        return [
            {
                **outcome_cell(tertial, self.outcome.get(tertial)),
                "with_plan": self.with_plan.get(tertial),
                "plan_colour": plan_count_colour(self.with_plan.get(tertial), self.plan_target),
            }
            for tertial in TERTIALS
        ]


def outcome_cell(tertial: int, outcome: TertialOutcome | None) -> dict:
    """A tertial's outcome against plan as a table cell shows it: whole per cent and traffic colour."""
    share = outcome.share if outcome else None
    return {
        "tertial": tertial,
        "outcome": outcome,
        "share_percent": None if share is None else round(share * 100),
        "share_colour": outcome_colour(None if share is None else float(share)),
    }


def _plans_by_cutoff(members, plans, year: int, cutoff: date | None) -> int | None:
    if cutoff is None:
        return None
    firsts = (plans.get((clinic, year)) for clinic in members)
    return sum(1 for p in firsts if p and p.first_approved and p.first_approved <= cutoff)


def _outcome_sum(members, outcomes, tertial: int) -> TertialOutcome | None:
    # Only clinics with a plan in the tertial: outcome without a plan has nothing to be measured against.
    figures = [f for c in members if (f := outcomes.get((c, tertial))) is not None and f.plan > 0]
    if not figures:
        return None
    return TertialOutcome(
        plan=sum((f.plan for f in figures), Decimal(0)),
        outcome=sum((f.outcome for f in figures), Decimal(0)),
        shortfall=sum((f.shortfall for f in figures), Decimal(0)),
    )


def rollout_indicators(
    *,
    user: User | AnonymousUser,
    year: int,
    today: date,
    source: str = evidence.DEFAULT_SOURCE,
) -> dict:
    """Per area and for the region: clinics with an approved plan by tertial, and outcome against plan.

    A clinic counts in a tertial when a version of its plan for the year was
    approved on or before the tertial's last day (or today, in the running tertial).
    """
    area_of = dict(_visible(user).values_list("id", "area_id"))
    areas = list(Area.objects.filter(id__in=set(area_of.values())).order_by("name"))
    plans = evidence.plans_by_clinic(clinic_ids=list(area_of), years=[year])
    outcomes = evidence.outcome_by_tertial(clinic_ids=list(area_of), year=year, source=source)
    cutoffs = {}
    for tertial in TERTIALS:
        first, last = tertial_span(year, tertial)
        cutoffs[tertial] = None if first > today else min(last, today)

    def indicators(area_id: int | None, name: str, target: int) -> AreaIndicators:
        members = [c for c, a in area_of.items() if area_id is None or a == area_id]
        return AreaIndicators(
            area_id=area_id,
            area_name=name,
            clinics=len(members),
            plan_target=target,
            with_plan={t: _plans_by_cutoff(members, plans, year, cutoffs[t]) for t in TERTIALS},
            outcome={t: _outcome_sum(members, outcomes or {}, t) for t in TERTIALS},
        )

    week = IsoWeek.of(today)
    # The calendar's tertial; on the few days an ISO year reaches into the next or last calendar
    # year, the tertial its week belongs to.
    current_tertial: int | None
    if today.year == year:
        current_tertial = tertial_of_day(today)
    else:
        current_tertial = tertial_of(week) if week.year == year else None
    return {
        "year": year,
        "areas": [indicators(area.id, area.name, area.plan_target) for area in areas],
        "total": indicators(None, "", sum(a.plan_target for a in areas)),
        "current_tertial": current_tertial,
        "outcome_available": outcomes is not None,
        "source": source,
    }


def programme_detail(*, clinic: Clinic, today: date, source: str = evidence.DEFAULT_SOURCE) -> dict:
    """Everything a clinic's programme page shows, with the evidence beside the reported steps."""
    programme = Programme.objects.filter(clinic=clinic).first()
    year = current_year(today)
    plans = evidence.plans_by_clinic(clinic_ids=[clinic.id], years=[year, year + 1])
    meetings = evidence.call_in_meetings(clinic_ids=[clinic.id], since=call_in_since(today))
    outcomes = evidence.outcome_by_tertial(clinic_ids=[clinic.id], year=year, source=source)
    steps = list(programme.steps.all()) if programme else []
    for step in steps:
        # Read by the template beside each step.
        step.is_overdue = step.done_on is None and step.due is not None and step.due < today  # type: ignore[attr-defined]
    status = programme_status(
        has_programme=programme is not None,
        start=programme.start if programme else None,
        steps_done=sum(1 for s in steps if s.done_on),
        overdue_steps=sum(1 for s in steps if s.is_overdue),  # type: ignore[attr-defined,misc]
        completed=any(s.kind == Step.COMPLETED and s.done_on for s in steps),
        today=today,
    )
    # A completed programme has no next step, even with steps it never ticked off.
    open_steps = sorted(
        (s for s in steps if s.done_on is None and status != ProgrammeStatus.COMPLETED),
        key=lambda s: (s.due or date.max, s.kind),
    )
    return {
        "programme": programme,
        "status": status,
        "done_count": sum(1 for s in steps if s.done_on),
        "next_step": open_steps[0] if open_steps else None,
        "status_colour": STATUS_COLOUR[status],
        "steps": steps,
        "roles": sorted(
            programme.roles.select_related("user") if programme else [],
            key=lambda r: (ROLE_ORDER.index(r.role), r.name),
        ),
        "changes": list(RolloutChange.objects.filter(clinic=clinic).select_related("user")[:100]),
        "year": year,
        "plan_this_year": plans.get((clinic.id, year)),
        "plan_next_year": plans.get((clinic.id, year + 1)),
        "meetings": None if meetings is None else meetings.get(clinic.id, 0),
        "meetings_since": call_in_since(today),
        "outcome": None
        if outcomes is None
        else {t: outcomes.get((clinic.id, t)) for t in TERTIALS},
        "outcome_cells": None
        if outcomes is None
        else [outcome_cell(t, outcomes.get((clinic.id, t))) for t in TERTIALS],
        "source": source,
    }


def rollout_changes(
    *, user: User | AnonymousUser, clinic_id: int | None = None
) -> QuerySet[RolloutChange]:
    """The recorded changes the user may read, newest first."""
    changes = access.restrict(
        RolloutChange.objects.select_related("user", "clinic"), user, clinic_path="clinic"
    )
    return changes.filter(clinic_id=clinic_id) if clinic_id else changes
