"""How current each kind of imported data is, for the dashboards' freshness banner. One query.

``imports.reports.data_freshness`` answers the same question with a query per
kind (each kind's latest nightly run) besides the one for the successes; a
dashboard asks about three or four kinds on every request, so this reads the
successes and each kind's latest nightly run in one statement and builds the
same ``Freshness`` rows by the same rules. ``tests/followup`` checks that the
two agree.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from imports.models import ImportRun, Kind, RunStatus
from imports.reports import (
    FAILURE_STATUSES,
    NIGHTLY_STARTED_BY,
    SUCCESS_STATUSES,
    Freshness,
    late_after_hours,
)


def data_freshness(*, kinds, now: datetime | None = None) -> list[Freshness]:
    """Per kind (unknown kinds left out): the latest extract date of a successful import, when it
    came in, and whether to warn (a failed nightly run after it, or none for too long)."""
    now = now or timezone.now()
    kinds = [k for k in kinds if k in Kind.values]
    if not kinds:
        return []
    success = Q(status__in=SUCCESS_STATUSES)
    nightly = (
        ImportRun.objects.filter(kind=OuterRef("kind"), started_by=NIGHTLY_STARTED_BY)
        .exclude(status=RunStatus.RUNNING)
        .order_by("-started_at", "-id")
    )
    rows = {
        row["kind"]: row
        for row in ImportRun.objects.filter(kind__in=kinds)
        .values("kind")
        .annotate(
            imported_at=Max("finished_at", filter=success),
            data_until=Max("extract_date", filter=success),
            nightly_status=Subquery(nightly.values("status")[:1]),
            nightly_started_at=Subquery(nightly.values("started_at")[:1]),
            nightly_message=Subquery(nightly.values("message")[:1]),
        )
        .order_by()
    }
    limit = now - timedelta(hours=late_after_hours())
    result = []
    for kind in kinds:
        row = rows.get(kind, {})
        imported_at = row.get("imported_at")
        failed = bool(
            row.get("nightly_status") in FAILURE_STATUSES
            and (imported_at is None or row["nightly_started_at"] > imported_at)
        )
        result.append(
            Freshness(
                kind=kind,
                data_until=row.get("data_until"),
                imported_at=imported_at,
                failed=failed,
                failed_message=row["nightly_message"] if failed else "",
                late=imported_at is None or imported_at < limit,
            )
        )
    return result
