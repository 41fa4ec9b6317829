"""The call-in dashboard: last week, the rolling 12 weeks, the weeks ahead, waiting list, staffing.

The meeting is held in the week after the one it follows up; everything it
sees (bookings, waiting list) is read as of that Monday, so an old week's
dashboard shows what that meeting saw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection

from facts.selectors import rows as facts_rows
from facts.selectors.coverage import KIND_OF_SOURCE, UNKNOWN
from facts.selectors.sql import as_date, placeholders, table
from organisation.calendar import IsoWeek

from .catalogue import ActivityInfo, ordered
from .outcome import ZERO, PlanOutcomeGrid, plan_vs_outcome, share
from .scope import Scope, weeks_ending
from .staffing import staff_hours, staffing_vs_need
from .traffic import SHOWN_FIRST, traffic_lights
from .waiting import waiting_list_change, waiting_list_trend

# The region's own follow-up measure: the share of planned production performed in 12 weeks.
ROLLING_WEEKS = 12
# How many weeks of the rolling share the dashboard draws.
TREND_WEEKS = 26
AHEAD_WEEKS = 4


def meeting_day(week: IsoWeek) -> date:
    """The Monday after the followed-up week: the day the call-in meeting sees the figures."""
    return week.sunday + timedelta(days=1)


def weeks_ahead(week: IsoWeek) -> list[IsoWeek]:
    return [week + i for i in range(1, AHEAD_WEEKS + 1)]


def callin_grid(*, scope: Scope, week: IsoWeek, data_until=UNKNOWN) -> PlanOutcomeGrid:
    """Plan and outcome for the rolling trend up to ``week``, plan also for the weeks ahead."""
    first = week - (TREND_WEEKS + ROLLING_WEEKS - 2)
    return plan_vs_outcome(
        scope=scope, first=first, last=week, plan_until=weeks_ahead(week)[-1], data_until=data_until
    )


def plan_ahead(*, scope: Scope, week: IsoWeek) -> PlanOutcomeGrid:
    """The plan alone, from the followed-up week through the weeks ahead: what the bookings and
    staffing charts compare with. One query."""
    return plan_vs_outcome(
        scope=scope, first=week, last=week, plan_until=weeks_ahead(week)[-1], with_outcome=False
    )


def _row(grid: PlanOutcomeGrid, activity_id: int | None, week: IsoWeek) -> dict:
    """The week's plan, outcome and share of planned production (``planned_share``) for one
    activity or, with ``activity_id`` None, all of them; the week's outcome unknown gives None."""
    if week.key not in grid.known:
        plan = grid.plan_of(activity_id, week.key)
        return {"plan": plan, "outcome": None, "difference": None, "share": None,
                "shortfall": None, "behind": 0, "unplanned": None}  # fmt: skip
    figures = grid.planned([week.key], activity_id)
    del figures["weeks_known"]
    if activity_id is not None:
        # One activity's row shows what it performed, with or without a plan.
        figures["outcome"] = grid.outcome_of(activity_id, week.key)
    return {**figures, "difference": figures["outcome"] - figures["plan"]}


def last_week(*, grid: PlanOutcomeGrid, week: IsoWeek, catalogue: dict[int, ActivityInfo]) -> dict:
    """Per activity and in total: the week's plan, outcome, difference and share of planned
    production; in total also the shortfall and the outcome without plan."""
    rows = [
        {"activity_id": a.id, "activity": a.name, **_row(grid, a.id, week)}
        for a in ordered(grid.activity_ids, catalogue)
        if grid.plan_of(a.id, week.key) or grid.outcome_of(a.id, week.key)
    ]
    return {
        "week": str(week),
        "known": week.key in grid.known,
        "rows": rows,
        "total": _row(grid, None, week),
    }


def rolling_share(
    *, grid: PlanOutcomeGrid, week: IsoWeek, activity_id: int | None = None
) -> list[dict]:
    """For each of the last ``TREND_WEEKS`` weeks: the share of plan performed in the 12 weeks ending there.

    Unknown weeks in a window count on neither side; a week that is itself
    unknown has no value (a gap in the line, not a drop to zero).
    """
    series = []
    span = weeks_ending(week, TREND_WEEKS + ROLLING_WEEKS - 1)
    keys = [w.key for w in span]
    for i, end in enumerate(span[ROLLING_WEEKS - 1 :]):
        window = grid.planned(keys[i : i + ROLLING_WEEKS], activity_id)
        missing = end.key not in grid.known
        week_figures = _row(grid, activity_id, end)
        series.append(
            {
                "week": str(end),
                "plan": None if missing else window["plan"],
                "outcome": None if missing else window["outcome"],
                "share": None if missing else window["share"],
                "shortfall": None if missing else window["shortfall"],
                "behind": None if missing else window["behind"],
                "unplanned": None if missing else window["unplanned"],
                "weeks_known": window["weeks_known"],
                # The week on its own, to show how the 12-week figure moves.
                "week_plan": week_figures["plan"],
                "week_outcome": week_figures["outcome"],
                "week_share": week_figures["share"],
            }
        )
    return series


def bookings_ahead(*, scope: Scope, grid: PlanOutcomeGrid, week: IsoWeek, catalogue) -> dict:
    """The coming weeks' plan against what the latest booking snapshot before the meeting holds.

    One query.
    """
    ahead = weeks_ahead(week)
    units_sql, unit_params = placeholders(scope.unit_ids)
    activity_sql, activity_params = "", []
    if scope.activity_ids is not None:
        in_sql, activity_params = placeholders(scope.activity_ids)
        activity_sql = f" AND b.activity_id IN ({in_sql})"
    bookings = table(facts_rows.bookings().model)
    # The latest snapshot before the meeting (a snapshot file holds the whole region, so the
    # day is the same for every unit), joined to this scope's bookings in it: one statement
    # that also tells "nothing booked" (a row with a day and no bookings) from "no snapshot".
    # The day by ORDER BY … LIMIT 1, not MAX, for the reason given in waiting.ranges_sql.
    sql = (
        f"SELECT latest.day, b.activity_id, b.week, COUNT(b.id) "
        f"FROM (SELECT (SELECT snapshot_date FROM {bookings} WHERE snapshot_date <= %s "
        "ORDER BY snapshot_date DESC LIMIT 1) AS day) latest "
        f"LEFT JOIN {bookings} b ON b.snapshot_date = latest.day AND b.unit_id IN ({units_sql}) "
        f"AND b.week >= %s AND b.week <= %s{activity_sql} "
        "GROUP BY latest.day, b.activity_id, b.week"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [meeting_day(week), *unit_params, ahead[0].key, ahead[-1].key, *activity_params]
        )
        rows = cursor.fetchall()
    snapshot = as_date(rows[0][0]) if rows else None
    booked = {(activity, wk): n for _day, activity, wk, n in rows if activity is not None}
    activities = ordered(grid.activity_ids | {a for a, _w in booked}, catalogue)

    def cell(activity_id: int | None, wk: IsoWeek) -> dict:
        plan = grid.plan_of(activity_id, wk.key)
        if snapshot is None:
            count = None
        elif activity_id is None:
            count = sum(n for (a, w), n in booked.items() if w == wk.key)
        else:
            count = booked.get((activity_id, wk.key), 0)
        return {"week": str(wk), "plan": plan, "booked": count, "share": share(count, plan)}

    plan_total = sum((grid.plan_of(None, w.key) for w in ahead), ZERO)
    booked_total = None if snapshot is None else sum(booked.values())
    return {
        "snapshot_date": snapshot,
        "weeks": [cell(None, w) for w in ahead],
        "activities": [
            {"activity_id": a.id, "activity": a.name, "weeks": [cell(a.id, w) for w in ahead]}
            for a in activities
        ],
        "total": {
            "plan": plan_total,
            "booked": booked_total,
            "share": share(booked_total, plan_total),
        },
    }


@dataclass
class CallIn:
    """Everything the call-in dashboard shows for one scope and followed-up week."""

    week: IsoWeek
    as_of: date
    last_week: dict
    rolling: list[dict]
    ahead: dict
    waiting: list[dict]
    waiting_change: dict | None
    staffing: list[dict]
    lights: list = field(default_factory=list)
    missing_weeks: list[str] = field(default_factory=list)

    @property
    def rolling_now(self) -> dict:
        return self.rolling[-1]

    @property
    def lights_first(self) -> list:
        """The lights the page shows; the rest it folds."""
        return self.lights[:SHOWN_FIRST]

    @property
    def lights_folded(self) -> list:
        return self.lights[SHOWN_FIRST:]

    @property
    def waiting_now(self) -> dict | None:
        return self.waiting[-1] if self.waiting else None


def callin_dashboard(
    *, scope: Scope, week: IsoWeek, catalogue: dict[int, ActivityInfo], cutoffs: dict | None = None
) -> CallIn:
    """The whole call-in for a clinic (or one unit) and week. Six queries (seven without
    ``cutoffs``), whatever the data size. ``cutoffs`` maps an extract kind to its import
    cut-off (the freshness banner has them); ``catalogue`` comes timed for the clinic
    (``activity_catalogue(clinic_id=…)``)."""
    data_until = (cutoffs or {}).get(KIND_OF_SOURCE.get(scope.source), UNKNOWN)
    grid = callin_grid(scope=scope, week=week, data_until=data_until)
    waiting = waiting_list_trend(unit_ids=scope.unit_ids, as_of=meeting_day(week))
    rolling = rolling_share(grid=grid, week=week)
    ahead = bookings_ahead(scope=scope, grid=grid, week=week, catalogue=catalogue)
    staffing = callin_staffing(scope=scope, grid=grid, week=week, catalogue=catalogue)
    window = weeks_ending(week, ROLLING_WEEKS)
    dashboard = CallIn(
        week=week,
        as_of=meeting_day(week),
        last_week=last_week(grid=grid, week=week, catalogue=catalogue),
        rolling=rolling,
        ahead=ahead,
        waiting=waiting,
        waiting_change=waiting_list_change(waiting),
        staffing=staffing,
        missing_weeks=[str(w) for w in window if w.key not in grid.known],
    )
    dashboard.lights = traffic_lights(
        grid=grid, week=week, catalogue=catalogue, ahead=ahead, waiting=waiting, staffing=staffing
    )
    return dashboard


def callin_staffing(*, scope: Scope, grid: PlanOutcomeGrid, week: IsoWeek, catalogue) -> list[dict]:
    """Staff hours against need in the followed-up week and the weeks ahead (the lights judge
    the weeks ahead). One query."""
    weeks = [week, *weeks_ahead(week)]
    return staffing_vs_need(
        weeks=weeks,
        plan=grid.plan_all,
        hours=staff_hours(unit_ids=scope.unit_ids, weeks=weeks),
        catalogue=catalogue,
    )
