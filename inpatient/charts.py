"""The bed follow-up's chart as a Plotly figure, drawn in the browser by static/js/kps-charts.js."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext as _

from followup.charts.base import BLACK, figure, missing_weeks_layout, reference_line

from .figures import BedFollowup, period_label, period_of

# More lines than this are not readable in one chart: the whole selection is drawn instead, and
# the table below has every group.
MAX_LINES = 5
# The occupancy above which the risk of a full ward rises quickly (DOMAIN.md).
WARNING_OCCUPANCY = 85


def _percent(occupied: int, staffed: int) -> float | None:
    return round(100 * occupied / staffed, 1) if staffed else None


def occupancy_figure(result: BedFollowup) -> dict:
    """Occupancy per period: one line per group when there are few, else the whole selection's,
    with the 85 % line; periods without a measurement are grey bands, not zeros."""
    keys = list(dict.fromkeys(_periods(result)))
    labels = [period_label(k, result.period) for k in keys]
    sums: dict[str, list[int]] = {k: [0, 0] for k in keys}
    lines = []
    for group in result.groups:
        by_key = {p.key: p.figures for p in group.periods}
        for key, f in by_key.items():
            sums[key][0] += f.occupied_sum
            sums[key][1] += f.staffed_sum
        lines.append(
            (
                group.name,
                [
                    _percent(by_key[k].occupied_sum, by_key[k].staffed_sum) if k in by_key else None
                    for k in keys
                ],
            )
        )
    data = []
    if len(lines) > MAX_LINES or not lines:
        whole = _("Hela urvalet")
        lines = [(whole, [_percent(*sums[k]) for k in keys])]
    for name, values in lines:
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers" if len(keys) <= 31 else "lines",
                "name": name,
                "x": list(range(len(keys))),
                "y": values,
                "hovertemplate": "%{text}: %{y:.1f} %<extra>" + name + "</extra>",
                "text": labels,
                **({"line": {"color": BLACK, "width": 3}} if len(lines) == 1 else {}),
            }
        )
    shape, note = reference_line(WARNING_OCCUPANCY, _("85 %: risken för full avdelning ökar"))
    missing = missing_weeks_layout(keys, {k for k in keys if not sums[k][1]})
    # The grey bands are explained under the chart, as on the dashboards (``figure``'s notes).
    notes = (
        [_("Grått fält: ingen vårdplatsmätning än (visas inte som noll).")]
        if missing["shapes"]
        else []
    )
    step = max(1, -(-len(keys) // 14))
    layout = {
        "height": 360,
        "margin": {"l": 60, "r": 20, "t": 30, "b": 60},
        "xaxis": {
            "tickmode": "array",
            "tickvals": list(range(0, len(keys), step)),
            "ticktext": labels[::step],
            "range": [-0.5, len(keys) - 0.5],
            # Positions, not values: no zero line at the first period.
            "zeroline": False,
        },
        "yaxis": {
            "title": {"text": _("Beläggning (%)")},
            "ticksuffix": " %",
            "rangemode": "tozero",
        },
        "shapes": [shape, *missing["shapes"]],
        "annotations": [note],
        "showlegend": True,
        "hovermode": "closest",
    }
    return figure(data, layout, notes)


def _periods(result: BedFollowup):
    day = result.start
    while day <= result.end:
        yield period_of(day, result.period)[0]
        day += timedelta(days=1)
