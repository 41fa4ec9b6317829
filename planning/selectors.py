"""Reads of production plans: what follow-up counts, what the grid shows, what changed and when."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Avg, Min, Q, QuerySet, Sum
from django.db.models.expressions import BaseExpression
from django.db.models.functions import Coalesce

from organisation import access
from organisation.calendar import weeks_in_year
from organisation.models import Activity

from . import versioning
from .choices import STAFFED_BEDS
from .models import (
    Plan,
    PlanCell,
    PlanCellChange,
    PlanSave,
    PlanStatus,
    PlanStatusChange,
    PlanVersion,
)


def plan_approved_versions(
    *,
    first_year: int | None = None,
    last_year: int | None = None,
    where: Q | BaseExpression | None = None,
) -> QuerySet[PlanVersion]:
    """The versions whose cells are the plans' volumes: each plan's approved one.

    The one place that rule is written: drafts, submitted and superseded
    versions do not count, and a reopened plan counts its approved version
    until the new one is approved (``services.plan_approve`` supersedes it in
    the same transaction, so a plan never has two). Years narrow to the plans of
    those years (a plan's cells lie in its own year's weeks: the services refuse
    others); ``where`` narrows further (e.g. follow-up's versions already summed).
    """
    versions = PlanVersion.objects.filter(status=PlanStatus.APPROVED)
    if first_year is not None:
        versions = versions.filter(plan__year__gte=first_year)
    if last_year is not None:
        versions = versions.filter(plan__year__lte=last_year)
    if where is not None:
        versions = versions.filter(where)
    return versions


def plan_approved_volumes(
    *,
    first_week: int | None = None,
    last_week: int | None = None,
    where: Q | BaseExpression | None = None,
) -> QuerySet[PlanCell]:
    """The approved plans' volumes (between two week keys, or all): the cells of ``plan_approved_versions``.

    Every reader of approved volumes calls this (follow-up's figures, its weekly
    sums ``followup.summary``, the waiting lists' pace), and narrows the cells by
    unit, clinic or activity and groups them as it needs. The approved versions
    are read through keys that start with the version, instead of every cell of
    every version. ``where`` narrows the versions, as in ``plan_approved_versions``.
    """
    versions = plan_approved_versions(
        first_year=None if first_week is None else first_week // 100,
        last_year=None if last_week is None else last_week // 100,
        where=where,
    )
    # Staffed beds are planned in the same cells but are no production volume.
    cells = PlanCell.objects.filter(version_id__in=versions.values("id")).exclude(
        activity__code=STAFFED_BEDS
    )
    if first_week is not None:
        cells = cells.filter(week__gte=first_week)
    if last_week is not None:
        cells = cells.filter(week__lte=last_week)
    return cells


def plan_approved_beds(
    *, unit_ids: Iterable[int], first_week: int, last_week: int
) -> dict[tuple[int, int], Decimal]:
    """The approved plans' staffed beds per (ward unit id, week key) between two week keys."""
    versions = plan_approved_versions(first_year=first_week // 100, last_year=last_week // 100)
    rows = PlanCell.objects.filter(
        version_id__in=versions.values("id"),
        activity__code=STAFFED_BEDS,
        unit_id__in=list(unit_ids),
        week__range=(first_week, last_week),
    )
    return {(u, w): beds for u, w, beds in rows.values_list("unit_id", "week", "volume")}


def plan_beds(*, version: PlanVersion, unit_ids: Iterable[int]) -> dict[tuple[int, int], Decimal]:
    """A version's planned staffed beds per (ward unit id, week key)."""
    rows = version.cells.filter(activity__code=STAFFED_BEDS, unit_id__in=list(unit_ids))
    return {(u, w): beds for u, w, beds in rows.values_list("unit_id", "week", "volume")}


def staffed_beds_activity_id() -> int | None:
    """The id of the activity that holds planned staffed beds (made by a migration)."""
    return Activity.objects.filter(code=STAFFED_BEDS).values_list("id", flat=True).first()


def plan_weekly_volumes(
    *, unit_ids: Iterable[int], year: int
) -> dict[tuple[int, int, int], Decimal]:
    """The approved plans' weekly volume per (unit id, activity id, week key) for a year.

    Only the approved version of each plan counts (``plan_approved_versions``).
    One query, whatever the number of units.
    """
    rows = plan_approved_volumes(first_week=year * 100 + 1, last_week=year * 100 + 53).filter(
        unit_id__in=list(unit_ids)
    )
    return {
        (u, a, w): volume
        for u, a, w, volume in rows.values_list("unit_id", "activity_id", "week", "volume")
    }


def plan_visible_plans(*, user: User) -> QuerySet[Plan]:
    return access.restrict(Plan.objects.all(), user, clinic_path="clinic")


def plan_visible_versions(*, user: User) -> QuerySet[PlanVersion]:
    return access.restrict(
        PlanVersion.objects.all(), user, clinic_path="plan__clinic"
    ).select_related("plan__clinic")


def plan_version_get(*, user: User, version_id: int) -> PlanVersion | None:
    """The version if the user may read it, with its plan and clinic loaded."""
    return plan_visible_versions(user=user).filter(pk=version_id).first()


def plans_awaiting_approval(*, user: User) -> list[PlanVersion]:
    """Submitted versions the user may approve (their clinics' or area's, or any for an
    administrator), the longest waiting first: the manager's part of "what needs me today"."""
    submitted = (
        plan_visible_versions(user=user)
        .filter(status=PlanStatus.SUBMITTED)
        .select_related("plan__clinic")
        .order_by("submitted_at", "id")
    )
    return [v for v in submitted if access.can_approve_plan(user, v.plan.clinic)]


def clinics_with_approved_plan(*, clinic_ids: Iterable[int], year: int) -> set[int]:
    """The clinics among ``clinic_ids`` whose plan for the year has an approved version now."""
    return set(
        plan_approved_versions(first_year=year, last_year=year)
        .filter(plan__clinic_id__in=list(clinic_ids))
        .values_list("plan__clinic_id", flat=True)
    )


def plan_current_version(*, plan: Plan) -> PlanVersion | None:
    """The version being worked on (draft or submitted), else the approved one, else the latest."""
    return versioning.current_version(plan.versions.all())


def plan_overview(*, user: User, years: list[int]) -> list[dict]:
    """Per visible clinic, its plan of each year: current and approved version, or none yet."""
    clinics = list(
        access.visible_clinics(user).select_related("area").order_by("area__name", "name")
    )
    plans = Plan.objects.filter(
        clinic__in=[c.id for c in clinics], year__in=years
    ).prefetch_related("versions")
    by_key = {(p.clinic_id, p.year): p for p in plans}
    rows = []
    for clinic in clinics:
        cells = []
        for year in years:
            plan = by_key.get((clinic.id, year))
            approved = None
            if plan:
                approved = next(
                    (v for v in plan.versions.all() if v.status == PlanStatus.APPROVED), None
                )
            cells.append(
                {
                    "year": year,
                    "plan": plan,
                    "current": plan_current_version(plan=plan) if plan else None,
                    "approved": approved,
                }
            )
        rows.append(
            {"clinic": clinic, "can_edit": access.can_edit_plan(user, clinic), "years": cells}
        )
    return rows


def plan_cells(
    *, version: PlanVersion, unit_ids: Iterable[int] | None = None
) -> dict[tuple[int, int, int], Decimal]:
    """The version's volumes per (unit id, activity id, week key)."""
    cells = PlanCell.objects.filter(version=version)
    if unit_ids is not None:
        cells = cells.filter(unit_id__in=list(unit_ids))
    return {
        (u, a, w): v for u, a, w, v in cells.values_list("unit_id", "activity_id", "week", "volume")
    }


def change_row(change: PlanCellChange) -> dict:
    """One cell change as the API and the conflict message show it (of a ``plan_change_records`` row)."""
    record = change.save_record
    return {
        "unit": change.unit_id,
        "unit_name": change.unit.name,
        "activity": change.activity_id,
        "activity_name": change.activity.name,
        "week": change.week,
        "old": change.old_volume,
        "new": change.new_volume,
        "revision": record.revision,
        "user": (record.user.get_full_name() or record.user.username) if record.user else "",
        "at": record.at,
    }


def plan_change_records(*, version_id: int, revision: int) -> QuerySet[PlanCellChange]:
    """The version's cell changes after ``revision``, oldest first, in an order stable enough to page."""
    return (
        PlanCellChange.objects.filter(
            save_record__version_id=version_id, save_record__revision__gt=revision
        )
        .select_related("save_record__user", "unit", "activity")
        .order_by("save_record__revision", "unit__name", "activity__sort_order", "week", "id")
    )


def plan_changes_since(*, version_id: int, revision: int) -> list[dict]:
    """What saves after ``revision`` changed in the version, oldest first: shown on a 409."""
    changes = plan_change_records(version_id=version_id, revision=revision)
    return [change_row(c) for c in changes[:2000]]


def plan_saves(*, plan: Plan) -> QuerySet[PlanSave]:
    return (
        PlanSave.objects.filter(version__plan=plan)
        .select_related("user", "version")
        .order_by("-at", "-id")
    )


def plan_status_changes(*, plan: Plan) -> QuerySet[PlanStatusChange]:
    return (
        PlanStatusChange.objects.filter(version__plan=plan)
        .select_related("user", "version")
        .order_by("-at", "-id")
    )


def plan_save_changes(*, save: PlanSave) -> list[dict]:
    changes = save.changes.select_related("save_record__user", "unit", "activity").order_by(
        "unit__name", "activity__sort_order", "week"
    )
    return [change_row(c) for c in changes]


def plan_cell_history(*, plan: Plan, unit_id: int, activity_id: int, week: int) -> list[dict]:
    """Every change of one cell across all the plan's versions, newest first."""
    changes = (
        PlanCellChange.objects.filter(
            save_record__version__plan=plan, unit_id=unit_id, activity_id=activity_id, week=week
        )
        .select_related("save_record__user", "save_record__version", "unit", "activity")
        .order_by("-save_record__at", "-id")
    )
    result = []
    for change in changes:
        row = change_row(change)
        row["version"] = change.save_record.version.number
        row["source"] = change.save_record.get_source_display()
        result.append(row)
    return result


def plan_unit_totals(*, version: PlanVersion) -> dict[int, Decimal]:
    """The year's planned volume per unit, for the plan page; staffed beds are no volume."""
    rows = (
        version.cells.exclude(activity__code=STAFFED_BEDS)
        .values("unit_id")
        .annotate(total=Sum("volume"))
    )
    return {r["unit_id"]: r["total"] for r in rows}


def plan_unit_mean_beds(*, version: PlanVersion) -> dict[int, Decimal]:
    """Each ward's planned staffed beds as the mean over the weeks it has a plan for: beds are
    a level, which a sum over the weeks would not describe."""
    rows = (
        version.cells.filter(activity__code=STAFFED_BEDS)
        .values("unit_id")
        .annotate(mean=Avg("volume"))
    )
    return {r["unit_id"]: r["mean"] for r in rows}


def plan_approved_by_lay_by(*, clinic_ids: Iterable[int], year: int) -> dict[int, list]:
    """When each clinic's plan for the year was approved, every time: (approved_at, version number)."""
    result: dict[int, list] = defaultdict(list)
    rows = (
        PlanVersion.objects.filter(
            plan__clinic_id__in=list(clinic_ids), plan__year=year, approved_at__isnull=False
        )
        .values_list("plan__clinic_id", "approved_at", "number", "status")
        .order_by("approved_at")
    )
    for clinic_id, approved_at, number, status in rows:
        result[clinic_id].append((approved_at, number, status))
    return result


def plans_first_approved(*, clinic_ids: Iterable[int], year: int) -> dict:
    """Per clinic: when its plan for the year was first approved (a later approval supersedes,
    it does not undo). One query."""
    rows = (
        PlanVersion.objects.filter(
            plan__year=year,
            plan__clinic_id__in=list(clinic_ids),
            status__in=[PlanStatus.APPROVED, PlanStatus.SUPERSEDED],
        )
        .values_list("plan__clinic_id")
        .annotate(first=Min(Coalesce("approved_at", "created_at")))
        .order_by()
    )
    return dict(rows)


def year_week_range(year: int) -> tuple[int, int]:
    return year * 100 + 1, year * 100 + weeks_in_year(year)
