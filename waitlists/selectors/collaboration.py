"""Between the regions of a collaboration: each region's waiting list side by side, from the
aggregated reports they exchange (``vantanderapport``), and this region's own report to them.

No person-level data crosses a region's border: a neighbour is known only by its report's
counts per phase and KVÅ code (``RegionReportRow``). This region's own row is counted from its
waiting list the same way, so the two are alike: all waiting; within the guarantee (phases 1–2,
without PVV and MOV); of those, over 90 and over 150 days from the decision.

A neighbour's latest report on or before the chosen day is used, with its age; one older than
``MAX_AGE_DAYS`` (it has not delivered for a month) is marked and its figures are not counted,
and a month a region did not deliver is a gap in the development, never a zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from facts.choices import Deviation
from facts.selectors import rows as facts_rows
from organisation import access
from organisation.models import Region

from .. import exchange
from ..counties import county_name
from ..models import MedicalCareArea, RegionReportRow, WaitingSummary
from .common import (
    GUARANTEE_DAYS,
    care_area_q,
    care_area_resolver,
    guarantee_waiting_q,
    kva_texts,
    limited_clinics,
    per_100k,
    populations,
    share,
    snapshot_dates,
    visible_entries,
    waited_more_than,
)

LEVEL_REGION, LEVEL_AREA, LEVEL_KVA = "region", "area", "kva"
# The format's fixed long-wait limit, whatever this region's own threshold is.
OVER_150_DAYS = 150
# Groups with fewer within the guarantee are not ranked (a share of a handful says little).
MIN_RANKED = 5
TREND_MONTHS = 24
CURRENT, STALE, MISSING = "current", "stale", "missing"


def max_age_days() -> int:
    """A report older than this on the chosen day means the region has not delivered for a month."""
    return int(getattr(settings, "KPS_REGION_REPORT_MAX_AGE_DAYS", 31))


def collaboration_counties() -> list[str]:
    """The neighbours the collaboration expects reports from (KPS_COLLABORATION_COUNTIES)."""
    value = getattr(settings, "KPS_COLLABORATION_COUNTIES", "")
    codes = value.split(",") if isinstance(value, str) else list(value)
    return [c.strip().zfill(2) for c in codes if c.strip()]


# --- This region's own report -------------------------------------------------------------------


def _entry_counts(entries: QuerySet, day: date) -> list[dict]:
    """Counts per phase and KVÅ code of one snapshot's waiting entries, named as the format names them."""
    guarantee = guarantee_waiting_q()
    rows = (
        entries.filter(snapshot_date=day, phase__lte=4)
        .values("phase", "kva_code")
        .annotate(
            antal=Count("id"),
            antal_vardgaranti=Count("id", filter=guarantee),
            over_90=Count("id", filter=guarantee & waited_more_than(GUARANTEE_DAYS, day)),
            over_150=Count("id", filter=guarantee & waited_more_than(OVER_150_DAYS, day)),
            pvv=Count("id", filter=Q(deviation=Deviation.PVV)),
            mov=Count("id", filter=Q(deviation=Deviation.MOV)),
        )
        .order_by()
    )
    return [{"fas": r.pop("phase"), "kva_kod": r.pop("kva_code") or "", **r} for r in rows]


@dataclass
class OwnReport:
    """This region's report as its neighbours receive it."""

    county: str
    region: str
    day: date | None
    minimum: int
    rows: list[dict] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return exchange.file_name(self.county, self.day) if self.day else ""

    def csv(self) -> str:
        return exchange.to_csv(self.rows)


def own_report(*, region: Region, day: date | None = None) -> OwnReport:
    """The region's report of its latest snapshot on or before ``day`` (latest of all without one).

    Whole-region figures: the callers let only users who see the whole region export it.
    """
    dates = [d for d in snapshot_dates() if day is None or d <= day]
    minimum = exchange.threshold()
    report = OwnReport(region.county_code, region.name, dates[-1] if dates else None, minimum)
    if report.day is None:
        return report
    entries = facts_rows.waiting_entries().filter(unit__clinic__area__region=region)
    report.rows = exchange.report_rows(
        _entry_counts(entries, report.day),
        county=region.county_code,
        day=report.day,
        minimum=minimum,
    )
    return report


def may_export(user: User | AnonymousUser) -> bool:
    """The report is the whole region's waiting list: only roles that see the whole region hand it out."""
    return access.sees_whole_region(user)


# --- The comparison ------------------------------------------------------------------------------


@dataclass
class Source:
    """Where one region's figures come from on the chosen day."""

    county: str
    own: bool
    report_date: date | None
    status: str
    rows: list[dict]
    # The user's clinics, when the own row holds only some of the region's.
    limited_to: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    day: date
    level: str
    phase: int | None
    care_area: MedicalCareArea | None
    kva_code: str
    max_age_days: int
    minimum: int
    population_year: int | None = None
    regions: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)
    months: list[str] = field(default_factory=list)
    # The months over by the chosen day: only in those can a region have failed to deliver.
    complete_months: list[str] = field(default_factory=list)
    trend: list[dict] = field(default_factory=list)


def _sum(rows: list[dict]) -> dict:
    total: dict = {"suppressed": []}
    for name in exchange.COUNTS:
        values = [r[name] for r in rows]
        known = [v for v in values if v is not None]
        # Nothing known is no figure; some known is at least their sum.
        total[name] = sum(known) if known or not values else None
        if any(v is None for v in values):
            total["suppressed"].append(name)
    return total


def _figures(source: Source, rows: list[dict], inhabitants: dict[str, int]) -> dict:
    """One region's figures for a selection of its rows, in the API's names."""
    figures = {
        "county": source.county,
        "name": county_name(source.county),
        "own": source.own,
        "report_date": source.report_date,
        "status": source.status,
        "limited_to": source.limited_to,
    }
    if source.status != CURRENT:
        # Not delivered for the month: no figure, never a zero.
        return figures | dict.fromkeys(
            ("waiting", "guarantee_waiting", "over_90", "over_150", "pvv", "mov", "per_100k",
             "population", "share_over_90", "share_over_150"), None,
        ) | {"suppressed": []}  # fmt: skip
    total = _sum(rows)
    population = None if source.limited_to else inhabitants.get(source.county)
    return figures | {
        "waiting": total["antal"],
        "guarantee_waiting": total["antal_vardgaranti"],
        "over_90": total["over_90"],
        "over_150": total["over_150"],
        "pvv": total["pvv"],
        "mov": total["mov"],
        "suppressed": [
            {"antal": "waiting", "antal_vardgaranti": "guarantee_waiting"}.get(n, n)
            for n in total["suppressed"]
        ],
        "population": population,
        "per_100k": per_100k(total["antal"], population),
        "share_over_90": share(total["over_90"], total["antal_vardgaranti"]),
        "share_over_150": share(total["over_150"], total["antal_vardgaranti"])
        if total["over_150"] is not None
        else None,
    }


def _own_sources(user, day: date) -> list[Source]:
    dates = [d for d in snapshot_dates() if d <= day]
    snapshot = dates[-1] if dates else None
    limited = limited_clinics(user=user)
    regions = Region.objects.filter(
        id__in=access.visible_clinics(user).values("area__region_id")
    ).order_by("county_code")
    sources = []
    for region in regions:
        status = (
            MISSING
            if snapshot is None
            else (CURRENT if (day - snapshot).days <= max_age_days() else STALE)
        )
        rows: list[dict] = []
        if snapshot is not None and status == CURRENT:
            entries = visible_entries(user=user).filter(unit__clinic__area__region=region)
            rows = _entry_counts(entries, snapshot)
        sources.append(
            Source(region.county_code, True, snapshot, status, rows, limited.get(region.id, []))
        )
    return sources


def _neighbour_sources(day: date, own: set[str]) -> list[Source]:
    latest = dict(
        RegionReportRow.objects.filter(snapshot_date__lte=day)
        .exclude(county_code__in=own)
        .values("county_code")
        .annotate(day=Max("snapshot_date"))
        .values_list("county_code", "day")
    )
    counties = sorted((set(latest) | set(collaboration_counties())) - own)
    sources = []
    for county in counties:
        reported = latest.get(county)
        if reported is None:
            sources.append(Source(county, False, None, MISSING, []))
            continue
        status = CURRENT if (day - reported).days <= max_age_days() else STALE
        rows: list[dict] = []
        if status == CURRENT:
            reported_rows = RegionReportRow.objects.filter(
                county_code=county, snapshot_date=reported
            ).values(
                "phase", "kva_code", "waiting", "guarantee", "over_90", "over_150", "pvv", "mov"
            )
            rows = [
                {
                    "fas": r["phase"],
                    "kva_kod": r["kva_code"],
                    "antal": r["waiting"],
                    "antal_vardgaranti": r["guarantee"],
                    "over_90": r["over_90"],
                    "over_150": r["over_150"],
                    "pvv": r["pvv"],
                    "mov": r["mov"],
                }
                for r in reported_rows
            ]
        sources.append(Source(county, False, reported, status, rows))
    return sources


def _rank(regions: list[dict]) -> dict | None:
    """The region whose waiting within the guarantee has the largest share over 90 days."""
    ranked = [
        r
        for r in regions
        if r["status"] == CURRENT
        and (r["guarantee_waiting"] or 0) >= MIN_RANKED
        and r["share_over_90"] is not None
        and "over_90" not in r["suppressed"]
    ]
    if len(ranked) < 2:
        return None
    best = max(ranked, key=lambda r: (r["share_over_90"], r["share_over_150"] or 0))
    return {"county": best["county"], "name": best["name"], "share_over_90": best["share_over_90"]}


def regions_compare(
    *,
    user: User | AnonymousUser,
    day: date | None = None,
    level: str = LEVEL_REGION,
    phase: int | None = None,
    care_area: MedicalCareArea | None = None,
    kva_code: str = "",
) -> Comparison:
    """The regions of the collaboration side by side on ``day`` (today without one)."""
    from django.utils import timezone

    day = day or timezone.localdate()
    result = Comparison(
        day, level, phase, care_area, kva_code.upper(), max_age_days(), exchange.threshold()
    )
    own = _own_sources(user, day)
    sources = own + _neighbour_sources(day, {s.county for s in own})
    resolver = care_area_resolver()

    def selected(row: dict) -> bool:
        if phase and row["fas"] != phase:
            return False
        if result.kva_code and row["kva_kod"] != result.kva_code:
            return False
        if care_area and (not row["kva_kod"] or resolver.area_of(row["kva_kod"]) != care_area.id):
            return False
        return True

    for source in sources:
        source.rows = [r for r in source.rows if selected(r)]
    years = [s.report_date.year for s in sources if s.report_date]
    inhabitants, result.population_year = populations(
        county_codes=[s.county for s in sources], year=max(years) if years else day.year
    )
    result.regions = [_figures(s, s.rows, inhabitants) for s in sources]

    if level in (LEVEL_AREA, LEVEL_KVA):
        if level == LEVEL_AREA:
            names = dict(MedicalCareArea.objects.values_list("id", "name"))

            def key_of(row):
                return resolver.area_of(row["kva_kod"]) if row["kva_kod"] else None

            def label_of(key):
                return names.get(key, _("Utan medicinskt område eller KVÅ-kod"))
        else:
            codes = {r["kva_kod"] for s in sources for r in s.rows if r["kva_kod"]}
            texts = kva_texts(codes)

            def key_of(row):
                return row["kva_kod"] or None

            def label_of(key):
                if key is None:
                    return _("Utan KVÅ-kod eller i en liten grupp")
                return f"{key} {texts[key]}" if key in texts else key

        keys: dict = {}
        for source in sources:
            for row in source.rows:
                keys.setdefault(key_of(row), 0)
                keys[key_of(row)] += row["antal"]
        for key in sorted(keys, key=lambda k: (-keys[k], str(k))):
            regions = [
                _figures(s, [r for r in s.rows if key_of(r) == key], inhabitants) for s in sources
            ]
            result.groups.append(
                {
                    "key": key,
                    "label": str(label_of(key)),
                    "regions": regions,
                    "longest": _rank(regions),
                }
            )
    result.months, result.trend = _development(
        user, day, sources, phase, care_area, result.kva_code, inhabitants
    )
    result.complete_months = [
        m for m in result.months if m < _month_key(day) or (day + timedelta(days=1)).day == 1
    ]
    return result


def _month_key(day: date) -> str:
    return f"{day:%Y-%m}"


def _development(user, day, sources, phase, care_area, kva_code, inhabitants):
    """Per region and month: the month's last report (waiting per 100 000, share over 90 days), or
    None for a month the region did not deliver."""
    first = date(day.year - TREND_MONTHS // 12, day.month, 1)
    months = []
    cursor = first
    while cursor <= day:
        months.append(_month_key(cursor))
        cursor = (cursor.replace(day=28) + timedelta(days=4)).replace(day=1)
    months = months[-TREND_MONTHS:]
    # The month under way is shown once some region has reported in it; until then nobody has
    # failed to deliver it.
    reported = [s.report_date for s in sources if s.report_date]
    if months and not any(_month_key(d) == months[-1] for d in reported):
        months = months[:-1]

    def narrowed(queryset):
        if phase:
            queryset = queryset.filter(phase=phase)
        if kva_code:
            queryset = queryset.filter(kva_code=kva_code)
        if care_area:
            queryset = queryset.filter(care_area_q(care_area.id))
        return queryset.filter(snapshot_date__gte=first, snapshot_date__lte=day)

    series = []
    for source in sources:
        if source.own:
            summary = access.restrict(
                WaitingSummary.objects.filter(
                    unit__clinic__area__region__county_code=source.county
                ),
                user,
                clinic_path="unit__clinic",
            )
            by_day = (
                narrowed(summary)
                .values("snapshot_date")
                .annotate(w=Sum("waiting"), g=Sum("guarantee"), o=Sum("over_90"))
            )
        else:
            by_day = (
                narrowed(RegionReportRow.objects.filter(county_code=source.county))
                .values("snapshot_date")
                .annotate(w=Sum("waiting"), g=Sum("guarantee"), o=Sum("over_90"))
            )
        last: dict[str, dict] = {}
        for row in by_day.order_by("snapshot_date"):
            last[_month_key(row["snapshot_date"])] = row
        population = None if source.limited_to else inhabitants.get(source.county)
        series.append(
            {
                "county": source.county,
                "name": county_name(source.county),
                "own": source.own,
                "limited_to": source.limited_to,
                "per_100k": [
                    per_100k(last[m]["w"], population) if m in last else None for m in months
                ],
                "waiting": [last[m]["w"] if m in last else None for m in months],
                "share_over_90": [
                    share(last[m]["o"], last[m]["g"]) if m in last else None for m in months
                ],
                "delivered": [m in last for m in months],
            }
        )
    return months, series


def export_region(county: str = "") -> Region | None:
    """The region whose report is handed out: the one named by county code, or the first."""
    regions = Region.objects.order_by("county_code")
    return (regions.filter(county_code=county.zfill(2)) if county else regions).first()
