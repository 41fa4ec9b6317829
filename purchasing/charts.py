"""The follow-up's chart: referrals out per month of sending, by what became of them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kps import formatting

# Performed, still sent and cancelled: the colour-blind-safe palette the other charts use.
BLUE, ORANGE, GREY = "#0072B2", "#E69F00", "#9AA5B1"


def monthly_chart(report) -> dict:
    months = [f"{report.year}-{m:02d}" for m, _c in report.by_month]

    def trace(label, values, colour):
        return {
            "type": "bar",
            "name": label,
            "x": months,
            "y": values,
            "marker": {"color": colour},
            "text": [formatting.number(v) for v in values],
            "hovertemplate": "%{x}: %{text}",
            "textposition": "none",
        }

    counts = [c for _m, c in report.by_month]
    return {
        "data": [
            trace(_("Utförda"), [c.performed for c in counts], BLUE),
            trace(
                _("Skickade, ännu inte utförda"),
                [c.sent - c.performed - c.cancelled for c in counts],
                ORANGE,
            ),
            trace(_("Avbrutna"), [c.cancelled for c in counts], GREY),
        ],
        "layout": {
            "barmode": "stack",
            "height": 340,
            "xaxis": {"title": {"text": _("Månad då patienten skickades")}},
            "yaxis": {
                "title": {"text": _("Remisser ut (patienter)")},
                "rangemode": "tozero",
                "tickformat": ",d",
            },
            "hovermode": "x unified",
        },
    }
