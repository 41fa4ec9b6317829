"""The room-time chart as a Plotly figure, drawn in the browser by static/js/kps-charts.js."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .selectors import Utilisation


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def utilisation_figure(result: Utilisation) -> dict:
    """Per clinic (and the total): utilisation of patient time and of knife time, in per cent."""
    rows = [(c.name, c.figures) for c in result.clinics if c.figures.open_minutes]
    total_label = _("Hela sjukhuset") if result.whole_hospital else _("Dina kliniker")
    rows.append((total_label, result.total))
    names = [name for name, _f in rows]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": _("Patienttid"),
            "y": names,
            "x": [_percent(f.utilisation_patient_time) for _n, f in rows],
            "hovertemplate": "%{y}: %{x:.1f} %<extra>" + _("Patienttid") + "</extra>",
        },
        {
            "type": "bar",
            "orientation": "h",
            "name": _("Knivtid"),
            "y": names,
            "x": [_percent(f.utilisation_knife_time) for _n, f in rows],
            "hovertemplate": "%{y}: %{x:.1f} %<extra>" + _("Knivtid") + "</extra>",
        },
    ]
    layout = {
        "barmode": "group",
        "height": max(280, 90 + 56 * len(rows)),
        "margin": {"l": 200, "r": 20, "t": 40, "b": 60},
        # Above the bars: below them it would sit on the axis title.
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "xaxis": {
            "title": {"text": _("Utnyttjandegrad (%)")},
            "range": [0, 100],
            "ticksuffix": " %",
        },
        "yaxis": {"autorange": "reversed", "automargin": True},
        "hovermode": "closest",
    }
    return {"data": data, "layout": layout}
