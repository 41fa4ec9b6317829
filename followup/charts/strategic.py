"""The strategic dashboard's charts: who is behind, how the years compare, how the lists move."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.selectors.strategic import COLUMNS, Strategic
from kps import formatting

from .base import COUNT_HOVER, Chart, count_axis, empty, figure, num, pct

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")
# Diverging orange (behind plan) – white (on plan) – blue (ahead): readable with the common
# forms of colour blindness, unlike red–green.
HEATMAP_SCALE = [
    [0.0, "#b35806"],
    [0.25, "#f1a340"],
    [0.5, "#f7f7f7"],
    [0.75, "#998ec3"],
    [1.0, "#542788"],
]


def column_labels() -> list[str]:
    return [_("T1"), _("T2"), _("T3"), _("Hittills i år")]


def heatmap_chart(s: Strategic, link=None) -> Chart:
    """Clinics (grouped by area) against tertials and year to date, coloured by share of plan.

    ``link(clinic_id, area_id, column)`` gives a cell's URL (the clinic's tactical view),
    carried in the cell's customdata for kps-charts.js to open on a click.
    """
    columns = [_("Verksamhetsområde"), _("Klinik")]
    for label in column_labels():
        columns += [f"{label} {_('plan')}", f"{label} {_('utfall')}", f"{label} {_('andel (%)')}",
                    f"{label} {_('underskott')}", f"{label} {_('utan plan')}"]  # fmt: skip
    table = [
        [c["area"], c["clinic"], *[v for col in COLUMNS for v in (num(c[col]["plan"]), num(c[col]["outcome"]),
                                                                   pct(c[col]["share"]), num(c[col]["shortfall"]),
                                                                   num(c[col]["unplanned"]))]]
        for c in s.clinics
    ]  # fmt: skip
    if not s.clinics:
        return Chart(empty(_("Inga kliniker att visa.")), columns, table)
    # Plotly draws the first row at the bottom; reversed, the list reads top-down like the table.
    rows = list(reversed(s.clinics))
    labels = [f"{c['clinic']} ({c['area']})" for c in rows]
    z = [[pct(c[col]["share"]) for col in COLUMNS] for c in rows]
    # The shortfall under the share: a clinic over plan in one activity and behind in another
    # shows both, the colour alone would hide it.
    text = [
        [("–" if c[col]["share"] is None else formatting.share(c[col]["share"])
          + _shortfall_text(c[col]["shortfall"])) for col in COLUMNS]
        for c in rows
    ]  # fmt: skip
    # The URL last: kps-charts.js opens a clicked point's customdata that ends in a path.
    custom = [
        [[num(c[col]["plan"]), num(c[col]["outcome"]), c[col]["weeks_known"], num(c[col]["shortfall"]) or 0,
          num(c[col]["unplanned"]) or 0, *([link(c["clinic_id"], c["area_id"], col)] if link else [])]
         for col in COLUMNS]
        for c in rows
    ]  # fmt: skip
    data = [
        {"type": "heatmap", "x": column_labels(), "y": labels, "z": z, "text": text, "texttemplate": "%{text}",
         "customdata": custom, "colorscale": HEATMAP_SCALE, "zmin": 70, "zmid": 100, "zmax": 130, "xgap": 2,
         "ygap": 2, "colorbar": {"title": {"text": _("% av plan")}, "ticksuffix": " %"},
         "hovertemplate": "%{y}<br>%{x}: %{z:.1f} %<br>" + _("Plan") + ": %{customdata[0]:,.0f}<br>"
         + _("Utfall") + ": %{customdata[1]:,.0f}<br>" + _("Underskott") + ": %{customdata[3]:,.0f}<br>"
         + _("Utan plan") + ": %{customdata[4]:,.0f}<br>" + _("Kända veckor") + ": %{customdata[2]}<extra></extra>"},
    ]  # fmt: skip
    layout = {
        "height": max(320, 60 + 34 * len(rows)),
        "margin": {"l": 20, "r": 20, "t": 30, "b": 20},
        "xaxis": {"side": "top", "automargin": True},
        "yaxis": {"automargin": True},
        "hovermode": "closest",
    }
    notes = (
        [_("Klicka på en ruta för att öppna klinikens taktiska vy för perioden.")] if link else []
    )
    return Chart(figure(data, layout, notes), columns, table)


def _shortfall_text(shortfall) -> str:
    return f"<br>−{formatting.number(num(shortfall))}" if shortfall else ""


def _performed(point: dict) -> float | None:
    # The line compares what was performed each year, planned or not; the share in the hover
    # counts the planned activities only.
    if point["outcome"] is None:
        return None
    return num(point["outcome"] + point["unplanned"])


def trend_chart(trend: dict) -> Chart:
    """Per area: everything performed over the same weeks of each year, with the plan and the share
    of planned production in the hover."""
    columns = [_("Verksamhetsområde"), _("År"), _("Veckor"), _("Plan"), _("Utfall"), _("Andel av plan (%)"),
               _("Underskott"), _("Utan plan")]  # fmt: skip
    table = [[a["area"], p["year"], p["weeks_known"], num(p["plan"]), num(p["outcome"]), pct(p["share"]),
              num(p["shortfall"]), num(p["unplanned"])]
             for a in trend["areas"] for p in a["years"]]  # fmt: skip
    if not trend["areas"] or not trend["until_week"]:
        return Chart(empty(_("Inget utfall att jämföra än.")), columns, table)
    data = [
        {"type": "scatter", "mode": "lines+markers", "name": a["area"], "x": [str(p["year"]) for p in a["years"]],
         "y": [_performed(p) for p in a["years"]], "line": {"color": PALETTE[i % len(PALETTE)]},
         "customdata": [[num(p["plan"]), pct(p["share"])] for p in a["years"]],
         "hovertemplate": "%{fullData.name}: %{y:,.0f} (" + _("plan") + " %{customdata[0]:,.0f}, "
         "%{customdata[1]:.0f} %)<extra></extra>"}
        for i, a in enumerate(trend["areas"])
    ]  # fmt: skip
    layout = {
        "xaxis": {"type": "category"},
        "yaxis": count_axis(
            _("Utfall %(weeks)s")
            % {"weeks": _("v %(first)s–%(last)s") % {"first": 1, "last": trend["until_week"]}},
            automargin=True,
        ),
    }
    return Chart({"data": data, "layout": layout}, columns, table)


def waiting_chart(waiting: dict) -> Chart:
    """Per area: first visits and procedures waited over 90 days (the guarantee figure), by month."""
    columns = [_("Verksamhetsområde"), _("Mätdatum"), _("Väntande totalt"),
               _("Vårdgarantin: över 90 dagar"), _("Passerat måldatum"), "PVV", "MOV"]  # fmt: skip
    table = [[a["area"], p["snapshot_date"], p["total"], p["over_90_excl"], p["past_target"], p["pvv"], p["mov"]]
             for a in waiting["areas"] for p in a["points"]]  # fmt: skip
    if not waiting["days"]:
        return Chart(empty(_("Ingen väntelista har kommit in än.")), columns, table)
    days = [d.isoformat() for d in waiting["days"]]
    data = [
        {"type": "scatter", "mode": "lines+markers", "name": a["area"], "x": days,
         "y": [p["over_90_excl"] for p in a["points"]], "line": {"color": PALETTE[i % len(PALETTE)]},
         "hovertemplate": COUNT_HOVER}
        for i, a in enumerate(waiting["areas"])
    ]  # fmt: skip
    layout = {
        "xaxis": {"type": "date", "tickformat": "%Y-%m"},
        "yaxis": count_axis(_("Vårdgarantin: väntat över 90 dagar")),
    }
    return Chart({"data": data, "layout": layout}, columns, table)


CHARTS = {
    "karta": gettext_lazy("Utfall mot plan per klinik och tertial"),
    "ar": gettext_lazy("Utfall år för år, samma veckor"),
    "vantelistor": gettext_lazy(
        "Vårdgarantin: väntat över 90 dagar per verksamhetsområde, vid varje månads sista mätning"
    ),
}
