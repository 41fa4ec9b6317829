"""Arrow's CSV reader and the row-by-row reader must give the same rows and line numbers.

Arrow takes only plain files (no quotes, one line per row); for those both
readers are run here and compared, on hostile generated content as well.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports import parsing

FIELD = st.text(alphabet=st.sampled_from(list("ab1 ;,\tÅé-") + ["\r", "\n", '"']), max_size=6)


def both_readers(path, chunk_rows=3):
    fast = parsing._arrow_table(path, parsing.detect_encoding(path), ";", chunk_rows)
    original = parsing.FAST_MAX_BYTES
    parsing.FAST_MAX_BYTES = -1  # the row-by-row reader only
    try:
        slow = parsing.open_table(path, chunk_rows=chunk_rows)
    finally:
        parsing.FAST_MAX_BYTES = original
    return fast, slow


def rows_of(table):
    lines, rows, malformed = [], [], []
    for chunk in table.chunks:
        columns = [
            np.asarray(c.to_pylist() if hasattr(c, "to_pylist") else c, dtype=object)
            for c in chunk.columns
        ]
        lines += chunk.lines.tolist()
        rows += [list(values) for values in zip(*columns, strict=True)] if columns else []
        malformed += chunk.malformed
    table.close()
    return lines, rows, malformed


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(FIELD, min_size=1, max_size=4), min_size=1, max_size=9),
    newline=st.sampled_from(["\n", "\r\n"]),
    final=st.booleans(),
    encoding=st.sampled_from(["utf-8", "cp1252"]),
)
def test_when_arrow_reads_a_file_the_row_reader_agrees(tmp_path, rows, newline, final, encoding):
    text = newline.join(["a;b;c", *(";".join(r) for r in rows)]) + (newline if final else "")
    path = tmp_path / "kontakter_cosmic_20260101.csv"
    path.write_bytes(text.encode(encoding))
    fast, slow = both_readers(path)
    if fast is None:
        slow.close()
        return
    assert fast.header == slow.header
    assert rows_of(fast) == rows_of(slow)


def test_a_plain_file_is_read_by_arrow_with_the_editors_line_numbers(tmp_path):
    path = tmp_path / "kontakter_cosmic_20260101.csv"
    path.write_text("a;b\r\n1;x\r\n2;y\r\n3;z\r\n", encoding="utf-8")
    fast, slow = both_readers(path, chunk_rows=2)
    assert fast is not None
    assert rows_of(fast) == ([2, 3, 4], [["1", "x"], ["2", "y"], ["3", "z"]], [])
    slow.close()


def test_blank_lines_quotes_and_short_rows_go_the_row_by_row_way(tmp_path):
    path = tmp_path / "kontakter_cosmic_20260101.csv"
    for text in ("a;b\n1;x\n\n2;y\n", 'a;b\n1;"x"\n', "a;b\n1\n2;y\n", "a;b\n1;x;\n"):
        path.write_text(text, encoding="utf-8")
        assert parsing._arrow_table(path, "utf-8", ";", 10) is None, text


def imported(write, monkeypatch, text: str, *, fast: bool):
    from facts.models import Contact, WeeklyOutcome
    from imports.models import HeldRow, ImportRun
    from imports.services import import_file

    monkeypatch.setattr(parsing, "CHUNK_ROWS", 2)  # several chunks, so file-level codes are sliced
    monkeypatch.setattr(parsing, "FAST_MAX_BYTES", parsing.FAST_MAX_BYTES if fast else -1)
    read_by_arrow = []
    arrow_table = parsing._arrow_table
    monkeypatch.setattr(
        parsing,
        "_arrow_table",
        lambda *a: read_by_arrow.append(arrow_table(*a)) or read_by_arrow[-1],
    )
    run = import_file(path=write(f"kontakter_cosmic_2026020{int(fast)}.csv", text), started_by="t")
    assert (read_by_arrow[0] is not None) == fast
    contacts = sorted(
        Contact.objects.values_list(
            "contact_id",
            "date",
            "week",
            "unit_id",
            "activity_id",
            "patient",
            "kva_codes",
            "decision_date",
            "priority",
        )
    )
    outcome = sorted(WeeklyOutcome.objects.values_list("unit_id", "activity_id", "week", "count"))
    rejected = sorted(run.rejected_rows.values_list("line", "column", "message"))
    for model in (Contact, WeeklyOutcome, HeldRow, ImportRun):
        model.objects.all().delete()  # and the same file may be imported again
    return run.status, run.rows_accepted, run.rows_held, rejected, contacts, outcome


def test_both_readers_import_a_file_of_several_chunks_alike(units, write, monkeypatch, settings):
    from .conftest import lines

    settings.KPS_IMPORT_MAX_REJECT_SHARE = 0.5
    text = lines(
        "K1;2026-01-05;C100;19121212-1212;1;BESOK;LAK;NFB49;GENOMFORD;20251201;;;J;1",
        "K2;2026-01-06;C100;19121212-1212;4;BESOK;LAK;;GENOMFORD;;;;;",
        "K3;2026-02-30;C200;19121212-1212;1;BESOK;LAK;;GENOMFORD;;;;;",  # no such day
        "K4;2026-01-07;C999;191212121212;1;BESOK;LAK;;GENOMFORD;;;;;",  # unknown unit: held
        "K2;2026-01-08;C200;20010101-0101;4;BESOK;LAK;;GENOMFORD;;;;;",  # K2 again: the later wins
        "K5;2026-01-09;C200;x;1;BESOK;LAK;;GENOMFORD;;;;;",  # no identity number
        "K1;2026-01-05;C100;;1;BESOK;LAK;;MAKULERAD;;;;;",  # K1 cancelled
        "K6;2026-01-12;C100;;1;BESOK;LAK;ZZ!;GENOMFORD;;;;;9",  # bad code, bad priority
    )
    fast = imported(write, monkeypatch, text, fast=True)
    slow = imported(write, monkeypatch, text, fast=False)
    assert fast == slow
    status, accepted, held, rejected, contacts, _ = fast
    assert [c[0] for c in contacts] == ["K2"] and contacts[0][1].isoformat() == "2026-01-08"
    assert [line for line, _, _ in rejected] == [4, 7, 9] and held == 1
