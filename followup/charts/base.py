"""What every follow-up chart shares: the figure and table pair, week axes, missing weeks, percent.

A chart is built from a selector's output into a plotly figure (drawn by
``static/js/kps-charts.js``) and the table behind it (the CSV and Excel
downloads), so the picture and the downloaded numbers are the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from organisation.calendar import IsoWeek

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
    week = IsoWeek.parse(key)
    return f"v {week.week}<br>{week.year}" if with_year else f"v {week.week}"


def week_axis(weeks: list[str], **extra) -> dict:
    """A category axis of ISO weeks labelled ”v 5”, with the year under the first week shown of
    each year, and only every second or fourth week labelled when there are many."""
    step = max(1, -(-len(weeks) // 14))
    labels, year = [], None
    for i, key in enumerate(weeks):
        week = IsoWeek.parse(key)
        if i % step:
            labels.append("")
            continue
        labels.append(week_label(key, with_year=week.year != year))
        year = week.year
    # No axis title: "v 5" says it, and the legend below needs the room.
    return {"type": "category", "tickmode": "array", "tickvals": weeks, "ticktext": labels, **extra}


def missing_weeks_layout(weeks: list[str], missing: set[str]) -> dict:
    """Grey bands over weeks whose data has not arrived, and a note saying so."""
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
    annotations = []
    if shapes:
        annotations.append(
            {
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1.08,
                "showarrow": False,
                "xanchor": "left",
                "text": _("Grått fält: veckans data saknas än (visas inte som noll)."),
                "font": {"size": 11, "color": "#5b6b7c"},
            }
        )
    return {"shapes": shapes, "annotations": annotations}


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
    return {"title": {"text": title}, "ticksuffix": " %", "rangemode": "tozero", **extra}


def count_axis(title: str, **extra) -> dict:
    return {"title": {"text": title}, "tickformat": ",.0f", "rangemode": "tozero", **extra}


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
PERCENT_HOVER = "%{fullData.name}: %{y:.1f} %<extra></extra>"
HOURS_HOVER = "%{fullData.name}: %{y:,.0f} h<extra></extra>"
