"""Exports neutralise spreadsheet formulas; imports keep such values as plain data."""

from __future__ import annotations

from datetime import date

import pytest

from facts.models import Contact
from imports import safe_cell
from imports.models import RunStatus
from imports.services import import_file
from tests.imports.conftest import lines

HOSTILE = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("value", [HOSTILE, "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1+1"])
def test_text_that_would_start_a_formula_is_quoted(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Läkarbesök ny", "", "a=b", 12, -3.5, None, date(2026, 1, 5)])
def test_other_values_pass_unchanged(value):
    assert safe_cell(value) == value


def test_a_formula_in_an_extract_is_stored_as_the_text_it_is(units, write):
    run = import_file(
        path=write(
            "kontakter_cosmic_20260110.csv",
            lines(
                f'"{HOSTILE.replace(chr(34), chr(34) * 2)}";'
                "2026-01-05;C100;;1;BESOK;LAK;;GENOMFORD;;;;;"
            ),
        ),
        started_by="t",
    )
    assert run.status == RunStatus.OK
    assert Contact.objects.get().contact_id == HOSTILE
