"""Fills ``ApprovedPlanWeek``: the approved plans' volumes per version, unit and week.

The only writer of that table, by planning's rule (``planning.selectors.plan_approved_volumes``,
the cells that count, summed per unit and week); ``selectors.plans`` reads it as the fast
path. Approving a plan queues this when the approval commits (``followup.tasks.sum_approved_plans``);
reads never call it. Until it has run, a version not yet summed is read from its cells in the
same statement, so the figures are the same either way, only slower.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Sum

from kps.figure_cache import figures_changed_on_commit
from planning.selectors import plan_approved_versions, plan_approved_volumes

from .models import ApprovedPlanWeek, SummarisedPlanVersion


def _not_summed():
    return ~Exists(SummarisedPlanVersion.objects.filter(version_id=OuterRef("pk")))


def approved_plans_summed() -> list[int]:
    """Sum the cells of every approved version not yet summed; returns their ids.

    One query when there is nothing new. Two requests may sum the same version
    at once: they write the same rows, and the second's are ignored. A version
    superseded since is left out: it no longer counts, and is never read again.
    """
    ids = list(plan_approved_versions(where=_not_summed()).values_list("id", flat=True))
    if not ids:
        return []
    rows = (
        plan_approved_volumes(where=Q(id__in=ids))
        .values_list("version_id", "unit_id", "week")
        .annotate(volume=Sum("volume"))
        .order_by()
    )
    with transaction.atomic():
        ApprovedPlanWeek.objects.bulk_create(
            (
                ApprovedPlanWeek(version_id=v, unit_id=u, week=w, volume=total)
                for v, u, w, total in rows
            ),
            batch_size=5000,
            ignore_conflicts=True,
        )
        SummarisedPlanVersion.objects.bulk_create(
            (SummarisedPlanVersion(version_id=i) for i in ids), ignore_conflicts=True
        )
        figures_changed_on_commit()  # bulk writes send no model signal
    return ids
