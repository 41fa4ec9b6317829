"""Benchmark: import a kontakter file of N rows end to end, against COPY of the same file.

    DATABASE_URL=postgres://user@host:5432/kps python bench/import_kontakter.py --rows 1000000

Works in a database of its own (the configured name + "_bench", dropped and
created anew), so it never touches the configured database. Prints rows/s of
the import (import_file, the service the command and the nightly task use)
and of a plain COPY of the file into an UNLOGGED table of text columns (the
physical limit), their ratio, and the importer's peak memory (VmHWM of the
child process that ran only the import).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from harness import own_database

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "kontakt_id",
    "kontakt_datum",
    "enhet_kod",
    "personnummer",
    "fas",
    "kontakttyp",
    "yrkeskategori",
    "kva_koder",
    "status",
    "beslut_datum",
    "medicinskt_maldatum",
    "avvikelse",
    "vardgaranti",
    "prioritet",
]
UNITS = 40


def generate(path: Path, rows: int, seed: int = 1) -> None:
    """A kontakter file of exactly N rows in the contract format, drawn with numpy.

    The demo generator simulates a whole region (its file sizes follow from the
    region); a benchmark needs a row count, so rows are drawn here and written
    with the demo's CSV writer where the demo is installed.
    """
    rng = np.random.default_rng(seed)
    patients = max(rows // 4, 100)
    born = np.datetime64("1930-01-01") + rng.integers(0, 90 * 365, patients).astype(
        "timedelta64[D]"
    )
    identity = (
        pd.Series(pd.DatetimeIndex(born).strftime("%Y%m%d"))
        + "-"
        + pd.Series(rng.integers(0, 10000, patients)).map("{:04d}".format)
    ).to_numpy()
    combos = np.array(
        [
            (1, "BESOK", "LAK"),
            (4, "BESOK", "LAK"),
            (4, "TELEFON", "SSK"),
            (2, "BESOK", "LAK"),
            (1, "VIDEO", "LAK"),
            (4, "BESOK", "SSK"),
            (3, "BESOK", "LAK"),
        ],
        dtype=object,
    )
    codes = np.array(["NFB49", "NGB49 ZXA10", "", "", "AQ014", "DV091"])
    # Up to the file's extract date (2026-11-21): later contacts would be rejected.
    day = np.datetime64("2026-01-01") + rng.integers(0, 325, rows).astype("timedelta64[D]")
    combo = combos[rng.integers(0, len(combos), rows)]
    waited = rng.random(rows) < 0.6
    decision = np.where(
        waited, day - rng.integers(5, 200, rows).astype("timedelta64[D]"), np.datetime64("NaT")
    )
    columns = [
        np.char.add("K", np.char.zfill(np.arange(rows).astype(str), 9)),
        np.datetime_as_string(day, unit="D"),
        np.char.add("C", np.char.zfill(rng.integers(0, UNITS, rows).astype(str), 3)),
        identity[rng.integers(0, patients, rows)],
        combo[:, 0],
        combo[:, 1],
        combo[:, 2],
        codes[rng.integers(0, len(codes), rows)],
        np.where(rng.random(rows) < 0.01, "MAKULERAD", "GENOMFORD"),
        np.where(waited, np.char.replace(np.datetime_as_string(decision, unit="D"), "-", ""), ""),
        np.full(rows, ""),
        np.where(rng.random(rows) < 0.05, "PVV", ""),
        np.where(waited, "J", ""),
        np.where(waited, rng.integers(1, 5, rows).astype(str), ""),
    ]
    try:
        from demo.generator.files import write_csv
    except ImportError:
        pd.DataFrame(dict(zip(HEADER, columns, strict=True))).to_csv(path, sep=";", index=False)
    else:
        write_csv(path, HEADER, columns)


def setup_database() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from organisation.models import Area, Clinic, Region, Unit, UnitSourceCode

    region = Region.objects.create(name="Benchregionen", county_code="06")
    area = Area.objects.create(region=region, code="BENCH", name="Bench")
    clinic = Clinic.objects.create(area=area, code="BENCHK", name="Benchkliniken")
    for i in range(UNITS):
        unit = Unit.objects.create(clinic=clinic, code=f"B{i:03d}", name=f"Enhet {i}")
        UnitSourceCode.objects.create(unit=unit, source="cosmic", code=f"C{i:03d}")


def peak_memory_kib() -> int:
    """This process's peak resident memory since it started.

    VmHWM, not getrusage's maxrss: on Linux maxrss survives exec, so a child
    would report the benchmark parent's memory at the fork.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_import(path: str) -> None:
    """Child process: only the import, so its peak memory is the importer's."""
    import django

    django.setup()
    from imports.services import import_file

    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    run = import_file(path=path, kind="kontakter", source="cosmic", started_by="bench")
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
    peak_kib = peak_memory_kib()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "status": run.status,
                "accepted": run.rows_accepted,
                "rejected": run.rows_rejected,
                "held": run.rows_held,
                "peak_kib": peak_kib,
                "message": run.message,
            }
        )
    )


def copy_baseline(path: Path) -> float:
    """Seconds to COPY the file as it is into an UNLOGGED table of text columns."""
    from django.db import connection

    columns = ", ".join(f"{name} text" for name in HEADER)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute(f"CREATE UNLOGGED TABLE bench_copy ({columns})")
        started = time.perf_counter()
        with (
            open(path, "rb") as handle,
            cursor.copy(
                "COPY bench_copy FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)"
            ) as copy,
        ):
            while block := handle.read(1 << 20):
                copy.write(block)
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_copy")
    return seconds


def contact_table_floor() -> float:
    """Seconds to COPY the imported contacts, already typed, into a logged table like the contact
    table (same columns, defaults and indexes): what storing them costs with no importer at all."""
    from django.db import connection

    buffer = io.BytesIO()
    with connection.cursor() as cursor:
        with cursor.copy("COPY followup_contact TO STDOUT") as copy:
            for block in copy:
                buffer.write(block)
        cursor.execute("DROP TABLE IF EXISTS bench_contact")
        cursor.execute("CREATE TABLE bench_contact (LIKE followup_contact INCLUDING ALL)")
        started = time.perf_counter()
        with cursor.copy("COPY bench_contact FROM STDIN") as copy:
            copy.write(buffer.getvalue())
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_contact")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--import-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kps.settings")
    if args.import_only:
        run_import(args.import_only)
        return

    # A new database each run: the import is measured into empty tables.
    own_database("_bench", rebuild=True)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kontakter_cosmic_20261121.csv"
        started = time.perf_counter()
        generate(path, args.rows)
        size_mb = path.stat().st_size / 1e6
        print(
            f"generated {args.rows:,} rows ({size_mb:.0f} MB) in {time.perf_counter() - started:.1f} s"
        )
        setup_database()

        child = subprocess.run(
            [sys.executable, __file__, "--import-only", str(path)],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ,
        )
        result = json.loads(child.stdout.strip().splitlines()[-1])
        copy_seconds = copy_baseline(path)
        floor_seconds = contact_table_floor()

    import_rate = args.rows / result["seconds"]
    copy_rate = args.rows / copy_seconds
    print(
        f"import: {result['status']}, {result['accepted']:,} accepted, {result['rejected']:,} rejected, "
        f"{result['held']:,} held"
    )
    print(
        f"import_file: {result['seconds']:.1f} s = {import_rate:,.0f} rows/s "
        f"(importer process CPU {result['cpu']:.1f} s)"
    )
    print(f"COPY (unlogged, text): {copy_seconds:.1f} s = {copy_rate:,.0f} rows/s")
    print(f"ratio import/COPY: {result['seconds'] / copy_seconds:.2f} (target <= 3)")
    print(
        f"for scale: COPY of the imported contacts, typed, into a logged copy of the contact table "
        f"with its indexes: {floor_seconds:.1f} s = {floor_seconds / copy_seconds:.2f} x COPY"
    )
    print(f"importer peak memory: {result['peak_kib'] / 1024:.0f} MiB (target < 1024)")
    # Wall-clock figures mean little on a busy machine; say how busy it was.
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
