"""The purchased-care pages in Chromium: the chart draws readably, nothing fails in the console.

The pages are photographed for a person to look at (``KPS_SHOTS``, outside the repository).
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from purchasing.models import PurchasedReferral
from tests.browser.chart_layout import chart_problems, wait_for_charts
from tests.factories import PERSONAS

from .conftest import agreement
from .test_plan import case  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser
ADMIN = next(p for p in PERSONAS if p.username == "admin")
SHOTS = Path(os.environ.get("KPS_SHOTS") or Path(__file__).resolve().parents[2] / "screenshots")


@pytest.fixture
def purchases(case, org):  # noqa: F811
    clinic = case["clinic"]
    agreement("ORT-2026", clinics=[clinic], areas=[case["hip"]], price="62000", volume=40,
              money="2600000", end=date(2027, 6, 30))  # fmt: skip
    agreement("KNA-2026", provider="REG05", clinics=[clinic], kva="NGB59", price="58000", volume=10,
              end=date(2027, 6, 30))  # fmt: skip
    rows = []
    for i in range(44):
        sent = date(2026, 1, 5) + timedelta(days=7 * i)
        done = sent + timedelta(days=20 + i % 9)
        status = (
            "AVBRUTEN" if i % 11 == 5 else ("UTFORD" if done < date(2026, 11, 1) else "SKICKAD")
        )
        rows.append(
            PurchasedReferral(
                source="cosmic", referral_id=f"U{i}", unit=org.units[0],
                provider_code="PRIV1" if i % 4 else "REG05",
                agreement_code="ORT-2026" if i % 4 else "KNA-2026", phase=2,
                kva_code="NFB49" if i % 4 else ("NGB59" if i % 8 else "QDB99"), sent_date=sent,
                performed_date=done if status == "UTFORD" else None,
                cost=62000 + 500 * (i % 5) if status == "UTFORD" else None, status=status,
                patient=f"pseudonym-{i:02d}",
            )
        )  # fmt: skip
    PurchasedReferral.objects.bulk_create(rows)
    return clinic


def test_the_purchased_care_pages_draw_and_read(
    purchases, role_users, login, problems, live_server
):
    page = login(ADMIN.username, ADMIN.password)
    assert "Köpt vård" in page.locator("nav.mainnav").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{live_server.url}/kopt-vard/?klinik={purchases.id}&fas=2")
    assert "Höft" in page.locator("#send-plan").inner_text()
    assert page.locator("#waiters tbody tr").count() == 25
    page.screenshot(path=str(SHOTS / "kopt-vard-planera.png"), full_page=True)
    page.goto(f"{live_server.url}/kopt-vard/uppfoljning/?ar=2026")
    assert wait_for_charts(page) == 1
    assert chart_problems(page) == []
    assert "taket nått" in page.locator("#agreements-use").inner_text()
    page.screenshot(path=str(SHOTS / "kopt-vard-uppfoljning.png"), full_page=True)
    page.goto(f"{live_server.url}/kopt-vard/avtal/")
    page.screenshot(path=str(SHOTS / "kopt-vard-avtal.png"), full_page=True)
    assert not problems, problems
