"""The waiting-list pages in a real browser: charts draw, and screenshots are saved to be looked at."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.chart_layout import chart_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def wait_for_charts(page, count: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('.kps-chart[data-rendered=true]').length"
        " + document.querySelectorAll('.kps-chart-error').length >= n",
        arg=count,
        timeout=30000,
    )
    assert page.locator(".kps-chart-error").count() == 0, page.locator(
        ".kps-chart-error"
    ).all_inner_texts()
    # Every chart drawn here can be read: no legend over the plot or labels, no labels run together.
    page.wait_for_timeout(300)  # a chart may grow once after drawing (kps-charts.js)
    assert chart_problems(page) == []


def svg_texts(page) -> str:
    return " ".join(
        page.locator(".kps-chart svg text").evaluate_all("nodes => nodes.map(n => n.textContent)")
    )


def test_the_regional_report_on_its_three_levels(
    two_years, role_users, login, problems, live_server
):
    page = login("qulturum", "demo-qulturum")
    page.goto(live_server.url + reverse("waitlists:index"))
    wait_for_charts(page, 2)
    texts = svg_texts(page)
    assert "Antal väntande" in texts
    assert (
        "Väntande vid varje månadsskifte" in page.locator("#vantelista-utveckling h3").inner_text()
    )
    assert "Väntat > 90 dagar (vårdgarantin)" in texts
    shoot(page, "waitlists-report-region")

    page.get_by_role("link", name="Medicinskt område", exact=True).click()
    wait_for_charts(page, 2)
    assert "Operationer på rörelseapparaten (KKÅ N)" in page.locator("table").first.inner_text()
    shoot(page, "waitlists-report-area")

    page.get_by_role("link", name="Operationer på rörelseapparaten (KKÅ N)").click()
    wait_for_charts(page, 2)
    assert (
        "NFB49 Primär total höftledsplastik med cement" in page.locator("table").first.inner_text()
    )
    shoot(page, "waitlists-report-kva")
    assert not problems, problems


def test_own_patients_by_home_county_side_by_side(
    two_years, role_users, login, problems, live_server
):
    page = login("qulturum", "demo-qulturum")
    page.goto(live_server.url + reverse("waitlists:home_counties"))
    wait_for_charts(page, 2)
    assert "Östergötland" in svg_texts(page)
    shoot(page, "waitlists-home-counties")
    assert not problems, problems


def test_the_weekly_pace_beside_the_approved_plan(
    two_years, role_users, login, problems, live_server
):
    page = login("ledare", "demo-ledare")
    unit = two_years["operations"]
    page.goto(f"{live_server.url}{reverse('waitlists:pace')}?unit={unit.id}&phase=2")
    wait_for_charts(page, 1)
    cards = page.locator(".wl-kpis").inner_text()
    assert "Veckotakt som behövs" in cards and "Fastställd plan" in cards and "11,0" in cards
    shoot(page, "waitlists-pace")
    assert not problems, problems


def test_a_new_or_day_in_two_clicks_moves_the_week_the_guarantee_is_met(
    two_years, role_users, login, problems, live_server
):
    page = login("ledare", "demo-ledare")
    unit = two_years["operations"]
    page.goto(f"{live_server.url}{reverse('waitlists:whatif')}?unit={unit.id}&phase=2&horizon=52")
    wait_for_charts(page, 1)
    before = page.locator(".wl-answer").inner_text()
    shoot(page, "waitlists-whatif-plan")

    page.get_by_role("link", name="+1 operationsdag per vecka").click()
    wait_for_charts(page, 1)
    after = page.locator(".wl-answer").inner_text()
    assert "Tillägg 4,0 per vecka." in after
    assert after != before
    assert "Målstorlek för kön (vårdgarantin)" in svg_texts(page)
    shoot(page, "waitlists-whatif-or-day")
    assert not problems, problems


def test_the_calculator_for_people(role_users, login, problems, live_server):
    page = login("ledare", "demo-ledare")
    page.goto(live_server.url + reverse("waitlists:calculator"))
    for name, value in (
        ("demand", "30"),
        ("capacity", "27"),
        ("queue_size", "1200"),
        ("target_wait", "52"),
        ("mean_wait", "63"),
    ):
        page.locator(f"input[name={name}]").fill(value)
    page.get_by_role("button", name="Räkna").click()
    assert "61,15" in page.locator("table").inner_text()
    page.locator("input[name=capacity]").fill("noll")
    page.get_by_role("button", name="Räkna").click()
    assert "Ange ett tal" in page.locator(".field-error").inner_text()
    shoot(page, "waitlists-calculator")
    assert not problems, problems


def test_the_unit_list_follows_the_chosen_clinic(
    org, rules_snapshot, role_users, login, problems, live_server
):
    page = login("qulturum", "demo-qulturum")
    page.goto(live_server.url + reverse("waitlists:whatif"))
    units = page.locator("select[name=unit]")
    own = [u for u in org.units if u.clinic == org.clinics[0]]
    units.select_option(str(own[0].id))
    other = org.clinics[1]
    page.locator("select[name=clinic]").select_option(str(other.id))
    # The other clinic's units are offered, and the first clinic's unit is let go.
    assert units.input_value() == ""
    offered = units.locator("optgroup:not([disabled]) option").evaluate_all(
        "os => os.map(o => o.value)"
    )
    assert offered == [str(u.id) for u in org.units if u.clinic == other]
    shoot(page, "waitlists-whatif-units")
    assert not problems, problems


SHOTS = Path("/work/shots/regions")


def _neighbour_reports(org) -> None:
    """Östergötland and Kalmar's reports for the scenario's last year: the demo region's own
    report redrawn at their sizes; Kalmar did not deliver for July."""
    from facts.models import Population
    from waitlists.models import RegionReportRow
    from waitlists.selectors import collaboration

    from .scenario import LATEST, month_ends

    rows = []
    for county, scale in (("05", 1.2), ("08", 0.75)):
        for day in month_ends(LATEST, 12):
            if county == "08" and day.month == 7:
                continue
            report = collaboration.own_report(region=org.region, day=day)
            for r in report.rows:
                rows.append(
                    RegionReportRow(
                        county_code=county,
                        snapshot_date=report.day,
                        phase=r["fas"],
                        kva_code=r["kva_kod"],
                        waiting=round(r["antal"] * scale),
                        guarantee=round(r["antal_vardgaranti"] * scale),
                        over_90=round(
                            r["over_90"] * scale * (0.6 if county == "05" else 1.3) ** 0.5
                        ),
                        over_150=None,
                        pvv=r["pvv"],
                        mov=r["mov"],
                    )
                )
    RegionReportRow.objects.bulk_create(rows)
    for county, count in (("05", 470_000), ("08", 246_000), ("06", 368_000)):
        Population.objects.get_or_create(county_code=county, year=2026, defaults={"count": count})


def test_the_regions_of_the_collaboration_side_by_side(
    org, two_years, role_users, login, problems, live_server
):
    _neighbour_reports(org)
    page = login("qulturum", "demo-qulturum")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("waitlists:regions") + "?date=2026-11-07&level=area")
    wait_for_charts(page, 2)
    table = page.locator("table").first.inner_text()
    assert "Östergötlands län" in table and "Kalmar län" in table
    assert "Var väntar varje medicinskt område längst?" in page.content()
    texts = svg_texts(page)
    assert "Östergötland" in texts and "Per 100 000 invånare" in texts
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "mellan-regioner.png"), full_page=True)
    shoot(page, "waitlists-regions")
    assert not problems, problems
