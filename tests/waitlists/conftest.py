"""A small snapshot that exercises every guarantee rule, in the shared test organisation."""

from datetime import date, timedelta

import pytest

from tests.waitlists import builders as b

SNAPSHOT = date(2026, 10, 31)


@pytest.fixture
def rules_snapshot(org):
    """Ten patients in the first clinic's first unit on 2026-10-31, one per rule (see the test module)."""
    unit = org.units[0]
    b.kva_text("NFB49", "Primär total höftledsplastik med cement")
    entries = [
        b.waiting(unit, SNAPSHOT, days=30),  # within, 0–30
        b.waiting(unit, SNAPSHOT, days=90),  # exactly 90: still within the guarantee
        b.waiting(unit, SNAPSHOT, days=91),  # one day over
        b.waiting(unit, SNAPSHOT, days=200, phase=2, kva="NFB49"),  # long wait, operation
        b.waiting(
            unit, SNAPSHOT, days=400, phase=2, kva="NFB49", deviation="PVV"
        ),  # patient's choice
        b.waiting(unit, SNAPSHOT, days=120, deviation="MOV"),  # medical reason
        b.waiting(
            unit, SNAPSHOT, days=10, phase=4, target=SNAPSHOT - timedelta(days=5)
        ),  # past target
        b.waiting(unit, SNAPSHOT, days=100, phase=4, target=SNAPSHOT + timedelta(days=10)),
        b.waiting(unit, SNAPSHOT, days=100, phase=3),  # examinations are outside the guarantee
        b.waiting(unit, SNAPSHOT, days=151),  # just over the 150-day threshold
    ]
    b.save(*entries)
    b.population("06", 2026, 200_000)
    return unit


# The browser fixtures (Debian's Chromium through Playwright, a login through the real form).
from tests.browser.conftest import browser, login, page, problems  # noqa: E402, F401

from . import scenario  # noqa: E402


@pytest.fixture
def two_years(org) -> dict:
    return scenario.build(org)
