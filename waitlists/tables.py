"""The figures of each waiting-list view as a table with Swedish column names: what the pages
show, and what the CSV and Excel downloads contain. Each column name says which rule it uses."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .counties import county_name
from .selectors.common import BUCKETS, bucket_label


@dataclass
class Table:
    """Rows of plain values under named columns."""

    title: str
    columns: list[tuple[str, str]]
    rows: list[dict]

    def values(self) -> list[list]:
        return [[row.get(key) for key, _label in self.columns] for row in self.rows]


def percent(value: float | None) -> float | None:
    return round(100 * value, 1) if value is not None else None


def one_decimal(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def report_columns(long_days: int) -> list[tuple[str, str]]:
    return [
        ("label", _("Grupp")),
        ("waiting", _("Väntande, senaste mätning (alla)")),
        ("waiting_month_end", _("Väntande vid månadsskiftet (alla)")),
        ("per_100k", _("Väntande per 100 000 invånare (alla)")),
        ("guarantee", _("Väntande inom vårdgarantin (fas 1–2, utan PVV/MOV)")),
        ("over_90", _("Väntat > 90 dagar (vårdgarantin)")),
        ("share_over_90", _("Andel > 90 dagar, % (vårdgarantin)")),
        ("over_long", _("Väntat > %(days)s dagar (vårdgarantin)") % {"days": long_days}),
        ("share_over_long", _("Andel > %(days)s dagar, %% (vårdgarantin)") % {"days": long_days}),
        ("mean_wait_days", _("Medelväntetid, dagar (vårdgarantin)")),
        ("pvv", _("Med PVV")),
        ("mov", _("Med MOV")),
        ("share_deviation", _("Andel med PVV eller MOV, % (alla)")),
        ("past_target", _("Passerat medicinskt måldatum")),
        ("share_past_target", _("Andel passerat måldatum, % (av dem med måldatum)")),
        *[
            (f"bucket_{i}", _("%(span)s dagar (vårdgarantin)") % {"span": bucket_label(*b)})
            for i, b in enumerate(BUCKETS)
        ],
        ("completed", _("Genomförda senaste 30 dagarna (fas 1–2, utan PVV)")),
        ("share_completed_within_90", _("Andel genomförda inom 90 dagar, % (utan PVV)")),
    ]


def _report_row(row: dict) -> dict:
    return {
        **row,
        "label": str(row["label"]),
        "per_100k": one_decimal(row["per_100k"]),
        "share_over_90": percent(row["share_over_90"]),
        "share_over_long": percent(row["share_over_long"]),
        "mean_wait_days": one_decimal(row["mean_wait_days"]),
        "share_deviation": percent(row["share_deviation"]),
        "share_past_target": percent(row["share_past_target"]),
        "share_completed_within_90": percent(row["share_completed_within_90"]),
    }


def scope_note(limited_to: dict[int, list[str]]) -> str:
    """What a view limited to some clinics says about itself (empty for a whole region)."""
    if not limited_to:
        return ""
    clinics = ", ".join(name for names in limited_to.values() for name in names)
    return _("Begränsat till dina kliniker: %(clinics)s") % {"clinics": clinics}


def _scoped(title: str, limited_to: dict[int, list[str]]) -> str:
    return f"{title} – {scope_note(limited_to)}" if limited_to else title


def _without_rates(columns: list[tuple[str, str]], limited_to) -> list[tuple[str, str]]:
    # No per-capita column for some clinics' patients: a county's inhabitants are not their catchment.
    return [c for c in columns if c[0] != "per_100k"] if limited_to else columns


def report_table(report) -> Table:
    titles = {
        "region": _("Väntelistan per region"),
        "area": _("Väntelistan per medicinskt område"),
        "kva": _("Väntelistan per KVÅ-kod"),
    }
    rows = [_report_row(r) for r in report.rows]
    if report.rows:
        rows.append(_report_row(report.total))
    return Table(
        _scoped(titles[report.level], report.limited_to),
        _without_rates(report_columns(report.long_days), report.limited_to),
        rows,
    )


def trend_table(series: list[dict], limited_to: dict[int, list[str]] | None = None) -> Table:
    return Table(
        _scoped(_("Utveckling över tid"), limited_to or {}),
        _without_rates(
            [
                ("snapshot", _("Mätdatum")),
                ("waiting", _("Väntande (alla)")),
                ("per_100k", _("Per 100 000 invånare (alla)")),
                ("guarantee", _("Väntande inom vårdgarantin (fas 1–2, utan PVV/MOV)")),
                ("over_90", _("Väntat > 90 dagar (vårdgarantin)")),
                ("share_over_90", _("Andel > 90 dagar, % (vårdgarantin)")),
                ("over_long", _("Långa väntetider (vårdgarantin)")),
                ("share_deviation", _("Andel med PVV eller MOV, % (alla)")),
            ],
            limited_to,
        ),
        [
            {
                **p,
                "per_100k": one_decimal(p["per_100k"]),
                "share_over_90": percent(p["share_over_90"]),
                "share_deviation": percent(p["share_deviation"]),
            }
            for p in series
        ],
    )


def regions_table(comparison) -> Table:
    return Table(
        _scoped(_("Väntande per hemlän"), comparison.limited_to),
        _without_rates(
            [
                ("county", _("Länskod")),
                ("label", _("Hemlän")),
                ("waiting", _("Väntande (alla)")),
                ("per_100k", _("Per 100 000 invånare i länet (alla)")),
                ("guarantee", _("Väntande inom vårdgarantin (fas 1–2, utan PVV/MOV)")),
                ("over_90", _("Väntat > 90 dagar (vårdgarantin)")),
                ("share_over_90", _("Andel > 90 dagar, % (vårdgarantin)")),
                (
                    "over_long",
                    _("Väntat > %(days)s dagar (vårdgarantin)") % {"days": comparison.long_days},
                ),
                ("mean_wait_days", _("Medelväntetid, dagar (vårdgarantin)")),
                ("share_deviation", _("Andel med PVV eller MOV, % (alla)")),
            ],
            comparison.limited_to,
        ),
        [
            {
                **r,
                "per_100k": one_decimal(r["per_100k"]),
                "share_over_90": percent(r["share_over_90"]),
                "mean_wait_days": one_decimal(r["mean_wait_days"]),
                "share_deviation": percent(r["share_deviation"]),
            }
            for r in comparison.counties
        ],
    )


def regions_matrix_table(comparison) -> Table:
    """Mean wait per medical care area and home county, the longest first: where to offer care."""
    counties = [c["county"] for c in comparison.counties]
    columns = [("label", _("Medicinskt område")), ("waiting", _("Väntande (alla)"))]
    columns += [
        (f"c{code}", _("Medelväntetid, dagar: %(county)s") % {"county": county_name(code)})
        for code in counties
    ]
    columns += [("longest", _("Väntar längst")), ("shortest", _("Väntar kortast"))]
    rows = []
    for area in comparison.areas:
        by_county = comparison.matrix.get(area["area"], {})
        row = {"label": str(area["label"]), "waiting": area["waiting"]}
        for code in counties:
            row[f"c{code}"] = (
                one_decimal(by_county[code]["mean_wait_days"]) if code in by_county else None
            )
        row["longest"] = area["longest"]["label"] if area["longest"] else ""
        row["shortest"] = area["shortest"]["label"] if area["shortest"] else ""
        rows.append(row)
    return Table(_("Medelväntetid per medicinskt område och hemlän (vårdgarantin)"), columns, rows)


def pace_table(pace) -> Table:
    observed = pace.observed
    rows = [
        {"week": str(w), "inflow": i, "outflow": o, "plan": None}
        for w, i, o in zip(observed.weeks, observed.inflow, observed.outflow, strict=True)
    ]
    rows += [
        {
            "week": str(observed.now + n),
            "inflow": None,
            "outflow": None,
            "plan": observed.plan.get((observed.now + n).key),
        }
        for n in range(1, pace.weeks_to_target + 1)
    ]
    return Table(
        _("Inflöde, utflöde och plan per vecka"),
        [
            ("week", _("Vecka")),
            ("inflow", _("Inflöde: mottagna remisser")),
            ("outflow", _("Utflöde: genomförda kontakter")),
            ("plan", _("Fastställd plan")),
        ],
        rows,
    )


def whatif_table(whatif) -> Table:
    p = whatif.projection
    rows = []
    for n, week in enumerate(whatif.weeks):
        rows.append(
            {
                "week": str(week),
                "capacity": one_decimal(whatif.capacity[n - 1]) if n else None,
                "expected": one_decimal(float(p.expected[n])),
                "median": one_decimal(float(p.median[n])),
                "low": one_decimal(float(p.low[n])),
                "high": one_decimal(float(p.high[n])),
                "share_at_target": percent(float(p.share_at_target[n])),
                "target": one_decimal(whatif.target_queue),
            }
        )
    return Table(
        _("Kön vecka för vecka"),
        [
            ("week", _("Vecka")),
            ("capacity", _("Kapacitet per vecka")),
            ("expected", _("Kö, förväntad")),
            ("median", _("Kö, median av simuleringarna")),
            ("low", _("Kö, 10:e percentilen")),
            ("high", _("Kö, 90:e percentilen")),
            ("share_at_target", _("Andel simuleringar vid målet, %")),
            ("target", _("Målstorlek för kön (vårdgarantin)")),
        ],
        rows,
    )


def compare_status(region: dict) -> str:
    """What a region's row says about its report: its day, or that none came for the month."""
    if region["status"] == "missing":
        return _("Ingen rapport")
    day = region["report_date"].isoformat()
    if region["status"] == "stale":
        return _("Ingen rapport senaste månaden (senaste %(day)s)") % {"day": day}
    return day


def _region_label(region: dict) -> str:
    if region["limited_to"]:
        return _("%(region)s: dina kliniker") % {"region": region["name"]}
    return region["name"]


def compare_columns() -> list[tuple[str, str]]:
    return [
        ("group", _("Grupp")),
        ("county", _("Länskod")),
        ("region", _("Region")),
        ("report", _("Rapportens mätdatum")),
        ("waiting", _("Väntande (alla)")),
        ("per_100k", _("Väntande per 100 000 invånare (alla)")),
        ("guarantee_waiting", _("Väntande inom vårdgarantin (fas 1–2, utan PVV/MOV)")),
        ("over_90", _("Väntat > 90 dagar (vårdgarantin)")),
        ("share_over_90", _("Andel > 90 dagar, % (vårdgarantin)")),
        ("over_150", _("Väntat > 150 dagar (vårdgarantin)")),
        ("pvv", _("Med PVV")),
        ("mov", _("Med MOV")),
        ("suppressed", _("Dolda små tal i")),
    ]


def _compare_row(group: str, region: dict) -> dict:
    return {
        **region,
        "group": group,
        "region": _region_label(region),
        "report": compare_status(region),
        "per_100k": one_decimal(region["per_100k"]),
        "share_over_90": percent(region["share_over_90"]),
        "suppressed": ", ".join(region["suppressed"]),
    }


def compare_table(comparison) -> Table:
    """Each region's figures for the selection, then per medical care area or KVÅ code."""
    rows = [_compare_row(str(_("Hela urvalet")), r) for r in comparison.regions]
    for group in comparison.groups:
        rows += [_compare_row(group["label"], r) for r in group["regions"]]
    return Table(_("Väntelistor mellan regioner"), compare_columns(), rows)


def compare_trend_table(comparison) -> Table:
    columns = [("month", _("Månad"))]
    for series in comparison.trend:
        name = series["name"]
        columns += [
            (f"w{series['county']}", _("%(region)s: väntande (alla)") % {"region": name}),
            (f"p{series['county']}", _("%(region)s: per 100 000 invånare") % {"region": name}),
            (f"s{series['county']}", _("%(region)s: andel > 90 dagar, %%") % {"region": name}),
        ]
    rows = []
    for i, month in enumerate(comparison.months):
        row = {"month": month}
        for series in comparison.trend:
            code = series["county"]
            row[f"w{code}"] = series["waiting"][i]
            row[f"p{code}"] = one_decimal(series["per_100k"][i])
            row[f"s{code}"] = percent(series["share_over_90"][i])
        rows.append(row)
    return Table(_("Utveckling per månad och region"), columns, rows)
