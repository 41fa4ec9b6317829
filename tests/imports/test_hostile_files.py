"""Malformed and hostile files never crash the importer, and a refused file changes nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facts.models import Contact, WeeklyOutcome
from imports.models import ImportRun, RunStatus
from imports.services import import_file
from tests.imports.conftest import KONTAKTER_HEADER

COLUMNS = KONTAKTER_HEADER.split(";")
VALID = [
    "K{n}",
    "2026-01-05",
    "C100",
    "19121212-1212",
    "1",
    "BESOK",
    "LAK",
    "NFB49",
    "GENOMFORD",
    "2025-12-01",
    "",
    "PVV",
    "J",
    "2",
]
HOSTILE_VALUES = st.sampled_from(
    [
        "=cmd|' /C calc'!A0",
        "+1+1",
        "@SUM(A1)",
        "-2",
        "2026-02-30",
        "20261301",
        "0000-00-00",
        "9999-99-99",
        "x" * 200_000,
        '"',
        '""',
        "\x00",
        "\x1b[31m",
        "\ufeff",
        "K;1",
        "\r\n",
        "1e9",
        "NaN",
        "None",
        "null",
        "19121312-1212",
        "2026-W99",
        "٣",
        "𝟙",
        "ÅÄÖ",
        "' OR 1=1 --",
        "'; DROP TABLE followup_contact; --",
    ]
) | st.text(max_size=30)
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def facts() -> tuple:
    return (
        tuple(
            Contact.objects.order_by("id").values_list(
                "contact_id", "unit_id", "activity_id", "date"
            )
        ),
        tuple(
            WeeklyOutcome.objects.order_by("id").values_list(
                "unit_id", "activity_id", "week", "count"
            )
        ),
    )


def import_bytes(content: bytes, name: str = "kontakter_cosmic_20260110.csv") -> ImportRun:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        return import_file(path=path, started_by="hypothesis")


def check(run: ImportRun, before: tuple) -> None:
    assert run.status in (
        RunStatus.OK,
        RunStatus.PARTIAL,
        RunStatus.REFUSED,
        RunStatus.UNCHANGED,
    ), run.message
    assert run.message
    if run.status == RunStatus.REFUSED:
        assert facts() == before
    if run.status in (RunStatus.OK, RunStatus.PARTIAL):
        assert run.rows_accepted + run.rows_rejected + run.rows_held == run.rows_read


@SETTINGS
@given(content=st.binary(max_size=2000))
def test_binary_garbage(units, content):
    before = facts()
    check(import_bytes(content), before)


@st.composite
def mutated_files(draw) -> bytes:
    rows = [[v.format(n=n) for v in VALID] for n in range(draw(st.integers(1, 12)))]
    for _ in range(draw(st.integers(0, 6))):
        row = draw(st.sampled_from(rows))
        row[draw(st.integers(0, len(COLUMNS) - 1))] = draw(HOSTILE_VALUES)
    header = list(COLUMNS)
    change = draw(st.sampled_from(["none", "drop", "duplicate", "rename", "extra"]))
    position = draw(st.integers(0, len(header) - 1))
    if change == "drop":
        del header[position]
        rows = [r[:position] + r[position + 1 :] for r in rows]
    elif change == "duplicate":
        header.append(header[position])
        rows = [r + [r[position]] for r in rows]
    elif change == "rename":
        header[position] = draw(st.text(max_size=10))
    elif change == "extra":
        header.append('=HYPERLINK("x")')
        rows = [r + ["@x"] for r in rows]
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    text = "\n".join(delimiter.join(r) for r in [header, *rows]) + "\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    content = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        content = content[: draw(st.integers(0, len(content)))]  # truncated delivery
    return content


@SETTINGS
@given(content=mutated_files())
def test_mutated_kontakter_files(units, content):
    before = facts()
    run = import_bytes(content)
    check(run, before)
    # Nothing a data steward reads may quote an identity number.
    for message in [run.message, *run.rejected_rows.values_list("message", flat=True)]:
        assert "19121212" not in message and "1912131" not in message


@SETTINGS
@given(
    name=st.sampled_from(
        [
            "vantande_cosmic_20260302.csv",
            "produktion_diver_20260110.csv",
            "bemanning_hr_20260110.txt",
            "befolkning_scb_20260101.csv",
            "kka-2021-level1.txt",
            "remisser_cosmic_20260110.csv",
            "bokade_cosmic_20260110.csv",
        ]
    ),
    body=st.lists(st.lists(HOSTILE_VALUES, min_size=1, max_size=8), min_size=1, max_size=6),
    header=st.sampled_from(
        [
            "matdatum;vantande_id;enhet_kod;fas;beslut_datum",
            "vecka;enhet_kod;matt;antal",
            "ar;vecka;enhet_kod;yrkeskategori;tillgangliga_timmar",
            "ar;lan_kod;antal",
            "Kod:\t\tKodtext:",
        ]
    ),
)
def test_hostile_rows_of_every_kind(units, name, body, header):
    delimiter = "\t" if "\t" in header else ";"
    text = header + "\n" + "\n".join(delimiter.join(row) for row in body) + "\n"
    before = facts()
    check(import_bytes(text.encode("utf-8", errors="replace"), name), before)
