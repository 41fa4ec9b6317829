"""Fixtures for the follow-up tests: a realistic half-year and the browser."""

from __future__ import annotations

import pytest

# The browser fixtures (Debian's Chromium through Playwright, a login through the real form).
from tests.browser.conftest import browser, login, page, problems  # noqa: F401

from . import scenario


@pytest.fixture
def half_year(org) -> dict:
    return scenario.build(org)
