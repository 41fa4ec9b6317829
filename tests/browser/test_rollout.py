"""The rollout pages in a real Chromium: the overview with its timeline, and a step ticked off by Qulturum.

Here beside the other browser tests because they share one Chromium for the
session (Playwright's sync API allows one per thread). Screenshots go to
screenshots/ (not committed) for a person to look at.
"""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from demo.rollout import rollout_demo_seed
from organisation.calendar import IsoWeek
from organisation.models import Clinic, Unit
from rollout.models import Programme, Step
from tests.browser.chart_layout import chart_problems
from tests.factories import PERSONAS
from tests.rollout.builders import approve_plan, log_meetings, plan_and_outcome

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PASSWORDS = {p.username: p.password for p in PERSONAS}


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def demo_rollout(org, role_users):
    today = timezone.localdate()
    names = [
        "Hudkliniken",
        "Urologen",
        "Kirurgkliniken",
        "Medicinkliniken",
        "Neurologen",
        "Reumatologen",
        "Lungkliniken",
    ]
    for n, name in enumerate(names):
        Clinic.objects.create(area=org.areas[n % 2], code=f"B{n}", name=name)
    org.areas[0].plan_target, org.areas[1].plan_target = 4, 3
    for area in org.areas:
        area.save()
    rollout_demo_seed(today=today)
    year = today.isocalendar().year
    programmes = Programme.objects.select_related("clinic").order_by("clinic__name")[:4]
    for n, programme in enumerate(programmes):
        version = approve_plan(programme.clinic, year, approved_on=date(year - 1, 12, 1 + n))
        log_meetings(programme.clinic, [today - timedelta(days=d) for d in (1, 8, 15)])
        unit = programme.clinic.units.first() or Unit.objects.create(
            clinic=programme.clinic, code=f"{programme.clinic.code}-1", name=programme.clinic.name
        )
        # Outcome a little under, around and over plan, so every traffic colour shows.
        for week, outcome in ((5, 96 + n * 2), (20, 90 + n * 5), (38, 101 - n)):
            plan_and_outcome(version, unit, IsoWeek(year, week), plan=100, outcome=outcome)
    return org


def test_qulturum_sees_the_overview_with_the_timeline(demo_rollout, login, problems, live_server):
    page = login("qulturum", PASSWORDS["qulturum"])
    page.goto(live_server.url + "/inforande/")
    page.wait_for_selector(".kps-chart[data-rendered='true']", timeout=15_000)
    screenshot(page, "rollout-overview-qulturum")
    programmes = Programme.objects.count()
    assert page.locator("#inforande-tidslinje .barlayer .point").count() == programmes
    late_labels = page.locator("#inforande-tidslinje .barlayer text").all_inner_texts()
    assert late_labels and all(text.startswith("Försenat") for text in late_labels if text)
    assert (
        page.locator("#inforande-tidslinje .legend .traces").count() == 4
    )  # every status with a programme
    assert page.locator("#forsenade tbody tr").count() >= 1
    assert page.locator("#indikatorer tbody tr").count() == 3
    # The timeline can be read: its legend covers no bar, label or the line at today.
    assert chart_problems(page) == []
    assert not problems, problems


def test_qulturum_ticks_off_a_step_on_a_clinics_page(demo_rollout, login, problems, live_server):
    late = next(
        p
        for p in Programme.objects.all()
        if p.steps.filter(done_on=None, due__lt=timezone.localdate()).exists()
    )
    step = late.steps.filter(done_on=None, due__lt=timezone.localdate()).order_by("due").first()
    page = login("qulturum", PASSWORDS["qulturum"])
    page.goto(f"{live_server.url}/inforande/klinik/{late.clinic_id}/")
    row = page.locator(f"#steg-{step.kind}")
    row.locator(f"input[name=steg-{step.kind}-done_on]").fill(timezone.localdate().isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Spara stegen").click()
    assert f"{Step(step.kind).label} är sparat." in page.locator(".messages").inner_text()
    step.refresh_from_db()
    assert step.done_on == timezone.localdate()
    assert "Qulturum Testsson" in page.locator("#andringar").inner_text()
    screenshot(page, "rollout-clinic-qulturum")
    assert not problems, problems


def test_editing_two_step_rows_and_saving_keeps_both(demo_rollout, login, problems, live_server):
    today = timezone.localdate()
    programme = next(
        p for p in Programme.objects.all() if p.steps.filter(done_on=None).count() >= 2
    )
    first, second = programme.steps.filter(done_on=None).order_by("kind")[:2]
    page = login("qulturum", PASSWORDS["qulturum"])
    page.goto(f"{live_server.url}/inforande/klinik/{programme.clinic_id}/")
    page.locator(f"input[name=steg-{first.kind}-done_on]").fill(today.isoformat())
    page.locator(f"textarea[name=steg-{second.kind}-notes]").fill("Bokat med Qulturum")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara stegen").click()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.done_on == today
    assert second.notes == "Bokat med Qulturum"
    assert "är sparade" in page.locator(".messages").inner_text()
    assert (
        page.locator(f"textarea[name=steg-{second.kind}-notes]").input_value()
        == "Bokat med Qulturum"
    )
    screenshot(page, "rollout-clinic-two-rows")
    assert not problems, problems


def test_a_kps_leader_reads_their_own_clinic_only(demo_rollout, login, problems, live_server):
    page = login("ledare", PASSWORDS["ledare"])
    page.goto(live_server.url + "/inforande/")
    page.wait_for_selector(".kps-chart[data-rendered='true']", timeout=15_000)
    clinics = page.locator("#kliniker tbody tr:not(.area-row)").all_inner_texts()
    assert len(clinics) == 1 and "Ortopedkliniken" in clinics[0]
    page.locator("#kliniker a", has_text="Ortopedkliniken").click()
    page.wait_for_load_state()
    assert page.locator("input[type=date]").count() == 0
    screenshot(page, "rollout-clinic-ledare")
    assert not problems, problems
