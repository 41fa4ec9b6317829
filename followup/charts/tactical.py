"""The tactical dashboard's charts: a clinic through one schedule period."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.selectors.tactical import Tactical, capacity_totals

from .base import (
    BLUE,
    COUNT_HOVER,
    HOURS_HOVER,
    ORANGE,
    Chart,
    count_axis,
    empty,
    figure,
    missing_weeks_layout,
    missing_weeks_notes,
    num,
    pct,
    reference_line,
    share_text,
    week_axis,
    week_x,
)

# Activities drawn at first; the rest start hidden in the legend, one click away.
SHOWN_ACTIVITIES = 4
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")


def _ranked(lines: list[dict]) -> list[dict]:
    return sorted(lines, key=lambda line: line["plan_period"], reverse=True)


def plan_lines_chart(t: Tactical) -> Chart:
    """Weekly plan (dashed) and outcome (solid) per activity, one colour per activity."""
    columns = [_("Aktivitet"), _("Vecka"), _("Plan"), _("Utfall"), _("Ackumulerad differens")]
    table = [[line["activity"], w["week"], num(w["plan"]), num(w["outcome"]), num(w["cumulative_gap"])]
             for line in t.lines for w in line["weeks"]]  # fmt: skip
    if not t.lines:
        return Chart(empty(_("Ingen plan och inget utfall i perioden.")), columns, table)
    weeks = [w["week"] for w in t.lines[0]["weeks"]]
    data = []
    # One legend entry per activity (its plan line toggles with it): with a pair per activity
    # the legend of a clinic's dozen activities took the plot's room. The line styles are
    # explained in the note under the chart.
    for i, line in enumerate(_ranked(t.lines)):
        colour = PALETTE[i % len(PALETTE)]
        visible = True if i < SHOWN_ACTIVITIES else "legendonly"
        data += [
            {"type": "scatter", "mode": "lines+markers", "name": line["activity"],
             "legendgroup": line["activity"], "x": week_x(weeks), "y": [num(w["outcome"]) for w in line["weeks"]],
             "line": {"color": colour, "width": 2.5}, "visible": visible,
             "hovertemplate": f"{line['activity']} – {_('utfall')}: %{{y:,.0f}}<extra></extra>"},
            {"type": "scatter", "mode": "lines", "name": f"{line['activity']} – {_('plan')}",
             "legendgroup": line["activity"], "showlegend": False, "x": week_x(weeks),
             "y": [num(w["plan"]) for w in line["weeks"]],
             "line": {"color": colour, "width": 1.5, "dash": "dash"}, "visible": visible,
             "hovertemplate": COUNT_HOVER},
        ]  # fmt: skip
    shading = missing_weeks_layout(weeks, set(t.missing_weeks))
    layout = {"xaxis": week_axis(weeks), "yaxis": count_axis(_("Antal per vecka")), **shading}
    styles = (
        _("Heldragen linje: utfall. Streckad linje: plan. Klicka på en aktivitet i förklaringen "
          "för att visa eller dölja den; de fyra med störst plan visas först.")
        if len(t.lines) > SHOWN_ACTIVITIES
        else _("Heldragen linje: utfall. Streckad linje: plan.")
    )  # fmt: skip
    notes = [styles, *missing_weeks_notes(weeks, set(t.missing_weeks))]
    return Chart(figure(data, layout, notes), columns, table)


def gap_chart(t: Tactical) -> Chart:
    """The cumulative gap (outcome − plan) per activity through the period."""
    columns = [_("Aktivitet"), _("Vecka"), _("Ackumulerad differens (utfall − plan)")]
    table = [
        [line["activity"], w["week"], num(w["cumulative_gap"])]
        for line in t.lines
        for w in line["weeks"]
    ]
    if not t.lines:
        return Chart(empty(_("Ingen plan och inget utfall i perioden.")), columns, table)
    weeks = [w["week"] for w in t.lines[0]["weeks"]]
    data = [
        {"type": "scatter", "mode": "lines+markers", "name": line["activity"], "x": week_x(weeks),
         "y": [num(w["cumulative_gap"]) for w in line["weeks"]], "line": {"color": PALETTE[i % len(PALETTE)]},
         "visible": True if i < SHOWN_ACTIVITIES else "legendonly", "hovertemplate": COUNT_HOVER}
        for i, line in enumerate(_ranked(t.lines))
    ]  # fmt: skip
    zero, note = reference_line(0, _("i fas med planen"))
    shading = missing_weeks_layout(weeks, set(t.missing_weeks))
    notes = missing_weeks_notes(weeks, set(t.missing_weeks))
    layout = {
        "xaxis": week_axis(weeks),
        "yaxis": {
            "title": {"text": _("Utfall − plan, ackumulerat")},
            "tickformat": ",.0f",
            "zeroline": False,
        },
        "shapes": [zero, *shading["shapes"]],
        "annotations": [note],
    }
    return Chart(figure(data, layout, notes), columns, table)


def capacity_chart(t: Tactical) -> Chart:
    """Per profession: the period's scheduled hours against the hours the plan needs."""
    totals = capacity_totals(t.capacity)
    columns = [_("Yrkeskategori"), _("Vecka"), _("Tillgängliga timmar"), _("Behov enligt plan (timmar)"),
               _("Tillgängligt av behov (%)")]  # fmt: skip
    table = [[p["label"], w["week"], num(w["available"]), num(w["needed"]), pct(w["share"])]
             for p in t.capacity for w in p["weeks"]]  # fmt: skip
    if not totals:
        return Chart(empty(_("Varken plan eller bemanning i perioden.")), columns, table)
    labels = [p["label"] for p in totals]
    data = [
        {"type": "bar", "name": _("Tillgängliga timmar"), "x": labels, "y": [num(p["available"]) for p in totals],
         "marker": {"color": "#009E73"}, "hovertemplate": HOURS_HOVER},
        {"type": "bar", "name": _("Behov enligt plan"), "x": labels, "y": [num(p["needed"]) for p in totals],
         "marker": {"color": BLUE}, "hovertemplate": HOURS_HOVER,
         "text": [share_text(p["share"]) for p in totals], "textposition": "outside", "cliponaxis": False,
         "constraintext": "none", "textfont": {"size": 12}},
    ]  # fmt: skip
    layout = {"barmode": "group", "yaxis": count_axis(_("Timmar i perioden"))}
    return Chart({"data": data, "layout": layout}, columns, table)


def flow_chart(t: Tactical) -> Chart:
    """Bars: referrals received against first visits and operations performed, week by week."""
    weeks = [f["week"] for f in t.flow]
    columns = [
        _("Vecka"),
        _("Inflöde (remisser)"),
        _("Utflöde (nybesök och operationer)"),
        _("Netto"),
    ]
    table = [
        [f["week"], f["inflow"], f["outflow"],
         None if f["inflow"] is None or f["outflow"] is None else f["inflow"] - f["outflow"]]
        for f in t.flow
    ]  # fmt: skip
    data = [
        {"type": "bar", "name": _("Inflöde (remisser)"), "x": week_x(weeks), "y": [f["inflow"] for f in t.flow],
         "marker": {"color": ORANGE}, "hovertemplate": COUNT_HOVER},
        {"type": "bar", "name": _("Utflöde (nybesök och operationer)"), "x": week_x(weeks),
         "y": [f["outflow"] for f in t.flow], "marker": {"color": BLUE}, "hovertemplate": COUNT_HOVER},
    ]  # fmt: skip
    missing = {f["week"] for f in t.flow if f["inflow"] is None and f["outflow"] is None}
    layout = {"barmode": "group", "xaxis": week_axis(weeks), "yaxis": count_axis(_("Antal per vecka")),
              **missing_weeks_layout(weeks, missing)}  # fmt: skip
    return Chart(figure(data, layout, missing_weeks_notes(weeks, missing)), columns, table)


CHARTS = {
    "plan-utfall": gettext_lazy("Plan och utfall vecka för vecka"),
    "ackumulerat-gap": gettext_lazy("Ackumulerad differens mot plan"),
    "kapacitet": gettext_lazy("Kapacitet mot behov per yrkeskategori"),
    "inflode-utflode": gettext_lazy("Inflöde mot utflöde"),
}
# Each chart's builder and the parts of the tactical figures it reads.
BUILDERS = {
    "plan-utfall": (plan_lines_chart, frozenset({"lines"})),
    "ackumulerat-gap": (gap_chart, frozenset({"lines"})),
    "kapacitet": (capacity_chart, frozenset({"capacity"})),
    "inflode-utflode": (flow_chart, frozenset({"flow"})),
}
