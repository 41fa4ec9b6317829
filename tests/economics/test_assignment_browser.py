"""The production assignment in Chromium: the year's assignments and follow-up, a draft's lines,
and the panel on the strategic dashboard; screenshots for a person to look at."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from economics.assignment import services
from economics.assignment.services import LineEdit
from economics.models import DrgWeight, KppRow
from facts.models import Contact
from inpatient.models import BedDay
from organisation.calendar import IsoWeek
from organisation.models import Activity
from tests.browser.chart_layout import chart_problems, wait_for_charts
from tests.factories import PERSONAS

from .assignment import approved_plan, episode, prices

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
YEAR = 2026
# Activity, DRG, weight, contacts a month at Ortopedkliniken (Ögonkliniken has half).
OUTPATIENT = [("lak-ny", "901O", "0.15", 80), ("lak-ater", "902O", "0.12", 120),
              ("operation", "209O", "0.90", 30)]  # fmt: skip


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def economy(org, role_users):
    """A year of contacts, episodes and KPP rows at two clinics, point prices, and approved
    assignments for them; the activities are made here, as a transactional test flushed them."""
    names = {"lak-ny": "Läkarbesök ny", "lak-ater": "Läkarbesök åter", "operation": "Operation",
             "disponibla-vardplatser": "Disponibla vårdplatser"}  # fmt: skip
    for code, name in names.items():
        Activity.objects.get_or_create(code=code, defaults={"name": name, "profession": "LAK"})
    DrgWeight.objects.bulk_create(
        [DrgWeight(year=y, care_form="OPPEN", code=c, weight=Decimal(w))
         for y in (YEAR, YEAR + 1) for _a, c, w, _n in OUTPATIENT]
        + [DrgWeight(year=y, care_form="SLUTEN", code="209A", weight=Decimal("2.1"))
           for y in (YEAR, YEAR + 1)]
    )  # fmt: skip
    contacts, rows, n = [], [], 0
    for clinic, share in ((0, 1.0), (1, 0.5)):
        unit = org.units[2 * clinic]
        for month in range(1, 12):
            for code, drg, _w, per_month in OUTPATIENT:
                activity = Activity.objects.get(code=code)
                for i in range(int(per_month * share)):
                    day = date(YEAR, month, 1 + i % 28)
                    n += 1
                    contacts.append(Contact(source="cosmic", contact_id=f"K{n}", date=day,
                                            week=IsoWeek.of(day).key, unit=unit,
                                            activity=activity, phase=1, contact_type="BESOK"))  # fmt: skip
                    rows.append(KppRow(year=YEAR, contact_id=f"K{n}", care_form="OPPEN", unit=unit,
                                       drg_code=drg, cost=Decimal(2500 + 40 * (i % 9))))  # fmt: skip
            ward = org.units[2 * clinic + 1]
            for i in range(int(18 * share)):
                n += 1
                day = date(YEAR, month, 2 + i)
                episode(ward, f"V{n}", day - timedelta(days=3), day)
                rows.append(KppRow(year=YEAR, contact_id=f"V{n}", care_form="SLUTEN", unit=ward,
                                   drg_code="209A", cost=Decimal(98000)))  # fmt: skip
    Contact.objects.bulk_create(contacts)
    KppRow.objects.bulk_create(rows)
    BedDay.objects.bulk_create(
        BedDay(unit=org.units[1], date=date(YEAR, 1, 1) + timedelta(d), source="cosmic",
               staffed=14, occupied=12)
        for d in range(334)
    )  # fmt: skip
    for year in (YEAR, YEAR + 1):
        prices(year, outpatient=48_000, inpatient=52_000, operation=55_000)
    admin, director = role_users["admin"], role_users["omradeschef"]
    ids = {code: Activity.objects.get(code=code).id for code in names}
    for clinic, scale in ((0, Decimal(1)), (1, Decimal("0.55"))):
        version = services.assignment_create(clinic=org.clinics[clinic], year=YEAR, user=admin)
        lines = [
            LineEdit(ids["lak-ny"], (Decimal(330) * scale,) * 3, Decimal("0.15")),
            LineEdit(ids["lak-ater"], (Decimal(470) * scale,) * 3, Decimal("0.12")),
            LineEdit(ids["operation"], (Decimal(125) * scale,) * 3, Decimal("0.9")),
            LineEdit(ids["disponibla-vardplatser"], (Decimal(1666) * scale,) * 3, Decimal("0.092")),
        ]
        services.assignment_save_lines(
            version=version, user=admin, based_on_revision=0, lines=lines
        )
        services.assignment_submit(version=version, user=admin)
        services.assignment_approve(version=version, user=director)
    # Next year's plan, from which a new assignment is proposed on the page.
    approved_plan(
        org.clinics[0],
        YEAR + 1,
        [(org.units[0], code, week, volume)
         for week in range(2, 51, 4)
         for code, volume in (("lak-ny", 85), ("lak-ater", 125), ("operation", 32))]
        + [(org.units[1], "disponibla-vardplatser", week, 14) for week in range(1, 53)],
    )  # fmt: skip
    return org


def test_assignment_pages_and_the_strategic_panel(economy, live_server, login, problems):
    director = next(p for p in PERSONAS if p.username == "omradeschef")
    page = login(director.username, director.password)
    page.goto(f"{live_server.url}/ekonomi/uppdrag/?ar={YEAR}")
    assert page.locator("#uppdrag tbody tr").count() == 2  # the area's two clinics
    followup = page.locator("#uppdrag-uppfoljning")
    assert "Ortopedkliniken" in followup.inner_text() and "Mkr" in followup.inner_text()
    assert wait_for_charts(page) == 1
    assert chart_problems(page) == []
    shot(page, "uppdrag-oversikt")

    page.goto(f"{live_server.url}/ekonomi/uppdrag/?ar={YEAR + 1}")
    with page.expect_navigation():
        page.locator("#uppdrag tbody tr").first.get_by_role(
            "button", name="Skapa från fastställd plan"
        ).click()
    assert "Uppdraget är skapat" in page.content()
    table = page.locator("#uppdrag-tabell").inner_text()
    assert "Läkarbesök ny" in table and "vårdplatsdygn" in table
    shot(page, "uppdrag-utkast")

    page.goto(f"{live_server.url}/uppfoljning/strategisk/?ar={YEAR}")
    panel = page.locator("#uppdrag")
    assert "DRG-poäng mot uppdraget" in panel.inner_text()
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(SCREENSHOTS / "uppdrag-strategisk.png"))
    assert not problems, problems
