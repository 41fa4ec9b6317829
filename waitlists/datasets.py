"""Each waiting-list view as one call: validated parameters in, selector result, table and figure out.

Pages, chart endpoints, downloads and the API all go through these, so a
chart, its CSV and the API answer are always the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import charts, selectors, serializers, tables
from .selectors.common import limited_clinics, long_wait_days


@dataclass
class Dataset:
    """A computed view: the selector's result, its table and its figure."""

    result: Any
    table: tables.Table
    figure: dict


def scope_unit_ids(user, params: dict) -> list[int]:
    return selectors.scope_units(
        user=user, clinic_id=params.get("clinic"), unit_id=params.get("unit")
    )


def report(user, params: dict) -> Dataset:
    result = selectors.waitlist_report(
        user=user,
        level=params["level"],
        snapshot=params.get("snapshot"),
        phase=params.get("phase"),
        care_area=params.get("care_area") if params["level"] == selectors.LEVEL_KVA else None,
    )
    return Dataset(result, tables.report_table(result), charts.report_buckets_figure(result))


def trend(user, params: dict) -> Dataset:
    # No key: the whole report; the KVÅ level of one medical care area follows that area.
    level, key = params["level"], params.get("key") or None
    if key is None and level == selectors.LEVEL_KVA and params.get("care_area"):
        level, key = selectors.LEVEL_AREA, params["care_area"].id
    series = selectors.waitlist_trend(
        user=user,
        level=level,
        key=key,
        phase=params.get("phase"),
        until=params.get("snapshot"),
        months=params.get("months"),
    )
    limited_to = limited_clinics(user=user)
    return Dataset(
        series,
        tables.trend_table(series, limited_to),
        charts.trend_figure(series, long_wait_days()),
    )


def regions(user, params: dict) -> Dataset:
    result = selectors.waitlist_regions(
        user=user,
        snapshot=params.get("snapshot"),
        phase=params.get("phase"),
        care_area_id=params["care_area"].id if params.get("care_area") else None,
        kva_code=(params.get("kva_code") or "").upper() or None,
    )
    return Dataset(result, tables.regions_table(result), charts.regions_figure(result))


def regions_matrix(user, params: dict) -> Dataset:
    data = regions(user, params)
    result = data.result
    return Dataset(result, tables.regions_matrix_table(result), charts.regions_heatmap(result))


def pace(user, params: dict) -> Dataset:
    result = selectors.waitlist_pace(
        user=user,
        unit_ids=scope_unit_ids(user, params),
        phase=int(params["phase"]),
        care_area_id=params["care_area"].id if params.get("care_area") else None,
        history_weeks=params["history_weeks"],
        target_wait_days=params["target_wait_days"],
        factor=params["factor"],
        weeks_to_target=params["weeks_to_target"],
    )
    return Dataset(result, tables.pace_table(result), charts.pace_figure(result))


def whatif(user, params: dict) -> Dataset:
    result = selectors.whatif_projection(
        user=user,
        unit_ids=scope_unit_ids(user, params),
        phase=int(params["phase"]),
        care_area_id=params["care_area"].id if params.get("care_area") else None,
        horizon=params["horizon"],
        capacity=params.get("capacity"),
        extra=params["extra"] + params["or_days"] * params["per_or_day"],
        target_wait_days=params["target_wait_days"],
        factor=params["factor"],
        history_weeks=params["history_weeks"],
    )
    return Dataset(result, tables.whatif_table(result), charts.whatif_figure(result))


# URL name → (parameter serializer, builder, download file name)
DATASETS = {
    "rapport": (serializers.ReportQuery, report, "vantelista"),
    "utveckling": (serializers.TrendQuery, trend, "vantelista-utveckling"),
    "regioner": (serializers.RegionsQuery, regions, "vantelista-hemlan"),
    "regioner-omraden": (serializers.RegionsQuery, regions_matrix, "vantelista-omraden-hemlan"),
    "takt": (serializers.PaceQuery, pace, "veckotakt"),
    "tank-om": (serializers.WhatIfQuery, whatif, "tank-om"),
}


def compare(user, params: dict) -> Dataset:
    result = selectors.regions_compare(
        user=user,
        day=params.get("date"),
        level=params.get("level") or "region",
        phase=int(params["phase"]) if params.get("phase") else None,
        care_area=params.get("care_area"),
        kva_code=params.get("kva") or "",
    )
    return Dataset(result, tables.compare_table(result), charts.compare_figure(result))


def compare_trend(user, params: dict) -> Dataset:
    data = compare(user, params)
    return Dataset(
        data.result,
        tables.compare_trend_table(data.result),
        charts.compare_trend_figure(data.result),
    )


DATASETS |= {
    "mellan-regioner": (serializers.CompareQuery, compare, "vantelista-mellan-regioner"),
    "mellan-regioner-utveckling": (
        serializers.CompareQuery,
        compare_trend,
        "vantelista-mellan-regioner-utveckling",
    ),
}
