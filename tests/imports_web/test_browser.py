"""The import log and the data-quality page in a real browser, with screenshots to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from facts.models import WeeklyOutcome
from imports.services import import_file
from tests.imports_web.extracts import KONTAKTER_COLUMNS, PRODUKTION_COLUMNS, contact, write_extract

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture
def import_history(cosmic_units, tmp_path):
    """A good file, one with a rejected and held rows, a refused one, and a Diver file with an unknown measure."""
    good = [contact(f"K{n}", "C1" if n % 2 else "C2", fas=1 if n % 3 else 4) for n in range(60)]
    import_file(path=write_extract(tmp_path / "kontakter_cosmic_20260306.csv", KONTAKTER_COLUMNS, good),
                started_by="nattlig import")  # fmt: skip
    mixed = [contact(f"M{n}", "C1") for n in range(40)] + [
        contact("M90", "C7"),
        contact("M91", "C7"),
        contact("M92", "C1", profession="USK"),
        contact("M93", "C1", contact_type="=cmd|' /C calc'!A0"),
    ]
    import_file(path=write_extract(tmp_path / "kontakter_cosmic_20260307.csv", KONTAKTER_COLUMNS, mixed),
                started_by="admin")  # fmt: skip
    import_file(path=write_extract(tmp_path / "kontakter_cosmic_20260308.csv", ("kontakt_id", "datum"), [{}]),
                started_by="nattlig import")  # fmt: skip
    diver = [
        {"vecka": "2026-W10", "enhet_kod": "D1", "matt": "Läkarbesök ny", "antal": "12"},
        {"vecka": "2026-W10", "enhet_kod": "D2", "matt": "Läkarbesök åter", "antal": "7"},
        {"vecka": "2026-W10", "enhet_kod": "D1", "matt": "Gruppbesök", "antal": "3"},
    ]
    import_file(path=write_extract(tmp_path / "produktion_diver_20260309.csv", PRODUKTION_COLUMNS, diver),
                started_by="nattlig import")  # fmt: skip
    assert WeeklyOutcome.objects.filter(source="diver").exists()


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_the_administrator_reads_the_log_and_the_unmapped_codes(import_history, role_users, login, problems,
                                                               live_server):  # fmt: skip
    page = login("admin", "demo-admin")

    page.goto(live_server.url + reverse("imports:index"))
    rows = page.locator("#import-log tbody tr")
    assert rows.count() == 4
    assert page.locator("nav.mainnav a.active").inner_text().strip() == "Import"
    assert "Avvisad" in rows.nth(1).inner_text()  # the refused file, second newest
    assert "Data t.o.m. 2026-03-09" in page.locator(".freshness").inner_text()
    shoot(page, "import-log")

    page.get_by_role("link", name="kontakter_cosmic_20260307.csv").click()
    assert page.locator("#rejected-rows tbody tr").count() == 1
    shoot(page, "import-run")

    page.goto(live_server.url + reverse("imports:data_quality"))
    groups = page.locator("#held-groups tbody tr")
    assert [groups.nth(i).locator("td").nth(3).inner_text() for i in range(groups.count())] == [
        "C7",
        "1/BESOK/USK",
        "Gruppbesök",
    ]
    shoot(page, "import-data-quality")

    page.goto(live_server.url + reverse("imports:reconciliation"))
    assert page.locator("#reconciliation tbody tr").count() > 0
    shoot(page, "import-reconciliation")

    assert not problems, problems
