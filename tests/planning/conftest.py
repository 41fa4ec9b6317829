"""Plans in the shared test organisation, and the browser fixtures for the grid test."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps

from organisation.models import Activity
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
def activities(db):
    """The default activities; seeded again where a transactional test's flush removed them."""
    if not Activity.objects.exists():
        seed = importlib.import_module("organisation.migrations.0002_default_activities").seed
        seed(django_apps, None)
    return {a.code: a for a in Activity.objects.all()}


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
