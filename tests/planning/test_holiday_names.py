"""Holiday names follow the chosen language where pages show them: the plan grid's week
tooltips and the home page's week card."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import YEAR

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
CHRISTMAS_WEEK = {"sv": "Julafton, Juldagen", "en": "Christmas Eve, Christmas Day"}
EASTER_WEEK = {"sv": "Långfredagen", "en": "Good Friday"}


def in_language(client, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_grid_names_each_week_holidays_in_the_chosen_language(
    client, draft, kps_leader, language
):
    in_language(client, language).force_login(kps_leader)
    response = client.get(reverse("planning:grid", args=[draft.id]))
    weeks = {w["key"]: w for w in response.context["grid"]["weeks"]}
    assert weeks[YEAR * 100 + 52]["holidays"] == CHRISTMAS_WEEK[language]
    assert weeks[YEAR * 100 + 14]["holidays"] == EASTER_WEEK[language]
    assert (
        weeks[YEAR * 100 + 25]["holidays"]
        == {"sv": "Midsommarafton", "en": "Midsummer Eve"}[language]
    )
    assert weeks[YEAR * 100 + 10]["holidays"] == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", ["3 arbetsdagar", "Nyårsafton 31 dec", "Nyårsdagen 1 jan"]),
        ("en", ["3 working days", "New Year&#x27;s Eve 31 Dec", "New Year&#x27;s Day 1 Jan"]),
    ],
)
def test_the_home_page_names_this_week_holidays_in_the_chosen_language(
    client, kps_leader, monkeypatch, language, expected
):
    # Week 53 of 2026 runs into 2027: New Year's Day belongs to it too.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 12, 30))
    in_language(client, language).force_login(kps_leader)
    html = client.get("/").content.decode()
    for text in expected:
        assert text in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_english_the_grid_tooltip_and_the_home_page_show_english_holiday_names(
    live_server, login, page, problems, draft, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 12, 22))
    login("ledare", "demo-ledare")
    with page.expect_navigation():
        page.locator(".langswitch button[value=en]").click()
    expect(page.locator(".card.stat").first).to_contain_text("Christmas Eve 24 Dec")
    expect(page.locator(".card.stat").first).to_contain_text("Christmas Day 25 Dec")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "home-en-christmas-week.png"), full_page=True)

    page.goto(live_server.url + reverse("planning:grid", args=[draft.id]))
    header = page.locator(f'.tabulator-col[tabulator-field="w{YEAR}52"]')
    header.scroll_into_view_if_needed()
    header.hover()
    tooltip = page.locator(".tabulator-tooltip")
    expect(tooltip).to_contain_text("Christmas Eve, Christmas Day")
    expect(tooltip).not_to_contain_text("Julafton")
    page.screenshot(path=str(SCREENSHOTS / "grid-en-christmas-tooltip.png"))
    assert not problems, problems
