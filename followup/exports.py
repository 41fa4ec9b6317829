"""A chart's table as CSV (the way Swedish Excel opens it) or as an Excel workbook.

Text cells pass through ``imports.safe_cell`` so a unit or activity name that
starts like a formula is shown as text, never run.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook

from imports import safe_cell


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float | Decimal):
        # Swedish Excel reads a decimal comma as a number; a point would become text or a date.
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        return format(number.normalize(), "f").replace(".", ",")
    if isinstance(value, date):
        return value.isoformat()
    return str(safe_cell(value))


def table_csv(columns: list[str], rows: list[list]) -> bytes:
    """Semicolons and a byte-order mark, as Excel set to Swedish expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in columns])
    writer.writerows([_csv_value(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return float(value)
    return safe_cell(value)


def table_xlsx(columns: list[str], rows: list[list], *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    # Sheet titles are at most 31 characters and may not hold some punctuation.
    sheet = workbook.create_sheet(("".join(c for c in title if c not in "[]:*?/\\") or "Data")[:31])
    sheet.append([safe_cell(c) for c in columns])
    for row in rows:
        sheet.append([_xlsx_value(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
