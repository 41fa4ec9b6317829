"""The council's chart: per clinic, room hours per week its patients need, hold today and are given."""

from __future__ import annotations

from django.utils.translation import gettext as _

from waitlists.tables import Table


def need_figure(rows: list[dict]) -> dict:
    """Grouped horizontal bars per clinic: need, held (last 26 weeks) and allocated (the period)."""
    names = [row["need"].clinic_name for row in rows]

    def bars(name: str, values: list[float | None]) -> dict:
        return {
            "type": "bar",
            "orientation": "h",
            "name": name,
            "y": names,
            "x": [None if v is None else round(v, 1) for v in values],
            "hovertemplate": "%{y}: %{x:.1f} h<extra>" + name + "</extra>",
        }

    data = [
        bars(_("Behov"), [row["need"].hours_per_week_needed for row in rows]),
        bars(_("Har i dag"), [row["need"].held_hours_per_week for row in rows]),
        bars(_("Fördelat"), [row["allocated"] for row in rows]),
    ]
    layout = {
        "barmode": "group",
        "height": max(280, 90 + 70 * len(rows)),
        "margin": {"l": 200, "r": 20, "t": 40, "b": 60},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "xaxis": {"title": {"text": _("Salstimmar per vecka")}, "rangemode": "tozero"},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "hovermode": "closest",
    }
    return {"data": data, "layout": layout}


def need_table(rows: list[dict]) -> Table:
    """The chart's data and the need behind it, one row per clinic, for the downloads."""
    columns = [
        ("clinic", _("Klinik")),
        ("waiting", _("Väntande operationer")),
        ("past_target", _("Över måldatum")),
        ("past_guarantee", _("Över 90 dagar")),
        ("relief_pace", _("Avlastningstakt, op./v")),
        ("minutes", _("Salsminuter per operation")),
        ("need", _("Behov, h/v")),
        ("held", _("Har i dag, h/v")),
        ("utilisation", _("Utnyttjande patienttid")),
        ("allocated", _("Fördelat, h/v")),
    ]

    def rounded(value: float | None, digits: int = 1) -> float | None:
        return None if value is None else round(value, digits)

    return Table(
        title=_("Salstid per klinik"),
        columns=columns,
        rows=[
            {
                "clinic": row["need"].clinic_name,
                "waiting": row["need"].waiting,
                "past_target": row["need"].past_target,
                "past_guarantee": row["need"].past_guarantee,
                "relief_pace": rounded(row["need"].relief_pace),
                "minutes": rounded(row["need"].room_minutes_per_operation, 0),
                "need": rounded(row["need"].hours_per_week_needed),
                "held": rounded(row["need"].held_hours_per_week),
                "utilisation": rounded(row["need"].utilisation_patient_time, 3),
                "allocated": rounded(row["allocated"]),
            }
            for row in rows
        ],
    )
