"""CSV and Excel downloads of a waiting-list table.

CSV in the form Swedish Excel opens directly: UTF-8 with a byte order mark,
semicolons and a decimal comma. Every text cell passes ``imports.safe_cell``
so imported text can never run as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from imports import safe_cell

from .tables import Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}".replace(".", ",")
    if isinstance(value, date):
        return value.isoformat()
    return safe_cell(str(value)) if isinstance(value, str) else value


def csv_response(table: Table, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(label) for _key, label in table.columns])
    for values in table.values():
        writer.writerow([_csv_value(v) for v in values])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(table: Table, filename: str) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    sheet.title = table.title[:31]
    sheet.append([safe_cell(label) for _key, label in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in table.values():
        sheet.append([safe_cell(v) for v in values])
    sheet.freeze_panes = "B2"
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = min(
            48, max(10, *(len(str(c.value or "")) for c in column[:50]))
        )
    output = io.BytesIO()
    book.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
