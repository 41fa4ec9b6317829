"""An Excel extract that unpacks to far more than it weighs, or has too many rows, is refused quickly."""

from __future__ import annotations

from openpyxl import Workbook

from facts.models import Contact
from imports.models import RunStatus
from imports.services import import_file
from tests.bombs import zip_bomb
from tests.imports.conftest import KONTAKTER_HEADER


def test_a_zip_bomb_extract_is_refused_before_it_is_parsed_and_says_why(units, write):
    bomb = write(
        "kontakter_cosmic_20260110.xlsx",
        zip_bomb(unpacked_mib=150, header=KONTAKTER_HEADER.split(";")),
    )
    assert bomb.stat().st_size < 1024 * 1024

    run = import_file(path=bomb, started_by="test")

    assert run.status == RunStatus.REFUSED
    assert "för stor uppackad (mer än 100 MB)" in run.message
    assert "Inget ändrades" in run.message
    assert Contact.objects.count() == 0


def test_an_extract_workbook_with_more_rows_than_the_limit_is_refused_with_the_limit(
    units, write, settings
):
    settings.KPS_EXCEL_MAX_ROWS = 3
    book = Workbook()
    book.active.append(KONTAKTER_HEADER.split(";"))
    for n in range(5):
        book.active.append([f"K{n}", "2026-01-05", "C100", "19121212-1212", "1", "BESOK", "LAK"])
    path = write("kontakter_cosmic_20260110.xlsx", b"")
    book.save(path)

    run = import_file(path=path, started_by="test")

    assert run.status == RunStatus.REFUSED
    assert "fler än 3 rader" in run.message
    assert Contact.objects.count() == 0
