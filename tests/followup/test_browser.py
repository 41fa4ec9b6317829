"""Each dashboard in a real browser: the charts draw, and screenshots are saved to be looked at."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def svg_texts(page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("nodes => nodes.map(n => n.textContent)")


def wait_for_charts(page, count: int) -> None:
    """Until every chart on the page has been drawn by plotly (or failed, which the test catches)."""
    page.wait_for_function(
        "n => document.querySelectorAll('.kps-chart[data-rendered=true]').length"
        " + document.querySelectorAll('.kps-chart-error').length >= n",
        arg=count,
        timeout=20000,
    )
    assert page.locator(".kps-chart-error").count() == 0, page.locator(
        ".kps-chart-error"
    ).all_inner_texts()
    assert page.locator(".kps-chart[data-rendered=true]").count() == count


def test_a_manager_opens_the_callin_on_monday_morning(
    half_year, role_users, login, problems, live_server
):
    page = login("chef", "demo-chef")
    page.goto(f"{live_server.url}{reverse('followup:callin')}?vecka=2026-W20")
    wait_for_charts(page, 5)
    shoot(page, "followup-callin")
    assert "Var ska vi titta först?" in page.content()
    # The missing week is named, and drawn as a gap with its note.
    assert "v 14 2026" in page.locator(".missing-note").inner_text()
    assert "saknas" in page.locator("#rullande-andel .chart-notes").inner_text()
    # Swedish format in the charts: percent ticks with a no-break space before the sign.
    ticks = svg_texts(page, "#rullande-andel .ytick text")
    assert any(t.endswith("\u00a0%") for t in ticks), ticks
    assert not problems, problems


def test_the_strategic_view_shows_who_is_behind(
    half_year, role_users, login, problems, live_server
):
    page = login("qulturum", "demo-qulturum")
    page.goto(f"{live_server.url}{reverse('followup:strategic')}?ar=2026")
    wait_for_charts(page, 3)
    assert page.locator(".indicators tbody tr").count() == 3  # two areas and all together
    shoot(page, "followup-strategic")
    assert not problems, problems


def test_the_tactical_view_follows_a_schedule_period(
    half_year, role_users, login, problems, live_server
):
    page = login("ledare", "demo-ledare")
    page.goto(f"{live_server.url}{reverse('followup:tactical')}?ar=2026&period=2")
    wait_for_charts(page, 4)
    shoot(page, "followup-tactical")
    assert not problems, problems


def test_the_printable_callin_draws_its_charts(half_year, role_users, login, problems, live_server):
    page = login("chef", "demo-chef")
    page.goto(f"{live_server.url}{reverse('followup:callin_print')}?vecka=2026-W20")
    wait_for_charts(page, 5)
    page.emulate_media(media="print")
    shoot(page, "followup-callin-print")
    assert not problems, problems


def test_the_meeting_writes_down_its_decisions_for_the_next_meeting(
    half_year, role_users, login, problems, live_server
):
    page = login("chef", "demo-chef")
    page.goto(f"{live_server.url}{reverse('followup:callin')}?vecka=2026-W20")
    page.get_by_role("link", name="Logga veckans möte").click()
    # Operation was red last week: the form suggests it as the first deviation to explain.
    assert page.locator("#id_avvikelse-0-activity option:checked").inner_text() == "Operation"
    # The meeting that followed up week 20 was held the Monday after; its action is due later.
    page.fill("#id_mote-held_on", "2026-05-18")
    page.fill("#id_mote-attendees", "Chef, KPS-ledare, operationskoordinator")
    page.fill("#id_avvikelse-0-description", "Två salar stängda vecka 20, narkossköterskor saknas.")
    page.fill("#id_atgard-0-title", "Låna narkossköterska från Länssjukhuset")
    page.fill("#id_atgard-0-owner", "Anna Andersson")
    page.fill("#id_atgard-0-due_date", "2026-05-29")
    page.select_option("#id_atgard-0-deviation", "1")
    shoot(page, "followup-meeting-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara mötet").click()
    assert "#motesanteckningar" in page.url
    log = page.locator("#motesanteckningar")
    assert "Låna narkossköterska från Länssjukhuset" in log.inner_text()
    assert "Två salar stängda vecka 20" in log.inner_text()
    wait_for_charts(page, 5)
    log.screenshot(path=str(SCREENSHOTS / "followup-meeting-log.png"))
    assert not problems, problems
