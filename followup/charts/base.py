"""What every follow-up chart shares: the figure and table pair, week axes, missing weeks, percent.

A chart is built from a selector's output into a plotly figure (drawn by
``static/js/kps-charts.js``) and the table behind it (the CSV and Excel
downloads), so the picture and the downloaded numbers are the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from kps import formatting

# Okabe–Ito, as in kps-charts.js; named here for traces whose colour carries meaning.
BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, YELLOW, BLACK = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"
)  # fmt: skip
MISSING_FILL = "rgba(154, 165, 177, 0.25)"


@dataclass
class Chart:
    """A plotly figure and the table of the numbers it draws (column headers in Swedish)."""

    figure: dict
    columns: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)


def num(value) -> float | None:
    """A JSON number for plotly; None stays None so plotly leaves a gap."""
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def pct(value: float | None, digits: int = 1) -> float | None:
    """A share (1.0 = as planned) as a percentage for axes that read ”… %”."""
    return None if value is None else round(value * 100, digits)


def week_label(key: str, *, with_year: bool = False) -> str:
    return formatting.week(key, with_year=with_year)


def week_axis(weeks: list[str], **extra) -> dict:
    """A category axis of ISO weeks labelled ”v 5”, with the year under the first week shown of
    each year, and no more than ten labels, level, so they never run together (”wk 45” in
    English is wider than ”v 45”; turned labels with their years under them read badly)."""
    labels = formatting.week_labels(weeks, most=10, year_sep="<br>")
    # No axis title: "v 5" says it.
    return {"type": "category", "tickmode": "array", "tickvals": week_x(weeks), "ticktext": labels,
            "tickangle": 0, **extra}  # fmt: skip


def week_x(weeks: list[str]) -> list[str]:
    """A week axis's categories: ”v 5 2026”, which the hover shows as the week's name."""
    return [formatting.week(w) for w in weeks]


def missing_weeks_layout(weeks: list[str], missing: set[str]) -> dict:
    """Grey bands over weeks whose data has not arrived."""
    shapes = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": i - 0.5,
            "x1": i + 0.5,
            "y0": 0,
            "y1": 1,
            "fillcolor": MISSING_FILL,
            "line": {"width": 0},
            "layer": "below",
        }
        for i, key in enumerate(weeks)
        if key in missing
    ]
    return {"shapes": shapes}


def missing_weeks_notes(weeks: list[str], missing: set[str]) -> list[str]:
    """The sentence under a chart with grey bands, saying what they mean."""
    if not any(key in missing for key in weeks):
        return []
    return [_("Grått fält: veckans data saknas än (visas inte som noll).")]


def figure(data: list, layout: dict, notes: list[str] | None = None) -> dict:
    """The JSON a chart's URL returns; notes are sentences shown under the chart (in HTML, where
    they never compete with the legend or the axes for room)."""
    result = {"data": data, "layout": layout}
    if notes:
        result["notes"] = [str(n) for n in notes]
    return result


def reference_line(y: float, text: str) -> tuple[dict, dict]:
    """A dashed horizontal line (e.g. 100 % of plan) and its label."""
    shape = {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "y0": y,
        "y1": y,
        "line": {"color": BLACK, "width": 1, "dash": "dash"},
    }
    note = {"xref": "paper", "x": 1, "y": y, "xanchor": "right", "yanchor": "bottom", "text": text,
            "showarrow": False, "font": {"size": 11}}  # fmt: skip
    return shape, note


def percent_axis(title: str, **extra) -> dict:
    return {"title": {"text": title}, "ticksuffix": "\u00a0%", "rangemode": "tozero", **extra}


def count_axis(title: str, **extra) -> dict:
    return {"title": {"text": title}, "tickformat": ",.0f", "rangemode": "tozero", **extra}


def share_text(value: float | None) -> str:
    """A bar's label: its share of plan as ”85 %” in the page's language."""
    return "" if value is None else formatting.share(value)


def empty(message: str) -> dict:
    """A figure with nothing to draw but a sentence saying why."""
    return {
        "data": [],
        "layout": {
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "annotations": [
                {
                    "text": message,
                    "showarrow": False,
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0.5,
                    "y": 0.5,
                    "font": {"size": 14, "color": "#5b6b7c"},
                }  # fmt: skip
            ],
        },
    }


COUNT_HOVER = "%{fullData.name}: %{y:,.0f}<extra></extra>"
COUNT_HOVER_X = "%{fullData.name}: %{x:,.0f}<extra></extra>"
PERCENT_HOVER = "%{fullData.name}: %{y:.1f} %<extra></extra>"
HOURS_HOVER = "%{fullData.name}: %{y:,.0f} h<extra></extra>"
