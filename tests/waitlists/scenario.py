"""Two years of waiting lists in the test organisation, shaped like a region's, for the browser tests.

Monthly snapshots with a slowly growing queue, real KVÅ codes with their
texts, patients from four counties, half a year of referrals and contacts,
and an approved plan for the orthopaedic clinic's operations.
"""

from __future__ import annotations

import importlib
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from organisation.calendar import IsoWeek
from waitlists.care_areas import read_kva_file

from . import builders as b

KVA_DIR = Path(__file__).resolve().parents[2] / "demo" / "data" / "kva"
LATEST = date(2026, 10, 31)
# Per unit: the operations (KKÅ) it waits for, a mean wait in days, and patients per snapshot.
UNITS = [
    (["NFB49", "NGB49", "NHB09"], 95, 70),  # orthopaedics: hips, knees, ankles
    (["NFB49", "NGB49"], 110, 190),  # orthopaedic operations, the long queue
    (["CJE20", "CJC20"], 55, 80),  # eye clinic: cataract
    (["CJE20"], 40, 30),
    (["AF005", "DT007"], 70, 50),  # cardiology: medical procedures (KMÅ)
    (["AF005"], 30, 25),
]
COUNTIES = ["06", "05", "08", "07", ""]
COUNTY_SHARE = [0.84, 0.07, 0.05, 0.03, 0.01]


def month_ends(last: date, months: int) -> list[date]:
    days, day = [], last
    for _ in range(months):
        days.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return days[::-1]


def ensure_reference_data() -> None:
    """Seed what the migrations seed, when a transactional test's flush has emptied the tables.

    The live server's tests flush every table afterwards, and serialized rollback
    cannot bring the rows back while Playwright runs its event loop in the thread.
    """
    from django.apps import apps

    from organisation.models import Activity
    from waitlists.models import MedicalCareArea

    if not Activity.objects.exists():
        importlib.import_module("organisation.migrations.0002_default_activities").seed(apps, None)
    if not MedicalCareArea.objects.exists():
        importlib.import_module("waitlists.migrations.0003_seed_care_areas_from_kva_chapters").seed(
            apps, None
        )


def build(org, *, months: int = 24) -> dict:
    ensure_reference_data()
    rng = np.random.default_rng(2026)
    texts = dict(
        read_kva_file(KVA_DIR / "kka-2021-level4.txt")
        + read_kva_file(KVA_DIR / "kma-2021-level4.txt")
    )
    for codes, _, _ in UNITS:
        for code in codes:
            if not b.KvaCode.objects.filter(code=code).exists():
                b.kva_text(
                    code, texts[code], "kka" if len(code.rstrip("0123456789")) == 3 else "kma"
                )
    for county, count in (("06", 367_000), ("05", 470_000), ("08", 246_000), ("07", 203_000)):
        for year in (2024, 2025, 2026):
            b.population(county, year, count + 1_500 * (year - 2024))

    entries = []
    for m, snapshot in enumerate(month_ends(LATEST, months)):
        growth = 0.8 + 0.4 * m / months
        for unit, (codes, mean_wait, size) in zip(org.units, UNITS, strict=True):
            n = int(size * growth)
            # The operating unit's list is mostly operations; the others mostly visits.
            mix = [0.05, 0.85, 0.05, 0.05] if unit == org.units[1] else [0.4, 0.35, 0.1, 0.15]
            phases = rng.choice([1, 2, 3, 4], n, p=mix)
            waits = rng.exponential(mean_wait * growth, n).astype(int)
            deviations = rng.choice(["", "PVV", "MOV"], n, p=[0.9, 0.06, 0.04])
            counties = rng.choice(COUNTIES, n, p=COUNTY_SHARE)
            for i in range(n):
                phase = int(phases[i])
                entries.append(
                    b.waiting(
                        unit,
                        snapshot,
                        days=int(waits[i]),
                        phase=phase,
                        kva=str(rng.choice(codes)) if phase == 2 else "",
                        deviation=str(deviations[i]),
                        target=snapshot + timedelta(days=int(rng.integers(-40, 60)))
                        if phase == 4
                        else None,
                        county=str(counties[i]),
                    )
                )
    b.save(*entries)

    now = IsoWeek.of(LATEST)
    operations = org.units[1]
    for n in range(1, 27):
        week = now - n
        b.referrals(operations, week, int(rng.poisson(12)), phase=2, kva="NFB49")
        b.contacts(
            operations,
            week.monday,
            int(rng.poisson(10)),
            phase=2,
            kva="NFB49",
            activity="operation",
        )
    b.approved_plan(operations, [now + n for n in range(0, 53)], 11, activity="operation")
    return {"operations": operations, "latest": LATEST}
