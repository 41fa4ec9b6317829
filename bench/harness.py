"""What the request benchmarks share: a database of their own, percentiles, and a request's SQL time.

Imported by every script in ``bench/`` (run as scripts, so this module is found
beside them). Django is imported only inside the
functions, because the scripts set the database up before Django starts.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit


def bench_url(url: str, suffix: str) -> str:
    """The benchmark's own database: the configured one's name with ``suffix`` appended."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + suffix))


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


def own_database(suffix: str, *, rebuild: bool) -> bool:
    """Point the benchmark at a PostgreSQL database of its own beside DATABASE_URL's (its name
    plus ``suffix``; created if missing, dropped first with ``rebuild``), before Django starts.
    True when it is new and must be filled."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "Set DATABASE_URL to a PostgreSQL database; the benchmark makes a database of its own beside it."
        )
    target = bench_url(url, suffix)
    fresh = ensure_database(target, rebuild=rebuild)
    os.environ["DATABASE_URL"] = target
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kps.settings")
    os.environ.setdefault("KPS_LOG_LEVEL", "WARNING")
    return fresh


def collect_static(env: dict[str, str], cwd) -> None:
    """collectstatic into the environment's DJANGO_STATIC_ROOT, as the image build does: a server
    with debug off names the hashed copies it makes (the settings' static storage)."""
    done = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=cwd, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        sys.exit(f"collectstatic failed:\n{done.stderr}")


def source_static_files() -> None:
    """Requests made in-process name the source static files, as the tests do: the hashed names
    need collectstatic first, and naming a file costs the same either way."""
    from django.conf import settings
    from django.test import override_settings

    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()


def percentiles(values: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile (nearest rank, so it is one of the measured values)."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


@dataclass
class Timed:
    """One timed call: its wall time, and the time and number of the SQL statements it ran."""

    ms: float = 0.0
    sql_ms: float = 0.0
    queries: int = 0


@contextmanager
def timed():
    """Time what runs inside: wall time, and every statement's execution (sent, run and its
    rows received) through Django's execute wrapper, so no query is left out."""
    from django.db import connection

    record = Timed()

    def wrapper(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            record.sql_ms += (time.perf_counter() - began) * 1000
            record.queries += 1

    with connection.execute_wrapper(wrapper):
        began = time.perf_counter()
        yield record
        record.ms = (time.perf_counter() - began) * 1000


def time_calls(call, count: int, *, warm_up: int = 3) -> list[Timed]:
    """``call(i)`` timed ``count`` times after ``warm_up`` untimed calls (which fill the caches
    of templates, connections and the database's buffers)."""
    return interleaved([call], count, warm_up=warm_up)[0]


def interleaved(
    calls: list, count: int, *, warm_up: int = 3, alternate: bool = False
) -> list[list[Timed]]:
    """Like ``time_calls`` for several calls taken in turn (``a(i)``, ``b(i)``, ``a(i + 1)``, …),
    so on a shared machine they meet the same load and their times can be compared.

    ``alternate`` reverses the order every other round (``b(i)``, ``a(i)``): when the calls read
    the same rows, whichever runs second finds them in the database's buffers, so each call
    goes first half of the time."""
    results: list[list[Timed]] = [[] for _ in calls]
    for i in range(warm_up + count):
        pairs = list(zip(calls, results, strict=True))
        for call, runs in pairs[::-1] if alternate and i % 2 else pairs:
            with timed() as record:
                call(i)
            if i >= warm_up:
                runs.append(record)
    return results
