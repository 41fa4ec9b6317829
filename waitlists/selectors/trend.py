"""Development over time: the waiting list at each month end, for the whole report or one of its rows.

Reads ``WaitingSummary`` (counts per snapshot, unit, phase and KVÅ code), so
five years of monthly snapshots sum a few hundred thousand rows instead of
millions. Read as it is: see ``models.WaitingSummary`` for who keeps it up to date
and what a reader sees until a new snapshot is counted.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Sum

from organisation import access

from ..models import WaitingSummary
from .common import (
    care_area_q,
    limited_clinics,
    month_end_snapshots,
    per_100k,
    population_by_year,
    share,
    snapshot_dates,
    visible_regions,
)
from .report import LEVEL_AREA, LEVEL_KVA, LEVEL_REGION

FIGURES = ("waiting", "guarantee", "over_90", "over_long", "pvv", "mov")


def trend_points(
    dates: list[date], *, until: date | None = None, months: int | None = None
) -> list[date]:
    """Month ends up to ``until`` (the latest snapshot by default), and ``until`` itself."""
    if until is None and dates:
        until = dates[-1]
    if until is None:
        return []
    points = month_end_snapshots(d for d in dates if d <= until)
    if until not in points:
        points.append(until)
    return points[-(months + 1) :] if months else points


def waitlist_trend(
    *,
    user: User | AnonymousUser,
    level: str = LEVEL_REGION,
    key: str | int | None = None,
    phase: int | None = None,
    until: date | None = None,
    months: int | None = None,
) -> list[dict]:
    """One point per month end (and the snapshot itself when it is not one), oldest first.

    ``key`` narrows to one row of the report: a region id, a medical care area
    id or a KVÅ code ("" for entries without a code). Long waits are counted at
    the configured threshold the summary was built with.
    """
    points = trend_points(snapshot_dates(WaitingSummary), until=until, months=months)
    if not points:
        return []
    summary = access.restrict(
        WaitingSummary.objects.all(), user, clinic_path="unit__clinic"
    ).filter(snapshot_date__in=points)
    if phase:
        summary = summary.filter(phase=phase)
    regions = {r.id: r.county_code for r in visible_regions(user=user)}
    if key is not None and key != "total":
        if level == LEVEL_REGION:
            summary = summary.filter(unit__clinic__area__region_id=key)
            regions = {k: v for k, v in regions.items() if str(k) == str(key)}
        elif level == LEVEL_AREA:
            summary = summary.filter(care_area_q(int(key)))
        elif level == LEVEL_KVA:
            summary = summary.filter(kva_code=key)

    rows = summary.values("snapshot_date").annotate(**{f: Sum(f) for f in FIGURES}).order_by()
    by_day = {row["snapshot_date"]: row for row in rows}
    # A county's inhabitants are no denominator for some of its clinics' patients.
    limited = bool(limited_clinics(user=user))
    inhabitants = population_by_year(county_codes=[] if limited else regions.values())
    series = []
    for day in points:
        row = by_day.get(day) or dict.fromkeys(FIGURES, 0)
        series.append(
            {
                "snapshot": day,
                **{f: row[f] for f in FIGURES},
                "share_over_90": share(row["over_90"], row["guarantee"]),
                "share_deviation": share(row["pvv"] + row["mov"], row["waiting"]),
                "per_100k": per_100k(row["waiting"], inhabitants(day.year)),
            }
        )
    return series
