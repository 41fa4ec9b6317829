"""Plans in the shared test organisation, and the browser fixtures for the grid test."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planning import services
from planning.cells import CellEdit
from tests.browser.conftest import browser, login, page, problems  # noqa: F401

YEAR = 2026


@pytest.fixture
def clinic(org):
    """Ortopedkliniken: the clinic the demo's ledare and chef belong to."""
    return org.clinics[0]


@pytest.fixture
def unit(clinic):
    return clinic.units.order_by("name").first()


@pytest.fixture
def draft(clinic, kps_leader):
    """An empty draft, version 1 of Ortopedkliniken's plan for 2026."""
    return services.plan_create(clinic=clinic, year=YEAR, user=kps_leader)


def edits(unit, activity, values: dict[int, object]) -> list[CellEdit]:
    """Cell edits for one row: week number → volume (None removes)."""
    return [
        CellEdit(unit.id, activity.id, YEAR * 100 + week, None if v is None else Decimal(str(v)))
        for week, v in values.items()
    ]


@pytest.fixture
def two_versions(draft, unit, org, activities, kps_leader, clinic_manager):
    """Version 1 approved; version 2 a draft that changed new visits in period 1 and
    added operations in period 3 in one unit, and left the other unit as it was."""
    other_unit = org.units[1]
    services.plan_save_cells(
        version=draft,
        user=kps_leader,
        based_on_revision=0,
        cells=edits(unit, activities["lak-ny"], {w: 10 for w in range(1, 53)})
        + edits(unit, activities["lak-ater"], {w: 5 for w in range(1, 53)})
        + edits(other_unit, activities["lak-ny"], {2: 7, 40: Decimal("2.5")}),
    )
    draft.refresh_from_db()
    services.plan_submit(version=draft, user=kps_leader)
    services.plan_approve(version=draft, user=clinic_manager)
    second = services.plan_reopen(version=draft, user=clinic_manager, reason="Fler operationer")
    services.plan_save_cells(
        version=second,
        user=kps_leader,
        based_on_revision=second.revision,
        cells=edits(unit, activities["lak-ny"], {1: 12, 2: 12, 3: None})
        + edits(unit, activities["operation"], {30: 4, 31: 4}),
    )
    second.refresh_from_db()
    draft.refresh_from_db()
    return draft, second
