"""Limits on an uploaded Excel workbook, checked before and while openpyxl reads it.

An .xlsx file is a zip archive of XML. A few hundred kilobytes can expand to
hundreds of megabytes of sheet XML (a zip bomb), which openpyxl would parse for
minutes with memory to match before anything noticed. So the archive's members
are measured first, by what the zip declares and by what they actually expand
to (a crafted header may lie), and reading stops beyond a number of rows or
seconds. Used by the extract import and by the plan grid's Excel import.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

from kps import formatting

from .errors import FileRefused

MIB = 1024 * 1024
_READ_BLOCK = 1024 * 1024


@dataclass(frozen=True)
class WorkbookLimits:
    """How large a workbook may be once unpacked, how many rows it may have, how long reading may take."""

    max_uncompressed_bytes: int
    max_rows: int
    max_seconds: float


def check_archive(source: str | IO[bytes], limits: WorkbookLimits) -> None:
    """Refuse a workbook whose members, unpacked, exceed the limit. Raises FileRefused.

    A file that is no zip archive at all is left to openpyxl, which says so in
    its own way.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    try:
        members = archive.infolist()
        if sum(member.file_size for member in members) > limits.max_uncompressed_bytes:
            raise FileRefused(_too_large(limits))
        # The declared sizes can lie: count what each member really expands to, and stop early.
        total = 0
        for member in members:
            try:
                with archive.open(member) as stream:
                    while block := stream.read(_READ_BLOCK):
                        total += len(block)
                        if total > limits.max_uncompressed_bytes:
                            raise FileRefused(_too_large(limits))
            except FileRefused:
                raise
            except Exception:  # noqa: BLE001 - a damaged member is openpyxl's to report
                return
    finally:
        archive.close()
        if hasattr(source, "seek"):
            source.seek(0)


def limited_rows(
    rows: Iterable, limits: WorkbookLimits, *, started: float | None = None
) -> Iterator:
    """The rows, refusing the workbook once there are more than the limit or reading takes too long."""
    started = time.monotonic() if started is None else started
    for count, row in enumerate(rows, start=1):
        if count > limits.max_rows:
            raise FileRefused(
                _(
                    "Arbetsboken har fler än %(rows)s rader; gränsen är %(rows)s. Dela upp filen eller "
                    "leverera den som CSV. Inget ändrades."
                )
                % {"rows": formatting.number(limits.max_rows)}
            )
        if count % 1000 == 0 and time.monotonic() - started > limits.max_seconds:
            raise FileRefused(
                _(
                    "Arbetsboken tog mer än %(seconds)s sekunder att läsa och avvisades. Leverera den som "
                    "CSV. Inget ändrades."
                )
                % {"seconds": int(limits.max_seconds)}
            )
        yield row


def _too_large(limits: WorkbookLimits) -> str:
    return _(
        "Arbetsboken är för stor uppackad (mer än %(mib)s MB). En .xlsx-fil är ett komprimerat arkiv; "
        "den här packas upp till mer än gränsen och avvisades innan den lästes. Inget ändrades."
    ) % {"mib": limits.max_uncompressed_bytes // MIB}
