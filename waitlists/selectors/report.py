"""The waiting-list report on three levels: region, medical care area and KVÅ code.

Sums ``WaitingSummary`` (the snapshot counted per unit, phase and KVÅ code), read as
it is: see ``models.WaitingSummary`` for who keeps it up to date and what a
reader sees until a new snapshot is counted. Medical care
areas are folded together in memory from per-code sums, since their grouping
is editable prefix rules rather than a column.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _

from facts.selectors import rows as facts_rows
from organisation import access
from organisation.calendar import IsoWeek
from organisation.models import Region

from ..models import MedicalCareArea, WaitingSummary
from .common import (
    BUCKET_FIELDS,
    EXCLUDED_WHEN_DONE,
    GUARANTEE_DAYS,
    GUARANTEE_PHASES,
    SUMMARY_FIELDS,
    care_area_resolver,
    kva_texts,
    limited_clinics,
    long_wait_days,
    month_end_before,
    per_100k,
    populations,
    share,
    snapshot_dates,
    visible_regions,
)

LEVEL_REGION, LEVEL_AREA, LEVEL_KVA = "region", "area", "kva"
LEVELS = (LEVEL_REGION, LEVEL_AREA, LEVEL_KVA)
COUNT_FIELDS = [*SUMMARY_FIELDS, "completed", "completed_within_90"]
# Performed contacts are judged over the 30 days up to the snapshot.
COMPLETED_DAYS = 30


@dataclass
class WaitlistReport:
    """The report for one level and snapshot: a row per group and the total."""

    level: str
    snapshot: date | None
    month_end: date | None
    long_days: int
    phase: int | None = None
    care_area: MedicalCareArea | None = None
    population: int | None = None
    population_year: int | None = None
    # Region id → the user's clinics there, when the view holds only some clinics of a region.
    limited_to: dict[int, list[str]] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)
    total: dict = field(default_factory=dict)


def _group_field(level: str, *, contacts: bool = False) -> str:
    if level == LEVEL_REGION:
        return "unit__clinic__area__region"
    return "kva_codes" if contacts else "kva_code"


def _folder(level: str, resolver):
    """The function from a database group value to the report's row key."""
    if level == LEVEL_AREA:
        return lambda value: resolver.area_of(value) if value else None
    return lambda value: value


def _completed(*, user, snapshot: date, level: str, phase: int | None, fold, keep) -> dict:
    """Performed contacts in the last 30 days under the guarantee (PVV excluded) and those within 90 days.

    A contact the source marks as outside the guarantee (vardgaranti N) is left out; one without
    the flag is judged by its phase alone, as before the extract carried it.
    """
    first = snapshot - timedelta(days=COMPLETED_DAYS - 1)
    contacts = (
        facts_rows.contacts()
        .filter(
            # Units and weeks first: the (unit, week) index finds the month among years of contacts.
            unit_id__in=list(access.visible_units(user).values_list("id", flat=True)),
            week__gte=IsoWeek.of(first).key,
            week__lte=IsoWeek.of(snapshot).key,
            date__gte=first,
            date__lte=snapshot,
            phase__in=GUARANTEE_PHASES,
            decision_date__isnull=False,
        )
        .exclude(deviation__in=EXCLUDED_WHEN_DONE)
        .exclude(guarantee=False)
    )
    if phase:
        contacts = contacts.filter(phase=phase)
    group = _group_field(level, contacts=True)
    rows = (
        contacts.values(group)
        .annotate(
            completed=Count("id"),
            completed_within_90=Count(
                "id", filter=Q(decision_date__gte=F("date") - timedelta(days=GUARANTEE_DAYS))
            ),
        )
        .order_by()
    )
    folded: dict = defaultdict(lambda: {"completed": 0, "completed_within_90": 0})
    for row in rows:
        value = row[group]
        if level != LEVEL_REGION:
            # A contact may carry several codes; the first is the main procedure.
            value = (value or "").replace(",", " ").split()[0] if (value or "").strip() else ""
        if not keep(value):
            continue
        key = fold(value)
        folded[key]["completed"] += row["completed"]
        folded[key]["completed_within_90"] += row["completed_within_90"]
    return folded


def derive(row: dict, population: int | None) -> dict:
    """Shares, rates and the mean wait of a row of counts."""
    row["per_100k"] = per_100k(row["waiting"], population)
    row["share_over_90"] = share(row["over_90"], row["guarantee"])
    row["share_over_long"] = share(row["over_long"], row["guarantee"])
    row["deviation"] = row["pvv"] + row["mov"]
    row["share_deviation"] = share(row["deviation"], row["waiting"])
    row["share_past_target"] = share(row["past_target"], row["with_target"])
    row["share_completed_within_90"] = share(row["completed_within_90"], row["completed"])
    row["mean_wait_days"] = row["wait_days"] / row["guarantee"] if row["guarantee"] else None
    row["buckets"] = [row[name] for name in BUCKET_FIELDS]
    return row


def _labels(level: str, keys, limited_to: dict[int, list[str]]) -> dict:
    if level == LEVEL_REGION:
        names = dict(Region.objects.filter(id__in=[k for k in keys if k]).values_list("id", "name"))
        # A row holding only some of a region's clinics is named by them, never as the region.
        return {
            key: _("%(clinics)s i %(region)s")
            % {"clinics": ", ".join(limited_to[key]), "region": name}
            if key in limited_to
            else name
            for key, name in names.items()
        }
    if level == LEVEL_AREA:
        labels = dict(MedicalCareArea.objects.values_list("id", "name"))
        labels[None] = _("Utan medicinskt område")
        return labels
    texts = kva_texts(k for k in keys if k)
    return {k: f"{k} {texts.get(k, '')}".strip() if k else _("Utan KVÅ-kod") for k in keys}


def waitlist_report(
    *,
    user: User | AnonymousUser,
    level: str = LEVEL_REGION,
    snapshot: date | None = None,
    phase: int | None = None,
    care_area: MedicalCareArea | None = None,
) -> WaitlistReport:
    """The report for the user's units; the latest snapshot unless one is named.

    Long waits are counted at the configured threshold (KPS_WAITLIST_LONG_DAYS).
    """
    long_days = long_wait_days()
    dates = snapshot_dates(WaitingSummary)
    if snapshot is None:
        snapshot = dates[-1] if dates else None
    report = WaitlistReport(
        level=level,
        snapshot=snapshot,
        month_end=month_end_before(snapshot, dates) if snapshot else None,
        long_days=long_days,
        phase=phase,
        care_area=care_area,
    )
    if snapshot is None:
        return report

    summary = access.restrict(WaitingSummary.objects.all(), user, clinic_path="unit__clinic")
    if phase:
        summary = summary.filter(phase=phase)
    group = _group_field(level)
    resolver = care_area_resolver() if level == LEVEL_AREA or care_area else None
    fold = _folder(level, resolver)
    keep = (
        (lambda code: resolver.area_of(code) == care_area.id) if care_area else (lambda code: True)
    )

    rows: dict = defaultdict(lambda: dict.fromkeys([*COUNT_FIELDS, "waiting_month_end"], 0))
    sums = {name: Sum(name) for name in SUMMARY_FIELDS}
    for raw in summary.filter(snapshot_date=snapshot).values(group).annotate(**sums).order_by():
        if keep(raw[group]):
            row = rows[fold(raw[group])]
            for name in SUMMARY_FIELDS:
                row[name] += raw[name]
    if report.month_end and report.month_end != snapshot:
        month_end = summary.filter(snapshot_date=report.month_end).values(group)
        for raw in month_end.annotate(n=Sum("waiting")).order_by():
            if keep(raw[group]):
                rows[fold(raw[group])]["waiting_month_end"] += raw["n"]
    else:
        for row in rows.values():
            row["waiting_month_end"] = row["waiting"]
    completed = _completed(
        user=user, snapshot=snapshot, level=level, phase=phase, fold=fold, keep=keep
    )
    for key, done in completed.items():
        rows[key].update(done)

    report.limited_to = limited_clinics(user=user)
    regions = {r.id: r.county_code for r in visible_regions(user=user)}
    counts, report.population_year = (
        ({}, None)
        if report.limited_to
        else populations(county_codes=regions.values(), year=snapshot.year)
    )
    report.population = sum(counts.values()) or None
    labels = _labels(level, rows.keys(), report.limited_to)
    result = []
    for key, row in rows.items():
        population = counts.get(regions.get(key)) if level == LEVEL_REGION else report.population
        result.append(derive({"key": key, "label": labels.get(key, str(key)), **row}, population))
    report.rows = _sorted(level, result)
    total = {name: sum(r[name] for r in result) for name in [*COUNT_FIELDS, "waiting_month_end"]}
    report.total = derive({"key": "total", "label": _("Totalt"), **total}, report.population)
    return report


def _sorted(level: str, rows: list[dict]) -> list[dict]:
    if level == LEVEL_AREA:
        order = {pk: n for n, pk in enumerate(MedicalCareArea.objects.values_list("id", flat=True))}
        return sorted(rows, key=lambda r: order.get(r["key"], len(order)))
    if level == LEVEL_KVA:
        return sorted(rows, key=lambda r: (-r["waiting"], r["label"]))
    return sorted(rows, key=lambda r: r["label"])
