"""Writing extract files: names by the convention, CSV text and deterministic xlsx."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import numpy as np
from openpyxl import Workbook


def extract_name(kind: str, source: str, day: date, suffix: str = "", ext: str = "csv") -> str:
    """``<kind>_<source>_<YYYYMMDD>[_<suffix>].<ext>``, as the extract format names files."""
    return f"{kind}_{source}_{day:%Y%m%d}{'_' + suffix if suffix else ''}.{ext}"


def write_csv(
    path: Path, header: list[str], columns: list, *, encoding: str = "utf-8", newline: str = "\n"
) -> Path:
    """Write ``;``-separated text from equally long columns.

    Generated values never hold a delimiter, quote or line break, so no field
    needs quoting and rows are joined in C (``map``/``str.join``) rather than
    in a Python loop per row.
    """
    texts = [np.asarray(c).astype(str).tolist() for c in columns]
    with path.open("w", encoding=encoding, newline="") as fh:
        fh.write(";".join(header) + newline)
        if texts and texts[0]:
            fh.write(newline.join(map(";".join, zip(*texts, strict=True))))
            fh.write(newline)
    return path


def write_xlsx(path: Path, header: list[str], columns: list, *, stamp: datetime) -> Path:
    """An Excel file (first sheet, header in row 1) that is byte-identical for the same content.

    openpyxl stamps the current time into the document properties and the zip
    entries; both are set to ``stamp`` so a fixed seed gives the same file.
    """
    workbook = Workbook(write_only=True)
    workbook.properties.created = stamp
    workbook.properties.creator = "KPS demo"
    sheet = workbook.create_sheet("Data")
    sheet.append(header)
    for row in zip(*[np.asarray(c).tolist() for c in columns], strict=True):
        sheet.append(row)
    workbook.save(path)
    _reproducible(path, stamp)
    return path


def _reproducible(path: Path, stamp: datetime) -> None:
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    modified = (
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp:%Y-%m-%dT%H:%M:%SZ}</dcterms:modified>'
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>", modified.encode(), data
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


def month_start(month: int) -> date:
    """The first day of a month counted as numpy does (months since 1970-01)."""
    return np.datetime64(int(month), "M").astype("datetime64[D]").item()


def extract_day(month: int, until: date) -> date:
    """A monthly file is extracted the day after the month ends, or on ``until`` for the running month."""
    return min(month_start(month + 1), until)
