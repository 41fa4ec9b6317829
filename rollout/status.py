"""How far a clinic has come: the programme's status derived from its steps, and default due dates.

Pure functions with no database access, so the derivation is the same for one
clinic's page, the overview's annotated rows and the Excel export.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Step

PROGRAMME_LENGTH = relativedelta(years=1)
METHOD_MEETINGS = (
    Step.METHOD_MEETING_1,
    Step.METHOD_MEETING_2,
    Step.METHOD_MEETING_3,
    Step.METHOD_MEETING_4,
    Step.METHOD_MEETING_5,
    Step.METHOD_MEETING_6,
)

# Where in the programme each step is due by default, as a share of its length:
# mapping and goals in the first months, the first plan and the call-in meetings
# after a quarter, a method meeting every other month, the action plan before the end.
_DUE_SHARE = {
    Step.PROCESS_MAPPING: 1 / 12,
    Step.GOALS_SET: 2 / 12,
    Step.FIRST_PLAN_APPROVED: 3 / 12,
    Step.CALL_IN_STARTED: 3 / 12,
    **{meeting: (2 * n + 1) / 12 for n, meeting in enumerate(METHOD_MEETINGS)},
    Step.ACTION_PLAN: 11 / 12,
    Step.COMPLETED: 1.0,
}


class ProgrammeStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Inte beslutat")
    DECIDED = "decided", _("Beslutat, ej startat")
    ON_TRACK = "on_track", _("Pågår enligt plan")
    LATE = "late", _("Försenat")
    COMPLETED = "completed", _("Avslutat")


# The traffic colour shown with each status; the text label always goes beside it.
STATUS_COLOUR = {
    ProgrammeStatus.NOT_STARTED: "",
    ProgrammeStatus.DECIDED: "yellow",
    ProgrammeStatus.ON_TRACK: "green",
    ProgrammeStatus.LATE: "red",
    ProgrammeStatus.COMPLETED: "green",
}


def default_planned_end(start: date) -> date:
    return start + PROGRAMME_LENGTH


def default_step_dues(*, start: date, planned_end: date) -> dict[int, date]:
    """Each step's due date spread over the programme, so a longer agreement stretches them all."""
    days = (planned_end - start).days
    return {
        step: start + relativedelta(days=round(days * share)) for step, share in _DUE_SHARE.items()
    }


def programme_status(
    *,
    has_programme: bool,
    start: date | None,
    steps_done: int,
    overdue_steps: int,
    completed: bool,
    today: date,
) -> ProgrammeStatus:
    """The status a programme is in, from its steps.

    ``overdue_steps`` counts steps whose due date has passed without a done date;
    the completion step is due at the planned end, so a programme running past
    it is late too.
    """
    if not has_programme:
        return ProgrammeStatus.NOT_STARTED
    if completed:
        return ProgrammeStatus.COMPLETED
    if overdue_steps:
        return ProgrammeStatus.LATE
    if steps_done == 0 and (start is None or start > today):
        return ProgrammeStatus.DECIDED
    return ProgrammeStatus.ON_TRACK


# Outcome against plan, target 100 %: a tertial a little under it is yellow, further under red.
OUTCOME_YELLOW_FROM = 0.95


def outcome_colour(share: float | None) -> str:
    if share is None:
        return ""
    if share >= 1:
        return "green"
    return "yellow" if share >= OUTCOME_YELLOW_FROM else "red"


def plan_count_colour(count: int | None, target: int) -> str:
    """Green once an area has as many clinics with a plan as its target, red while it has fewer."""
    if count is None or not target:
        return ""
    return "green" if count >= target else "red"
