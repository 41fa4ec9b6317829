"""The aggregated waiting-list report regions exchange (``vantanderapport``): its rows, the
suppression of small counts, and the file.

Pure functions over counts; the counts come from ``selectors.collaboration.own_report_counts``.
Nothing person-level ever reaches them: a row is a phase and a KVÅ code with its counts.

Suppression, as official statistics do it:
- a group (a phase and KVÅ code) with fewer waiting than the threshold is not reported under
  its code: it is pooled into the phase's row without a code, so the region's totals stay whole;
- if that pool is itself below the threshold, the smallest coded groups of the phase join it until
  it is not (so no hidden group can be recovered by subtracting the shown ones from a total);
  a phase with fewer waiting in all than the threshold is left out;
- the optional breakdowns (over 150 days, PVV, MOV) below the threshold are left empty; when one
  of PVV and MOV is left empty so is the other, since waiting minus those within the guarantee is
  their sum.
Waiting within the guarantee and over 90 days are required by the format and shown on every
row that is reported, which is a group of at least the threshold.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from django.conf import settings

COLUMNS = [
    "matdatum",
    "lan_kod",
    "fas",
    "kva_kod",
    "antal",
    "antal_vardgaranti",
    "over_90",
    "over_150",
    "pvv",
    "mov",
]
# The counts of a row, by their names in the format.
COUNTS = ["antal", "antal_vardgaranti", "over_90", "over_150", "pvv", "mov"]
OPTIONAL = ["over_150", "pvv", "mov"]


def threshold() -> int:
    """Counts below this are suppressed (KPS_REGION_REPORT_MIN_COUNT, default 5)."""
    return int(getattr(settings, "KPS_REGION_REPORT_MIN_COUNT", 5))


def file_name(county: str, day: date) -> str:
    return f"vantanderapport_{county}_{day:%Y%m%d}.csv"


def _pool(rows: list[dict], phase: int) -> dict:
    pooled = {"fas": phase, "kva_kod": ""}
    for name in COUNTS:
        pooled[name] = sum(r[name] for r in rows)
    return pooled


def suppress(rows: Iterable[dict], minimum: int) -> list[dict]:
    """The rows as they may be published: small groups pooled, small breakdowns left empty."""
    result: list[dict] = []
    by_phase: dict[int, list[dict]] = {}
    for row in rows:
        by_phase.setdefault(row["fas"], []).append(dict(row))
    for phase in sorted(by_phase):
        groups = by_phase[phase]
        if minimum <= 1:
            result += sorted(groups, key=lambda r: r["kva_kod"])
            continue
        coded = sorted(
            (r for r in groups if r["kva_kod"] and r["antal"]),
            key=lambda r: (r["antal"], r["kva_kod"]),
        )
        pooled = [r for r in groups if not r["kva_kod"]]
        pooled += [r for r in coded if r["antal"] < minimum]
        shown = [r for r in coded if r["antal"] >= minimum]
        pool = _pool(pooled, phase)
        while 0 < pool["antal"] < minimum and shown:
            pooled.append(shown.pop(0))
            pool = _pool(pooled, phase)
        rows_out = sorted(shown, key=lambda r: r["kva_kod"])
        if pool["antal"] >= minimum:
            rows_out.insert(0, pool)
        result += rows_out
    for row in result:
        for name in OPTIONAL:
            if row[name] is not None and 0 < row[name] < minimum:
                row[name] = None
        if (row["pvv"] is None) != (row["mov"] is None):
            row["pvv"] = row["mov"] = None
    return result


def report_rows(counts: Iterable[dict], *, county: str, day: date, minimum: int) -> list[dict]:
    """The report's rows in the format's columns, suppressed with ``minimum``."""
    return [{"matdatum": day, "lan_kod": county, **row} for row in suppress(counts, minimum)]


def to_csv(rows: list[dict]) -> str:
    """The file as the format describes it: UTF-8, semicolons, a header, ISO dates, empty for no value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row[c].isoformat()
                if isinstance(row[c], date)
                else ("" if row[c] is None else row[c])
                for c in COLUMNS
            ]
        )
    return buffer.getvalue()
