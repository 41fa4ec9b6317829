"""The programme timeline as a Plotly figure, drawn in the browser by static/js/kps-charts.js."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time

from django.utils.translation import gettext as _

from .selectors import ClinicRollout
from .status import ProgrammeStatus

MS_PER_DAY = 86_400_000

# Ongoing programmes in the chart palette's blue; the others in the traffic colours of kps-charts.js.
_COLOURS = {
    ProgrammeStatus.ON_TRACK: "#0072B2",
    ProgrammeStatus.LATE: "#b3261e",
    ProgrammeStatus.DECIDED: "#9aa5b1",
    ProgrammeStatus.COMPLETED: "#1b7f4b",
}


def timeline_height(programmes: int) -> int:
    """Pixels for the timeline: a bar's row per programme, room for the legend and the axis."""
    return max(260, 110 + 28 * programmes)


def _midnight(day: date) -> str:
    return datetime.combine(day, time()).isoformat()


def rollout_timeline_figure(*, rows: list[ClinicRollout], today: date) -> dict:
    """Horizontal bars from programme start to planned end per clinic, a line at today, late ones in red."""
    rows = sorted(
        (r for r in rows if r.programme_id), key=lambda r: (r.area_name, r.start, r.clinic_name)
    )
    # Clinic names may repeat across areas; the code tells them apart on the axis.
    repeated = {name for name, n in Counter(r.clinic_name for r in rows).items() if n > 1}
    label = {
        r.clinic_id: f"{r.clinic_name} ({r.clinic_code})"
        if r.clinic_name in repeated
        else r.clinic_name
        for r in rows
    }
    data = []
    for status in (
        ProgrammeStatus.ON_TRACK,
        ProgrammeStatus.LATE,
        ProgrammeStatus.DECIDED,
        ProgrammeStatus.COMPLETED,
    ):
        group = [r for r in rows if r.status == status]
        if not group:
            continue
        late = status == ProgrammeStatus.LATE
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": str(status.label),
                "y": [label[r.clinic_id] for r in group],
                "base": [_midnight(r.start) for r in group],
                "x": [(r.planned_end - r.start).days * MS_PER_DAY for r in group],
                "marker": {"color": _COLOURS[status]},
                # The colour is never the only signal: late bars carry their label in text.
                "text": [
                    _("Försenat: %(n)s steg") % {"n": len(r.overdue)} if late else "" for r in group
                ],
                "textposition": "inside",
                "insidetextanchor": "start",
                "textfont": {"color": "#ffffff"},
                "customdata": [
                    [
                        r.area_name,
                        r.start.isoformat(),
                        r.planned_end.isoformat(),
                        f"{r.steps_done}/{r.steps_total}",
                    ]
                    for r in group
                ],
                "hovertemplate": "<b>%{y}</b><br>%{customdata[0]}<br>"
                + _("Start %{customdata[1]}, planerat slut %{customdata[2]}")
                + "<br>"
                + _("Steg klara: %{customdata[3]}")
                + "<extra>"
                + str(status.label)
                + "</extra>",
            }
        )
    categories = [label[r.clinic_id] for r in rows]
    return {
        "data": data,
        "layout": {
            "barmode": "overlay",
            "hovermode": "closest",
            "height": timeline_height(len(rows)),
            "margin": {"l": 10, "r": 20, "t": 50, "b": 40},
            "xaxis": {"type": "date", "title": {"text": ""}},
            "yaxis": {
                "type": "category",
                "categoryorder": "array",
                "categoryarray": categories,
                "autorange": "reversed",
                "automargin": True,
            },
            "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
            "shapes": [
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": _midnight(today),
                    "x1": _midnight(today),
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": "#1d2733", "width": 2, "dash": "dot"},
                }
            ],
            "annotations": [
                {
                    "x": _midnight(today),
                    "xref": "x",
                    "y": 1,
                    "yref": "paper",
                    "yanchor": "bottom",
                    "text": _("Idag %(day)s") % {"day": today.isoformat()},
                    "showarrow": False,
                    "font": {"size": 12},
                    "xanchor": "left",
                }
            ],
        },
    }
