"""Which weeks the platform knows: a week whose extract has not arrived is missing, not zero.

A week's outcome is known for a source when (1) some unit of the region has
outcome from that source in the week, and (2) when the import log has
successful imports of the source's kind, the latest of them was extracted on
or after the week's Sunday (the "data t.o.m." date of the freshness banner).
Rule (1) catches a week lost between deliveries, rule (2) a week still under
way or whose extract is late. Facts loaded without the import log (tests,
benchmarks, a first bulk load) are judged by rule (1) alone.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Max, Subquery

from followup.models import OutcomeSource, WeeklyOutcome
from imports.models import ImportRun, Kind, RunStatus
from organisation.calendar import IsoWeek
from organisation.models import Unit

# The extract kind that delivers each outcome source (EXTRACTS.md).
KIND_OF_SOURCE = {OutcomeSource.COSMIC: Kind.KONTAKTER, OutcomeSource.DIVER: Kind.PRODUKTION}
# Runs that brought data in; "unchanged" re-read a file already there, so it adds nothing newer.
SUCCESS_STATUSES = (RunStatus.OK, RunStatus.PARTIAL)
# "Look the cut-off up in the import log" (None already means "no import log for the kind").
UNKNOWN = object()


def data_until(*, kind: str) -> date | None:
    """The latest extract date of a successful import of ``kind``, if any. One query."""
    return ImportRun.objects.filter(kind=kind, status__in=SUCCESS_STATUSES).aggregate(
        until=Max("extract_date")
    )["until"]


def outcome_data_until(*, source: str) -> date | None:
    """The latest extract date of a successful import delivering ``source``'s outcome, if any."""
    return data_until(kind=KIND_OF_SOURCE.get(source, source))


def complete(week_key: int, until: date | None) -> bool:
    """Whether a week had ended by the import cut-off (always, without an import log)."""
    return until is None or IsoWeek.from_key(week_key).sunday <= until


def outcome_weeks_known(
    *, region_ids, source: str, first: IsoWeek, last: IsoWeek, data_until=UNKNOWN
) -> dict[int, set[int]]:
    """Per region id: the week keys between ``first`` and ``last`` whose outcome is known.

    Two queries (one when ``data_until`` is given): the weeks with data per
    region, and the import log's latest extract date.
    """
    rows = (
        WeeklyOutcome.objects.filter(
            source=source,
            week__gte=first.key,
            week__lte=last.key,
            unit__clinic__area__region_id__in=list(region_ids),
        )
        .values_list("unit__clinic__area__region_id", "week")
        .distinct()
        .order_by()
    )
    until = outcome_data_until(source=source) if data_until is UNKNOWN else data_until
    known: dict[int, set[int]] = {region_id: set() for region_id in region_ids}
    for region_id, week in rows:
        if complete(week, until):
            known[region_id].add(week)
    return known


def outcome_weeks_known_for_units(
    *, unit_ids, source: str, first: IsoWeek, last: IsoWeek, data_until=UNKNOWN
) -> set[int]:
    """The known weeks of the region(s) the units belong to, without a separate region lookup.

    ``data_until``: the import cut-off if the caller has it, else it is looked up.
    """
    return weeks_with_rows(
        WeeklyOutcome.objects.filter(source=source),
        unit_ids=unit_ids,
        first=first,
        last=last,
        until=outcome_data_until(source=source) if data_until is UNKNOWN else data_until,
    )


def weeks_with_rows(queryset, *, unit_ids, first: IsoWeek, last: IsoWeek, until: date | None) -> set[int]:
    """Week keys in which ``queryset`` (a fact with ``unit`` and ``week``) has rows anywhere in
    the region of ``unit_ids``, cut at ``until``. One query."""
    regions = Unit.objects.filter(id__in=list(unit_ids)).values("clinic__area__region_id")
    rows = (
        queryset.filter(
            week__gte=first.key,
            week__lte=last.key,
            unit__clinic__area__region_id__in=Subquery(regions),
        )
        .values_list("week", flat=True)
        .distinct()
        .order_by()
    )
    return {week for week in rows if complete(week, until)}
