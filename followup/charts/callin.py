"""The call-in dashboard's charts, each built from the same selectors the page and the API read."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.selectors import callin as sel
from followup.selectors.waiting import waiting_list_trend

from .base import (
    BLUE,
    COUNT_HOVER,
    COUNT_HOVER_X,
    HOURS_HOVER,
    ORANGE,
    PERCENT_HOVER,
    SKY,
    VERMILION,
    Chart,
    count_axis,
    empty,
    figure,
    missing_weeks_layout,
    missing_weeks_notes,
    num,
    pct,
    percent_axis,
    reference_line,
    share_text,
    week_axis,
    week_label,
    week_x,
)


def last_week_chart(last: dict) -> Chart:
    """Grouped bars: plan and outcome per activity in the followed-up week."""
    rows = last["rows"]
    columns = [_("Aktivitet"), _("Plan"), _("Utfall"), _("Differens"), _("Andel av plan (%)"), _("Underskott"),
               _("Utan plan")]  # fmt: skip
    table = [
        [r["activity"], num(r["plan"]), num(r["outcome"]), num(r["difference"]), pct(r["share"]), num(r["shortfall"]),
         num(r["unplanned"])]
        for r in rows
    ]  # fmt: skip
    if not rows:
        return Chart(empty(_("Ingen plan eller inget utfall för veckan.")), columns, table)
    # Horizontal bars: activity names read without turning the head, and each share has room
    # beside its bar. Plotly draws the first category at the bottom, so the list is reversed
    # to read top-down like the table.
    shown = rows[::-1]
    names = [r["activity"] for r in shown]
    data = [
        {"type": "bar", "orientation": "h", "name": _("Plan"), "y": names, "x": [num(r["plan"]) for r in shown],
         "marker": {"color": BLUE}, "hovertemplate": COUNT_HOVER_X},
        {"type": "bar", "orientation": "h", "name": _("Utfall"), "y": names, "x": [num(r["outcome"]) for r in shown],
         "marker": {"color": ORANGE}, "hovertemplate": COUNT_HOVER_X,
         "text": [share_text(r["share"]) for r in shown], "textposition": "outside", "cliponaxis": False,
         "constraintext": "none", "textfont": {"size": 12}},
    ]  # fmt: skip
    layout = {
        "barmode": "group",
        "xaxis": count_axis(_("Antal")),
        "yaxis": {"automargin": True},
        "hovermode": "y unified",
        "height": bar_height(len(rows)),
        "margin": {"r": 50},
    }
    notes = []
    if not last["known"]:
        notes.append(
            _("Utfallet för %(week)s saknas än.")
            % {"week": week_label(last["week"], with_year=True)}
        )
    return Chart(figure(data, layout, notes), columns, table)


def bar_height(categories: int) -> int:
    """Pixels for horizontal grouped bars: room for two bars and a label per category."""
    return max(340, 120 + 38 * categories)


def rolling_chart(rolling: list[dict]) -> Chart:
    """The rolling 12-week share of plan performed, with each week's own share beside it."""
    weeks = [r["week"] for r in rolling]
    missing = {r["week"] for r in rolling if r["share"] is None and r["plan"] is None}
    line, note = reference_line(100, _("100 % av plan"))
    layout_missing = missing_weeks_layout(weeks, missing)
    notes = missing_weeks_notes(weeks, missing)
    data = [
        {"type": "scatter", "mode": "lines+markers", "name": _("Rullande 12 veckor"), "x": week_x(weeks),
         "y": [pct(r["share"]) for r in rolling], "line": {"color": BLUE, "width": 3},
         "hovertemplate": PERCENT_HOVER},
        {"type": "scatter", "mode": "markers", "name": _("Veckans andel"), "x": week_x(weeks),
         "y": [pct(r["week_share"]) for r in rolling], "marker": {"color": ORANGE, "symbol": "diamond", "size": 7},
         "hovertemplate": PERCENT_HOVER},
    ]  # fmt: skip
    layout = {
        "xaxis": week_axis(weeks),
        "yaxis": percent_axis(_("Andel av plan")),
        "shapes": [line, *layout_missing["shapes"]],
        "annotations": [note],
    }
    columns = [_("Vecka"), _("Plan 12 veckor"), _("Utfall 12 veckor"), _("Andel 12 veckor (%)"),
               _("Underskott 12 veckor"), _("Utan plan 12 veckor"),
               _("Kända veckor av 12"), _("Veckans plan"), _("Veckans utfall"), _("Veckans andel (%)")]  # fmt: skip
    table = [
        [r["week"], num(r["plan"]), num(r["outcome"]), pct(r["share"]), num(r["shortfall"]), num(r["unplanned"]),
         r["weeks_known"], num(r["week_plan"]), num(r["week_outcome"]), pct(r["week_share"])]
        for r in rolling
    ]  # fmt: skip
    return Chart(figure(data, layout, notes), columns, table)


def ahead_chart(ahead: dict) -> Chart:
    """Grouped bars: the coming weeks' plan against what is already booked."""
    weeks = [w["week"] for w in ahead["weeks"]]
    data = [
        {"type": "bar", "name": _("Plan"), "x": week_x(weeks), "y": [num(w["plan"]) for w in ahead["weeks"]],
         "marker": {"color": BLUE}, "hovertemplate": COUNT_HOVER},
        {"type": "bar", "name": _("Bokat"), "x": week_x(weeks), "y": [num(w["booked"]) for w in ahead["weeks"]],
         "marker": {"color": SKY}, "hovertemplate": COUNT_HOVER,
         "text": [share_text(w["share"]) for w in ahead["weeks"]], "textposition": "outside",
         "cliponaxis": False, "constraintext": "none", "textfont": {"size": 12}},
    ]  # fmt: skip
    layout = {"barmode": "group", "xaxis": week_axis(weeks), "yaxis": count_axis(_("Antal"))}
    notes = []
    if ahead["snapshot_date"] is None:
        notes.append(_("Inga bokningsuppgifter har kommit in än."))
    columns = [_("Aktivitet"), _("Vecka"), _("Plan"), _("Bokat"), _("Andel bokat (%)")]
    table = [
        [_("Alla"), w["week"], num(w["plan"]), w["booked"], pct(w["share"])] for w in ahead["weeks"]
    ]
    table += [
        [a["activity"], w["week"], num(w["plan"]), w["booked"], pct(w["share"])]
        for a in ahead["activities"]
        for w in a["weeks"]
    ]
    return Chart(figure(data, layout, notes), columns, table)


WAITING_SERIES = (
    ("total", gettext_lazy("Väntande totalt"), BLUE),
    ("over_90", gettext_lazy("Väntat över 90 dagar"), ORANGE),
    ("over_90_excl", gettext_lazy("Vårdgarantin: över 90 dagar"), VERMILION),
    ("past_target", gettext_lazy("Passerat medicinskt måldatum"), "#009E73"),
)
WAITING_COLUMNS = (
    gettext_lazy("Mätdatum"),
    gettext_lazy("Väntande totalt"),
    gettext_lazy("Över 90 dagar"),
    gettext_lazy("Vårdgarantin: över 90 dagar (nybesök och åtgärd, utan PVV/MOV)"),
    gettext_lazy("Passerat måldatum"),
    "PVV",
    "MOV",
)


def waiting_chart(trend: list[dict]) -> Chart:
    """The waiting list week by week: everyone, the long waiters and those past their target date."""
    columns = [str(c) for c in WAITING_COLUMNS]
    table = [[t["snapshot_date"], t["total"], t["over_90"], t["over_90_excl"], t["past_target"], t["pvv"], t["mov"]]
             for t in trend]  # fmt: skip
    if not trend:
        return Chart(empty(_("Ingen väntelista har kommit in för enheterna.")), columns, table)
    days = [t["snapshot_date"].isoformat() for t in trend]
    data = [
        {"type": "scatter", "mode": "lines+markers", "name": str(label), "x": days, "y": [t[key] for t in trend],
         "line": {"color": colour}, "hovertemplate": COUNT_HOVER}
        for key, label, colour in WAITING_SERIES
    ]  # fmt: skip
    # One point per measurement: the extracts may come weekly or monthly, and the axis is dates,
    # so the spacing between points shows which.
    layout = {
        # Dates as on the page (2026-12-06); each measurement named when there are few.
        "xaxis": {
            "type": "date",
            "tickformat": "%Y-%m-%d",
            **({"tickvals": days} if len(days) <= 6 else {}),
        },
        "yaxis": count_axis(_("Väntande patienter")),
    }
    return Chart({"data": data, "layout": layout}, columns, table)


def staffing_chart(staffing: list[dict], *, skip_first: bool = True) -> Chart:
    """Grouped bars per profession: scheduled hours against the plan's need in the coming weeks."""
    columns = [_("Yrkeskategori"), _("Vecka"), _("Tillgängliga timmar"), _("Behov enligt plan (timmar)"),
               _("Tillgängligt av behov (%)")]  # fmt: skip
    table = [[p["label"], w["week"], num(w["available"]), num(w["needed"]), pct(w["share"])]
             for p in staffing for w in p["weeks"]]  # fmt: skip
    if not staffing:
        return Chart(empty(_("Varken plan eller bemanning för veckorna.")), columns, table)
    labels, available, needed = [], [], []
    for p in staffing:
        weeks = p["weeks"][1:] if skip_first else p["weeks"]
        known = [w for w in weeks if w["available"] is not None]
        labels.append(p["label"])
        # Over the weeks HR has delivered, so the bars compare the same weeks.
        available.append(num(sum(w["available"] for w in known)) if known else None)
        needed.append(num(sum(w["needed"] for w in (known or weeks))))
    data = [
        {"type": "bar", "name": _("Tillgängliga timmar"), "x": labels, "y": available,
         "marker": {"color": "#009E73"}, "hovertemplate": HOURS_HOVER},
        {"type": "bar", "name": _("Behov enligt plan"), "x": labels, "y": needed,
         "marker": {"color": BLUE}, "hovertemplate": HOURS_HOVER},
    ]  # fmt: skip
    layout = {"barmode": "group", "yaxis": count_axis(_("Timmar"))}
    return Chart({"data": data, "layout": layout}, columns, table)


def build(name: str, form) -> Chart | None:
    """The named chart for a cleaned ``CallInFilter``; None for an unknown name."""
    scope, week, catalogue = form.scope(), form.week, form.catalogue
    if name == "vantelista":
        return waiting_chart(
            waiting_list_trend(unit_ids=scope.unit_ids, as_of=sel.meeting_day(week))
        )
    if name not in CHARTS:
        return None
    if name == "senaste-veckan":
        grid = sel.callin_grid(scope=scope, week=week)
        return last_week_chart(sel.last_week(grid=grid, week=week, catalogue=catalogue))
    if name == "rullande-andel":
        return rolling_chart(
            sel.rolling_share(grid=sel.callin_grid(scope=scope, week=week), week=week)
        )
    # The weeks ahead compare the plan with bookings and staff hours: no outcome to read.
    grid = sel.plan_ahead(scope=scope, week=week)
    if name == "kommande-veckor":
        return ahead_chart(
            sel.bookings_ahead(scope=scope, grid=grid, week=week, catalogue=catalogue)
        )
    return staffing_chart(
        sel.callin_staffing(scope=scope, grid=grid, week=week, catalogue=catalogue)
    )


# Name in the URL → title above the chart; each says what the chart draws (26 and 13 are
# the selectors' TREND_WEEKS and waiting_list_trend's weeks).
CHARTS = {
    "senaste-veckan": gettext_lazy("Plan och utfall per aktivitet, veckan som följs upp"),
    "rullande-andel": gettext_lazy(
        "Andel av plan de senaste 26 veckorna: rullande 12 veckor och varje vecka för sig"
    ),
    "kommande-veckor": gettext_lazy("Kommande fyra veckor: plan och bokat"),
    "vantelista": gettext_lazy("Väntelistan vid varje mätning de senaste 13 veckorna"),
    "bemanning": gettext_lazy("Bemanning mot behov, kommande fyra veckor"),
}
