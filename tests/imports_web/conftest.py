"""Fixtures for the import's pages and API: mapped units, files, a logged-in client per role."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.imports_web.extracts import map_units, seed_mappings


@pytest.fixture
def activities(db):
    return seed_mappings()


@pytest.fixture
def cosmic_units(org, activities):
    """The first clinic's two units and the third clinic's first, as C1, C2 and C3."""
    units = list(org.clinics[0].units.order_by("code")) + [
        org.clinics[2].units.order_by("code").first()
    ]
    return map_units(units)


@pytest.fixture
def client_as(role_users):
    """client_as("admin") → a test client logged in as that demo persona; None → anonymous."""

    def _client(username: str | None) -> Client:
        client = Client()
        if username:
            client.force_login(role_users[username])
        return client

    return _client


# The browser fixtures (Debian's Chromium through Playwright, a login through the real form).
from tests.browser.conftest import browser, login, page, problems  # noqa: E402, F401
