"""Benchmark: Monday 08:00, every clinic's call-in meeting opens at once.

    DATABASE_URL=postgres://user@host:5432/kps REDIS_URL=redis://127.0.0.1:6379/11 \\
        python bench/load.py [--users 200] [--run-time 5m] [--think 20-40] [--workers 3 --threads 2]

The region is the dashboards benchmark's (``bench/dashboards.py``: 8 areas, 40 clinics,
200 units, five years of facts made with COPY), built in a PostgreSQL database of its own
(the configured name + "_load_bench") on the first run and kept for the next
(``--rebuild`` starts over). The script adds one manager account per simulated user, spread
evenly over the region's clinics (200 managers: five per clinic), then serves the
application with gunicorn and the production settings on the loopback (a free port; a
Redis database of its own for cache and sessions, as in production; TLS ends at a proxy
there, so the load generator sends ``X-Forwarded-Proto: https`` as the proxy does).

Locust, headless and bounded in users and time, plays the managers (``bench/load_locust.py``):
each logs in through the login form as its own manager, opens the call-in page and fetches
every chart the page names, reads for a while (the think time, uniform in ``--think``
seconds: a meeting looks at a page and talks about it before moving on), opens the
tactical page and its charts, reads, and starts over. All users start within the first
``--users / --spawn-rate`` seconds (by default 100 s: the managers log in in the minutes
around 08:00, and each login is a deliberately slow password hash). At the end it prints, per request type and overall,
requests per second, p50/p95/p99 and errors, the gunicorn settings and the load average,
and whether the targets hold: no errors, p95 under 1 s for every page and chart.
Everything it started (gunicorn, Locust) is stopped when it ends.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from harness import collect_static, own_database

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
PASSWORD = "bench-load-" + "x" * 8
TARGET_P95_MS = 1000


def managers(count: int) -> list[str]:
    """``count`` manager accounts, spread evenly over the region's clinics (made once, kept)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User

    from organisation.models import Clinic, Membership, Role

    clinics = list(Clinic.objects.order_by("id").values_list("id", flat=True))
    names = [f"lastchef{i:03d}" for i in range(count)]
    have = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    # One hash for all: hashing 200 passwords one by one would take a minute and prove nothing.
    password = make_password(PASSWORD)
    created = User.objects.bulk_create(
        [User(username=n, password=password) for n in names if n not in have]
    )
    Membership.objects.bulk_create(
        [
            Membership(
                user=u, role=Role.MANAGER, clinic_id=clinics[int(u.username[-3:]) % len(clinics)]
            )
            for u in created
        ]
    )
    User.objects.filter(username__in=names).update(password=password)
    return names


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(port: int, workers: int, threads: int, redis_url: str, work: Path) -> subprocess.Popen:
    """gunicorn as production runs it (``kps/gunicorn.py``) on the loopback, ready when the
    health check answers."""
    log = work / "gunicorn.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kps.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "KPS_PSEUDONYM_KEY": secrets.token_urlsafe(32),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": redis_url,
        "KPS_LOG_LEVEL": "WARNING",
        "DJANGO_STATIC_ROOT": str(work / "static"),
    }
    collect_static(env, ROOT)
    # The production server's own settings (kps/gunicorn.py), with the workers and threads asked for.
    env.update({"KPS_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers),
                "KPS_WEB_THREADS": str(threads), "KPS_ACCESS_LOG": ""})  # fmt: skip
    command = [sys.executable, "-m", "gunicorn", "-c", "python:kps.gunicorn", "kps.wsgi"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                              start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn ended with {server.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop(server)
    sys.exit(f"gunicorn did not answer within 60 s; see {log}")


def stop(process: subprocess.Popen) -> None:
    """End a process we started and its children (its own session), politely first."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def report(stats_csv: Path, args, load: tuple[float, float, float]) -> bool:
    """Print Locust's figures per request type and overall; True when the targets hold."""
    rows = list(csv.DictReader(stats_csv.open()))
    print(
        f"\n{'request':<34}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>8}  (ms)"
    )
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all requests"
        print(f"{name:<34}{row['Request Count']:>9}{row['Failure Count']:>8}{float(row['Requests/s']):>8.1f}"
              f"{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}{float(row['Max Response Time']):>8.0f}")  # fmt: skip
    total = next(r for r in rows if r["Name"] == "Aggregated")
    errors = int(total["Failure Count"])
    measured = [r for r in rows if r["Name"] != "Aggregated" and not r["Name"].startswith("login")]
    worst = max(measured, key=lambda r: float(r["95%"])) if measured else None
    print(f"\ngunicorn: {args.workers} workers × {args.threads} threads ({'gthread' if args.threads > 1 else 'sync'}), "
          f"production settings; {args.users} users, spawn rate {args.spawn_rate}/s, {args.run_time}, "
          f"think time {args.think} s; load average at the end {' '.join(f'{x:.1f}' for x in load)} "
          f"({os.cpu_count()} cores, shared with the database and the load generator)")  # fmt: skip
    ok_errors = errors == 0
    ok_p95 = worst is not None and float(worst["95%"]) < TARGET_P95_MS
    verdict = lambda ok: "met" if ok else "NOT MET"  # noqa: E731
    print(f"targets: 0 errors: {errors}, {verdict(ok_errors)}; p95 < {TARGET_P95_MS} ms for every page and chart: "
          f"slowest {worst['Name'] if worst else '-'} {worst['95%'] if worst else '-'} ms, {verdict(ok_p95)}")  # fmt: skip
    return ok_errors and ok_p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--users", type=int, default=200, help="simulated managers, each of their own account"
    )
    parser.add_argument(
        "--spawn-rate",
        type=float,
        default=2,
        help="users started per second (2: all 200 within 100 s)",
    )
    parser.add_argument(
        "--run-time", default="5m", help="how long Locust runs (Locust's notation: 90s, 5m)"
    )
    parser.add_argument(
        "--think", default="20-40", help="seconds a user reads a page before the next, low-high"
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument(
        "--threads", type=int, default=2, help="threads per gunicorn worker (gthread when > 1)"
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="drop and build the benchmark database again"
    )
    args = parser.parse_args()
    if not 1 <= args.users <= 1000:
        sys.exit("--users: 1 to 1000.")
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url.startswith("redis://127.0.0.1:"):
        sys.exit(
            "Set REDIS_URL to a Redis database of the benchmark's own on the loopback (redis://127.0.0.1:6379/N)."
        )
    fresh = own_database("_load_bench", rebuild=args.rebuild)
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if fresh:
        import dashboards

        print("building the region (once; --rebuild to start over)")
        dashboards.build()
    call_command("migrate", verbosity=0)
    names = managers(args.users)
    # What an import's end does before the morning: the summaries the dashboards read, in step.
    from followup.summary import approved_plans_summed
    from waitlists.services import waiting_summary_sync

    waiting_summary_sync()
    approved_plans_summed()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()
    # As after the night's imports, which start a new figure generation: every figure is
    # computed afresh by the morning's first request for it.
    from django.core.cache import cache

    cache.clear()

    work = Path(tempfile.mkdtemp(prefix="kps-load-"))
    port = free_port()
    print(
        f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; serving on 127.0.0.1:{port}"
    )
    server = serve(port, args.workers, args.threads, redis_url, work)
    try:
        env = {
            **os.environ,
            "KPS_LOAD_USERS": ",".join(names),
            "KPS_LOAD_PASSWORD": PASSWORD,
            "KPS_LOAD_THINK": args.think,
            "KPS_LOAD_ORIGIN": f"https://127.0.0.1:{port}",
        }
        locust = subprocess.Popen(
            [sys.executable, "-m", "locust", "-f", str(BENCH / "load_locust.py"), "--headless",
             "--host", f"http://127.0.0.1:{port}", "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
             "--run-time", args.run_time, "--stop-timeout", "30", "--csv", str(work / "load"), "--only-summary",
             "--loglevel", "WARNING"],
            env=env, start_new_session=True,
        )  # fmt: skip
        try:
            locust.wait()
        finally:
            stop(locust)
        load = os.getloadavg()
    finally:
        stop(server)
    ok = report(work / "load_stats.csv", args, load)
    print(f"(Locust's CSV files and gunicorn's log: {work})")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
