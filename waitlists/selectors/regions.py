"""Across regions: the waiting list by the patients' home county, side by side, and where each
medical care area waits longest — the basis for offering care in a neighbouring region."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Sum
from django.utils.translation import gettext as _

from organisation import access

from ..counties import county_name
from ..models import MedicalCareArea, WaitingSummary
from .common import (
    COMPARED_FIELDS,
    care_area_resolver,
    limited_clinics,
    long_wait_days,
    per_100k,
    populations,
    share,
    snapshot_dates,
)

# Groups with fewer patients than this are not ranked: a mean over two patients says little,
# and small cells come close to identifying people.
MIN_RANKED = 5


@dataclass
class RegionsComparison:
    """Waiting per home county, and per medical care area and county."""

    snapshot: date | None
    long_days: int
    population_year: int | None = None
    # Region id → the user's clinics there, when the view holds only some clinics of a region.
    limited_to: dict[int, list[str]] = field(default_factory=dict)
    counties: list[dict] = field(default_factory=list)
    # area id → county code → figures
    matrix: dict = field(default_factory=dict)
    areas: list[dict] = field(default_factory=list)


def _empty() -> dict:
    return dict.fromkeys(COMPARED_FIELDS, 0)


def _add(target: dict, raw: dict) -> None:
    for name in COMPARED_FIELDS:
        target[name] += raw[name]


def _figures(row: dict, population: int | None) -> dict:
    return {
        **row,
        "per_100k": per_100k(row["waiting"], population),
        "share_over_90": share(row["over_90"], row["guarantee"]),
        "share_over_long": share(row["over_long"], row["guarantee"]),
        "share_deviation": share(row["pvv"] + row["mov"], row["waiting"]),
        "mean_wait_days": row["wait_days"] / row["guarantee"] if row["guarantee"] else None,
    }


def waitlist_regions(
    *,
    user: User | AnonymousUser,
    snapshot: date | None = None,
    phase: int | None = None,
    care_area_id: int | None = None,
    kva_code: str | None = None,
) -> RegionsComparison:
    """The user's visible waiting list split by the patients' home county.

    A patient without a home county is counted in the county of the region
    that treats them, which is where nearly all such patients live. Reads the
    summary as it is (``models.WaitingSummary``): until a new snapshot is counted, the
    latest one counted is shown.
    """
    long_days = long_wait_days()
    if snapshot is None:
        dates = snapshot_dates(WaitingSummary)
        snapshot = dates[-1] if dates else None
    result = RegionsComparison(snapshot=snapshot, long_days=long_days)
    if snapshot is None:
        return result
    summary = access.restrict(
        WaitingSummary.objects.all(), user, clinic_path="unit__clinic"
    ).filter(snapshot_date=snapshot)
    if phase:
        summary = summary.filter(phase=phase)
    if kva_code:
        summary = summary.filter(kva_code=kva_code)
    resolver = care_area_resolver()

    counties: dict = defaultdict(_empty)
    matrix: dict = defaultdict(lambda: defaultdict(_empty))
    rows = (
        summary.values("home_county", "kva_code")
        .annotate(**{name: Sum(name) for name in COMPARED_FIELDS})
        .order_by()
    )
    for raw in rows:
        area = resolver.area_of(raw["kva_code"]) if raw["kva_code"] else None
        if care_area_id and area != care_area_id:
            continue
        _add(counties[raw["home_county"]], raw)
        _add(matrix[area][raw["home_county"]], raw)

    result.limited_to = limited_clinics(user=user)
    # Some clinics' patients per inhabitant of their home county is no rate anyone can act on.
    inhabitants, result.population_year = (
        ({}, None)
        if result.limited_to
        else populations(county_codes=counties.keys(), year=snapshot.year)
    )
    result.counties = sorted(
        (
            {"county": code, "label": county_name(code), **_figures(row, inhabitants.get(code))}
            for code, row in counties.items()
        ),
        key=lambda r: r["county"],
    )
    result.matrix = {
        area: {code: _figures(row, inhabitants.get(code)) for code, row in by_county.items()}
        for area, by_county in matrix.items()
    }
    names = dict(MedicalCareArea.objects.values_list("id", "name"))
    result.areas = [
        _longest(area, names.get(area, _("Utan medicinskt område")), by_county)
        for area, by_county in sorted(
            result.matrix.items(), key=lambda item: -sum(r["waiting"] for r in item[1].values())
        )
    ]
    return result


def _longest(area, label: str, by_county: dict) -> dict:
    """Where in the collaboration the area's patients wait longest and shortest (mean wait, guarantee rule)."""
    ranked = sorted(
        (
            (row["mean_wait_days"], code)
            for code, row in by_county.items()
            if row["guarantee"] >= MIN_RANKED and row["mean_wait_days"] is not None
        ),
        reverse=True,
    )
    return {
        "area": area,
        "label": label,
        "waiting": sum(row["waiting"] for row in by_county.values()),
        "longest": {
            "county": ranked[0][1],
            "label": county_name(ranked[0][1]),
            "mean_wait_days": ranked[0][0],
        }
        if ranked
        else None,
        "shortest": {
            "county": ranked[-1][1],
            "label": county_name(ranked[-1][1]),
            "mean_wait_days": ranked[-1][0],
        }
        if len(ranked) > 1
        else None,
    }
