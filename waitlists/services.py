"""Writes of the waiting-list app: the summary that the report and its trends read, and the
region's report to its neighbours written to a folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Max

from facts.selectors import rows as facts_rows

from .models import WaitingSummary, WaitingSummaryState
from .selectors.common import (
    entry_aggregates,
    home_county_or_treating,
    long_wait_days,
    snapshot_dates,
)


def _summarise(day: date, long_days: int) -> int:
    rows = (
        facts_rows.waiting_entries()
        .filter(snapshot_date=day)
        .annotate(county=home_county_or_treating())
        .values("unit_id", "phase", "kva_code", "county")
        .annotate(**entry_aggregates(day, long_days))
        .order_by()
    )
    created = WaitingSummary.objects.bulk_create(
        [WaitingSummary(snapshot_date=day, home_county=row.pop("county"), **row) for row in rows],
        batch_size=2000,
    )
    return len(created)


def waiting_summary_sync(*, rebuild: bool = False) -> list[date]:
    """Bring the summary in step with the snapshots; returns the days counted anew.

    An import replaces a snapshot by deleting and inserting its rows, so every
    changed day has entries newer than the last one counted; a day gone from
    the entries is dropped, and a new long-wait threshold recounts every day.
    When nothing changed this costs a few index look-ups. The writes that change
    snapshots call it when they commit (``tasks.summarise_waiting_lists``); reads never do.
    """
    long_days = long_wait_days()
    last_id = facts_rows.waiting_entries().aggregate(last=Max("id"))["last"] or 0
    held = snapshot_dates()
    state = WaitingSummaryState.objects.filter(pk=1).first()
    if (
        not rebuild
        and state is not None
        and state.last_entry_id == last_id
        and state.long_days == long_days
        and snapshot_dates(WaitingSummary) == held
    ):
        return []
    with transaction.atomic():
        WaitingSummaryState.objects.get_or_create(pk=1)
        # One sync at a time: a second request waits here, then finds the work done.
        state = WaitingSummaryState.objects.select_for_update().get(pk=1)
        summarised = set(snapshot_dates(WaitingSummary))
        # Fewer entries than counted before means the table was emptied and refilled: count it all.
        if rebuild or state.long_days != long_days or last_id < state.last_entry_id:
            stale = set(held)
        else:
            changed = (
                facts_rows.waiting_entries()
                .filter(id__gt=state.last_entry_id)
                .values_list("snapshot_date", flat=True)
            )
            stale = (set(held) - summarised) | set(changed.distinct())
        WaitingSummary.objects.filter(snapshot_date__in=(summarised - set(held)) | stale).delete()
        for day in sorted(stale):
            _summarise(day, long_days)
        state.last_entry_id = last_id
        state.long_days = long_days
        state.save()
    return sorted(stale)


def region_report_write(
    *, folder: str | Path, county: str = "", day: date | None = None
) -> list[Path]:
    """Write the region's report (each region's, without a county) as its ``vantanderapport`` file.

    The file is written beside its final name and renamed into place, so a neighbour's
    integration polling the folder never picks up half a file. Returns the files written.
    """
    from organisation.models import Region

    from .selectors import collaboration

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    regions = Region.objects.order_by("county_code")
    if county:
        regions = regions.filter(county_code=county.zfill(2))
    written = []
    for region in regions:
        report = collaboration.own_report(region=region, day=day)
        if report.day is None:
            continue
        target = out / report.file_name
        partial = target.with_suffix(".csv.part")
        partial.write_text(report.csv(), encoding="utf-8")
        partial.replace(target)
        written.append(target)
    return written
