"""A small generated region shared by the demo tests: 12 units, all of 2026 and a little of 2027."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from demo.generator import Size, generate
from demo.region import RegionSpec, region_spec

SMALL = Size(units=12, contacts_per_year=9_000, waiting=600, years=2)
UNTIL = date(2027, 1, 15)  # the period covers the whole of 2026, which has an ISO week 53
SEED = 7


@dataclass
class Generated:
    spec: RegionSpec
    out: Path
    paths: list[Path]

    def of_kind(self, kind: str) -> list[Path]:
        return [p for p in self.paths if p.name.startswith(f"{kind}_")]


def read_rows(path: Path) -> list[dict[str, str]]:
    """A generated file's rows as dicts, read the way the format says a reader must: encoding detected."""
    if path.suffix == ".xlsx":
        sheet = load_workbook(path, read_only=True).worksheets[0]
        values = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        header, body = values[0], values[1:]
    else:
        raw = path.read_bytes()
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            content = raw.decode("cp1252")
        reader = csv.reader(io.StringIO(content, newline=""), delimiter=";")
        header, *body = list(reader)
    return [dict(zip(header, row, strict=True)) for row in body]


@pytest.fixture(scope="session")
def small_region(tmp_path_factory) -> Generated:
    out = tmp_path_factory.mktemp("demo-region")
    paths = generate(out, size=SMALL, until=UNTIL, seed=SEED)
    return Generated(spec=region_spec(units=SMALL.units), out=out, paths=paths)
