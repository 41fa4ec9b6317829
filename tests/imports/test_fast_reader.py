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
        columns = [np.asarray(c.to_pylist() if hasattr(c, "to_pylist") else c, dtype=object) for c in chunk.columns]
        lines += chunk.lines.tolist()
        rows += [list(values) for values in zip(*columns, strict=True)] if columns else []
        malformed += chunk.malformed
    table.close()
    return lines, rows, malformed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(FIELD, min_size=1, max_size=4), min_size=1, max_size=9),
       newline=st.sampled_from(["\n", "\r\n"]), final=st.booleans(), encoding=st.sampled_from(["utf-8", "cp1252"]))
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
