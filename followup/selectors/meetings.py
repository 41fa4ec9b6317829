"""Reads of the call-in meeting log: what was decided, what is still open, how often clinics meet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery

from followup.models import OPEN_ACTION_STATUSES, Action, ActionUpdate, DiscussedDeviation, Meeting


def meetings_logged(*, clinic_ids, since: date) -> dict[int, int]:
    """Per clinic id: how many call-in meetings were logged on or after ``since``.

    Clinics without a logged meeting are absent from the answer (read them as 0).
    One query.
    """
    rows = (
        Meeting.objects.filter(clinic_id__in=list(clinic_ids), held_on__gte=since)
        .values_list("clinic_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def _for_unit(queryset: QuerySet, unit_id: int | None, field: str = "unit_id") -> QuerySet:
    # A unit's dashboard shows the unit's own meetings and the clinic-wide ones.
    if unit_id is None:
        return queryset
    return queryset.filter(Q(**{field: unit_id}) | Q(**{f"{field}__isnull": True}))


def _with_last_update(actions: QuerySet) -> QuerySet:
    """Each action annotated with its latest status comment and when it was made."""
    latest = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by("-created_at", "-id")
    return actions.annotate(
        last_comment=Subquery(latest.values("comment")[:1]),
        last_update_at=Subquery(latest.values("created_at")[:1]),
    )


@dataclass
class MeetingLog:
    """The meeting log as the call-in shows it: the latest meetings and every open action."""

    meetings: list[Meeting]
    open_actions: list[Action]


def meeting_log(*, clinic_id: int, unit_id: int | None = None, limit: int = 3) -> MeetingLog:
    """The latest meetings (newest first) with their deviations and actions, and the actions
    still open from any meeting, earliest due first. Three queries.

    Each meeting gets ``deviation_list`` and ``action_list``; each action
    ``last_comment`` and ``last_update_at``.
    """
    meetings = list(
        _for_unit(Meeting.objects.filter(clinic_id=clinic_id), unit_id)
        .select_related("unit", "created_by")
        .order_by("-held_on", "-id")[:limit]
    )
    ids = [m.id for m in meetings]
    deviations = list(
        DiscussedDeviation.objects.filter(meeting_id__in=ids)
        .select_related("activity", "unit")
        .order_by("id")
    )
    actions = list(
        _with_last_update(
            _for_unit(Action.objects.filter(clinic_id=clinic_id), unit_id, field="meeting__unit_id")
        )
        .filter(Q(status__in=OPEN_ACTION_STATUSES) | Q(meeting_id__in=ids))
        .select_related("meeting", "deviation")
        .order_by("due_date", "id")
    )
    for meeting in meetings:
        meeting.deviation_list = [d for d in deviations if d.meeting_id == meeting.id]
        meeting.action_list = [a for a in actions if a.meeting_id == meeting.id]
    return MeetingLog(meetings=meetings, open_actions=[a for a in actions if a.is_open])


def meeting_list(*, clinic_ids, since: date | None = None) -> QuerySet[Meeting]:
    """Meetings of the given clinics for the API, newest first, with deviations and actions."""
    meetings = Meeting.objects.filter(clinic_id__in=list(clinic_ids))
    if since:
        meetings = meetings.filter(held_on__gte=since)
    return (
        meetings.select_related("unit")
        .prefetch_related("deviations", "actions")
        .order_by("-held_on", "-id")
    )


def action_list(*, clinic_ids, status: str | None = None) -> QuerySet[Action]:
    """Actions of the given clinics for the API, earliest due first, with their latest comment."""
    actions = Action.objects.filter(clinic_id__in=list(clinic_ids))
    if status:
        actions = actions.filter(status=status)
    return _with_last_update(actions).select_related("meeting").order_by("due_date", "id")


def actions_open(*, clinic_id: int, unit_id: int | None = None) -> list[Action]:
    """The actions not yet closed, earliest due first: what each meeting goes through again."""
    return meeting_log(clinic_id=clinic_id, unit_id=unit_id, limit=0).open_actions


def actions_overdue(*, clinic_ids, today: date) -> dict[int, tuple[int, date]]:
    """Per clinic id: how many actions are still open after their due date, and the earliest
    such date. Clinics with none are absent. One query."""
    rows = (
        Action.objects.filter(
            clinic_id__in=list(clinic_ids), status__in=OPEN_ACTION_STATUSES, due_date__lt=today
        )
        .values_list("clinic_id")
        .annotate(n=Count("id"), earliest=Min("due_date"))
        .order_by()
    )
    return {clinic_id: (n, earliest) for clinic_id, n, earliest in rows}
