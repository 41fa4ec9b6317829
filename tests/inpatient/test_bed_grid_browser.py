"""A ward's plan grid in Chromium: the bed check follows the staffed beds as they are typed, and the
beds are averaged, never summed with volumes.

The orthopaedic ward's week 10 load is last year's 12 admissions in the same week, 12/7 a day ×
two days = 24/7 occupied beds (conftest's ``last_year``). Its Erlang B is computed here by the
closed form, B = (Aᶜ/c!) ÷ Σₖ₌₀..c Aᵏ/k!, in exact fractions.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from planning import services
from planning.cells import CellEdit
from tests.planning.test_grid_browser import settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/beds")
LOAD = Fraction(24, 7)


def erlang_b(load: Fraction, beds: int) -> float:
    terms = [load**k / math.factorial(k) for k in range(beds + 1)]
    return float(terms[-1] / sum(terms))


def percent(value: float, digits: int) -> str:
    return f"{value * 100:.{digits}f}".replace(".", ",") + "\u00a0%"


def week_cell(page, week: int):
    return page.locator(".tabulator-row").first.locator(
        f'.tabulator-cell[tabulator-field="w2026{week:02d}"]'
    )


def retype(page, target, text: str) -> None:
    target.click()
    settle(page)
    page.keyboard.type(text)  # a digit starts editing the cell with it, as in a spreadsheet
    expect(target.locator("input")).to_have_value(text)
    page.keyboard.press("Enter")
    expect(target).to_have_text(text)
    settle(page)


def test_the_bed_check_follows_the_beds_typed_before_saving(
    live_server, login, page, problems, last_year, beds_activity, role_users
):
    ward = last_year.orthopaedics
    draft = services.plan_create(
        clinic=ward.clinic,
        year=2026,
        user=role_users["ledare"],
        cells=[
            CellEdit(ward.id, beds_activity.id, 202610, Decimal(4)),
            CellEdit(ward.id, beds_activity.id, 202616, Decimal(9)),
        ],
    )
    login("ledare", "demo-ledare")
    page.set_viewport_size({"width": 1500, "height": 900})
    page.goto(
        live_server.url
        + reverse("planning:grid", kwargs={"version_id": draft.id})
        + f"?enhet={ward.id}"
    )
    page.wait_for_selector("body[data-grid-ready='1']")
    w10 = page.locator("#bed-check-body tr[data-week='202610']")
    expect(w10).to_have_attribute("data-light", "red")
    expect(page.locator("#bed-count-red")).to_have_text("1")
    expect(page.locator("#bed-count-green")).to_have_text("1")
    # Four beds: B(4) ≈ 19 % of admissions find the ward full.
    expect(w10.locator("td").nth(4)).to_have_text(percent(erlang_b(LOAD, 4), 1))
    # The year column of the beds is their mean over the planned weeks, (4 + 9) / 2, and the sum
    # row adds no beds to anything.
    beds_row = page.locator(".tabulator-row").first
    expect(beds_row.locator('.tabulator-cell[tabulator-field="year"]')).to_have_text("6,5")
    sums = page.locator(".tabulator-calcs-bottom")
    expect(sums.locator('.tabulator-cell[tabulator-field="year"]')).to_have_text("")
    expect(sums.locator('.tabulator-cell[tabulator-field="w202610"]')).to_have_text("")

    # Nine beds in week 10, not yet saved: the check turns green at once.
    retype(page, week_cell(page, 10), "9")
    expect(w10).to_have_attribute("data-light", "green")
    expect(w10.locator("td").nth(1)).to_have_text("9")
    blocked = erlang_b(LOAD, 9)
    expect(w10.locator("td").nth(4)).to_have_text(percent(blocked, 1))
    expect(w10.locator("td").nth(3)).to_have_text(percent(float(LOAD) * (1 - blocked) / 9, 0))
    expect(page.locator("#bed-count-red")).to_have_text("0")
    expect(page.locator("#bed-count-green")).to_have_text("2")
    expect(beds_row.locator('.tabulator-cell[tabulator-field="year"]')).to_have_text("9")
    expect(page.locator("#grid-dirty")).to_contain_text("1 osparade")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#bed-check-body tr[data-week='202610']").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "bed-grid-live.png"), full_page=True)

    # Undo brings the saved four beds and the red light back.
    page.locator("#grid-undo").click()
    expect(w10).to_have_attribute("data-light", "red")
    expect(page.locator("#bed-count-red")).to_have_text("1")

    # The year tool sets a level in every week rather than spreading it as a total.
    expect(page.locator("label[for='spread-total']")).to_have_text("Vårdplatser per vecka")
    week_cell(page, 1).click()
    settle(page)
    page.fill("#spread-total", "12")
    page.locator("#spread-apply").click()
    expect(week_cell(page, 53)).to_have_text("12")
    expect(beds_row.locator('.tabulator-cell[tabulator-field="year"]')).to_have_text("12")
    expect(page.locator("#grid-status")).to_contain_text("fördelas inte")
    expect(w10).to_have_attribute("data-light", "green")
    # Twelve beds meet the targets in every week, also in those whose load last year was 0.
    expect(page.locator("#bed-count-green")).to_have_text("53")
    expect(page.locator("#bed-count-red")).to_have_text("0")
    assert not problems, problems
