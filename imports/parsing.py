"""Reading extract files: file-name convention, encoding, delimiter, header, rows in chunks.

Everything is read as text; typing and validation happen in ``validation``.
Line numbers are those a text editor or spreadsheet shows: the header is line 1.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

import numpy as np
import pyarrow as pa
from django.conf import settings
from django.utils.translation import gettext as _
from pyarrow import csv as arrow_csv

from . import registry
from .errors import FileRefused
from .workbooks import MIB, WorkbookLimits, check_archive, limited_rows

TEXT_EXTENSIONS = {".csv", ".txt"}
EXCEL_EXTENSIONS = {".xlsx"}
CHUNK_ROWS = 50_000
# Fields beyond this are not data from a source system; larger ones refuse the file.
csv.field_size_limit(16 * 1024 * 1024)

# A kind's name may have words joined by "_" (kopt_vard); the source has none.
_NAME_RE = re.compile(
    r"^(?P<kind>[a-z]+(?:_[a-z]+)*)_(?P<source>[a-z0-9]+)_(?P<date>\d{8})(?:_[^.]*)?\.\w+$",
    re.IGNORECASE,
)
_CONTROL_RE = re.compile(rb"[\x01-\x08\x0b\x0c\x0e-\x1f]")
_BLOCK = 1 << 20
# Plain files up to this size (some two million contacts) are split by Arrow's CSV reader, which
# holds the whole file in memory: about seven times its size at the peak. Larger ones stream.
FAST_MAX_BYTES = 160 * 1024 * 1024


@dataclass(frozen=True)
class FileName:
    """What a file's name says about it; any part may be unknown."""

    kind: str | None = None
    source: str | None = None
    extract_date: date | None = None
    hints: dict = field(default_factory=dict)


def parse_file_name(name: str) -> FileName:
    """``<kind>_<source>_<YYYYMMDD>[_<anything>].<ext>``, or Socialstyrelsen's KVÅ file names."""
    match = _NAME_RE.match(name)
    if match:
        try:
            extract_date = date(
                int(match["date"][:4]), int(match["date"][4:6]), int(match["date"][6:])
            )
        except ValueError:
            extract_date = None
        return FileName(match["kind"].lower(), match["source"].lower(), extract_date)
    # A kind may also be known by its publisher's own file names.
    for spec in registry.specs().values():
        named = spec.file_name(name) if spec.file_name else None
        if named:
            return FileName(spec.kind, named[0], None, named[1])
    return FileName()


def file_checksum(path: Path) -> str:
    """SHA-256 of the file's bytes: the same delivery twice has the same checksum."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def normalise_header(name: object) -> str:
    """Header names compare case-insensitively without surrounding blanks (and KVÅ's trailing colon)."""
    text = "" if name is None else str(name)
    return text.replace("\ufeff", "").strip().lower().rstrip(":").strip()


@dataclass
class Chunk:
    """Up to CHUNK_ROWS rows of a file, column by column, with the file line each row starts on.

    A column is a numpy array of str, or an Arrow string array where Arrow read the file:
    validation handles both, and Arrow's never becomes a million Python strings.
    """

    lines: np.ndarray
    columns: list
    # Rows that could not be split into the header's columns: (line, message).
    malformed: list[tuple[int, str]]
    # Where Arrow read the whole file: its columns, and where this chunk starts in them.
    whole: list | None = None
    offset: int = 0

    @property
    def size(self) -> int:
        return len(self.lines)

    @classmethod
    def of_rows(cls, lines: list[int], rows: list[list[str]], malformed: list, width: int) -> Chunk:
        columns = (
            [np.asarray(column, dtype=object) for column in zip(*rows, strict=True)] if rows else []
        )
        if not rows:
            columns = [np.asarray([], dtype=object) for _ in range(width)]
        return cls(np.asarray(lines, dtype=np.int64), columns, malformed)


@dataclass
class Table:
    """An opened extract: its header and an iterator of row chunks."""

    header: list[str]
    chunks: Iterator[Chunk]
    container: str
    encoding: str = ""
    delimiter: str = ""
    resource: object = None

    def close(self) -> None:
        self.chunks.close()
        if self.resource is not None:
            self.resource.close()


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) or Windows-1252; anything else refuses the file."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise FileRefused(_("Filen är kodad i UTF-16. Spara den som UTF-8 eller Windows-1252."))
        sample = head + handle.read(65536)
        if b"\x00" in sample or len(_CONTROL_RE.findall(sample)) > max(8, len(sample) // 100):
            raise FileRefused(_("Filen är ingen textfil (CSV) utan binärdata."))
    for encoding in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open(path, "rb") as handle:
                while block := handle.read(_BLOCK):
                    if b"\x00" in block:
                        raise FileRefused(_("Filen är ingen textfil (CSV) utan binärdata."))
                    decoder.decode(block)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" and head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        return encoding
    raise FileRefused(_("Filens teckenkodning kunde inte läsas. Använd UTF-8 eller Windows-1252."))


def detect_delimiter(header_line: str) -> str:
    """The delimiter the header line uses most (';' wins ties, as Swedish Excel writes it)."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in (";", "\t", ",")}
    best = max(counts.values())
    return next((d for d, n in counts.items() if n == best), ";") if best else ";"


def open_table(path: Path, *, lenient: bool = False, chunk_rows: int | None = None) -> Table:
    """Open a CSV/TXT or XLSX extract. Raises FileRefused if it cannot be read as a table.

    ``lenient`` reads Socialstyrelsen's code lists: quotes are text, and rows
    may leave out their trailing empty fields.
    """
    chunk_rows = chunk_rows or CHUNK_ROWS
    suffix = path.suffix.lower()
    with open(path, "rb") as handle:
        magic = handle.read(4)
    if suffix in EXCEL_EXTENSIONS or magic == b"PK\x03\x04":
        return _open_excel(path, chunk_rows)
    if suffix not in TEXT_EXTENSIONS:
        raise FileRefused(_("Filtypen stöds inte. Leverera CSV (.csv, .txt) eller Excel (.xlsx)."))
    return _open_text(path, lenient, chunk_rows)


def _open_text(path: Path, lenient: bool, chunk_rows: int) -> Table:
    encoding = detect_encoding(path)
    with open(path, encoding=encoding, newline="") as handle:
        first_line = handle.readline()
    if not first_line.strip():
        raise FileRefused(_("Filen är tom eller saknar rubrikrad."))
    delimiter = detect_delimiter(first_line)
    if not lenient:
        fast = _arrow_table(path, encoding, delimiter, chunk_rows)
        if fast is not None:
            return fast
    handle = open(path, encoding=encoding, newline="")  # closed by the chunk iterator
    options = {"delimiter": delimiter, "strict": False}
    if lenient:
        options["quoting"] = csv.QUOTE_NONE
    reader = csv.reader(handle, **options)
    try:
        header = [normalise_header(name) for name in next(reader)]
    except (csv.Error, StopIteration) as error:
        handle.close()
        raise FileRefused(_("Rubrikraden kunde inte läsas.")) from error
    chunks = _text_chunks(handle, reader, len(header), chunk_rows, lenient)
    return Table(header, chunks, "csv", encoding, delimiter, resource=handle)


def _arrow_table(path: Path, encoding: str, delimiter: str, chunk_rows: int) -> Table | None:
    """The file read by Arrow's CSV reader (C++, several threads), or None to read it row by row.

    Only for the plain case where both readers must agree: no quote characters
    at all, and exactly one line per row (no blank lines, no rows of the wrong
    width), so that line numbers are the row's position. Anything else, rare
    and usually small, goes the row-by-row way that reports each bad line.
    """
    if path.stat().st_size > FAST_MAX_BYTES:
        return None
    data = path.read_bytes()
    # Quotes, or a carriage return that is not part of CRLF (a line break of its own).
    if b'"' in data or data.count(b"\r") != data.count(b"\r\n"):
        return None
    header_end = data.find(b"\n") + 1
    if not header_end:
        return None
    header_line = data[:header_end].decode(encoding).rstrip("\r\n")
    header = [normalise_header(name) for name in header_line.split(delimiter)]
    if len(header) < 2:
        return None
    lines = data.count(b"\n", header_end) + (0 if data.endswith(b"\n") else 1)
    body = memoryview(data)[header_end:]
    # A blank line is skipped by both readers, but then rows no longer match lines: row by row.
    width_errors = []
    names = [f"c{i}" for i in range(len(header))]
    try:
        table = arrow_csv.read_csv(
            pa.py_buffer(body),
            read_options=arrow_csv.ReadOptions(
                column_names=names,
                encoding="utf8" if encoding.startswith("utf-8") else encoding,
            ),
            parse_options=arrow_csv.ParseOptions(
                delimiter=delimiter,
                quote_char=False,
                ignore_empty_lines=True,
                invalid_row_handler=lambda row: width_errors.append(row) or "skip",
            ),
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if width_errors or table.num_rows != lines:
        return None
    whole = [column.combine_chunks() for column in table.columns]
    chunks = (
        Chunk(
            np.arange(
                start + 2, start + 2 + min(chunk_rows, table.num_rows - start), dtype=np.int64
            ),
            [column.slice(start, chunk_rows) for column in whole],
            [],
            whole,
            start,
        )
        for start in range(0, table.num_rows, chunk_rows)
    )
    return Table(header, chunks, "csv", encoding, delimiter)


def _text_chunks(handle, reader, width: int, chunk_rows: int, pad: bool) -> Iterator[Chunk]:
    with handle:
        next_line = reader.line_num + 1
        while True:
            try:
                rows = list(islice(reader, chunk_rows))
            except csv.Error as error:
                raise FileRefused(
                    _("Filen kunde inte läsas som CSV på rad %(line)s.") % {"line": reader.line_num}
                ) from error
            if not rows:
                return
            if reader.line_num - next_line + 1 == len(rows):
                lines = list(range(next_line, next_line + len(rows)))
            else:
                # Quoted fields span lines here: count them to keep the file's own line numbers.
                lines, line = [], next_line
                for row in rows:
                    lines.append(line)
                    line += 1 + sum(_line_breaks(field) for field in row)
            next_line = reader.line_num + 1
            yield _shaped(rows, lines, width, pad)


def _line_breaks(field: str) -> int:
    return field.count("\n") + field.count("\r") - field.count("\r\n")


def _shaped(rows: list[list[str]], lines: list[int], width: int, pad: bool) -> Chunk:
    """Drop blank rows and reject rows that do not have the header's number of fields."""
    if all(len(row) == width for row in rows):
        return Chunk.of_rows(lines, rows, [], width)
    kept_lines, kept, malformed = [], [], []
    for line, row in zip(lines, rows, strict=True):
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) > width and not any(v.strip() for v in row[width:]):
            # Trailing empty fields (a delimiter too many) are harmless.
            row = row[:width]
        elif pad and len(row) < width:
            row = row + [""] * (width - len(row))
        if len(row) != width:
            malformed.append((line, _fields_message(len(row), width)))
            continue
        kept_lines.append(line)
        kept.append(row)
    return Chunk.of_rows(kept_lines, kept, malformed, width)


def _fields_message(found: int, expected: int) -> str:
    return _("Raden har %(found)s fält men rubrikraden har %(expected)s.") % {
        "found": found,
        "expected": expected,
    }


def _excel_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(
        value, "hour"
    ):  # datetime: Excel keeps dates as datetimes
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _open_excel(path: Path, chunk_rows: int) -> Table:
    import openpyxl  # only Excel deliveries pay for the import

    limits = extract_workbook_limits()
    started = time.monotonic()
    check_archive(path, limits)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = limited_rows(sheet.iter_rows(values_only=True), limits, started=started)
        header_row = next(rows, None)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise FileRefused(_("Excel-filen kunde inte läsas. Är den en giltig .xlsx-fil?")) from error
    if not header_row:
        workbook.close()
        raise FileRefused(_("Filen är tom eller saknar rubrikrad."))
    header = [normalise_header(name) for name in header_row]
    while header and header[-1] == "":
        header.pop()
    return Table(
        header, _excel_chunks(workbook, rows, len(header), chunk_rows), "xlsx", resource=workbook
    )


def extract_workbook_limits() -> WorkbookLimits:
    return WorkbookLimits(
        max_uncompressed_bytes=int(settings.KPS_EXCEL_MAX_UNPACKED_MB * MIB),
        max_rows=settings.KPS_EXCEL_MAX_ROWS,
        max_seconds=settings.KPS_EXCEL_MAX_SECONDS,
    )


def _excel_chunks(workbook, rows, width: int, chunk_rows: int) -> Iterator[Chunk]:
    lines, kept, malformed = [], [], []
    try:
        for line, values in enumerate(rows, start=2):
            row = [_excel_text(v) for v in values[:width]]
            if not any(v.strip() for v in row):
                continue
            if any(v is not None and str(v).strip() for v in values[width:]):
                malformed.append((line, _fields_message(len(values), width)))
                continue
            row += [""] * (width - len(row))
            lines.append(line)
            kept.append(row)
            if len(kept) + len(malformed) >= chunk_rows:
                yield Chunk.of_rows(lines, kept, malformed, width)
                lines, kept, malformed = [], [], []
    except FileRefused:
        raise
    except Exception as error:
        raise FileRefused(_("Excel-filen kunde inte läsas. Är den en giltig .xlsx-fil?")) from error
    finally:
        workbook.close()
    if kept or malformed:
        yield Chunk.of_rows(lines, kept, malformed, width)
