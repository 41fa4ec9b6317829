"""Benchmark: open the plan grid page and save a full-year plan (15 activities × 53 weeks = 795 cells).

    DATABASE_URL=postgres://user@host:5432/kps python bench/plan_grid.py [--rebuild] [--repeat 50]

Works in a PostgreSQL database of its own (the configured name + "_plan_bench"),
built on the first run and kept for the next (``--rebuild`` starts over). The
data are region scale and made here with bulk_create, not by the demo
generator, so the benchmark does not depend on the importer: 200 units in 40
clinics, 15 activities, a year of HR hours per unit, week and profession, last
year's weekly outcome per unit and activity, and an approved 2026 plan with a
full year for every unit of every clinic (159 000 cells) plus each clinic's
draft version 2 (another 159 000).

Each request goes through Django's full stack in-process (middleware,
session, access checks, database) as the clinic's KPS leader; server time is
the wall time of the request. Every save changes all 795 cells, so each one
deletes and inserts 795 cells and writes 795 history rows. Prints p50/p95 in
milliseconds and the queries per request. Target: p95 < 300 ms for both, and
queries independent of the number of cells.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

from harness import own_database, percentiles, source_static_files, time_calls

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
YEAR = 2026
CLINICS = 40
UNITS_PER_CLINIC = 5
ACTIVITIES = 15
PROFESSIONS = ("LAK", "SSK", "USK")


def build() -> None:
    """The region: organisation, users, HR hours, outcome, approved plans and drafts, in bulk."""
    from django.contrib.auth.models import User
    from django.db import transaction

    from facts.models import StaffHours, WeeklyOutcome
    from organisation.calendar import weeks_of_year
    from organisation.models import Activity, Area, Clinic, Membership, Region, Role, Unit
    from planning.models import Plan, PlanCell, PlanStatus, PlanVersion

    started = time.monotonic()
    with transaction.atomic():
        for n in range(Activity.objects.count() + 1, ACTIVITIES + 1):
            Activity.objects.create(
                code=f"bench-{n}",
                name=f"Aktivitet {n}",
                profession="USK",
                minutes=20,
                sort_order=100 + n,
            )
        activities = list(Activity.objects.order_by("sort_order", "name"))[:ACTIVITIES]
        region = Region.objects.create(name="Region Bänk", county_code="99")
        areas = [
            Area.objects.create(region=region, code=f"A{i}", name=f"Område {i}") for i in range(4)
        ]
        clinics = Clinic.objects.bulk_create(
            Clinic(area=areas[i % 4], code=f"K{i:03d}", name=f"Klinik {i:03d}")
            for i in range(CLINICS)
        )
        units = Unit.objects.bulk_create(
            Unit(clinic=c, code=f"{c.code}-{j}", name=f"{c.name} enhet {j}")
            for c in clinics
            for j in range(UNITS_PER_CLINIC)
        )
        leader = User.objects.create_user("bench-ledare", password="bench")
        Membership.objects.create(user=leader, role=Role.KPS_LEADER, clinic=clinics[0])
        weeks = weeks_of_year(YEAR)
        last_year = weeks_of_year(YEAR - 1)
        StaffHours.objects.bulk_create(
            (
                StaffHours(unit=u, week=w.key, profession=p, hours=Decimal(120))
                for u in units
                for w in weeks
                for p in PROFESSIONS
            ),
            batch_size=10_000,
        )
        WeeklyOutcome.objects.bulk_create(
            (WeeklyOutcome(unit=u, activity=a, week=w.key, source="cosmic", count=Decimal(10 + (w.week % 7)))
             for u in units for a in activities for w in last_year),
            batch_size=10_000,
        )  # fmt: skip
        plans = Plan.objects.bulk_create(Plan(clinic=c, year=YEAR) for c in clinics)
        approved = PlanVersion.objects.bulk_create(
            PlanVersion(plan=p, number=1, status=PlanStatus.APPROVED) for p in plans
        )
        drafts = PlanVersion.objects.bulk_create(
            PlanVersion(plan=p, number=2, status=PlanStatus.DRAFT) for p in plans
        )
        by_clinic = {}
        for u in units:
            by_clinic.setdefault(u.clinic_id, []).append(u)
        for versions in (approved, drafts):
            PlanCell.objects.bulk_create(
                (PlanCell(version=v, unit=u, activity=a, week=w.key, volume=Decimal(10 + (w.week % 5)))
                 for v in versions for u in by_clinic[v.plan.clinic_id] for a in activities for w in weeks),
                batch_size=10_000,
            )  # fmt: skip
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"built in {time.monotonic() - started:.0f} s: {len(units)} units, {len(clinics)} clinics, "
        f"{PlanCell.objects.count()} plan cells, {StaffHours.objects.count()} HR rows, {WeeklyOutcome.objects.count()} outcome rows"
    )


def measure(repeat: int) -> None:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from organisation.calendar import weeks_of_year
    from organisation.models import Activity
    from planning.models import PlanStatus, PlanVersion

    leader = User.objects.get(username="bench-ledare")
    clinic = leader.memberships.get().clinic
    version = PlanVersion.objects.get(plan__clinic=clinic, plan__year=YEAR, status=PlanStatus.DRAFT)
    unit = clinic.units.order_by("name").first()
    activities = list(Activity.objects.order_by("sort_order", "name"))[:ACTIVITIES]
    weeks = weeks_of_year(YEAR)
    client = Client()
    client.force_login(leader)
    grid_url = reverse("planning:grid", args=[version.id]) + f"?enhet={unit.id}"
    save_url = reverse("planversion-cells", kwargs={"pk": version.id})

    def open_grid(i):
        response = client.get(grid_url)
        assert response.status_code == 200, (response.status_code, response.content[:300])

    # time_calls leaves out three first requests, which warm caches (templates, connections).
    results = {"open grid page": time_calls(open_grid, repeat)}

    version.refresh_from_db()
    revision = version.revision

    def save(i):
        nonlocal revision
        # Values alternate with the revision, so every save changes all its cells.
        cells = [
            {
                "unit": unit.id,
                "activity": a.id,
                "week": w.key,
                "volume": 20 + (revision % 2) + (w.week % 3),
            }
            for a in activities
            for w in weeks
        ]
        response = client.post(
            save_url,
            json.dumps({"revision": revision, "cells": cells}),
            content_type="application/json",
        )
        assert response.status_code == 200, (response.status_code, response.content[:300])
        result = response.json()
        assert result["changed"] == len(cells), result
        revision = result["revision"]

    results[f"save full year ({len(activities) * len(weeks)} cells)"] = time_calls(save, repeat)

    print(
        f"\n{'request':<32}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}   (n={repeat}, PostgreSQL, in-process)"
    )
    for name, runs in results.items():
        p50, p95 = percentiles([r.ms for r in runs])
        counts = sorted({r.queries for r in runs})
        print(f"{name:<32}{p50:>9.1f}{p95:>9.1f}{'/'.join(map(str, counts)):>9}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rebuild", action="store_true", help="drop and rebuild the benchmark database"
    )
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    fresh = own_database("_plan_bench", rebuild=args.rebuild)
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    source_static_files()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if fresh:
        build()
    measure(args.repeat)


if __name__ == "__main__":
    main()
