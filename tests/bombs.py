"""Workbooks that unpack to far more than they weigh (zip bombs), built by the tests rather than stored."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
# One row repeated: sheet XML like this compresses several hundredfold.
_ROW = b'<row><c t="inlineStr"><is><t>' + b"A" * 4000 + b"</t></is></c></row>"


def zip_bomb(*, unpacked_mib: int = 150, header: list[str] | None = None) -> bytes:
    """A valid .xlsx whose first sheet's XML unpacks to ``unpacked_mib`` MiB."""
    book = Workbook()
    book.active.append(header or ["kontakt_id"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            if member.filename != SHEET:
                bomb.writestr(member, source.read(member))
                continue
            with bomb.open(SHEET, "w", force_zip64=True) as sheet:
                sheet.write(
                    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main"><sheetData>'
                )
                block = _ROW * 256
                for _ in range(unpacked_mib * 1024 * 1024 // len(block) + 1):
                    sheet.write(block)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()
