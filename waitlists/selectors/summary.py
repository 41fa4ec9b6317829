"""The waiting-list summary, as other apps read it.

``summary_rows()`` is every row of ``WaitingSummary`` (per snapshot day, unit,
phase, KVÅ code and home county: ``waiting``, ``guarantee``, ``with_target``,
``past_target``, the wait buckets ``bucket_0``…); filter and sum it as a
queryset, or take ``summary_rows().model`` to name its table in one-statement
SQL. The summary is read as it is: the writes that change the snapshots bring
it up to date (see the model), never a reader.
"""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import WaitingSummary


def summary_rows() -> QuerySet[WaitingSummary]:
    """Every row of the waiting-list summary, unfiltered: callers restrict it to what the user may see."""
    return WaitingSummary.objects.all()
