"""Benchmark: the waiting-list report per level, its trend, across regions and the what-if projection.

    DATABASE_URL=postgres://user@host:5432/kps python bench/waitlists_report.py [--rebuild]

Works in a PostgreSQL database of its own (the configured name + "_wl_bench"),
created and filled on the first run and kept for the next (``--rebuild``
starts over). The data are region scale, built here with COPY because they
are far larger than the demo: about 40 000 waiting patients in each of 60
monthly snapshots (2.4 million rows), a year of referrals and contacts, the
KVÅ code texts, populations and an approved plan for one clinic.

Each measurement runs 30 times as a user who sees the whole region and
prints p50/p95 in milliseconds and the number of queries. Targets: report
p95 < 300 ms per level; what-if with 1 000 simulated runs < 1 s.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from django.utils import timezone
from harness import own_database, percentiles, time_calls

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REPEAT = 30
COUNTIES = {"06": 0.88, "05": 0.05, "08": 0.04, "07": 0.02, "": 0.01}
POPULATION = {"05": 470_000, "06": 367_000, "07": 203_000, "08": 246_000}


def copy_frame(table: str, frame: pd.DataFrame) -> None:
    from django.db import connection

    buffer = io.StringIO()
    # \N marks a missing value, so an empty text column stays an empty string.
    frame.to_csv(buffer, header=False, index=False, na_rep="\\N")
    columns = ", ".join(frame.columns)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(
            f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
        ) as copy:
            copy.write(buffer.getvalue())


def month_ends(last: date, months: int) -> list[date]:
    ends, day = [], last
    for _ in range(months):
        ends.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return ends[::-1]


def build(waiting: int, months: int) -> None:
    """The region: 3 areas, 30 clinics, 90 units, and its facts."""
    from django.db import connection, transaction

    from facts.models import KvaCode, Population
    from organisation.calendar import IsoWeek
    from organisation.models import Activity, Area, Clinic, Region, Unit
    from planning.models import Plan, PlanCell, PlanStatus, PlanVersion
    from waitlists.care_areas import read_kva_file

    rng = np.random.default_rng(7)
    kva_dir = ROOT / "demo" / "data" / "kva"
    kka = read_kva_file(kva_dir / "kka-2021-level4.txt")
    kma = read_kva_file(kva_dir / "kma-2021-level4.txt")
    with transaction.atomic():
        region = Region.objects.create(name="Region Benchland", county_code="06")
        units = []
        for a, area_name in enumerate(
            ["Kirurgisk vård", "Medicinsk vård", "Kvinno- och barnsjukvård"]
        ):
            area = Area.objects.create(region=region, code=f"A{a}", name=area_name)
            for c in range(10):
                clinic = Clinic.objects.create(area=area, code=f"C{a}{c}", name=f"Klinik {a}{c}")
                units += [
                    Unit.objects.create(clinic=clinic, code=f"U{a}{c}{u}", name=f"Enhet {a}{c}{u}")
                    for u in range(3)
                ]
        KvaCode.objects.bulk_create(
            [
                KvaCode(classification="kka", code=c, text=t[:500], level=4, chapter=c[0])
                for c, t in kka
            ]
            + [
                KvaCode(classification="kma", code=c, text=t[:500], level=4, chapter=c[0])
                for c, t in kma
            ],
            batch_size=5000,
        )
        Population.objects.bulk_create(
            [
                Population(year=y, county_code=code, count=count + 1500 * (y - 2020))
                for code, count in POPULATION.items()
                for y in range(2020, timezone.localdate().year + 1)
            ]
        )

    unit_ids = np.array([u.id for u in units])
    # Each unit treats a handful of procedures: a few surgical and medical codes of its own.
    kka_codes = np.array([c for c, _ in kka if not c.startswith("Z")])
    kma_codes = np.array([c for c, _ in kma])
    unit_kka = {u: rng.choice(kka_codes, 8, replace=False) for u in unit_ids}
    unit_kma = {u: rng.choice(kma_codes, 6, replace=False) for u in unit_ids}
    unit_wait = {u: rng.uniform(25, 140) for u in unit_ids}
    weights = rng.dirichlet(np.full(len(unit_ids), 3.0))

    last = timezone.localdate().replace(day=1) - timedelta(days=1)
    snapshots = month_ends(last, months)
    for m, snapshot in enumerate(snapshots):
        n = int(waiting * (0.85 + 0.15 * m / max(months - 1, 1)))
        unit = rng.choice(unit_ids, n, p=weights)
        phase = rng.choice([1, 2, 3, 4], n, p=[0.45, 0.25, 0.10, 0.20])
        pick = rng.integers(0, 8, n)
        kva = np.where(
            phase == 2,
            [unit_kka[u][p] for u, p in zip(unit, pick, strict=True)],
            np.where(
                rng.random(n) < 0.5,
                [unit_kma[u][p % 6] for u, p in zip(unit, pick, strict=True)],
                "",
            ),
        )
        waited = rng.exponential([unit_wait[u] for u in unit]).astype(int)
        decision = pd.Timestamp(snapshot) - pd.to_timedelta(waited, unit="D")
        target = np.where(
            phase == 4,
            (decision + pd.to_timedelta(rng.integers(30, 180, n), unit="D")).strftime("%Y-%m-%d"),
            "",
        )
        deviation = rng.choice(["", "PVV", "MOV", "SOV"], n, p=[0.92, 0.04, 0.03, 0.01])
        county = rng.choice(list(COUNTIES), n, p=list(COUNTIES.values()))
        copy_frame(
            "waitlists_waitingentry",
            pd.DataFrame(
                {
                    "source": "cosmic",
                    "snapshot_date": snapshot.isoformat(),
                    "waiting_id": [f"V{m:02d}{i:06d}" for i in range(n)],
                    "unit_id": unit,
                    "phase": phase,
                    "kva_code": kva,
                    "decision_date": decision.strftime("%Y-%m-%d"),
                    "target_date": target,
                    "deviation": deviation,
                    "priority": rng.integers(1, 5, n),
                    "home_county": county,
                    "patient": "",
                }
            ).replace({"target_date": {"": None}}),
        )

    # A year of inflow and outflow: about a thirteenth of the waiting list arrives each week.
    activity = dict(Activity.objects.values_list("code", "id"))
    by_phase = {1: "lak-ny", 2: "operation", 3: "undersokning", 4: "lak-ater"}
    weekly = waiting / 13
    start = last - timedelta(weeks=60)
    for kind in ("referral", "contact"):
        n = int(weekly * 60)
        day = pd.Timestamp(start) + pd.to_timedelta(rng.integers(0, 60 * 7, n), unit="D")
        unit = rng.choice(unit_ids, n, p=weights)
        phase = rng.choice([1, 2, 3, 4], n, p=[0.45, 0.25, 0.10, 0.20])
        week = day.isocalendar()
        week_key = (week.year * 100 + week.week).to_numpy()
        ids = [f"{kind[0].upper()}{i:08d}" for i in range(n)]
        if kind == "referral":
            frame = pd.DataFrame(
                {
                    "source": "cosmic",
                    "referral_id": ids,
                    "arrival_date": day.strftime("%Y-%m-%d"),
                    "week": week_key,
                    "unit_id": unit,
                    "phase": phase,
                    "kva_code": "",
                    "status": np.where(rng.random(n) < 0.95, "MOTTAGEN", "AVVISAD"),
                }
            )
            copy_frame("waitlists_referral", frame)
        else:
            frame = pd.DataFrame(
                {
                    "source": "cosmic",
                    "contact_id": ids,
                    "date": day.strftime("%Y-%m-%d"),
                    "week": week_key,
                    "unit_id": unit,
                    "activity_id": [activity[by_phase[p]] for p in phase],
                    "phase": phase,
                    "contact_type": "BESOK",
                    "profession": "LAK",
                    "patient": "",
                    "kva_codes": "",
                    "decision_date": (
                        day - pd.to_timedelta(rng.integers(5, 150, n), unit="D")
                    ).strftime("%Y-%m-%d"),
                    "deviation": np.where(rng.random(n) < 0.04, "PVV", ""),
                }
            )
            copy_frame("followup_contact", frame)

    # An approved plan for the first clinic, so the what-if follows a plan week by week.
    clinic = units[0].clinic
    now = IsoWeek.of(last)
    with transaction.atomic():
        for year in sorted({(now + n).year for n in range(60)}):
            plan = Plan.objects.create(clinic=clinic, year=year)
            version = PlanVersion.objects.create(plan=plan, number=1, status=PlanStatus.APPROVED)
            PlanCell.objects.bulk_create(
                [
                    PlanCell(
                        version=version,
                        unit=u,
                        activity_id=activity["operation"],
                        week=w.key,
                        volume=12,
                    )
                    for u in units[:3]
                    for w in (now + n for n in range(60))
                    if w.year == year
                ]
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(label: str, call) -> None:
    # Warmed once, as a page that has been opened before.
    runs = time_calls(lambda _: call(), REPEAT, warm_up=1)
    p50, p95 = percentiles([r.ms for r in runs])
    print(f"{label:<38} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {runs[-1].queries:3d} queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rebuild", action="store_true", help="drop the benchmark database and build it anew"
    )
    parser.add_argument("--waiting", type=int, default=40_000, help="waiting patients per snapshot")
    parser.add_argument("--months", type=int, default=60, help="monthly snapshots")
    args = parser.parse_args()

    own_database("_wl_bench", rebuild=args.rebuild)
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from facts.models import WaitingEntry
    from organisation.models import Region, Unit
    from waitlists import selectors
    from waitlists.models import MedicalCareArea
    from waitlists.selectors.whatif import whatif_projection

    if not Region.objects.filter(name="Region Benchland").exists():
        started = time.perf_counter()
        build(args.waiting, args.months)
        print(f"built the benchmark data in {time.perf_counter() - started:.0f} s")
    from waitlists.services import waiting_summary_sync

    started = time.perf_counter()
    counted = waiting_summary_sync()
    if counted:
        print(
            f"summarised {len(counted)} snapshots for the trend in {time.perf_counter() - started:.1f} s"
        )
    user, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_superuser": True})
    dates = WaitingEntry.objects.values_list("snapshot_date", flat=True)
    latest = dates.order_by("-snapshot_date").first()
    print(
        f"data: {WaitingEntry.objects.count():,} waiting rows, "
        f"{WaitingEntry.objects.filter(snapshot_date=latest).count():,} in the latest snapshot ({latest})"
    )
    area = MedicalCareArea.objects.get(code="kka-n")
    unit_ids = list(Unit.objects.filter(clinic__code="C00").values_list("id", flat=True))
    for level in selectors.LEVELS:
        measure(
            f"report, level {level}",
            lambda level=level: selectors.waitlist_report(user=user, level=level),
        )
    measure(
        "report, KVÅ codes of one care area",
        lambda: selectors.waitlist_report(user=user, level=selectors.LEVEL_KVA, care_area=area),
    )
    measure("summary in step (no change)", waiting_summary_sync)
    measure("trend, whole region, 60 month ends", lambda: selectors.waitlist_trend(user=user))
    measure(
        "trend, one care area, 60 month ends",
        lambda: selectors.waitlist_trend(user=user, level=selectors.LEVEL_AREA, key=area.id),
    )
    measure("across regions (home county)", lambda: selectors.waitlist_regions(user=user))
    measure(
        "what-if, 52 weeks x 1 000 runs",
        lambda: whatif_projection(user=user, unit_ids=unit_ids, phase=2, horizon=52, runs=1000),
    )


if __name__ == "__main__":
    main()
