"""Plotly figures ({data, layout}) for the waiting-list pages, drawn by static/js/kps-charts.js.

Built from the same selector results as the tables, so chart, table and
download never disagree. Colours: the shared Okabe–Ito order for series, and
cividis (readable with colour-blindness, and in grey) for ordered buckets.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kps import formatting

from .counties import county_short
from .selectors.common import BUCKETS, bucket_label
from .selectors.regions import MIN_RANKED

# Cividis, from short to long waits.
CIVIDIS = ["#00204D", "#123570", "#575C6D", "#7C7B78", "#A69D75", "#D3C164", "#FFEA46"]
BLUE, ORANGE, GREEN, PINK, SKY, RED = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
)
MAX_BARS = 15


def _layout(**extra) -> dict:
    """The legend above the plot (kps-charts.js), where it never covers axis labels; the chart's
    title is the page's caption above it, so the two cannot run into each other."""
    return {"legend": {"traceorder": "normal"}, **extra}


def _axis(title: str, **extra) -> dict:
    return {"title": {"text": title}, "automargin": True, **extra}


def _week_axis(weeks: list) -> dict:
    """ISO weeks as ”v 5”, the year under the first and where it changes; no more than ten
    labels, level, so they never run together."""
    return {
        "type": "category",
        "tickmode": "array",
        "tickvals": _week_x(weeks),
        "ticktext": formatting.week_labels(weeks, most=10, year_sep="<br>"),
        "tickangle": 0,
        "automargin": True,
    }


def _week_x(weeks: list) -> list[str]:
    return [formatting.week(w) for w in weeks]


def report_buckets_figure(report) -> dict:
    """Waiting time in the national buckets, per row (the largest rows when there are many)."""
    rows = sorted(report.rows, key=lambda r: -r["guarantee"])[:MAX_BARS]
    if len(rows) <= 1:
        source = rows[0] if rows else {"buckets": [0] * len(BUCKETS)}
        data = [
            {
                "type": "bar",
                "x": [bucket_label(*b) for b in BUCKETS],
                "y": source["buckets"],
                "marker": {"color": CIVIDIS},
                "name": _("Väntande"),
                "hovertemplate": "%{x} " + _("dagar") + ": %{y:,.0f}<extra></extra>",
            }
        ]
        return {
            "data": data,
            "layout": _layout(
                xaxis=_axis(_("Dagar sedan beslut")),
                yaxis=_axis(_("Antal väntande")),
                showlegend=False,
            ),
        }
    rows = rows[::-1]  # plotly draws the first category at the bottom
    labels = [_short(str(r["label"])) for r in rows]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": _("%(span)s dagar") % {"span": bucket_label(*b)},
            "y": labels,
            "x": [r["buckets"][i] for r in rows],
            "customdata": [str(r["label"]) for r in rows],
            "marker": {"color": CIVIDIS[i]},
            "hovertemplate": "%{customdata}: %{x:,.0f}<extra>%{fullData.name}</extra>",
        }
        for i, b in enumerate(BUCKETS)
    ]
    return {
        "data": data,
        "layout": _layout(
            barmode="stack",
            xaxis=_axis(_("Antal väntande")),
            yaxis=_axis("", tickfont={"size": 11}),
            height=max(380, 170 + 30 * len(rows)),
            hovermode="closest",
        ),
    }


def _short(label: str, length: int = 38) -> str:
    """Long KVÅ texts shortened for an axis; the full text is in the hover."""
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def trend_figure(series: list[dict], long_days: int) -> dict:
    days = [p["snapshot"].isoformat() for p in series]
    lines = [
        ("waiting", _("Väntande (alla)"), BLUE, "solid"),
        ("guarantee", _("Inom vårdgarantin (fas 1–2, utan PVV/MOV)"), SKY, "dot"),
        ("over_90", _("Väntat > 90 dagar (vårdgarantin)"), ORANGE, "solid"),
        (
            "over_long",
            _("Väntat > %(days)s dagar (vårdgarantin)") % {"days": long_days},
            RED,
            "dash",
        ),
    ]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": name,
                "x": days,
                "y": [p[key] for p in series],
                "line": {"color": colour, "dash": dash},
                "marker": {"size": 5},
            }
            for key, name, colour, dash in lines
        ],
        "layout": _layout(
            xaxis=_axis(_("Mätdatum"), type="date", tickformat="%Y-%m"),
            yaxis=_axis(_("Antal väntande"), rangemode="tozero"),
        ),
    }


def regions_figure(comparison) -> dict:
    counties = comparison.counties
    labels = [county_short(c["county"]) for c in counties]
    # Some clinics' patients have no per-capita rate (see limited_clinics): their counts instead.
    if comparison.limited_to:
        bars = (_("Väntande (alla)"), "waiting", _("Antal väntande"), "%{y:,.0f}")
    else:
        name = _("Väntande per 100 000 invånare (alla)")
        bars = (name, "per_100k", _("Per 100 000 invånare"), "%{y:,.1f}")
    return {
        "data": [
            {
                "type": "bar",
                "name": bars[0],
                "x": labels,
                "y": [c[bars[1]] for c in counties],
                "marker": {"color": BLUE},
                "hovertemplate": "%{x}: " + bars[3] + "<extra>%{fullData.name}</extra>",
            },
            {
                "type": "scatter",
                "mode": "markers",
                "name": _("Andel > 90 dagar, % (vårdgarantin)"),
                "x": labels,
                "y": [
                    100 * c["share_over_90"] if c["share_over_90"] is not None else None
                    for c in counties
                ],
                "yaxis": "y2",
                "marker": {"color": ORANGE, "size": 13, "symbol": "diamond"},
                "hovertemplate": "%{x}: %{y:.1f} %<extra>%{fullData.name}</extra>",
            },
        ],
        "layout": _layout(
            xaxis=_axis(_("Patientens hemlän")),
            yaxis=_axis(bars[2], rangemode="tozero"),
            yaxis2=_axis(
                _("Andel > 90 dagar (%)"), overlaying="y", side="right", rangemode="tozero"
            ),
            hovermode="closest",
        ),
    }


def regions_heatmap(comparison) -> dict:
    """Mean wait per medical care area and home county: where in the collaboration each area waits longest."""
    counties = [c["county"] for c in comparison.counties]
    areas = [a for a in comparison.areas if a["waiting"]][:MAX_BARS]
    # Small groups are left blank, as in the ranking: few patients say little and come close to identifying.
    z = [
        [_mean_if_enough(comparison.matrix[a["area"]].get(code)) for code in counties]
        for a in areas
    ]
    return {
        "data": [
            {
                "type": "heatmap",
                "x": [county_short(code) for code in counties],
                "y": [_short(str(a["label"]), 44) for a in areas],
                "z": z,
                "colorscale": "Cividis",
                "reversescale": True,
                "texttemplate": "%{z:.0f}",
                "hovertemplate": "%{y}<br>%{x}: %{z:.0f} " + _("dagar") + "<extra></extra>",
                "colorbar": {"title": {"text": _("Dagar")}},
                "hoverongaps": False,
            }
        ],
        "layout": _layout(
            # Plotly turns the county names when they would otherwise run together.
            xaxis=_axis(_("Patientens hemlän"), side="bottom"),
            yaxis=_axis("", autorange="reversed", tickfont={"size": 11}),
            height=max(360, 170 + 34 * len(areas)),
            hovermode="closest",
        ),
    }


def _mean_if_enough(figures: dict | None) -> float | None:
    if not figures or figures["guarantee"] < MIN_RANKED:
        return None
    return figures["mean_wait_days"]


def pace_figure(pace) -> dict:
    observed = pace.observed
    ahead = [observed.now + n for n in range(1, pace.weeks_to_target + 1)]
    past, future = _week_x(observed.weeks), _week_x(ahead)
    data = [
        {
            "type": "bar",
            "name": _("Inflöde: mottagna remisser"),
            "x": past,
            "y": observed.inflow,
            "marker": {"color": SKY},
        },
        {
            "type": "bar",
            "name": _("Utflöde: genomförda kontakter"),
            "x": past,
            "y": observed.outflow,
            "marker": {"color": GREEN},
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": _("Veckotakt som behövs"),
            "x": future,
            "y": [pace.model.required_pace] * len(future),
            "line": {"color": RED, "width": 3},
        },
    ]
    if pace.plan_pace is not None:
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": _("Fastställd plan"),
                "x": future,
                "y": [observed.plan.get(w.key) for w in ahead],
                "line": {"color": BLUE, "dash": "dot"},
                "marker": {"size": 5},
            }
        )
    return {
        "data": data,
        "layout": _layout(
            barmode="group",
            xaxis=_week_axis([*observed.weeks, *ahead]),
            yaxis=_axis(_("Patienter per vecka"), rangemode="tozero"),
        ),
    }


def whatif_figure(whatif) -> dict:
    p = whatif.projection
    weeks = _week_x(whatif.weeks)
    band = _("Osäkerhet: 10–90 %% av %(runs)s simuleringar") % {"runs": formatting.number(p.runs)}
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "x": weeks,
                "y": p.low.round(1).tolist(),
                "line": {"width": 0},
                "showlegend": False,
                "hoverinfo": "skip",
                "name": band,
            },
            {
                "type": "scatter",
                "mode": "lines",
                "x": weeks,
                "y": p.high.round(1).tolist(),
                "fill": "tonexty",
                "fillcolor": "rgba(0,114,178,0.18)",
                "line": {"width": 0},
                "name": band,
                "hoverinfo": "skip",
            },
            {
                "type": "scatter",
                "mode": "lines",
                "name": _("Kö, median"),
                "x": weeks,
                "y": p.median.round(1).tolist(),
                "line": {"color": BLUE, "width": 3},
            },
            {
                "type": "scatter",
                "mode": "lines",
                "name": _("Kö, förväntad utan slump"),
                "x": weeks,
                "y": p.expected.round(1).tolist(),
                "line": {"color": "#000000", "dash": "dot"},
            },
            {
                "type": "scatter",
                "mode": "lines",
                "name": _("Målstorlek för kön (vårdgarantin)"),
                "x": weeks,
                "y": [round(whatif.target_queue, 1)] * len(weeks),
                "line": {"color": GREEN, "dash": "dash", "width": 2},
            },
        ],
        "layout": _layout(
            xaxis=_week_axis(whatif.weeks),
            yaxis=_axis(_("Antal väntande"), rangemode="tozero"),
        ),
    }


# One colour per region of the collaboration, the own region first (Okabe–Ito).
REGION_COLOURS = [BLUE, ORANGE, GREEN, PINK, SKY, RED, "#000000"]


def compare_figure(comparison) -> dict:
    """Waiting per 100 000 inhabitants per region (bars) and the share over 90 days (diamonds);
    a region without a current report is named on the axis but has no bar, and neither has the
    own region when the user sees only some of its clinics (their count has no population)."""
    regions = comparison.regions
    labels = [
        county_short(r["county"])
        + ("*" if r["limited_to"] else "")
        + ("" if r["status"] == "current" else " (" + _("ingen rapport") + ")")
        for r in regions
    ]
    notes = []
    if any(r["status"] != "current" for r in regions):
        notes.append(
            _(
                "En region utan rapport den senaste månaden visas utan stapel: den räknas inte som noll."
            )
        )
    if any(r["limited_to"] for r in regions):
        notes.append(
            _(
                "* Den egna regionen: bara dina kliniker, som inte har länets invånare som "
                "underlag; därför ingen stapel per 100 000 invånare, bara andelen över 90 dagar."
            )
        )
    return {
        "data": [
            {
                "type": "bar",
                "name": _("Väntande per 100 000 invånare (alla)"),
                "x": labels,
                "y": [r["per_100k"] for r in regions],
                "marker": {
                    "color": [REGION_COLOURS[i % len(REGION_COLOURS)] for i in range(len(regions))]
                },
                "hovertemplate": "%{x}: %{y:,.1f}<extra>%{fullData.name}</extra>",
            },
            {
                "type": "scatter",
                "mode": "markers",
                "name": _("Andel > 90 dagar, % (vårdgarantin)"),
                "x": labels,
                "y": [
                    100 * r["share_over_90"] if r["share_over_90"] is not None else None
                    for r in regions
                ],
                "yaxis": "y2",
                "marker": {"color": "#000000", "size": 13, "symbol": "diamond"},
                "hovertemplate": "%{x}: %{y:.1f} %<extra>%{fullData.name}</extra>",
            },
        ],
        "layout": _layout(
            xaxis=_axis(_("Region")),
            yaxis=_axis(_("Per 100 000 invånare"), rangemode="tozero"),
            yaxis2=_axis(
                _("Andel > 90 dagar (%)"),
                overlaying="y",
                side="right",
                rangemode="tozero",
                ticksuffix="\u00a0%",
            ),
            hovermode="closest",
        ),
        "notes": [str(n) for n in notes],
    }


def compare_trend_figure(comparison) -> dict:
    """Each region's waiting per 100 000 inhabitants at each month's last report; a month a region
    did not deliver is a gap in its line and a cross on the axis, never a zero; the month under way
    is no gap yet. The own region seen through some of its clinics has no rate and no line."""
    months = comparison.months
    complete = set(comparison.complete_months)
    data = []
    missing_any = False
    for i, series in enumerate(comparison.trend):
        colour = REGION_COLOURS[i % len(REGION_COLOURS)]
        if series["limited_to"]:
            continue
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": county_short(series["county"]),
                "x": months,
                "y": series["per_100k"],
                "connectgaps": False,
                "line": {"color": colour},
                "marker": {"size": 5},
                "hovertemplate": "%{x}: %{y:,.1f}<extra>%{fullData.name}</extra>",
            }
        )
        delivered_once = any(series["delivered"])
        gaps = [
            m
            for m, ok, n in zip(months, series["delivered"], range(len(months)), strict=True)
            if not ok and m in complete and delivered_once and any(series["delivered"][:n])
        ]
        if gaps:
            missing_any = True
            data.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "name": _("%(region)s: ingen rapport")
                    % {"region": county_short(series["county"])},
                    "x": gaps,
                    "y": [0] * len(gaps),
                    "marker": {
                        "color": colour,
                        "size": 11,
                        "symbol": "x-thin-open",
                        "line": {"width": 2, "color": colour},
                    },
                    "hovertemplate": "%{x}: "
                    + _("ingen rapport")
                    + "<extra>%{fullData.name}</extra>",
                }
            )
    notes = []
    if any(s["limited_to"] for s in comparison.trend):
        notes.append(_("Den egna regionen visas inte: du ser bara några av dess kliniker."))
    if missing_any:
        notes.append(
            _(
                "Kryss på axeln: regionen lämnade ingen rapport den månaden (ett glapp i linjen, inte noll)."
            )
        )
    return {
        "data": data,
        "layout": _layout(
            xaxis=_axis(_("Månad"), type="category", tickangle=0, nticks=12),
            yaxis=_axis(_("Väntande per 100 000 invånare"), rangemode="tozero"),
            hovermode="closest",
        ),
        "notes": [str(n) for n in notes],
    }
