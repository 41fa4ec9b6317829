"""Fixtures for import tests: an organisation whose units have COSMIC, Diver and HR codes, and files."""

from __future__ import annotations

from pathlib import Path

import pytest

from organisation.models import Unit, UnitSourceCode
from tests import factories

KONTAKTER_HEADER = (
    "kontakt_id;kontakt_datum;enhet_kod;personnummer;fas;kontakttyp;yrkeskategori;kva_koder;status;"
    "beslut_datum;medicinskt_maldatum;avvikelse;vardgaranti;prioritet"
)


@pytest.fixture
def units(db) -> dict[str, Unit]:
    """Two units; COSMIC calls them C100/C200, Diver D-100/D-200, HR H100/H200."""
    org = factories.make_org()
    first, second = Unit.objects.filter(clinic=org.clinics[0]).order_by("code")[:2]
    for unit, n in ((first, 100), (second, 200)):
        UnitSourceCode.objects.create(unit=unit, source="cosmic", code=f"C{n}")
        UnitSourceCode.objects.create(unit=unit, source="diver", code=f"D-{n}")
        UnitSourceCode.objects.create(unit=unit, source="hr", code=f"H{n}")
    return {"C100": first, "C200": second}


@pytest.fixture
def write(tmp_path):
    """write(name, text, encoding="utf-8") → path of a file in a fresh folder."""

    def _write(name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
        return path

    return _write


def lines(*rows: str, header: str = KONTAKTER_HEADER) -> str:
    return "\n".join((header, *rows)) + "\n"
