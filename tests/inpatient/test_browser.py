"""The bed follow-up and the calculator in Chromium: the chart draws, nothing fails in the console."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import PERSONAS

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
ADMIN = next(p for p in PERSONAS if p.username == "admin")


def test_the_follow_up_draws_its_chart_and_the_menu_has_beds(
    week, role_users, login, problems, live_server
):
    page = login(ADMIN.username, ADMIN.password)
    assert "Vårdplatser" in page.locator("nav.mainnav").inner_text()
    page.goto(f"{live_server.url}/vardplatser/?fran=2026-02-23&till=2026-03-08&niva=site")
    page.locator(".kps-chart .main-svg").first.wait_for()
    assert page.locator(".stat .big").first.inner_text() == "81,0\u00a0%"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "vardplatser.png"), full_page=True)
    # Per ward, each block's days are fetched when it is opened.
    page.goto(f"{live_server.url}/vardplatser/?fran=2026-03-02&till=2026-03-08&period=day")
    block = page.locator("details.card").first
    block.locator("summary").click()
    block.locator("tbody tr").nth(6).wait_for()
    assert block.locator("tbody tr").count() == 7 and not block.locator("a[data-periods]").count()
    page.goto(f"{live_server.url}/vardplatser/erlang/?load=2&beds=2&target_blocking=0,05")
    assert "40,00\u00a0%" in page.locator(".stat").nth(1).inner_text()
    page.screenshot(path=str(SCREENSHOTS / "erlang.png"), full_page=True)
    assert not problems, problems
