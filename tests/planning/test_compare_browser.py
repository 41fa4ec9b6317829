"""The version comparison in Chromium at 1280 px, in Swedish and English: readable, no sideways page."""

from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_comparison_reads_at_1280_px(
    live_server, login, page, problems, two_versions, language
):
    a, _b = two_versions
    login("ledare", "demo-ledare")
    page.goto(live_server.url + reverse("planning:plan", args=[a.plan_id]))
    if language != "sv":
        with page.expect_navigation():
            page.locator(".langswitch button[value='en']").click()
    # From the plan's version list to the comparison of version 2 with version 1.
    link = "Jämför med version 1" if language == "sv" else "Compare with version 1"
    with page.expect_navigation():
        page.get_by_role("link", name=link).click()
    rows = page.locator("#compare-rows tbody tr")
    assert rows.count() > 0
    heading = page.locator("#compare-summary h2").inner_text()
    assert heading == (
        "Version 1 mot version 2" if language == "sv" else "Version 1 against version 2"
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"plan-compare-{language}.png"), full_page=True)
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth")
    assert not problems, problems
