"""Economics tests: the test organisation with COSMIC and KPP unit codes, and small extract files."""

from __future__ import annotations

import pytest

from imports.services import import_file
from organisation.models import Unit, UnitSourceCode
from tests import factories
from tests.api.test_schema_fuzz import _connection_kept_open_between_requests  # noqa: F401
from tests.imports.conftest import write  # noqa: F401  (fixture)

from .scenario import scenario  # noqa: F401  (fixture)


@pytest.fixture
def org(db) -> factories.Org:
    org = factories.make_org()
    # The region's KPP database uses COSMIC's unit codes; in the test, K + the unit code.
    for unit in Unit.objects.all():
        UnitSourceCode.objects.create(unit=unit, source="kpp", code=f"K{unit.code}")
        UnitSourceCode.objects.create(unit=unit, source="cosmic", code=f"C{unit.code}")
    return org


@pytest.fixture
def load(write):  # noqa: F811
    """load(name, text) → the ImportRun of importing the file through the pipeline."""

    def _load(name: str, text: str, **options):
        return import_file(path=write(name, text), started_by="test", **options)

    return _load
