"""Purchased-care tests: the test organisation with COSMIC unit codes, providers and agreements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from imports.services import import_file
from organisation.models import Unit, UnitSourceCode
from purchasing.choices import ProviderKind
from purchasing.models import Agreement, Provider
from tests import factories
from tests.imports.conftest import write  # noqa: F401  (fixture)

HEADER = (
    "uppdrag_id;enhet_kod;vardgivare_kod;avtal_kod;personnummer;fas;kva_kod;"
    "skickad_datum;utford_datum;kostnad;status"
)


def lines(*rows: str) -> str:
    return "\n".join((HEADER, *rows)) + "\n"


@pytest.fixture
def org(db) -> factories.Org:
    org = factories.make_org()
    for unit in Unit.objects.all():
        UnitSourceCode.objects.create(unit=unit, source="cosmic", code=f"C{unit.code}")
    return org


@pytest.fixture
def load(write):  # noqa: F811
    """load(name, text) → the ImportRun of importing the file through the pipeline."""

    def _load(name: str, text: str, **options):
        return import_file(path=write(name, text), started_by="test", **options)

    return _load


def agreement(
    code: str,
    *,
    provider: str = "PRIV1",
    clinics=(),
    kva: str = "",
    price: str = "10000",
    volume: int | None = None,
    money: str | None = None,
    start: date = date(2026, 1, 1),
    end: date = date(2026, 12, 31),
    extended_to: date | None = None,
    areas=(),
) -> Agreement:
    owner, _created = Provider.objects.get_or_create(
        code=provider, defaults={"name": f"Vårdgivare {provider}", "kind": ProviderKind.PRIVATE}
    )
    made = Agreement.objects.create(
        code=code,
        name=f"Avtal {code}",
        provider=owner,
        kva_codes=kva,
        price_per_case=Decimal(price),
        volume_ceiling=volume,
        money_ceiling=Decimal(money) if money else None,
        start=start,
        end=end,
        extended_to=extended_to,
    )
    made.clinics.set(clinics)
    made.care_areas.set(areas)
    return made
