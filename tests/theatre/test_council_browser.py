"""The council's pages in Chromium: the chart draws readably, a proposal is made, edited and
decided through the page, and the print view opens; nothing fails in the console."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.chart_layout import chart_problems, wait_for_charts
from tests.factories import PERSONAS
from theatre.choices import AllocationStatus
from theatre.models import Allocation

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
CHEF = next(p for p in PERSONAS if p.username == "chef")


def test_the_council_proposes_edits_and_decides_in_the_browser(
    theatre, role_users, login, problems, live_server
):
    page = login(CHEF.username, CHEF.password)
    page.goto(f"{live_server.url}/operation/rad/")
    assert wait_for_charts(page) == 1
    assert chart_problems(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "operationsrad.png"), full_page=True)
    page.locator("input[name=fran]").fill("2027-01-11")
    page.locator("input[name=till]").fill("2027-01-17")
    with page.expect_navigation():
        page.get_by_role("button", name="Ta fram förslag").click()
    allocation = Allocation.objects.get()
    assert page.url.endswith(f"/operation/rad/{allocation.pk}/")
    session = allocation.sessions.filter(room=theatre.room2).first()
    target = theatre.eye if session.clinic_id == theatre.ortho.id else theatre.ortho
    page.locator(f"select[name=s_{session.id}]").select_option(str(target.id))
    with page.expect_navigation():
        page.get_by_role("button", name="Spara ändringarna").click()
    assert "1 salstider flyttades" in page.locator(".messages").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "salsfordelning.png"), full_page=True)
    page.locator("textarea[name=note]").fill("Beslutat i rådet.")
    with page.expect_navigation():
        page.get_by_role("button", name="Besluta fördelningen").click()
    allocation.refresh_from_db()
    session.refresh_from_db()
    assert allocation.status == AllocationStatus.DECIDED
    assert session.clinic_id == target.id
    page.goto(f"{live_server.url}/operation/rad/{allocation.pk}/utskrift/")
    page.emulate_media(media="print")
    assert not page.locator(".topbar").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "operationsrad-utskrift.png"), full_page=True)
    assert not problems, problems
