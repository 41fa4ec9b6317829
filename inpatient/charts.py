"""The bed follow-up's chart as a Plotly figure, drawn in the browser by static/js/kps-charts.js."""

from __future__ import annotations

from django.utils.translation import gettext as _

from followup.charts.base import reference_line

from .selectors import BedFollowup

# More lines than this are not readable in one chart: the table below has them all.
MAX_LINES = 8
# The occupancy above which the risk of a full ward rises quickly (DOMAIN.md).
WARNING_OCCUPANCY = 85


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def occupancy_figure(result: BedFollowup) -> dict:
    """Occupancy per period, one line per group (the largest ones when there are many), with 85 %."""
    groups = sorted(result.groups, key=lambda g: -(g.total.staffed_sum or 0))[:MAX_LINES]
    groups.sort(key=lambda g: g.name)
    keys = sorted({p.key for g in groups for p in g.periods})
    labels = {p.key: p.label for g in groups for p in g.periods}
    data = []
    for group in groups:
        by_key = {p.key: p.figures for p in group.periods}
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers" if len(keys) <= 31 else "lines",
                "name": group.name,
                "x": [labels[k] for k in keys],
                "y": [_percent(by_key[k].occupancy) if k in by_key else None for k in keys],
                "hovertemplate": "%{x}: %{y:.1f} %<extra>" + group.name + "</extra>",
            }
        )
    shape, note = reference_line(WARNING_OCCUPANCY, _("85 %: risken för full avdelning ökar"))
    layout = {
        "height": 360,
        "margin": {"l": 60, "r": 20, "t": 20, "b": 60},
        "xaxis": {"type": "category"},
        "yaxis": {
            "title": {"text": _("Beläggning (%)")},
            "ticksuffix": " %",
            "rangemode": "tozero",
        },
        "shapes": [shape],
        "annotations": [note],
        "legend": {"orientation": "h", "y": -0.2},
        "hovermode": "closest",
    }
    return {"data": data, "layout": layout}
