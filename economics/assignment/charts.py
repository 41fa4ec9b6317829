"""The assignments page's chart: per clinic, DRG points produced so far against the assignment."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kps import formatting

from .selectors import Followup

BLUE, GREY = "#0072B2", "#9AA5B1"


def followup_chart(followup: Followup) -> dict:
    """Horizontal bars per clinic with an approved assignment: the assignment's points to date
    (grey) and the points produced (blue); the hover says the money of each."""
    clinics = [c for c in followup.clinics if c.version is not None]
    names = [c.name for c in clinics]

    def trace(label, points, money, colour):
        return {
            "type": "bar",
            "orientation": "h",
            "name": label,
            "y": names,
            "x": [round(float(p), 1) for p in points],
            "marker": {"color": colour},
            "text": [
                _("%(points)s poäng, %(money)s")
                % {"points": formatting.number(float(p), 1), "money": formatting.money(float(m))}
                for p, m in zip(points, money, strict=True)
            ],
            "hovertemplate": "%{text}",
            "textposition": "none",
        }

    return {
        "data": [
            trace(
                _("Uppdrag hittills"),
                [c.ytd.assigned_points for c in clinics],
                [c.ytd.assigned_money for c in clinics],
                GREY,
            ),
            trace(
                _("Producerat hittills"),
                [c.ytd.produced_points for c in clinics],
                [c.ytd.payment for c in clinics],
                BLUE,
            ),
        ],
        "layout": {
            "barmode": "group",
            "height": max(320, 80 + 56 * len(clinics)),
            "margin": {"l": 200},
            "xaxis": {
                "title": {"text": _("DRG-poäng hittills i år")},
                "rangemode": "tozero",
                "exponentformat": "none",
            },
            "yaxis": {"automargin": True, "autorange": "reversed"},
            "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
            "hovermode": "y unified",
        },
    }
