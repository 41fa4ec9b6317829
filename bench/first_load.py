"""Benchmark: a manager's first visit to the call-in page, in a browser with a cold cache.

    python bench/first_load.py [--var-dir var] [--serve production|demo|both] [--runs 5]

Uses the demo region that ``scripts/demo`` builds (the SQLite database and files in
``--var-dir``, by default ``var/``; build it first). Serves it on the loopback the way
it is served, with the static files collected into a temporary folder (the demo's own
``var/static`` is left alone):

- ``production``: gunicorn with debug off, whitenoise serving the collected files, as
  in a region's deployment (the database stays the demo's SQLite);
- ``demo``: what ``scripts/demo`` starts, Django's development server with debug on;
- ``both`` (the default): one after the other.

Chromium (Debian's, driven by Playwright) logs in as the demo's manager (``chef``) once,
then for each run opens the call-in page in a new browser context holding only that
session: an empty cache, as on a hospital PC's first visit. It measures, with the page's
own clock from the start of navigation, the time until every chart on the page is drawn
(each ``.kps-chart`` marked rendered by kps-charts.js), and the bytes that crossed the
network for the page (the sum of Chromium's encoded data lengths, headers included, of
every response). It then opens the page again in the same context (a return visit, the
cache filled) and measures the same. Printed per run and as the median, with the
targets: charts drawn in under 1.5 s and under 1.5 MB (10^6 bytes) transferred on the
first visit, both at the median.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from harness import collect_static

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]
TARGET_MS = 1500
TARGET_BYTES = 1_500_000
CALLIN = "/uppfoljning/callin/"
USER, PASSWORD = "chef", "demo-chef"

# Resolves to performance.now() (ms since navigation began) once every chart is drawn or failed.
DRAWN = """() => {
  const charts = document.querySelectorAll('.kps-chart[data-chart-url]').length;
  const done = document.querySelectorAll('.kps-chart[data-rendered=true], .kps-chart-error').length;
  return charts > 0 && done >= charts ? performance.now() : false;
}"""
# Where the time went, on the same clock: the page's HTML, its scripts run, the charts' data in.
PHASES = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const data = performance.getEntriesByType('resource').filter(r => r.name.includes('/diagram/'));
  return [nav.responseEnd, nav.domContentLoadedEventEnd, Math.max(...data.map(r => r.responseEnd))];
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def serve(mode: str, var_dir: Path, work: Path) -> tuple[subprocess.Popen, str]:
    """The demo region served as ``mode`` on a free port; returns the process and its address."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kps.settings",
        "KPS_VAR_DIR": str(var_dir),
        "DJANGO_STATIC_ROOT": str(work / f"static-{mode}"),
        "KPS_LOG_LEVEL": "WARNING",
    }
    if mode == "production":
        env["DJANGO_DEBUG"] = "false"
        collect_static(env, ROOT)
        command = [sys.executable, "-m", "gunicorn", "kps.wsgi", "--bind", f"127.0.0.1:{port}",
                   "--workers", "2", "--threads", "2", "--worker-class", "gthread"]  # fmt: skip
    else:
        # As scripts/demo serves it: debug on, the collected files (see scripts/demo).
        env["DJANGO_DEBUG"] = "true"
        env["KPS_DEMO_LOGIN"] = "1"
        collect_static(env, ROOT)
        env["KPS_STATIC_COLLECTED"] = "1"
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    log = (work / f"{mode}.log").open("w")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the {mode} server ended with {server.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"{base}/healthz/", timeout=5) as response:
                if response.status == 200:
                    return server, base
        except OSError:
            time.sleep(0.3)
    stop(server)
    sys.exit(f"the {mode} server did not answer within 60 s; see {log.name}")


@dataclass
class Visit:
    drawn_ms: float
    bytes: int
    requests: int
    # ms: HTML received, DOMContentLoaded (scripts run), chart data received, main thread busy
    phases: list[float]
    largest: list[tuple[int, str, str]] = field(default_factory=list)  # bytes, url, encoding


def encoding(headers: dict[str, str]) -> str:
    """The Content-Encoding of a response (CDP keeps the server's spelling of header names)."""
    return next((v for k, v in headers.items() if k.lower() == "content-encoding"), "")


def visit(context, url: str) -> Visit:
    """Open ``url`` in a new page of ``context``; the time its charts took and the bytes it moved."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    responses: dict[str, tuple[str, str]] = {}
    received: dict[str, int] = {}
    cdp.on(
        "Network.responseReceived",
        lambda e: responses.__setitem__(
            e["requestId"],
            (e["response"]["url"], encoding(e["response"]["headers"])),
        ),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: received.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    cdp.send("Network.enable")
    cdp.send("Performance.enable")
    page.goto(url, wait_until="commit")
    drawn = page.wait_for_function(DRAWN, timeout=120_000).json_value()
    if page.locator(".kps-chart-error").count():
        sys.exit(f"a chart failed to draw on {url}")
    # The last responses (the favicon, a chart's tail) are counted before the page closes.
    page.wait_for_load_state("networkidle")
    phases = page.evaluate(PHASES)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    # How long the page's main thread ran tasks (scripts, layout, painting): against the time to
    # drawn, how much of it the browser worked rather than waited for the network or the server.
    phases.append(metrics["TaskDuration"] * 1000)
    largest = sorted(
        ((n, *responses.get(rid, ("?", ""))) for rid, n in received.items()), reverse=True
    )
    page.close()
    return Visit(float(drawn), sum(received.values()), len(received), phases, largest[:3])


def measure(browser, base: str, runs: int) -> tuple[list[Visit], list[Visit]]:
    """``runs`` first visits, each in a context with an empty cache, and a return visit after each."""
    login = browser.new_context(locale="sv-SE")
    page = login.new_page()
    page.goto(f"{base}/logga-in/")
    page.fill("#id_username", USER)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(lambda u: "/logga-in/" not in u)
    session = login.storage_state()
    login.close()
    first, again = [], []
    for _ in range(runs):
        context = browser.new_context(
            storage_state=session, locale="sv-SE", viewport={"width": 1280, "height": 900}
        )
        first.append(visit(context, base + CALLIN))
        again.append(visit(context, base + CALLIN))
        context.close()
    return first, again


def kb(n: float) -> str:
    return f"{n / 1000:,.0f} kB".replace(",", " ")


def report(mode: str, first: list[Visit], again: list[Visit]) -> bool:
    print(f"\n{mode}: call-in page as the demo's manager, {len(first)} runs")
    print(
        f"  {'run':<5}{'first: drawn':>14}{'bytes':>12}{'requests':>10}   {'return: drawn':>14}{'bytes':>12}"
    )
    for i, (a, b) in enumerate(zip(first, again, strict=True), 1):
        print(f"  {i:<5}{a.drawn_ms:>11.0f} ms{kb(a.bytes):>12}{a.requests:>10}   {b.drawn_ms:>11.0f} ms{kb(b.bytes):>12}")  # fmt: skip
    drawn = statistics.median(v.drawn_ms for v in first)
    moved = statistics.median(v.bytes for v in first)
    print("  largest responses of the first visit: "
          + "; ".join(f"{url.split('/', 3)[-1]} {kb(n)} ({enc or 'not compressed'})"
                    for n, url, enc in first[-1].largest))  # fmt: skip
    html, scripts, data, busy = (statistics.median(v.phases[i] for v in first) for i in range(4))
    print(f"  median first visit on the page's clock: HTML in {html:.0f} ms, scripts run (DOMContentLoaded) "
          f"{scripts:.0f} ms, chart data in {data:.0f} ms, charts drawn {drawn:.0f} ms; the page's "
          f"main thread running tasks {busy:.0f} ms")  # fmt: skip
    ok_time, ok_bytes = drawn < TARGET_MS, moved < TARGET_BYTES
    verdict = lambda ok: "met" if ok else "NOT MET"  # noqa: E731
    print(f"  median first visit: charts drawn in {drawn:.0f} ms (target < {TARGET_MS} ms, {verdict(ok_time)}), "
          f"{kb(moved)} transferred (target < {kb(TARGET_BYTES)}, {verdict(ok_bytes)}); "
          f"return visit {statistics.median(v.drawn_ms for v in again):.0f} ms, "
          f"{kb(statistics.median(v.bytes for v in again))}")  # fmt: skip
    return ok_time and ok_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", type=Path, default=ROOT / "var", help="the demo's var folder")
    parser.add_argument("--serve", choices=["production", "demo", "both"], default="both")
    parser.add_argument("--runs", type=int, default=5, help="first visits per server (1-50)")
    args = parser.parse_args()
    if not 1 <= args.runs <= 50:
        sys.exit("--runs: 1 to 50.")
    if not (args.var_dir / "demo-ready").exists():
        sys.exit(f"No finished demo region in {args.var_dir}: build it with scripts/demo first.")
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not chromium:
        sys.exit("Chromium not found: apt-get install chromium, or set CHROMIUM_PATH.")
    from playwright.sync_api import sync_playwright

    modes = ["production", "demo"] if args.serve == "both" else [args.serve]
    work = Path(tempfile.mkdtemp(prefix="kps-first-load-"))
    print(
        f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)"
    )
    ok = True
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for mode in modes:
                server, base = serve(mode, args.var_dir.resolve(), work)
                try:
                    first, again = measure(browser, base, args.runs)
                finally:
                    stop(server)
                ok = report(mode, first, again) and ok
        finally:
            browser.close()
    print(f"\nload average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
