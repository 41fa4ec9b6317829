"""Reads of the call-in meeting log: what was decided, what is still open, how often clinics meet."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from followup.models import OPEN_ACTION_STATUSES, Action, ActionUpdate, Meeting


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
    # A unit's dashboard shows the unit's own meetings and the clinic-wide ones it took part in.
    if unit_id is None:
        return queryset
    return queryset.filter(Q(**{field: unit_id}) | Q(**{f"{field}__isnull": True}))


def meeting_list(*, clinic_id: int, unit_id: int | None = None, limit: int = 5) -> list[Meeting]:
    """The latest meetings, newest first, with their deviations, actions and status updates.

    Four queries however many meetings: the meetings and one per prefetched relation.
    """
    meetings = _for_unit(Meeting.objects.filter(clinic_id=clinic_id), unit_id)
    return list(
        meetings.select_related("unit", "created_by")
        .prefetch_related(
            Prefetch("deviations__activity"),
            Prefetch("actions", queryset=Action.objects.order_by("due_date", "id")),
            Prefetch(
                "action_updates",
                queryset=ActionUpdate.objects.select_related("action").order_by("id"),
            ),
        )
        .order_by("-held_on", "-id")[:limit]
    )


def actions_open(*, clinic_id: int, unit_id: int | None = None) -> list[Action]:
    """Actions not yet closed, earliest due first: what every meeting goes through again.

    Each action carries ``last_update`` (its latest status update or None). Two queries.
    """
    actions = _for_unit(
        Action.objects.filter(clinic_id=clinic_id, status__in=OPEN_ACTION_STATUSES),
        unit_id,
        field="meeting__unit_id",
    )
    result = list(
        actions.select_related("meeting", "deviation")
        .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.order_by("id")))
        .order_by("due_date", "id")
    )
    for action in result:
        updates = list(action.updates.all())
        action.last_update = updates[-1] if updates else None
    return result


def action_list(*, clinic_ids, status: str | None = None) -> QuerySet[Action]:
    """Actions of the given clinics for the API, newest meeting first."""
    actions = Action.objects.filter(clinic_id__in=list(clinic_ids))
    if status:
        actions = actions.filter(status=status)
    return actions.select_related("meeting").order_by("-meeting__held_on", "due_date", "id")
