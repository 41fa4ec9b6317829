"""Benchmark: the bed follow-up of a hospital's tertial and the bed-plan check of a clinic's year.

    DATABASE_URL=postgres://user@host:5432/kps python bench/beds.py [--rebuild] [--repeat 60]
        [--wards 60] [--episodes 70000] [--years 5]

Works in a PostgreSQL database of its own (the configured name + "_beds_bench"),
built on the first run and kept for the next (``--rebuild`` starts over; the
size flags apply when it is built). The data are made here with COPY, not by
the demo generator: three hospitals, 12 clinics of 5 wards each (60 wards),
five years (2021–2025) of episodes, 70 000 a year (350 000), admitted more on
weekdays than at weekends and more in winter, with a log-normal length of stay
of about four days and the last ones still admitted; the daily bed measurement
of every ward and day (110 000 rows) consistent with the episodes (occupied =
patients in the ward at the end of the day, överbeläggningar beyond the staffed
beds), with summer closures; and each clinic's approved 2026 plan holding its
wards' staffed beds for every week.

Measured, each through Django's full stack in-process where it is a page:
A. the follow-up page (``/vardplatser/``) of one hospital's wards for one
tertial of 2025, per week, as Qulturum (the whole region), the hospital
changing from request to request (each ward's periods are fetched when its
block is opened: measured too, after a data change with nothing cached, the
most it costs); B. the bed-plan check of one clinic's 2026
plan (``inpatient.bedplan.version_check``: last year's admissions and length
of stay per ward, the Erlang check of every ward and week), the clinic
changing from call to call; C. for scale, a ward's plan grid page, which runs
that check for the one ward; D. the check of B through the API
(``GET /api/v1/beds/plan-check/``, as Qulturum), serialised. Three untimed calls
warm the caches first. The page and the API cache their figures until the data
change (``kps.figure_cache``), as the dashboards do: A and D are measured so, and
again as after an import or a plan's save (the generation moved before each call,
nothing cached). Prints p50/p95 in milliseconds and the queries per call.
Target: p95 < 300 ms for A, B and D (and for A and D after a change).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from harness import own_database, percentiles, source_static_files, time_calls

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SITES, CLINICS_PER_SITE = 3, 4
PLAN_YEAR = 2026
TARGET_MS = 300


def copy(table: str, frame: pd.DataFrame) -> None:
    """COPY a frame into a table, in blocks."""
    from django.db import connection

    columns = ", ".join(frame.columns)
    with connection.cursor() as cursor:
        for start in range(0, len(frame), 500_000):
            buffer = io.StringIO()
            frame.iloc[start : start + 500_000].to_csv(
                buffer, header=False, index=False, na_rep="\\N"
            )
            with cursor.copy(
                f"COPY {table} ({columns}) FROM STDIN (FORMAT csv, NULL '\\N')"
            ) as stream:
                stream.write(buffer.getvalue())


def build(*, wards: int, episodes_per_year: int, years: int) -> None:
    """The region, its wards, five years of episodes and daily measurements, and the bed plans."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from inpatient.models import Ward
    from organisation.calendar import weeks_in_year
    from organisation.models import Activity, Area, Clinic, Membership, Region, Role, Site, Unit
    from planning.choices import STAFFED_BEDS
    from planning.models import Plan, PlanStatus, PlanVersion

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    rng = np.random.default_rng(17)
    region = Region.objects.create(name="Region Vårdland", county_code="07")
    area = Area.objects.create(region=region, code="MED", name="Medicinsk vård")
    clinics_n = SITES * CLINICS_PER_SITE
    per_clinic = max(1, wards // clinics_n)
    ward_ids, clinic_of = [], {}
    for s in range(SITES):
        site = Site.objects.create(region=region, code=f"S{s}", name=f"Sjukhus {s + 1}")
        for c in range(CLINICS_PER_SITE):
            clinic = Clinic.objects.create(
                area=area, site=site, code=f"K{s}{c}", name=f"Medicinklinik {s + 1}.{c + 1}"
            )
            user = User.objects.create_user(f"ledare{s}{c}", password="bench")
            Membership.objects.create(user=user, role=Role.KPS_LEADER, clinic=clinic)
            for w in range(per_clinic):
                unit = Unit.objects.create(
                    clinic=clinic, code=f"AVD{s}{c}{w}", name=f"Avdelning {s + 1}.{c + 1}.{w + 1}"
                )
                Ward.objects.create(unit=unit)
                ward_ids.append(unit.id)
                clinic_of[unit.id] = clinic
    qulturum = User.objects.create_user("qulturum", password="bench")
    Membership.objects.create(user=qulturum, role=Role.QULTURUM)

    first, last = date(PLAN_YEAR - years, 1, 1), date(PLAN_YEAR - 1, 12, 31)
    days = pd.date_range(first, last, freq="D")
    n_days = len(days)
    # Admissions: fewer at weekends, more in winter; wards of different sizes.
    weekday = np.where(np.asarray(days.day_of_week) < 5, 1.0, 0.55)
    season = 1 + 0.12 * np.cos(2 * np.pi * (np.asarray(days.day_of_year) - 15) / 365.25)
    day_weight = weekday * season
    day_weight /= day_weight.sum()
    size = rng.uniform(0.6, 1.4, len(ward_ids))
    size /= size.sum()
    total = episodes_per_year * years
    ward_index = rng.choice(len(ward_ids), total, p=size)
    day_index = rng.choice(n_days, total, p=day_weight)
    admitted = (
        days.values[day_index] + pd.to_timedelta(rng.integers(0, 24 * 60, total), unit="m").values
    )
    stay_hours = np.exp(rng.normal(np.log(70), 0.8, total))  # median ≈ 3 days, mean ≈ 4
    discharged = admitted + pd.to_timedelta(stay_hours, unit="h").values
    end = np.datetime64(last + timedelta(days=1))
    open_ = discharged >= end  # still admitted at the end of the data
    units = np.array(ward_ids)[ward_index]
    admitted_ts = pd.Series(admitted)
    discharged_ts = pd.Series(discharged)
    frame = pd.DataFrame(
        {
            "source": "cosmic",
            "episode_id": np.char.add("E", np.arange(total).astype(str)),
            "unit_id": units,
            "patient": "",
            "admitted_at": admitted_ts.dt.strftime("%Y-%m-%d %H:%M:%S+00"),
            "discharged_at": discharged_ts.dt.strftime("%Y-%m-%d %H:%M:%S+00").where(~open_),
            "admission_date": admitted_ts.dt.strftime("%Y-%m-%d"),
            "discharge_date": discharged_ts.dt.strftime("%Y-%m-%d").where(~open_),
            "emergency": np.where(rng.random(total) < 0.7, "t", "f"),
            "drg": "",
        }
    )
    copy("inpatient_episode", frame)
    print(f"  {total:,} episodes in {time.perf_counter() - began:.0f} s")

    # The daily measurement: patients in the ward at the end of each day, against staffed beds.
    in_ward = np.zeros((len(ward_ids), n_days + 1), dtype=np.int64)
    start_day = (admitted_ts.dt.normalize().values - days.values[0]).astype("timedelta64[D]")
    stop_day = (discharged_ts.dt.normalize().values - days.values[0]).astype("timedelta64[D]")
    start_day, stop_day = start_day.astype(int), np.minimum(stop_day.astype(int), n_days)
    np.add.at(in_ward, (ward_index, start_day), 1)
    np.add.at(in_ward, (ward_index, stop_day), -1)
    census = np.cumsum(in_ward, axis=1)[:, :n_days]
    mean_census = census[:, n_days // 5 :].mean(axis=1)
    base_beds = np.ceil(mean_census / 0.9).astype(int)
    summer = (days.isocalendar().week.values >= 28) & (days.isocalendar().week.values <= 31)
    staffed = np.where(summer[None, :], np.ceil(base_beds[:, None] * 0.8), base_beds[:, None])
    staffed = staffed.astype(int)
    beds = pd.DataFrame(
        {
            "unit_id": np.repeat(ward_ids, n_days),
            "date": np.tile(days.strftime("%Y-%m-%d"), len(ward_ids)),
            "source": "cosmic",
            "staffed": staffed.ravel(),
            "occupied": census.ravel(),
            "overcrowding": np.maximum(census - staffed, 0).ravel(),
            "outlying": rng.poisson(0.3, census.size),
        }
    )
    copy("inpatient_bedday", beds)
    print(f"  {len(beds):,} daily measurements in {time.perf_counter() - began:.0f} s")

    # Each clinic's approved 2026 plan: its wards' staffed beds every week.
    activity = Activity.objects.get(code=STAFFED_BEDS)
    weeks = [PLAN_YEAR * 100 + w for w in range(1, weeks_in_year(PLAN_YEAR) + 1)]
    rows = []
    versions = {}
    for clinic in {c.id: c for c in clinic_of.values()}.values():
        plan = Plan.objects.create(clinic=clinic, year=PLAN_YEAR)
        versions[clinic.id] = PlanVersion.objects.create(
            plan=plan, number=1, status=PlanStatus.APPROVED
        ).id
    for i, unit_id in enumerate(ward_ids):
        for week in weeks:
            closed = 28 <= week % 100 <= 31
            n = int(np.ceil(base_beds[i] * 0.8)) if closed else int(base_beds[i])
            rows.append((versions[clinic_of[unit_id].id], unit_id, activity.id, week, n))
    copy(
        "planning_plancell",
        pd.DataFrame(rows, columns=["version_id", "unit_id", "activity_id", "week", "volume"]),
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"built in {time.perf_counter() - began:.0f} s")


def report(name: str, runs) -> float:
    p50, p95 = percentiles([r.ms for r in runs])
    sql50, sql95 = percentiles([r.sql_ms for r in runs])
    queries = sorted({r.queries for r in runs})
    print(
        f"{name:<58} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
        f"(SQL p50 {sql50:5.1f} / p95 {sql95:5.1f})  queries {'/'.join(map(str, queries))}"
    )
    return p95


def measure(repeat: int) -> None:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from inpatient import bedplan
    from inpatient.choices import Level, Period
    from inpatient.models import Ward
    from kps.figure_cache import figures_changed
    from organisation.models import Site
    from planning.models import PlanVersion

    sites = list(Site.objects.order_by("code").values_list("id", flat=True))
    client = Client()
    client.force_login(User.objects.get(username="qulturum"))
    page = reverse("inpatient:index")

    def followup(i: int) -> None:
        response = client.get(
            page,
            {
                "sjukhus": sites[i % len(sites)],
                "fran": "2025-05-01",
                "till": "2025-08-31",
                "period": Period.WEEK,
                "niva": Level.WARD,
            },
        )
        assert response.status_code == 200, response.status_code

    def periods(i: int) -> None:
        # One group's periods, fetched when its block on the page is opened.
        response = client.get(
            reverse("inpatient:periods"),
            {
                "sjukhus": sites[i % len(sites)],
                "fran": "2025-05-01",
                "till": "2025-08-31",
                "period": Period.WEEK,
                "niva": Level.WARD,
                "grupp": i % 5,
            },
        )
        assert response.status_code == 200, response.status_code

    versions = list(PlanVersion.objects.filter(plan__year=PLAN_YEAR).select_related("plan__clinic"))

    def check(i: int) -> None:
        result = bedplan.version_check(version=versions[i % len(versions)])
        assert result and all(len(w.weeks) == 53 for w in result.values())

    def check_api(i: int) -> None:
        response = client.get(
            reverse("inpatient-api:plan-check"), {"version": versions[i % len(versions)].id}
        )
        assert response.status_code == 200, response.status_code

    wards = list(Ward.objects.select_related("unit").order_by("unit_id"))
    version_of = {v.plan.clinic_id: v for v in versions}
    leaders = {
        c: Client() for c in {w.unit.clinic_id for w in wards}
    }  # one logged-in leader per clinic
    for clinic_id, leader in leaders.items():
        leader.force_login(User.objects.get(memberships__clinic_id=clinic_id))

    def grid(i: int) -> None:
        ward = wards[i % len(wards)]
        version = version_of[ward.unit.clinic_id]
        response = leaders[ward.unit.clinic_id].get(
            reverse("planning:grid", kwargs={"version_id": version.id}), {"enhet": ward.unit_id}
        )
        assert response.status_code == 200, response.status_code

    def changed(call):
        def after_a_change(i: int) -> None:
            figures_changed()  # what an import or a plan's save does: nothing cached
            call(i)

        return after_a_change

    print(f"{repeat} calls each, after 3 untimed; {datetime.now():%Y-%m-%d %H:%M}")
    print(f"load average before measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    a = report(
        "A. follow-up page: a hospital's wards, tertial 2 2025", time_calls(followup, repeat)
    )
    a_cold = report("A. the same after a data change", time_calls(changed(followup), repeat))
    report(
        "A. a ward's periods (a block opened), after a change", time_calls(changed(periods), repeat)
    )
    b = report("B. bed-plan check of a clinic's 2026 plan", time_calls(check, repeat))
    report("C. a ward's plan grid page (its check included)", time_calls(grid, repeat))
    d = report(
        "D. the same check through GET /api/v1/beds/plan-check/", time_calls(check_api, repeat)
    )
    d_cold = report("D. the same after a data change", time_calls(changed(check_api), repeat))
    for label, p95 in (
        ("A", a),
        ("A after a change", a_cold),
        ("B", b),
        ("D", d),
        ("D after a change", d_cold),
    ):
        verdict = "met" if p95 < TARGET_MS else "NOT met"
        print(f"{label}: p95 {p95:.0f} ms against {TARGET_MS} ms: {verdict}")
    print(f"load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop and build the database again")
    parser.add_argument("--repeat", type=int, default=60, help="calls per measurement")
    parser.add_argument("--wards", type=int, default=60, help="wards (when built)")
    parser.add_argument("--episodes", type=int, default=70_000, help="episodes a year (when built)")
    parser.add_argument("--years", type=int, default=5, help="years of episodes (when built)")
    args = parser.parse_args()
    fresh = own_database("_beds_bench", rebuild=args.rebuild)
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django

    django.setup()
    source_static_files()
    if fresh:
        print("building the region (once; --rebuild to start over)")
        build(wards=args.wards, episodes_per_year=args.episodes, years=args.years)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    measure(args.repeat)


if __name__ == "__main__":
    main()
