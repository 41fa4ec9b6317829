"""Writes of the call-in meeting log: a meeting with its deviations and actions, status updates.

Every write checks that the user may log meetings for the clinic; views and
the API only call these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation import access
from organisation.models import Clinic

from .models import (
    OPEN_ACTION_STATUSES,
    Action,
    ActionStatus,
    ActionUpdate,
    DiscussedDeviation,
    Meeting,
)


def _require(user, clinic: Clinic) -> None:
    if not access.can_log_meeting(user, clinic):
        raise PermissionDenied(
            _("Du får inte föra mötesanteckningar för %(clinic)s.") % {"clinic": clinic}
        )


@dataclass
class DeviationInput:
    description: str
    activity_id: int | None = None
    unit_id: int | None = None
    week: int | None = None
    planned: Decimal | None = None
    outcome: Decimal | None = None


@dataclass
class ActionInput:
    title: str
    owner: str
    due_date: date
    # 1-based position in the meeting's deviations this action answers, if any.
    deviation: int | None = None


@dataclass
class StatusInput:
    action_id: int
    status: str
    comment: str = ""


@transaction.atomic
def meeting_create(
    *,
    user: User,
    clinic: Clinic,
    held_on: date,
    week: int,
    unit_id: int | None = None,
    attendees: str = "",
    notes: str = "",
    deviations: Sequence[DeviationInput] = (),
    actions: Sequence[ActionInput] = (),
    updates: Sequence[StatusInput] = (),
) -> Meeting:
    """Log a call-in meeting: the deviations it went through, the actions it decided and the
    status it gave the actions carried over from earlier meetings. All or nothing."""
    _require(user, clinic)
    if unit_id is not None and not clinic.units.filter(id=unit_id).exists():
        raise ValidationError(_("Enheten hör inte till kliniken."))
    if any(a.due_date < held_on for a in actions):
        raise ValidationError(_("En åtgärd kan inte ha sitt slutdatum före mötet."))
    meeting = Meeting.objects.create(
        clinic=clinic, unit_id=unit_id, held_on=held_on, week=week, attendees=attendees, notes=notes,
        created_by=user,
    )  # fmt: skip
    saved = [
        DiscussedDeviation.objects.create(
            meeting=meeting,
            description=d.description,
            activity_id=d.activity_id,
            unit_id=d.unit_id if d.unit_id is not None else unit_id,
            week=d.week or week,
            planned=d.planned,
            outcome=d.outcome,
        )
        for d in deviations
    ]
    for a in actions:
        linked = saved[a.deviation - 1] if a.deviation and 0 < a.deviation <= len(saved) else None
        action = Action.objects.create(
            clinic=clinic,
            meeting=meeting,
            deviation=linked,
            title=a.title,
            owner=a.owner,
            due_date=a.due_date,
        )
        ActionUpdate.objects.create(
            action=action, meeting=meeting, status=action.status, created_by=user
        )
    for update in updates:
        action_status_update(
            user=user,
            action=Action.objects.select_related("clinic").get(id=update.action_id, clinic=clinic),
            status=update.status,
            comment=update.comment,
            meeting=meeting,
        )
    return meeting


@transaction.atomic
def action_status_update(
    *, user: User, action: Action, status: str, comment: str = "", meeting: Meeting | None = None
) -> ActionUpdate | None:
    """Give an action a status (and a comment) at a meeting; closing it records the day.

    An unchanged status without a comment is not worth a history line and returns None.
    """
    _require(user, action.clinic)
    if status not in ActionStatus.values:
        raise ValidationError(_("Okänd status för åtgärden."))
    if status == action.status and not comment.strip():
        return None
    action.status = status
    action.closed_on = (
        None if status in OPEN_ACTION_STATUSES else (action.closed_on or timezone.localdate())
    )
    action.save(update_fields=["status", "closed_on", "updated_at"])
    return ActionUpdate.objects.create(
        action=action, meeting=meeting, status=status, comment=comment.strip(), created_by=user
    )
