"""The downloadable error report: every rejected row, with nothing Excel would run as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from imports.models import ImportRun, RejectedRow, RunStatus
from imports.services import import_file
from tests.imports_web.extracts import KONTAKTER_COLUMNS, contact, write_extract

pytestmark = pytest.mark.django_db

ATTACKS = ["=cmd|' /C calc'!A0", "+SUM(1+1)", "-2+3", "@SUM(A1)", "\tTAB", '=HYPERLINK("http://x")']


@pytest.fixture
def hostile_run(db):
    run = ImportRun.objects.create(
        file_name="=kontakter_cosmic_20261121.csv", kind="kontakter", source="cosmic", checksum="c" * 64,
        status=RunStatus.PARTIAL, rows_rejected=len(ATTACKS), started_by="admin",
    )  # fmt: skip
    RejectedRow.objects.bulk_create(
        RejectedRow(run=run, line=n, column=attack, message=attack)
        for n, attack in enumerate(ATTACKS, start=2)
    )
    return run


def test_the_csv_report_neutralises_formula_cells(client_as, hostile_run):
    response = client_as("qulturum").get(
        reverse("imports:error_report", args=[hostile_run.pk, "csv"])
    )
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="avvisade_rader_{hostile_run.pk}.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["fil", "rad", "kolumn", "meddelande"]
    assert rows[1][:3] == ["'=kontakter_cosmic_20261121.csv", "2", "'=cmd|' /C calc'!A0"]
    assert [row[3] for row in rows[1:]] == ["'" + attack for attack in ATTACKS]
    # No cell of the file starts the way a formula does.
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for row in rows for cell in row)


def test_the_xlsx_report_holds_the_values_as_text_not_formulas(client_as, hostile_run):
    response = client_as("admin").get(
        reverse("imports:error_report", args=[hostile_run.pk, "xlsx"])
    )
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "'" + attack for attack in ATTACKS
    ]
    # Line numbers stay numbers.
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == list(
        range(2, 2 + len(ATTACKS))
    )


def test_a_value_from_the_file_reaches_the_report_as_data(client_as, cosmic_units, tmp_path):
    rows = [contact(f"K{n}", "C1") for n in range(40)] + [
        contact("K99", "C1", contact_type="=cmd|' /C calc'!A0")
    ]
    run = import_file(path=write_extract(tmp_path / "kontakter_cosmic_20260306.csv", KONTAKTER_COLUMNS, rows),
                      started_by="test")  # fmt: skip
    assert (run.status, run.rows_rejected) == (RunStatus.PARTIAL, 1)

    response = client_as("admin").get(reverse("imports:error_report", args=[run.pk, "csv"]))
    [header, row] = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert row[:3] == ["kontakter_cosmic_20260306.csv", "42", "kontakttyp"]
    assert "cmd|" in row[3]
    detail = client_as("admin").get(reverse("imports:run", args=[run.pk])).content.decode()
    assert reverse("imports:error_report", args=[run.pk, "xlsx"]) in detail


def test_an_unknown_format_is_not_found(client_as, hostile_run):
    assert (
        client_as("admin").get(f"/import/korning/{hostile_run.pk}/avvisade.pdf").status_code == 404
    )
