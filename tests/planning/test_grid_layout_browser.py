"""The plan grid's layout at a hospital PC's width: the capacity traffic light in view, no sideways page.

The grid scrolls inside its own box; the page itself must not, and the capacity
panel with its traffic light must be wholly inside the window at 1280 and 1400 px,
in Swedish and in English (whose labels are longer).
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from facts.models import Booking, StaffHours, WeeklyOutcome

from .conftest import YEAR, edits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture
def planned(draft, unit, activities):
    from planning import services

    for week in range(1, 53):
        StaffHours.objects.create(
            unit=unit, week=YEAR * 100 + week, profession="LAK", hours=Decimal(40)
        )
        StaffHours.objects.create(
            unit=unit, week=YEAR * 100 + week, profession="SSK", hours=Decimal(60)
        )
    # Doctors over their hours (red), nurses well within (green), physiotherapists without HR
    # figures (the longest label): every kind of light the panel shows.
    weeks = range(1, 53)
    services.plan_save_cells(
        version=draft,
        cells=edits(unit, activities["lak-ny"], {w: 30 for w in weeks})
        + edits(unit, activities["operation"], {w: 20 for w in weeks})
        + edits(unit, activities["ssk-besok"], {w: 10 for w in weeks})
        + edits(unit, activities["paramed"], {w: 5 for w in weeks}),
        based_on_revision=draft.revision,
        user=draft.created_by,
    )
    # Reference rows too (last year's outcome, bookings), as a planner's grid has them.
    WeeklyOutcome.objects.bulk_create(
        WeeklyOutcome(
            unit=unit,
            activity=activities[code],
            week=(YEAR - 1) * 100 + w,
            source="cosmic",
            count=Decimal(n),
        )
        for code, n in (("lak-ny", 28), ("operation", 18))
        for w in weeks
    )
    Booking.objects.bulk_create(
        Booking(
            source="cosmic",
            snapshot_date=date(YEAR - 1, 12, 1),
            booking_id=f"b{w}-{n}",
            booked_date=date.fromisocalendar(YEAR, w, 2),
            week=YEAR * 100 + w,
            unit=unit,
            activity=activities["lak-ny"],
            phase=1,
            contact_type="BESOK",
        )
        for w in range(1, 9)
        for n in range(30 - 3 * w)
    )
    draft.refresh_from_db()
    return draft


def open_grid(page, live_server, version, unit, language: str) -> None:
    page.goto(
        live_server.url
        + reverse("planning:grid", kwargs={"version_id": version.id})
        + f"?enhet={unit.id}"
    )
    if language != "sv":
        with page.expect_navigation():
            page.locator(f".langswitch button[value='{language}']").click()
    page.wait_for_selector("body[data-grid-ready='1']")


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("width", [1280, 1400])
def test_the_traffic_light_is_in_view_and_the_page_does_not_scroll_sideways(
    live_server, login, page, problems, planned, unit, language, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login("ledare", "demo-ledare")
    open_grid(page, live_server, planned, unit, language)
    assert page.locator("html").get_attribute("lang") == language
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"plan-grid-{language}-{width}.png"))

    lights = page.locator("#capacity-body tr .badge")
    shown = set(
        page.locator("#capacity-body tr[data-key]").evaluate_all(
            "rows => rows.map(r => r.dataset.light)"
        )
    )
    assert shown == {"red", "green", "missing"}, shown
    inner_width = page.evaluate("() => window.innerWidth")
    for i in range(lights.count()):
        box = lights.nth(i).bounding_box()
        assert box is not None and box["width"] > 0
        assert box["x"] >= 0 and box["x"] + box["width"] <= inner_width, (i, box, inner_width)
    # The whole panel too: a badge can be in the window while its column is cut by the panel.
    panel = page.locator(".capacity-panel").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= inner_width, (panel, inner_width)
    clipped = page.evaluate(
        "() => [...document.querySelectorAll('#capacity-table td, #capacity-table th')]"
        ".some(c => c.getBoundingClientRect().right > "
        "document.querySelector('.capacity-panel').getBoundingClientRect().right + 0.5)"
    )
    assert not clipped, "a cell of the capacity table runs past its panel"
    scroll_width = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert scroll_width <= inner_width, (scroll_width, inner_width)
    assert not problems, problems
