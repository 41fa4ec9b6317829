"""Keeps ``ApprovedPlanWeek`` (approved plans per unit and week) in step with the approved versions.

The only writer of the summary; ``selectors.plans`` reads it. Reads never
depend on it being current: a version not yet summed is read cell by cell,
so calling this only makes later reads cheaper. Approving a plan queues it
(``followup.tasks.sum_approved_plans``), and the region-wide pages call it
before their figures in case that has not run yet.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Sum

from planning.models import PlanCell, PlanStatus, PlanVersion

from .models import ApprovedPlanWeek, SummarisedPlanVersion


def approved_plans_summed() -> list[int]:
    """Sum the cells of every approved version not yet summed; returns their ids.

    One query when there is nothing new. Two requests may sum the same version
    at once: they write the same rows, and the second's are ignored.
    """
    ids = list(
        PlanVersion.objects.filter(status=PlanStatus.APPROVED)
        .exclude(id__in=SummarisedPlanVersion.objects.values("version_id"))
        .values_list("id", flat=True)
    )
    if not ids:
        return []
    rows = (
        PlanCell.objects.filter(version_id__in=ids)
        .values_list("version_id", "unit_id", "week")
        .annotate(volume=Sum("volume"))
        .order_by()
    )
    with transaction.atomic():
        ApprovedPlanWeek.objects.bulk_create(
            (ApprovedPlanWeek(version_id=v, unit_id=u, week=w, volume=total) for v, u, w, total in rows),
            batch_size=5000,
            ignore_conflicts=True,
        )
        SummarisedPlanVersion.objects.bulk_create(
            (SummarisedPlanVersion(version_id=i) for i in ids), ignore_conflicts=True
        )
    return ids
