"""The DRG page's chart: cost per DRG point (inner cases) per clinic, this year against last year."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kps import formatting

BLUE, GREY = "#0072B2", "#9AA5B1"


def cost_per_point_chart(report) -> dict:
    """Horizontal bars, clinics top to bottom by this year's cost per point (lowest, the most
    productive, first); a clinic without points this year is left out."""
    clinics = [c for c in report.clinics if c.figures.cost_per_point is not None]
    clinics.sort(key=lambda c: c.figures.cost_per_point, reverse=True)
    names = [c.name for c in clinics]

    def trace(label, values, colour):
        return {
            "type": "bar",
            "orientation": "h",
            "name": label,
            "y": names,
            "x": [None if v is None else round(float(v)) for v in values],
            "marker": {"color": colour},
            "text": ["" if v is None else formatting.kronor(float(v)) for v in values],
            "hovertemplate": "%{text}",
            "textposition": "none",
        }

    return {
        "data": [
            trace(str(report.year - 1), [c.previous.cost_per_point for c in clinics], GREY),
            trace(str(report.year), [c.figures.cost_per_point for c in clinics], BLUE),
        ],
        "layout": {
            "barmode": "group",
            "height": max(320, 60 + 44 * len(clinics)),
            "margin": {"l": 200},
            "xaxis": {
                "title": {"text": _("Kostnad per DRG-poäng (kr), ytterfall borträknade")},
                "rangemode": "tozero",
                # "60 000", not "60k": kronor are read in full.
                "exponentformat": "none",
            },
            "yaxis": {"automargin": True},
            "legend": {"traceorder": "reversed"},
            "hovermode": "y unified",
        },
    }
