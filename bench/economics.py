"""Benchmark: the DRG figures (GET /api/v1/economics/drg/) and the kpp import at a region's size.

    DATABASE_URL=postgres://user@host:5432/kps python bench/economics.py [--rebuild]
        [--years 5] [--rows-per-year 1500000] [--repeat 30]

Works in a PostgreSQL database of its own (the configured name + "_econ_bench"),
built on the first run and kept for the next (``--rebuild`` starts over; the size
flags apply when it is built). The data are made here with COPY, not by the
importer: one region, 8 areas, 40 clinics, 200 units; per year a weight list
(600 DRGs per care form) and ``--rows-per-year`` KPP rows (88 % outpatient
contacts, 12 % inpatient episodes; 3 % outliers, 0.3 % without a DRG), and the
outpatient rows' contacts (1 % of them missing, as if cancelled after the KPP
row), for the years up to 2025.

The DRG figures read the KPP rows' summary (``economics.summary``), which the imports
keep; the rows COPYed here are summed once after the build (the time is printed), and
any year not summed when the benchmark starts is summed before measuring.

Requests go through Django's full stack in-process as Qulturum (who sees every
clinic's economics): per year, the region, and one clinic (varying from
request to request), for the newest year (``--all-years``: every year); one untimed
request warms the caches first. Printed:
p50/p95 of the wall time, and the number of SQL statements. Target p95 < 300 ms.

Then one year's kpp file (2026, the same size as a built year, with its weight
list already imported) goes through the pipeline (``import_file``, as the
nightly task runs it) into the table holding the other years, against two
COPYs of the same rows: the file as it is into an unlogged table of text
columns, and the imported, typed rows into a logged copy of the KPP table with
its indexes (the storage floor, as ``bench/import_kontakter.py`` prints it).
Target: the import within 3 × that floor. Without a Celery broker (as here) the sum of
the imported year into the summary, which a worker does after the import in production,
runs inside ``import_file``: it is timed apart too and both ratios are printed. The
imported year is removed again afterwards, so the next run imports into the same table.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from harness import own_database, percentiles, time_calls

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
AREAS, CLINICS_PER_AREA, UNITS_PER_CLINIC = 8, 5, 5
LAST_YEAR = 2025  # the years built end here; the import brings the next
IMPORT_YEAR = 2026
DRGS = 600
KPP_HEADER = ["ar", "kontakt_id", "vardform", "enhet_kod", "drg_kod", "kostnad", "ytterfall"]


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


def weights(year: int) -> pd.DataFrame:
    """The year's weight list: the same codes every year, weights drifting a little."""
    rng = np.random.default_rng(year)
    frames = []
    for care_form, suffix, scale in (("OPPEN", "O", 0.1), ("SLUTEN", "X", 1.0)):
        frames.append(
            pd.DataFrame(
                {
                    "year": year,
                    "care_form": care_form,
                    "code": [f"{i:03d}{suffix}" for i in range(DRGS)],
                    "weight": np.round(rng.lognormal(0, 0.8, DRGS) * scale, 4),
                    "name": "",
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def kpp_rows(year: int, rows: int, unit_codes: np.ndarray) -> pd.DataFrame:
    """A year's KPP rows as the contract's columns (text), drawn with numpy."""
    rng = np.random.default_rng(10_000 + year)
    inpatient = rng.random(rows) < 0.12
    drg = rng.zipf(1.6, rows) % DRGS
    code = np.char.add(np.char.zfill(drg.astype(str), 3), np.where(inpatient, "X", "O"))
    code = np.where(rng.random(rows) < 0.003, "", code)
    scale = np.where(inpatient, 60_000.0, 6_000.0)
    cost = np.round(scale * rng.lognormal(0, 0.5, rows), 2)
    outlier = rng.random(rows) < 0.03
    cost = np.where(outlier, cost * 4, cost)
    ids = np.char.add(
        np.where(inpatient, f"V{year}", f"K{year}"), np.char.zfill(np.arange(rows).astype(str), 8)
    )
    return pd.DataFrame(
        {
            "ar": str(year),
            "kontakt_id": ids,
            "vardform": np.where(inpatient, "SLUTEN", "OPPEN"),
            "enhet_kod": unit_codes[rng.integers(0, len(unit_codes), rows)],
            "drg_kod": code,
            "kostnad": cost,
            "ytterfall": np.where(outlier, "J", "N"),
        }
    )


def build(years: list[int], rows: int) -> None:
    """The region, the weight lists, the KPP rows and their contacts. Kept between runs."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from organisation.models import Activity, Area, Clinic, Membership, Region, Unit, UnitSourceCode

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    region = Region.objects.create(name="Region Benchland", county_code="06")
    for a in range(AREAS):
        area = Area.objects.create(region=region, code=f"A{a}", name=f"Område {a + 1}")
        for c in range(CLINICS_PER_AREA):
            clinic = Clinic.objects.create(
                area=area, code=f"K{a}{c}", name=f"Klinik {a + 1}.{c + 1}"
            )
            for u in range(UNITS_PER_CLINIC):
                unit = Unit.objects.create(
                    clinic=clinic, code=f"E{a}{c}{u}", name=f"Enhet {a + 1}.{c + 1}.{u + 1}"
                )
                for source in ("cosmic", "kpp"):
                    UnitSourceCode.objects.create(unit=unit, source=source, code=f"E{a}{c}{u}")
    user = User.objects.create_user("qulturum", password="bench")
    Membership.objects.create(user=user, role="qulturum")
    unit_of = dict(Unit.objects.values_list("code", "id"))
    codes = np.array(sorted(unit_of))
    activity = Activity.objects.order_by("sort_order").values_list("id", flat=True).first()
    for year in [*years, IMPORT_YEAR]:
        copy("economics_drgweight", weights(year))
    for year in years:
        frame = kpp_rows(year, rows, codes)
        unit_ids = frame["enhet_kod"].map(unit_of)
        stored = pd.DataFrame(
            {
                "year": year,
                "contact_id": frame["kontakt_id"],
                "care_form": frame["vardform"],
                "unit_id": unit_ids,
                "drg_code": frame["drg_kod"],
                "cost": frame["kostnad"],
                "outlier": frame["ytterfall"] == "J",
            }
        )
        copy("economics_kpprow", stored)
        # The outpatient rows' contacts, each on a day of the year; 1 % missing (cancelled).
        rng = np.random.default_rng(20_000 + year)
        outpatient = stored[(stored["care_form"] == "OPPEN") & (rng.random(len(stored)) >= 0.01)]
        day = pd.Timestamp(f"{year}-01-01") + pd.to_timedelta(
            rng.integers(0, 365, len(outpatient)), unit="D"
        )
        iso = day.isocalendar()
        contacts = pd.DataFrame(
            {
                "source": "cosmic",
                "contact_id": outpatient["contact_id"].to_numpy(),
                "date": day.strftime("%Y-%m-%d"),
                "week": (iso.year * 100 + iso.week).to_numpy(),
                "unit_id": outpatient["unit_id"].to_numpy(),
                "activity_id": activity,
                "phase": 1,
                "contact_type": "BESOK",
                "profession": "LAK",
                "patient": "",
                "kva_codes": "",
                "deviation": "",
            }
        )
        copy("followup_contact", contacts)
        print(
            f"  {year}: {len(stored):,} KPP rows, {len(contacts):,} contacts, {time.perf_counter() - began:.0f} s"
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"  built in {time.perf_counter() - began:.0f} s")
    sum_years(rebuild=True)


def sum_years(*, rebuild: bool = False) -> float:
    """Sum the years not summed (every year, ``rebuild``) into the DRG summary; seconds taken."""
    from django.db import connection

    from economics.summary import drg_summary_sync

    began = time.perf_counter()
    years = drg_summary_sync(rebuild=rebuild)
    seconds = time.perf_counter() - began
    if years:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE economics_drgsummary")
        print(f"  summary: {len(years)} years summed in {seconds:.1f} s")
    return seconds


def measure_requests(years: list[int], repeat: int) -> list[float]:
    from django.contrib.auth.models import User
    from django.test import Client

    from organisation.models import Clinic

    client = Client()
    client.force_login(User.objects.get(username="qulturum"))
    clinics = list(Clinic.objects.order_by("id").values_list("id", flat=True))
    url = "/api/v1/economics/drg/"

    def get(params):
        response = client.get(url, params)
        assert response.status_code == 200, (params, response.status_code, response.content[:300])

    print(f"\nGET {url}, {repeat} requests each (ms; queries per request)")
    print(
        f"  {'year':<6}{'region p50':>11}{'p95':>7}{'queries':>9}{'clinic p50':>12}{'p95':>7}{'queries':>9}"
    )
    worst = []
    for year in years:
        region = time_calls(lambda i, y=year: get({"year": y}), repeat, warm_up=1)
        clinic = time_calls(
            lambda i, y=year: get({"year": y, "clinic": clinics[(i * 7) % len(clinics)]}),
            repeat,
            warm_up=1,
        )
        line = f"  {year:<6}"
        for runs in (region, clinic):
            p50, p95 = percentiles([r.ms for r in runs])
            queries = sorted({r.queries for r in runs})
            counts = f"{queries[0]}" if len(queries) == 1 else f"{queries[0]}–{queries[-1]}"
            line += f"{p50:11.1f}{p95:7.1f}{counts:>9} "
            worst.append(p95)
        print(line)
    return worst


def measure_import(rows: int) -> tuple[float, float, float, float]:
    """Seconds: the import of a year's kpp file, the sum of its year into the summary (part of
    the import here), COPY of the file as text, COPY of its typed rows."""
    from django.db import connection

    from economics.models import KppRow
    from economics.summary import summed_years, years_changed
    from imports.models import ImportRun
    from imports.services import import_file
    from organisation.models import UnitSourceCode

    codes = np.array(
        sorted(UnitSourceCode.objects.filter(source="kpp").values_list("code", flat=True))
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"kpp_kpp_{IMPORT_YEAR}1201.csv"
        kpp_rows(IMPORT_YEAR, rows, codes).to_csv(path, sep=";", index=False)
        size = path.stat().st_size / 1e6
        print(f"\nkpp file {IMPORT_YEAR}: {rows:,} rows, {size:.0f} MB")
        began = time.perf_counter()
        run = import_file(path=path, started_by="bench")
        seconds = time.perf_counter() - began
        print(
            f"  import: {run.status}, {run.rows_accepted:,} accepted, {run.rows_rejected:,} rejected, "
            f"{run.rows_held:,} held{f' ({run.message})' if run.message else ''}"
        )
        assert summed_years([IMPORT_YEAR]) == {IMPORT_YEAR}, "the import's year was not summed"
        # The same sum again, timed on its own.
        with connection.cursor() as cursor:
            years_changed(cursor, "SELECT %s AS year", [IMPORT_YEAR])
        summing = sum_years()
        with connection.cursor() as cursor:
            columns = ", ".join(f"{name} text" for name in KPP_HEADER)
            cursor.execute("DROP TABLE IF EXISTS bench_copy")
            cursor.execute(f"CREATE UNLOGGED TABLE bench_copy ({columns})")
            began = time.perf_counter()
            with (
                open(path, "rb") as handle,
                cursor.copy(
                    "COPY bench_copy FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)"
                ) as stream,
            ):
                while block := handle.read(1 << 20):
                    stream.write(block)
            text_copy = time.perf_counter() - began
            cursor.execute("DROP TABLE bench_copy")
            # The storage floor: the imported rows, typed, into a logged copy of the table with its indexes.
            buffer = io.BytesIO()
            with cursor.copy(
                f"COPY (SELECT * FROM economics_kpprow WHERE year = {IMPORT_YEAR}) TO STDOUT"
            ) as stream:
                for block in stream:
                    buffer.write(block)
            cursor.execute("DROP TABLE IF EXISTS bench_kpp")
            cursor.execute("CREATE TABLE bench_kpp (LIKE economics_kpprow INCLUDING ALL)")
            began = time.perf_counter()
            with cursor.copy("COPY bench_kpp FROM STDIN") as stream:
                stream.write(buffer.getvalue())
            floor = time.perf_counter() - began
            cursor.execute("DROP TABLE bench_kpp")
    # Back to the built state, so a rerun imports the same year into the same table.
    KppRow.objects.filter(year=IMPORT_YEAR).delete()
    ImportRun.objects.filter(kind="kpp").delete()
    with connection.cursor() as cursor:
        years_changed(cursor, "SELECT %s AS year", [IMPORT_YEAR])
    sum_years()  # finds the year gone, and drops it from the summary
    return seconds, summing, text_copy, floor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop and build the database again")
    parser.add_argument("--years", type=int, default=5, help="years of KPP rows (when built)")
    parser.add_argument(
        "--rows-per-year", type=int, default=1_500_000, help="KPP rows a year (when built)"
    )
    parser.add_argument("--repeat", type=int, default=30, help="requests per year and level")
    parser.add_argument(
        "--all-years", action="store_true", help="measure every year, not only the newest"
    )
    args = parser.parse_args()
    fresh = own_database("_econ_bench", rebuild=args.rebuild)
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    if fresh:
        print(
            f"building the region (once; --rebuild to start over): {args.years} years × {args.rows_per_year:,} rows"
        )
        build(list(range(LAST_YEAR - args.years + 1, LAST_YEAR + 1)), args.rows_per_year)
    else:
        call_command("migrate", verbosity=0)  # the code may have moved on since the data were built
        sum_years()
    from django.db.models import Count

    from economics.models import KppRow

    counts = dict(KppRow.objects.values_list("year").annotate(n=Count("id")))
    years = sorted(counts)
    print(f"KPP rows: {sum(counts.values()):,} over {len(years)} years")
    print(
        f"load average before measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)"
    )
    worst = measure_requests(years if args.all_years else years[-1:], max(args.repeat, 3))
    seconds, summing, text_copy, floor = measure_import(max(counts.values()))
    rows = max(counts.values())
    print(f"  import_file: {seconds:.1f} s = {rows / seconds:,.0f} rows/s")
    print(f"  of which the sum of its year into the DRG summary: {summing:.1f} s")
    print(
        f"  COPY of the file (unlogged, text): {text_copy:.1f} s; import/COPY {seconds / text_copy:.1f}×"
    )
    print(
        f"  storage floor (typed rows into a logged copy of the KPP table with its indexes): {floor:.1f} s"
    )
    verdict = lambda ok: "met" if ok else "NOT MET"  # noqa: E731
    print("\ntargets")
    print(f"  DRG figures p95 < 300 ms: slowest {max(worst):.1f} ms, {verdict(max(worst) < 300)}")
    print(
        f"  import within 3× its storage floor: {seconds / floor:.1f}×, {verdict(seconds <= 3 * floor)}"
        f" (without the summary's sum, a worker's task in production: {(seconds - summing) / floor:.1f}×)"
    )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
