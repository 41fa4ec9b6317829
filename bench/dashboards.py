"""Benchmark: the call-in, tactical and strategic dashboards (pages and chart data) at region scale.

    DATABASE_URL=postgres://user@host:5432/kps python bench/dashboards.py [--rebuild] [--repeat 60]

Works in a PostgreSQL database of its own (the configured name + "_dash_bench"),
built on the first run and kept for the next (``--rebuild`` starts over). The
data are made here with COPY, not by the demo generator, so the benchmark does
not depend on the importer: one region, 8 areas, 40 clinics, 200 units, six
activities per unit, five years (2022–2026, through week 46) of weekly
outcome from COSMIC and Diver (week 2026-W14 missing everywhere), an approved
plan per clinic and year, HR hours per unit, week and profession, referrals
and contacts (~100 a unit and week), two years of weekly waiting-list
snapshots (~200 waiting per unit), 26 weekly booking snapshots of the next
four weeks, a successful import run per kind, and a meeting log.

Each request goes through Django's full stack in-process (middleware, session,
access checks, templates, database) as the manager of a clinic that changes
from request to request (the strategic view as Qulturum, for the region or one
area in turn); three untimed requests warm the caches first. Server time is
the wall time of the request; SQL time is the sum, over every statement the
request runs, of the time spent inside the database driver's execute (sending
it, running it, receiving its rows), taken with Django's execute wrapper so no
statement is left out.

The limit each request is held to, its "floor", is the single minimal SQL
aggregate its figures need: one statement (UNION ALL of parts) that computes,
from the stored facts and for the same clinic and weeks as the request, every
figure the request shows, and nothing else: no session, user, access check,
import log, meeting log or "which weeks arrived". It is run on its own beside
each request (so on a shared machine both meet the same load; warm-up
included), before and after it in turn (whichever runs second finds the
clinic's rows in the database's buffers), and timed the same way. The parts,
each the least SQL for its figure:
outcome per activity and week; the approved plan per activity and week; staff
hours per profession and week; the bookings of the latest snapshot before the
meeting per activity and week; the waiting list's six measures on the last
snapshot of each of 13 weeks; referrals received (inflow) and first visits and
operations performed (outflow) per week. A. the call-in page: outcome and plan
over the 37 weeks it reads (plan also the 4 ahead), waiting list, bookings and
staff hours of the weeks ahead; its charts: the parts each one shows. B. the
tactical page: outcome, plan, staff hours, inflow and outflow over the schedule
period; its charts likewise. C. strategic page and charts: the outcome per
clinic and week of the year over the clinics shown; D. the five-year trend
chart: the outcome per unit and year over five years, weeks 1–46 (what that
chart alone must sum). For comparison the clinic pages' rows also print the
outcome part alone as a floor (the narrowest reading, which
the clinic pages cannot reach: their session, user and access reads alone cost more): the extra columns "outcome only".
"At most 3 × the minimal SQL" is read as: the request's SQL time p95 ≤ 3 ×
the floor's p95. The same ratio of medians (steadier: the p95 of a query under
a millisecond is mostly the machine's other work) and server time p95 / floor
p95 are printed beside it. Before
measuring, the waiting-list summary and the approved plans' weekly sums are
brought in step (once after an import or an approval, timed and printed), and
VACUUM ANALYZE brings statistics and the visibility map up to date, as
autovacuum does after an import (so index-only scans can skip the table).
Targets: call-in page p95 < 150 ms, strategic page and charts p95 < 300 ms,
at most 20 queries per request, SQL at most 3 × the floor; the last lines say
which are met.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from harness import interleaved, own_database, percentiles, source_static_files

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
AREAS, CLINICS_PER_AREA, UNITS_PER_CLINIC, ACTIVITIES_PER_UNIT = 8, 5, 5, 6
YEARS = range(2022, 2027)
LAST_WEEK = (2026, 46)
MISSING = 202614
WAITING_WEEKS, BOOKING_SNAPSHOTS, WAITING_PER_UNIT = 104, 26, 200


def copy(table: str, frame: pd.DataFrame) -> None:
    """COPY a frame into a table, in blocks."""
    from django.db import connection

    columns = ", ".join(frame.columns)
    with connection.cursor() as cursor:
        for start in range(0, len(frame), 500_000):
            buffer = io.StringIO()
            # \N for missing values, so an empty text column stays an empty string, not NULL.
            frame.iloc[start : start + 500_000].to_csv(
                buffer, header=False, index=False, na_rep="\\N"
            )
            with cursor.copy(
                f"COPY {table} ({columns}) FROM STDIN (FORMAT csv, NULL '\\N')"
            ) as stream:
                stream.write(buffer.getvalue())


def all_weeks() -> list[tuple[int, int]]:
    from organisation.calendar import weeks_in_year

    weeks = [(y, w) for y in YEARS for w in range(1, weeks_in_year(y) + 1)]
    return [yw for yw in weeks if yw <= LAST_WEEK]


def build() -> None:
    """The region and five years of facts. Takes a few minutes; kept between runs."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from facts.kinds import Kind
    from followup.models import Action, Meeting
    from imports.models import ImportRun
    from organisation.calendar import IsoWeek
    from organisation.models import Activity, Area, Clinic, Membership, Region, Role, Unit
    from planning.models import Plan, PlanStatus, PlanVersion

    call_command("migrate", verbosity=0)
    rng = np.random.default_rng(7)
    began = time.perf_counter()
    region = Region.objects.create(name="Region Benchland", county_code="06")
    activities = list(Activity.objects.order_by("sort_order").values_list("id", "profession"))[:8]
    units, unit_activities = [], {}
    for a in range(AREAS):
        area = Area.objects.create(
            region=region, code=f"A{a}", name=f"Område {a + 1}", plan_target=CLINICS_PER_AREA
        )
        for c in range(CLINICS_PER_AREA):
            clinic = Clinic.objects.create(
                area=area, code=f"K{a}{c}", name=f"Klinik {a + 1}.{c + 1}"
            )
            user = User.objects.create_user(f"chef{a}{c}", password="bench")
            Membership.objects.create(user=user, role=Role.MANAGER, clinic=clinic)
            for u in range(UNITS_PER_CLINIC):
                unit = Unit.objects.create(
                    clinic=clinic, code=f"E{a}{c}{u}", name=f"Enhet {a + 1}.{c + 1}.{u + 1}"
                )
                units.append((unit.id, clinic.id))
                picks = rng.choice(len(activities), ACTIVITIES_PER_UNIT, replace=False)
                unit_activities[unit.id] = [activities[i] for i in sorted(picks)]
    weeks = all_weeks()
    keys = np.array([y * 100 + w for y, w in weeks])

    # Weekly outcome per unit, activity and week from both sources, and the approved plans.
    cells = pd.DataFrame(
        [
            (u, a, base)
            for u, _c in units
            for (a, _p), base in zip(
                unit_activities[u], rng.integers(10, 60, ACTIVITIES_PER_UNIT), strict=True
            )
        ],
        columns=["unit_id", "activity_id", "base"],
    )
    grid = cells.merge(pd.DataFrame({"week": keys}), how="cross")
    grid["count"] = np.maximum(
        0, np.round(grid["base"] * rng.normal(0.95, 0.12, len(grid)))
    ).astype(int)
    outcome = grid[grid["week"] != MISSING]
    for source, factor in (("cosmic", 1.0), ("diver", 1.02)):
        copy("followup_weeklyoutcome", outcome.assign(source=source, count=np.round(outcome["count"] * factor))
             [["unit_id", "activity_id", "week", "source", "count"]])  # fmt: skip
    clinic_of = dict(units)
    grid["clinic_id"] = grid["unit_id"].map(clinic_of)
    approved = timezone.make_aware(datetime(2021, 12, 1))
    for year in YEARS:
        versions = {}
        for clinic_id in sorted(set(clinic_of.values())):
            plan = Plan.objects.create(clinic_id=clinic_id, year=year)
            versions[clinic_id] = PlanVersion.objects.create(
                plan=plan,
                number=1,
                status=PlanStatus.APPROVED,
                approved_at=approved.replace(year=year - 1),
            ).id
        year_grid = grid[grid["week"] // 100 == year]
        copy("planning_plancell", year_grid.assign(version_id=year_grid["clinic_id"].map(versions), volume=year_grid["base"])
             [["version_id", "unit_id", "activity_id", "week", "volume"]])  # fmt: skip
    print(f"  outcome and plans: {time.perf_counter() - began:.0f} s")

    # HR hours per unit, week and profession.
    staff = pd.DataFrame(
        [(u, p) for u, _c in units for p in ("LAK", "SSK", "USK")],
        columns=["unit_id", "profession"],
    )
    staff = staff.merge(pd.DataFrame({"week": keys}), how="cross")
    staff["hours"] = rng.integers(20, 160, len(staff))
    copy("planning_staffhours", staff[["unit_id", "week", "profession", "hours"]])

    # Referrals and contacts, about 40 and 100 a unit and week.
    mondays = {y * 100 + w: IsoWeek(y, w).monday for y, w in weeks}
    for table, per_week, prefix in (
        ("waitlists_referral", 40, "R"),
        ("followup_contact", 100, "C"),
    ):
        n = len(units) * len(keys) * per_week
        unit_ix = np.repeat(np.arange(len(units)), len(keys) * per_week)
        week_ix = np.tile(np.repeat(np.arange(len(keys)), per_week), len(units))
        frame = pd.DataFrame(
            {
                "source": "cosmic",
                "unit_id": np.array([u for u, _c in units])[unit_ix],
                "week": keys[week_ix],
                "phase": rng.choice([1, 1, 2, 3, 4, 4], n),
            }
        )
        frame = frame[frame["week"] != MISSING]
        frame["date"] = frame["week"].map(mondays)
        ids = pd.Series(np.arange(len(frame))).map((prefix + "{:09d}").format).to_numpy()
        if table == "waitlists_referral":
            frame = frame.assign(
                referral_id=ids, arrival_date=frame["date"], kva_code="", status="MOTTAGEN"
            )
            copy(
                table,
                frame[
                    [
                        "source",
                        "referral_id",
                        "arrival_date",
                        "week",
                        "unit_id",
                        "phase",
                        "kva_code",
                        "status",
                    ]
                ],
            )
        else:
            first_activity = {u: acts[0][0] for u, acts in unit_activities.items()}
            frame = frame.assign(contact_id=ids, activity_id=frame["unit_id"].map(first_activity), contact_type="BESOK",
                                 profession="LAK", patient="", kva_codes="", deviation="")  # fmt: skip
            copy(table, frame[["source", "contact_id", "date", "week", "unit_id", "activity_id", "phase", "contact_type",
                               "profession", "patient", "kva_codes", "deviation"]])  # fmt: skip
    print(f"  referrals and contacts: {time.perf_counter() - began:.0f} s")

    # Weekly waiting-list snapshots for two years (Mondays), the same patients growing older.
    last_monday = IsoWeek(*LAST_WEEK).sunday + timedelta(days=1)
    base = pd.DataFrame(
        {
            "unit_id": np.repeat([u for u, _c in units], WAITING_PER_UNIT),
            "waiting_id": np.arange(len(units) * WAITING_PER_UNIT),
            "phase": rng.choice([1, 1, 2, 4], len(units) * WAITING_PER_UNIT),
            "waited": rng.integers(0, 300, len(units) * WAITING_PER_UNIT),
            "deviation": rng.choice(
                ["", "", "", "", "", "", "", "", "PVV", "MOV"], len(units) * WAITING_PER_UNIT
            ),
        }
    )
    for back in range(WAITING_WEEKS):
        day = last_monday - timedelta(weeks=back)
        # The list grows a little older every week, so the long waiters move.
        decided = pd.Timestamp(day) - pd.to_timedelta(base["waited"] + back % 30, unit="D")
        target = (pd.Timestamp(day) + pd.to_timedelta(60 - base["waited"], unit="D")).dt.strftime(
            "%Y-%m-%d"
        )
        frame = base.assign(source="cosmic", snapshot_date=day, waiting_id=base["waiting_id"].map("W{:07d}".format),
                            kva_code="", decision_date=decided.dt.strftime("%Y-%m-%d"),
                            target_date=target.where(base["phase"] == 4, None), home_county="06", patient="")  # fmt: skip
        copy("waitlists_waitingentry", frame[["source", "snapshot_date", "waiting_id", "unit_id", "phase", "kva_code",
                                              "decision_date", "target_date", "deviation", "home_county", "patient"]])  # fmt: skip
    print(f"  waiting lists: {time.perf_counter() - began:.0f} s")

    # Booking snapshots: each Monday, what is booked for the next four weeks.
    for back in range(BOOKING_SNAPSHOTS):
        day = last_monday - timedelta(weeks=back)
        rows = []
        current = IsoWeek.of(day)
        for ahead, fill in ((0, 0.95), (1, 0.85), (2, 0.7), (3, 0.5)):
            week = current + ahead
            for _, cell in cells.iterrows():
                rows.append(
                    (cell.unit_id, cell.activity_id, week.key, week.monday, int(cell.base * fill))
                )
        frame = pd.DataFrame(rows, columns=["unit_id", "activity_id", "week", "booked_date", "n"])
        frame = frame.loc[frame.index.repeat(frame["n"])].reset_index(drop=True)
        frame = frame.assign(source="cosmic", snapshot_date=day, booking_id=np.arange(len(frame)).astype(str), phase=1,
                             contact_type="BESOK", profession="LAK")  # fmt: skip
        copy("followup_booking", frame[["source", "snapshot_date", "booking_id", "booked_date", "week", "unit_id",
                                        "activity_id", "phase", "contact_type", "profession"]])  # fmt: skip
    print(f"  bookings: {time.perf_counter() - began:.0f} s")

    # The import log says the data reach the last week, and each clinic has a meeting log.
    now = timezone.now()
    for kind in (
        Kind.KONTAKTER,
        Kind.PRODUKTION,
        Kind.VANTANDE,
        Kind.BOKADE,
        Kind.BEMANNING,
        Kind.REMISSER,
    ):
        ImportRun.objects.create(file_name=f"{kind}_bench.csv", kind=kind, source="cosmic", checksum=kind,
                                 extract_date=last_monday - timedelta(days=1), finished_at=now, status="ok",
                                 started_by="nattlig import")  # fmt: skip
    for clinic_id in sorted(set(clinic_of.values())):
        for back in range(20):
            meeting = Meeting.objects.create(clinic_id=clinic_id, held_on=last_monday - timedelta(weeks=back),
                                             week=(IsoWeek(*LAST_WEEK) - back).key)  # fmt: skip
            meeting.deviations.create(description="Under plan", week=meeting.week)
            Action.objects.create(clinic_id=clinic_id, meeting=meeting, title="Åtgärd", owner="Chef",
                                  due_date=meeting.held_on + timedelta(weeks=2),
                                  status="open" if back < 3 else "done")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  built in {time.perf_counter() - began:.0f} s")


# The floors: per request, the one statement computing the figures it shows, for the same
# clinics and weeks as the request, run on its own through the same cursor.
STRATEGIC_FLOOR = (
    "SELECT u.clinic_id, w.week, SUM(w.count) FROM followup_weeklyoutcome w JOIN organisation_unit u "
    "ON u.id = w.unit_id WHERE u.clinic_id = ANY(%s) AND w.source = 'cosmic' AND w.week BETWEEN %s AND %s "
    "GROUP BY u.clinic_id, w.week"
)
TREND_FLOOR = (
    "SELECT w.unit_id, w.week / 100, SUM(w.count) FROM followup_weeklyoutcome w JOIN organisation_unit u "
    "ON u.id = w.unit_id WHERE u.clinic_id = ANY(%s) AND w.source = 'cosmic' AND w.week BETWEEN %s AND %s "
    "AND w.week %% 100 <= %s GROUP BY 1, 2"
)


def _part(name: str, keys: tuple[str, str, str], values: list[str], rest: str) -> str:
    """One part of a clinic page's floor, in the columns all parts share (part, two numeric
    keys, a text key, up to six values), so the parts run as one UNION ALL."""
    values = [*values, *["NULL"] * (6 - len(values))]
    k1, k2, k3 = keys
    return (f"SELECT '{name}'::text, {k1}::bigint, {k2}::bigint, {k3}::text, "
            f"{', '.join(f'{v}::numeric' for v in values)} {rest}")  # fmt: skip


# Each part is the least SQL computing one figure of a clinic page from the stored facts. The
# named parameters: units, first/last (the weeks of outcome and flow), plan_last (the plan's
# last week, ahead of ``last`` on the call-in), staff_first, ahead_first, day (the meeting's
# Monday), first_year/last_year (the plans' years).
PARTS = {
    "outcome": _part("outcome", ("activity_id", "week", "NULL"), ["SUM(count)"],
                     "FROM followup_weeklyoutcome WHERE source = 'cosmic' AND unit_id = ANY(%(units)s) "
                     "AND week BETWEEN %(first)s AND %(last)s GROUP BY activity_id, week"),
    "plan": _part("plan", ("activity_id", "week", "NULL"), ["SUM(volume)"],
                  "FROM planning_plancell WHERE version_id IN (SELECT v.id FROM planning_planversion v "
                  "JOIN planning_plan p ON p.id = v.plan_id WHERE v.status = 'approved' "
                  "AND p.year BETWEEN %(first_year)s AND %(last_year)s) AND unit_id = ANY(%(units)s) "
                  "AND week BETWEEN %(first)s AND %(plan_last)s GROUP BY activity_id, week"),
    "staff": _part("staff", ("NULL", "week", "profession"), ["SUM(hours)"],
                   "FROM planning_staffhours WHERE unit_id = ANY(%(units)s) "
                   "AND week BETWEEN %(staff_first)s AND %(plan_last)s GROUP BY week, profession"),
    "booked": _part("booked", ("activity_id", "week", "NULL"), ["COUNT(*)"],
                    "FROM followup_booking WHERE snapshot_date = (SELECT snapshot_date FROM followup_booking "
                    "WHERE snapshot_date <= %(day)s ORDER BY snapshot_date DESC LIMIT 1) "
                    "AND unit_id = ANY(%(units)s) AND week BETWEEN %(ahead_first)s AND %(plan_last)s "
                    "GROUP BY activity_id, week"),
    "waiting": _part("waiting", ("NULL", "NULL", "d.day"), [
        "COUNT(*)",
        "COUNT(*) FILTER (WHERE d.day - w.decision_date > 90)",
        "COUNT(*) FILTER (WHERE d.day - w.decision_date > 90 AND w.phase IN (1, 2) AND w.deviation NOT IN ('PVV', 'MOV'))",
        "COUNT(*) FILTER (WHERE w.target_date < d.day)",
        "COUNT(*) FILTER (WHERE w.deviation = 'PVV')",
        "COUNT(*) FILTER (WHERE w.deviation = 'MOV')",
    ], "FROM days d JOIN waitlists_waitingentry w ON w.snapshot_date = d.day AND w.unit_id = ANY(%(units)s) "
       "GROUP BY d.day"),
    "inflow": _part("inflow", ("NULL", "week", "NULL"), ["COUNT(*)"],
                    "FROM waitlists_referral WHERE unit_id = ANY(%(units)s) AND week BETWEEN %(first)s AND %(last)s "
                    "AND phase IN (1, 2) AND status = 'MOTTAGEN' GROUP BY week"),
    "outflow": _part("outflow", ("NULL", "week", "NULL"), ["COUNT(*)"],
                     "FROM followup_contact WHERE unit_id = ANY(%(units)s) AND week BETWEEN %(first)s AND %(last)s "
                     "AND phase IN (1, 2) GROUP BY week"),
}  # fmt: skip
# The waiting list's days: the last snapshot of each of the 13 weeks up to the meeting's Monday,
# each found by one backward probe of the snapshot index (as the page finds them; generate_series
# instead leaves PostgreSQL guessing a thousand days and scanning the whole list).
WAITING_DAYS = "WITH days AS MATERIALIZED ({}) ".format(" UNION ALL ".join(
    "SELECT (SELECT snapshot_date FROM waitlists_waitingentry WHERE snapshot_date "
    f"BETWEEN %(day)s::date - {7 * back} AND LEAST(%(day)s::date - {7 * back - 6}, %(day)s::date) "
    "ORDER BY snapshot_date DESC LIMIT 1) AS day"
    for back in range(12, -1, -1)
))  # fmt: skip
# What each clinic page and chart shows.
CALLIN_PARTS = {
    "page": ("outcome", "plan", "waiting", "booked", "staff"),
    "senaste-veckan": ("outcome", "plan"),
    "rullande-andel": ("outcome", "plan"),
    "kommande-veckor": ("plan", "booked"),
    "vantelista": ("waiting",),
    "bemanning": ("plan", "staff"),
}
TACTICAL_PARTS = {
    "page": ("outcome", "plan", "staff", "inflow", "outflow"),
    "plan-utfall": ("outcome", "plan"),
    "ackumulerat-gap": ("outcome", "plan"),
    "kapacitet": ("plan", "staff"),
    "inflode-utflode": ("inflow", "outflow"),
}


def floor_sql(parts: tuple[str, ...]) -> str:
    """The parts as one statement."""
    days = WAITING_DAYS if "waiting" in parts else ""
    return days + " UNION ALL ".join(f"({PARTS[p]})" for p in parts)


@dataclass(frozen=True)
class Floor:
    """A request's minimal SQL aggregate: its letter in the legend, what it sums, its SQL and the
    parameters for the i-th request."""

    letter: str
    what: str
    sql: str
    params_for: object


@dataclass
class Row:
    """One kind of request measured, and its floor measured alongside, request by request (and
    on the clinic pages, the outcome part alone)."""

    label: str
    runs: list
    floor: Floor
    floor_runs: list
    outcome_runs: list | None = None

    @property
    def p95(self) -> float:
        return percentiles([r.ms for r in self.runs])[1]

    @property
    def sql_p95(self) -> float:
        return percentiles([r.sql_ms for r in self.runs])[1]

    @property
    def floor_p95(self) -> float:
        return percentiles([r.sql_ms for r in self.floor_runs])[1]

    @property
    def queries(self) -> int:
        return max(r.queries for r in self.runs)

    def line(self) -> str:
        p50, p95 = percentiles([r.ms for r in self.runs])
        s50, s95 = percentiles([r.sql_ms for r in self.runs])
        f50, f95 = percentiles([r.sql_ms for r in self.floor_runs])
        low, high = min(r.queries for r in self.runs), self.queries
        counts = f"{low}" if low == high else f"{low}–{high}"
        line = (
            f"  {self.label:<24}{p50:7.1f}{p95:7.1f}{s50:8.1f}{s95:7.1f}{counts:>8}"
            f"   {self.floor.letter}{f50:6.1f}{f95:7.1f}{s50 / f50:8.1f}×{s95 / f95:6.1f}×{p95 / f95:9.1f}×"
        )
        if self.outcome_runs:
            o50, o95 = percentiles([r.sql_ms for r in self.outcome_runs])
            line += f"{o50:9.1f}{o95:6.1f}{s95 / o95:7.1f}×"
        return line


def measure(repeat: int) -> None:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from followup.charts import callin, strategic, tactical
    from followup.selectors.callin import meeting_day
    from followup.summary import approved_plans_summed
    from organisation.calendar import IsoWeek
    from organisation.models import Clinic, Membership
    from organisation.selectors import schedule_periods
    from waitlists.services import waiting_summary_sync

    began = time.perf_counter()
    caught_up = waiting_summary_sync()
    print(
        f"waiting-list summary in step: {len(caught_up)} snapshots counted in {time.perf_counter() - began:.1f} s "
        "(once after an import; the region-wide views read it)"
    )
    began = time.perf_counter()
    summed = approved_plans_summed()
    print(
        f"approved plans summed per unit and week: {len(summed)} versions in {time.perf_counter() - began:.1f} s "
        "(once per approved version; the region-wide views read the sums)"
    )
    began = time.perf_counter()
    with connection.cursor() as cursor:
        # What autovacuum does after an import: statistics and the visibility map that lets the
        # covering indexes answer without reading the table.
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE: {time.perf_counter() - began:.1f} s")
    print(
        f"load average before measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)"
    )
    managers = {
        m.clinic_id: m.user
        for m in Membership.objects.select_related("user").filter(clinic__isnull=False)
    }
    clinics = sorted(managers)
    region_user = User.objects.create_user(f"qulturum{time.time_ns()}", password="bench")
    Membership.objects.create(user=region_user, role="qulturum")
    unit_ids = {
        c: list(Clinic.objects.get(id=c).units.values_list("id", flat=True)) for c in clinics
    }
    area_of = dict(Clinic.objects.values_list("id", "area_id"))
    areas = sorted(set(area_of.values()))
    # Logged in before timing: a request's figures should not include someone's login.
    clients = {}
    for user in [*managers.values(), region_user]:
        clients[user.id] = Client()
        clients[user.id].force_login(user)

    def clinic_of(i: int) -> int:
        return clinics[(i * 7) % len(clinics)]

    def measured(
        label: str, url: str, params_for, user_for, floor: Floor, outcome: Floor | None
    ) -> Row:
        def get(i):
            response = clients[user_for(clinic_of(i)).id].get(url, params_for(i))
            assert response.status_code == 200, (url, response.status_code, response.content[:300])

        def aggregate(f: Floor):
            def run(i):
                with connection.cursor() as cursor:
                    cursor.execute(f.sql, f.params_for(i))
                    cursor.fetchall()

            return run

        # Each request and its floor run back to back, so both meet the same load, in turns
        # first: the one that runs second finds the clinic's rows in the buffers (a region's
        # five years do not fit in them here).
        calls = [get, aggregate(floor), *([aggregate(outcome)] if outcome else [])]
        runs, floor_runs, *outcome_runs = interleaved(calls, repeat, alternate=True)
        return Row(label, runs, floor, floor_runs, outcome_runs[0] if outcome_runs else None)

    def dashboard(
        title, page_url, chart_url, charts, params_for, user_for, floor_of, outcome=None
    ) -> list[Row]:
        """``floor_of(name)``: the floor of the page ("page") or a chart; ``outcome``: the
        outcome part alone, measured beside the clinic pages for comparison."""
        print(f"\n{title}, {repeat} requests each (ms)")
        print(f"  {'request':<24}{'server p50':>11}{'p95':>4}{'SQL p50':>9}{'p95':>6}{'queries':>9}"
              f"{'floor p50':>12}{'p95':>5}{'SQL/floor p50':>14}{'p95':>5}{'server/floor p95':>17}"
              + (f"{'outcome only p50':>17}{'p95':>5}{'SQL/it p95':>11}" if outcome else ""))  # fmt: skip
        rows = [measured("page", page_url, params_for, user_for, floor_of("page"), outcome)]
        for name in charts:
            rows.append(measured(f"chart {name}", reverse(chart_url, args=[name]), params_for, user_for,
                                 floor_of(name), outcome))  # fmt: skip
        for row in rows:
            print(row.line())
        for f in sorted({row.floor for row in rows}, key=lambda f: f.letter):
            print(f"  floor {f.letter}: {f.what}")
        return rows

    def clinic_floors(letter: str, parts: dict, params_for) -> tuple:
        """A clinic page's floors (page and charts, each the parts it shows) and its outcome part."""
        floors = {name: Floor(f"{letter}{n or ''}", ", ".join(shown), floor_sql(shown), params_for)
                  for n, (name, shown) in enumerate(parts.items())}  # fmt: skip
        return floors.__getitem__, Floor("o", "outcome", floor_sql(("outcome",)), params_for)

    def clinic_params(
        clinic_id: int, first: IsoWeek, last: IsoWeek, plan_last: IsoWeek, staff_first: IsoWeek
    ):
        return {"units": unit_ids[clinic_id], "first": first.key, "last": last.key, "plan_last": plan_last.key,
                "staff_first": staff_first.key, "ahead_first": (last + 1).key, "day": meeting_day(last),
                "first_year": first.year, "last_year": plan_last.year}  # fmt: skip

    results = {}
    weeks = [IsoWeek(2026, w) for w in range(30, 47)]
    week_of = lambda i: weeks[i % len(weeks)]  # noqa: E731
    callin_floors, callin_outcome = clinic_floors(
        "A",
        CALLIN_PARTS,
        lambda i: clinic_params(
            clinic_of(i), week_of(i) - 36, week_of(i), week_of(i) + 4, week_of(i)
        ),
    )
    results["call-in"] = dashboard(
        "call-in (weeks 2026-W30…W46, clinics varying)", reverse("followup:callin"), "followup:callin_chart",
        callin.CHARTS, lambda i: {"klinik": clinic_of(i), "vecka": str(week_of(i))}, managers.__getitem__,
        callin_floors, callin_outcome)  # fmt: skip

    periods = {a: schedule_periods(area=a, year=2026) for a in areas}
    period_of = lambda i: periods[area_of[clinic_of(i)]][i % 4]  # noqa: E731
    tactical_floors, tactical_outcome = clinic_floors(
        "B", TACTICAL_PARTS,
        lambda i: clinic_params(clinic_of(i), period_of(i).first_week, period_of(i).last_week, period_of(i).last_week,
                                period_of(i).first_week))  # fmt: skip
    results["tactical"] = dashboard(
        "tactical (2026, periods 1–4, clinics varying)", reverse("followup:tactical"), "followup:tactical_chart",
        tactical.CHARTS, lambda i: {"klinik": clinic_of(i), "ar": 2026, "period": 1 + i % 4}, managers.__getitem__,
        tactical_floors, tactical_outcome)  # fmt: skip

    # Even requests look at the region, odd ones at one area.
    def shown(i):
        return (
            clinics if i % 2 == 0 else [c for c in clinics if area_of[c] == areas[i % len(areas)]]
        )

    until = LAST_WEEK[1]
    strategic_floors = {
        "page": Floor("C", "outcome per clinic and week of the year, the clinics shown", STRATEGIC_FLOOR,
                      lambda i: (shown(i), 202601, 202653)),
        "ar": Floor("D", f"outcome per unit and year, five years, weeks 1–{until}, the clinics shown", TREND_FLOOR,
                    lambda i: (shown(i), 202201, 202653, until)),
    }  # fmt: skip
    results["strategic"] = dashboard(
        "strategic (2026, the region or one area, as Qulturum)", reverse("followup:strategic"),
        "followup:strategic_chart", strategic.CHARTS,
        lambda i: {"ar": 2026, **({"omrade": areas[i % len(areas)]} if i % 2 else {})}, lambda c: region_user,
        lambda name: strategic_floors.get(name, strategic_floors["page"]))  # fmt: skip

    print("\ntargets (p95; a request's floor is its minimal SQL aggregate, measured alongside it)")
    verdict = lambda ok: "met" if ok else "NOT MET"  # noqa: E731
    callin_page = results["call-in"][0]
    print(f"  call-in page < 150 ms: {callin_page.p95:.1f} ms, {verdict(callin_page.p95 < 150)}")
    worst = max(results["strategic"], key=lambda r: r.p95)
    print(
        f"  strategic page and charts < 300 ms: page {results['strategic'][0].p95:.1f} ms, slowest "
        f"{worst.label} {worst.p95:.1f} ms, {verdict(worst.p95 < 300)}"
    )
    for name, rows in results.items():
        most = max(rows, key=lambda r: r.queries)
        ratio = max(rows, key=lambda r: r.sql_p95 / r.floor_p95)
        page = rows[0]
        median = (
            percentiles([r.sql_ms for r in page.runs])[0]
            / percentiles([r.sql_ms for r in page.floor_runs])[0]
        )
        print(
            f"  {name}: at most {most.queries} queries ({most.label}), ≤ 20 {verdict(most.queries <= 20)}; "
            f"page SQL p95 {page.sql_p95:.1f} ms = {page.sql_p95 / page.floor_p95:.1f}× its floor's p95 "
            f"({median:.1f}× at the median), highest {ratio.label} {ratio.sql_p95 / ratio.floor_p95:.1f}×, "
            f"≤ 3× {verdict(ratio.sql_p95 / ratio.floor_p95 <= 3)}; page server time {page.p95 / page.floor_p95:.1f}× its floor"
        )
        if page.outcome_runs:
            alone = percentiles([r.sql_ms for r in page.outcome_runs])[1]
            print(
                f"    (against the outcome part alone, p95 {alone:.1f} ms: page SQL {page.sql_p95 / alone:.1f}×)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rebuild", action="store_true", help="drop and build the benchmark database again"
    )
    parser.add_argument(
        "--repeat", type=int, default=60, help="requests per page and chart (at least 50)"
    )
    args = parser.parse_args()
    fresh = own_database("_dash_bench", rebuild=args.rebuild)
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django

    django.setup()
    source_static_files()
    if fresh:
        print("building the region (once; --rebuild to start over)")
        build()
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # the code may have moved on since the data were built
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    measure(max(args.repeat, 50))


if __name__ == "__main__":
    main()
