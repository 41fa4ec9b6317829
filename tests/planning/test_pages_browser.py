"""The plan's life in Chromium: proposed from data, submitted, approved, on the schedule clock."""

import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from facts.models import Referral, WaitingEntry, WeeklyOutcome
from organisation.calendar import weeks_of_year, working_days
from planning import excel
from planning.models import Plan, PlanStatus

from .conftest import YEAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def history(unit, activities):
    """Last year's outcome, two years of referrals and a waiting list for the first unit."""
    WeeklyOutcome.objects.bulk_create(
        WeeklyOutcome(
            unit=unit,
            activity=activities[code],
            week=w.key,
            source="cosmic",
            count=rate * working_days(w),
        )
        for code, rate in (("lak-ny", 8), ("lak-ater", 12), ("operation", 3))
        for w in weeks_of_year(YEAR - 1)
    )
    Referral.objects.bulk_create(
        Referral(
            source="cosmic",
            referral_id=f"{w.key}-{phase}-{n}",
            arrival_date=w.monday,
            week=w.key,
            unit=unit,
            phase=phase,
            status="MOTTAGEN",
        )
        for year, per_week in ((YEAR - 2, 8), (YEAR - 1, 9))
        for w in weeks_of_year(year)
        for phase, count in ((1, per_week), (2, 3))
        for n in range(count)
    )
    day = date(YEAR - 1, 11, 2)
    WaitingEntry.objects.bulk_create(
        WaitingEntry(
            source="cosmic",
            snapshot_date=day,
            waiting_id=str(i),
            unit=unit,
            phase=1 if i < 250 else 2,
            decision_date=day - timedelta(days=40),
        )
        for i in range(310)
    )


def test_a_plan_proposed_from_data_is_created_submitted_and_approved(
    live_server, login, page, problems, clinic, unit, history, role_users
):
    login("ledare", "demo-ledare")
    page.goto(live_server.url + reverse("planning:index"))
    shot(page, "planning-index-before")
    page.get_by_role("link", name="Ny plan").click()
    page.select_option("#id_klinik", str(clinic.id))
    page.fill("#id_ar", str(YEAR))
    page.check("input[name=mal][value=mal]")
    page.fill("#id_malandel", "80")
    page.fill("#id_veckor", "20")
    page.get_by_role("button", name="Visa förslaget").click()
    assert "Förslaget:" in page.locator("main").inner_text()
    # The total with a space between thousands, as every figure (”4 429”, not ”4429”).
    heading = page.locator("h2", has_text="Förslaget:").inner_text()
    assert re.fullmatch(r"Förslaget: \d{1,3}([\u00a0 ]\d{3})* aktiviteter under året", heading), (
        heading
    )
    assert "Nybesök" in page.locator(".proposal").inner_text()
    shot(page, "planning-proposal")
    page.get_by_role("button", name="Skapa planen").click()
    page.wait_for_url("**/planering/*/")
    plan = Plan.objects.get(clinic=clinic, year=YEAR)
    assert "Planen är skapad som utkast." in page.locator(".messages").inner_text()
    assert "Så beräknades förslaget" in page.locator("main").inner_text()
    shot(page, "planning-plan-draft")

    page.get_by_role("link", name="Redigera i planeringsvyn").click()
    page.wait_for_selector("body[data-grid-ready='1']")
    shot(page, "planning-grid-proposal")
    page.goto(live_server.url + reverse("planning:plan", args=[plan.id]))
    page.get_by_role("button", name="Skicka in för fastställelse").click()
    assert "inskickad för fastställelse" in page.locator(".messages").inner_text()

    page.context.clear_cookies()
    login("chef", "demo-chef")
    page.goto(live_server.url + reverse("planning:plan", args=[plan.id]))
    page.get_by_role("button", name="Fastställ").click()
    assert "fastställd" in page.locator(".messages").inner_text()
    assert plan.versions.get().status == PlanStatus.APPROVED
    shot(page, "planning-plan-approved")

    page.goto(
        live_server.url + reverse("planning:clock", args=[clinic.area_id]) + f"?ar={YEAR + 1}"
    )
    assert "Ortopedkliniken" in page.locator("main").inner_text()
    shot(page, "planning-clock")
    page.goto(live_server.url + reverse("planning:history", args=[plan.id]))
    shot(page, "planning-history")
    assert not problems, problems


def test_an_excel_file_with_errors_is_refused_with_cell_references(
    live_server, login, page, problems, clinic, unit, activities, role_users, tmp_path
):
    from planning import services

    version = services.plan_create(clinic=clinic, year=YEAR, user=role_users["ledare"])
    book = load_workbook(io.BytesIO(excel.plan_workbook(version=version)))
    sheet = book[unit.name]
    sheet["D7"] = "tio"
    sheet["E7"] = 12
    path = tmp_path / "plan.xlsx"
    book.save(path)
    login("ledare", "demo-ledare")
    page.goto(live_server.url + reverse("planning:excel_import", args=[version.id]))
    page.set_input_files("#id_fil", str(path))
    page.get_by_role("button", name="Förhandsgranska").click()
    assert (
        f"Blad ”{sheet.title}” cell D7: ”tio” är inget tal."
        in page.locator("#import-errors").inner_text()
    )
    shot(page, "planning-excel-errors")
    sheet["D7"] = 10
    book.save(path)
    page.set_input_files("#id_fil", str(path))
    page.get_by_role("button", name="Förhandsgranska").click()
    assert "2 celler ändras" in page.locator("#import-preview").inner_text()
    shot(page, "planning-excel-preview")
    page.get_by_role("button", name="Spara ändringarna").click()
    assert "2 celler ändrades" in page.locator(".messages").inner_text()
    assert version.cells.count() == 2
    assert not problems, problems
