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
from request to request; server time is the wall time of the request, SQL
time the sum of its queries' times. For each dashboard it also times the
single minimal SQL aggregate the page cannot do without (the outcome summed
per activity and week over the clinic's units, or per clinic and week over the
region), as the limit. Prints p50/p95 in milliseconds and queries per request.
Targets: call-in p95 < 150 ms, strategic p95 < 300 ms, at most 20 queries, and
at most 3 × the minimal SQL.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
AREAS, CLINICS_PER_AREA, UNITS_PER_CLINIC, ACTIVITIES_PER_UNIT = 8, 5, 5, 6
YEARS = range(2022, 2027)
LAST_WEEK = (2026, 46)
MISSING = 202614
WAITING_WEEKS, BOOKING_SNAPSHOTS, WAITING_PER_UNIT = 104, 26, 200


def bench_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_dash_bench"))


def ensure_database(url: str, *, rebuild: bool) -> bool:
    """Create the benchmark database if needed; True when it is new (and must be filled)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if rebuild:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(f'CREATE DATABASE "{name}"')
    return True


def copy(table: str, frame: pd.DataFrame) -> None:
    """COPY a frame into a table, in blocks."""
    from django.db import connection

    columns = ", ".join(frame.columns)
    with connection.cursor() as cursor:
        for start in range(0, len(frame), 500_000):
            buffer = io.StringIO()
            # \N for missing values, so an empty text column stays an empty string, not NULL.
            frame.iloc[start : start + 500_000].to_csv(buffer, header=False, index=False, na_rep="\\N")
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT csv, NULL '\\N')") as stream:
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

    from followup.models import Action, Meeting
    from imports.models import ImportRun, Kind
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
        area = Area.objects.create(region=region, code=f"A{a}", name=f"Område {a + 1}", plan_target=CLINICS_PER_AREA)
        for c in range(CLINICS_PER_AREA):
            clinic = Clinic.objects.create(area=area, code=f"K{a}{c}", name=f"Klinik {a + 1}.{c + 1}")
            user = User.objects.create_user(f"chef{a}{c}", password="bench")
            Membership.objects.create(user=user, role=Role.MANAGER, clinic=clinic)
            for u in range(UNITS_PER_CLINIC):
                unit = Unit.objects.create(clinic=clinic, code=f"E{a}{c}{u}", name=f"Enhet {a + 1}.{c + 1}.{u + 1}")
                units.append((unit.id, clinic.id))
                picks = rng.choice(len(activities), ACTIVITIES_PER_UNIT, replace=False)
                unit_activities[unit.id] = [activities[i] for i in sorted(picks)]
    weeks = all_weeks()
    keys = np.array([y * 100 + w for y, w in weeks])

    # Weekly outcome per unit, activity and week from both sources, and the approved plans.
    cells = pd.DataFrame(
        [(u, a, base) for u, _c in units for (a, _p), base in zip(unit_activities[u], rng.integers(10, 60, ACTIVITIES_PER_UNIT), strict=True)],
        columns=["unit_id", "activity_id", "base"],
    )
    grid = cells.merge(pd.DataFrame({"week": keys}), how="cross")
    grid["count"] = np.maximum(0, np.round(grid["base"] * rng.normal(0.95, 0.12, len(grid)))).astype(int)
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
                plan=plan, number=1, status=PlanStatus.APPROVED, approved_at=approved.replace(year=year - 1)
            ).id
        year_grid = grid[grid["week"] // 100 == year]
        copy("planning_plancell", year_grid.assign(version_id=year_grid["clinic_id"].map(versions), volume=year_grid["base"])
             [["version_id", "unit_id", "activity_id", "week", "volume"]])  # fmt: skip
    print(f"  outcome and plans: {time.perf_counter() - began:.0f} s")

    # HR hours per unit, week and profession.
    staff = pd.DataFrame([(u, p) for u, _c in units for p in ("LAK", "SSK", "USK")], columns=["unit_id", "profession"])
    staff = staff.merge(pd.DataFrame({"week": keys}), how="cross")
    staff["hours"] = rng.integers(20, 160, len(staff))
    copy("planning_staffhours", staff[["unit_id", "week", "profession", "hours"]])

    # Referrals and contacts, about 40 and 100 a unit and week.
    mondays = {y * 100 + w: IsoWeek(y, w).monday for y, w in weeks}
    for table, per_week, prefix in (("waitlists_referral", 40, "R"), ("followup_contact", 100, "C")):
        n = len(units) * len(keys) * per_week
        unit_ix = np.repeat(np.arange(len(units)), len(keys) * per_week)
        week_ix = np.tile(np.repeat(np.arange(len(keys)), per_week), len(units))
        frame = pd.DataFrame({
            "source": "cosmic",
            "unit_id": np.array([u for u, _c in units])[unit_ix],
            "week": keys[week_ix],
            "phase": rng.choice([1, 1, 2, 3, 4, 4], n),
        })
        frame = frame[frame["week"] != MISSING]
        frame["date"] = frame["week"].map(mondays)
        ids = pd.Series(np.arange(len(frame))).map((prefix + "{:09d}").format).to_numpy()
        if table == "waitlists_referral":
            frame = frame.assign(referral_id=ids, arrival_date=frame["date"], kva_code="", status="MOTTAGEN")
            copy(table, frame[["source", "referral_id", "arrival_date", "week", "unit_id", "phase", "kva_code", "status"]])
        else:
            first_activity = {u: acts[0][0] for u, acts in unit_activities.items()}
            frame = frame.assign(contact_id=ids, activity_id=frame["unit_id"].map(first_activity), contact_type="BESOK",
                                 profession="LAK", patient="", kva_codes="", deviation="")  # fmt: skip
            copy(table, frame[["source", "contact_id", "date", "week", "unit_id", "activity_id", "phase", "contact_type",
                               "profession", "patient", "kva_codes", "deviation"]])  # fmt: skip
    print(f"  referrals and contacts: {time.perf_counter() - began:.0f} s")

    # Weekly waiting-list snapshots for two years (Mondays), the same patients growing older.
    last_monday = IsoWeek(*LAST_WEEK).sunday + timedelta(days=1)
    base = pd.DataFrame({
        "unit_id": np.repeat([u for u, _c in units], WAITING_PER_UNIT),
        "waiting_id": np.arange(len(units) * WAITING_PER_UNIT),
        "phase": rng.choice([1, 1, 2, 4], len(units) * WAITING_PER_UNIT),
        "waited": rng.integers(0, 300, len(units) * WAITING_PER_UNIT),
        "deviation": rng.choice(["", "", "", "", "", "", "", "", "PVV", "MOV"], len(units) * WAITING_PER_UNIT),
    })
    for back in range(WAITING_WEEKS):
        day = last_monday - timedelta(weeks=back)
        # The list grows a little older every week, so the long waiters move.
        decided = pd.Timestamp(day) - pd.to_timedelta(base["waited"] + back % 30, unit="D")
        target = (pd.Timestamp(day) + pd.to_timedelta(60 - base["waited"], unit="D")).dt.strftime("%Y-%m-%d")
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
                rows.append((cell.unit_id, cell.activity_id, week.key, week.monday, int(cell.base * fill)))
        frame = pd.DataFrame(rows, columns=["unit_id", "activity_id", "week", "booked_date", "n"])
        frame = frame.loc[frame.index.repeat(frame["n"])].reset_index(drop=True)
        frame = frame.assign(source="cosmic", snapshot_date=day, booking_id=np.arange(len(frame)).astype(str), phase=1,
                             contact_type="BESOK", profession="LAK")  # fmt: skip
        copy("followup_booking", frame[["source", "snapshot_date", "booking_id", "booked_date", "week", "unit_id",
                                        "activity_id", "phase", "contact_type", "profession"]])  # fmt: skip
    print(f"  bookings: {time.perf_counter() - began:.0f} s")

    # The import log says the data reach the last week, and each clinic has a meeting log.
    now = timezone.now()
    for kind in (Kind.KONTAKTER, Kind.PRODUKTION, Kind.VANTANDE, Kind.BOKADE, Kind.BEMANNING, Kind.REMISSER):
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


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def minimal_sql(sql: str, params, repeat: int) -> tuple[float, float]:
    """The p50/p95 of one aggregate, run on its own: the floor a page cannot go below."""
    from django.db import connection

    times = []
    with connection.cursor() as cursor:
        for p in params[:repeat]:
            began = time.perf_counter()
            cursor.execute(sql, p)
            cursor.fetchall()
            times.append((time.perf_counter() - began) * 1000)
    return percentiles(times)


def measure(repeat: int) -> None:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from followup.charts import callin, strategic, tactical
    from organisation.models import Clinic, Membership
    from waitlists.services import waiting_summary_sync

    began = time.perf_counter()
    caught_up = waiting_summary_sync()
    print(f"load average before measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    print(f"waiting-list summary in step: {len(caught_up)} snapshots counted in {time.perf_counter() - began:.1f} s "
          "(once after an import; the region-wide views read it)")
    managers = {m.clinic_id: m.user for m in Membership.objects.select_related("user").filter(clinic__isnull=False)}
    clinics = sorted(managers)
    region_user = User.objects.create_user(f"qulturum{time.time_ns()}", password="bench")
    Membership.objects.create(user=region_user, role="qulturum")
    clients = {}

    def client_for(user) -> Client:
        if user.id not in clients:
            clients[user.id] = Client()
            clients[user.id].force_login(user)
        return clients[user.id]

    sql_ms: list[float] = []

    def timer(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_ms.append((time.perf_counter() - began) * 1000)

    def run(label: str, url: str, params_for, user_for) -> tuple[float, float, float]:
        times, sql_totals, counts = [], [], []
        for i in range(repeat + 3):
            clinic = clinics[(i * 7) % len(clinics)]
            client = client_for(user_for(clinic))
            sql_ms.clear()
            with connection.execute_wrapper(timer):
                began = time.perf_counter()
                response = client.get(url, params_for(clinic, i))
                elapsed = (time.perf_counter() - began) * 1000
            assert response.status_code == 200, (label, response.status_code, response.content[:300])
            if i >= 3:  # the first requests warm caches (templates, connections)
                times.append(elapsed)
                sql_totals.append(sum(sql_ms))
                counts.append(len(sql_ms))
        p50, p95 = percentiles(times)
        s50, s95 = percentiles(sql_totals)
        print(f"  {label:<34} p50 {p50:6.1f}  p95 {p95:6.1f} ms   SQL p50 {s50:6.1f}  p95 {s95:6.1f} ms   "
              f"queries {min(counts)}–{max(counts)}")
        return p95, s95, max(counts)

    manager = managers.__getitem__
    weeks = [f"2026-W{w:02d}" for w in range(30, 47)]
    unit_ids = {c: list(Clinic.objects.get(id=c).units.values_list("id", flat=True)) for c in clinics}
    results = {}

    print(f"\ncall-in (week 2026-W30…W46, {repeat} requests each, clinics varying)")
    page = run("page", reverse("followup:callin"), lambda c, i: {"klinik": c, "vecka": weeks[i % len(weeks)]}, manager)
    charts = [run(f"chart {name}", reverse("followup:callin_chart", args=[name]),
                  lambda c, i: {"klinik": c, "vecka": weeks[i % len(weeks)]}, manager) for name in callin.CHARTS]  # fmt: skip
    floor = minimal_sql(
        "SELECT activity_id, week, SUM(count) FROM followup_weeklyoutcome WHERE source = 'cosmic' "
        "AND unit_id = ANY(%s) AND week BETWEEN %s AND %s GROUP BY activity_id, week",
        [(unit_ids[clinics[(i * 7) % len(clinics)]], 202545 - 0, 202600 + 30 + i % 17) for i in range(repeat)],
        repeat,
    )
    results["call-in"] = (page, charts, floor, 150)

    print(f"\ntactical (2026, periods 1–4, {repeat} requests each)")
    page = run("page", reverse("followup:tactical"), lambda c, i: {"klinik": c, "ar": 2026, "period": 1 + i % 4}, manager)
    charts = [run(f"chart {name}", reverse("followup:tactical_chart", args=[name]),
                  lambda c, i: {"klinik": c, "ar": 2026, "period": 1 + i % 4}, manager) for name in tactical.CHARTS]  # fmt: skip
    floor = minimal_sql(
        "SELECT activity_id, week, SUM(count) FROM followup_weeklyoutcome WHERE source = 'cosmic' "
        "AND unit_id = ANY(%s) AND week BETWEEN 202614 AND 202626 GROUP BY activity_id, week",
        [(unit_ids[clinics[(i * 7) % len(clinics)]],) for i in range(repeat)],
        repeat,
    )
    results["tactical"] = (page, charts, floor, None)

    print(f"\nstrategic (2026, the region or one area, as Qulturum, {repeat} requests each)")
    areas = list(Clinic.objects.values_list("area_id", flat=True).distinct())
    region_params = lambda c, i: {"ar": 2026, **({"omrade": areas[i % len(areas)]} if i % 2 else {})}  # noqa: E731
    page = run("page", reverse("followup:strategic"), region_params, lambda c: region_user)
    charts = [run(f"chart {name}", reverse("followup:strategic_chart", args=[name]), region_params,
                  lambda c: region_user) for name in strategic.CHARTS]  # fmt: skip
    floor = minimal_sql(
        "SELECT u.clinic_id, w.week, SUM(w.count) FROM followup_weeklyoutcome w JOIN organisation_unit u "
        "ON u.id = w.unit_id WHERE w.source = 'cosmic' AND w.week BETWEEN 202601 AND 202653 "
        "GROUP BY u.clinic_id, w.week",
        [()] * repeat,
        repeat,
    )
    results["strategic"] = (page, charts, floor, 300)

    print("\nsummary (p95, ms)")
    for name, ((p95, s95, queries), charts, (_f50, f95), target) in results.items():
        worst = max([p95] + [c[0] for c in charts])
        worst_sql = max([s95] + [c[1] for c in charts])
        most = max([queries] + [c[2] for c in charts])
        goal = f" (target < {target})" if target else ""
        print(f"  {name:<10} page {p95:6.1f}{goal}; slowest chart {max(c[0] for c in charts):6.1f}; "
              f"queries ≤ {most} (target ≤ 20); minimal SQL p95 {f95:5.1f}; "
              f"SQL per request p95 {worst_sql:6.1f} = {worst_sql / f95:4.1f}× minimal; "
              f"server time {worst / f95:5.1f}× minimal")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop and build the benchmark database again")
    parser.add_argument("--repeat", type=int, default=60, help="requests per page and chart (at least 50)")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database; the benchmark makes a database of its own beside it.")
    target = bench_url(url)
    fresh = ensure_database(target, rebuild=args.rebuild)
    os.environ["DATABASE_URL"] = target
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kps.settings")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django

    django.setup()
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

