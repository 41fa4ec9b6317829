"""The import log's counts agree with their number, in Swedish and in English."""

from __future__ import annotations

import pytest
from django.utils import translation

from imports.models import RunStatus
from imports.services import import_file
from tests.imports.conftest import lines

GOOD = "K{i};2026-01-05;C100;;1;BESOK;LAK;;GENOMFORD;;;;;"
BAD = "B{i};2026-13-01;C100;;1;BESOK;LAK;;GENOMFORD;;;;;"
UNMAPPED = "N{i};2026-01-05;C999;;1;BESOK;LAK;;GENOMFORD;;;;;"


def rows(template: str, n: int, start: int = 0) -> list[str]:
    return [template.format(i=i) for i in range(start, start + n)]


def imported(write, language: str, *row_lines: str):
    with translation.override(language):
        return import_file(
            path=write("kontakter_cosmic_20260110.csv", lines(*row_lines)), started_by="t"
        )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "1 rad importerad. 1 rad avvisad. 1 rad väntar på att en kod mappas."),
        ("en", "1 row imported. 1 row rejected. 1 row is waiting for a code to be mapped."),
    ],
)
def test_one_of_each_is_singular(units, write, settings, language, expected):
    settings.KPS_IMPORT_MAX_REJECT_SHARE = 0.5
    run = imported(write, language, *rows(GOOD, 1), *rows(BAD, 1), *rows(UNMAPPED, 1))
    assert (run.status, run.rows_accepted, run.rows_rejected, run.rows_held) == (
        RunStatus.PARTIAL,
        1,
        1,
        1,
    )
    assert run.message == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "40 rader importerade. 2 rader avvisade. 2 rader väntar på att en kod mappas."),
        ("en", "40 rows imported. 2 rows rejected. 2 rows are waiting for a code to be mapped."),
    ],
)
def test_more_than_one_is_plural(units, write, language, expected):
    run = imported(write, language, *rows(GOOD, 40), *rows(BAD, 2), *rows(UNMAPPED, 2))
    assert (run.status, run.rows_accepted, run.rows_rejected, run.rows_held) == (
        RunStatus.PARTIAL,
        40,
        2,
        2,
    )
    assert run.message == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "1 av 1 rad (100,0\u00a0%) bröt mot reglerna; gränsen är 5,0\u00a0%."),
        ("en", "1 of 1 row (100.0\u00a0%) broke the rules; the limit is 5.0\u00a0%."),
    ],
)
def test_a_refused_one_row_file_says_row(units, write, language, expected):
    run = imported(write, language, *rows(BAD, 1))
    assert run.status == RunStatus.REFUSED
    assert run.message.startswith(expected), run.message
