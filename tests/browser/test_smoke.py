"""Every demo role logs in, sees the navigation and its role, and opens each section cleanly."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from demo.users import DEMO_USERS
from organisation.context_processors import NAVIGATION
from organisation.models import Role
from tests.factories import PERSONAS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"


def present_sections(language: str, user=None) -> list[str]:
    """The navigation labels in ``language``, for the sections whose app exists and that every
    role sees, and those whose own rule admits ``user`` (Ekonomi for a manager; a section shown
    by its data, as Operation for readers of a hospital with operating rooms, is not in the
    test organisation)."""
    labels = []
    with translation.override(language):
        for url_name, label, visible in NAVIGATION:
            if visible is not None and (user is None or not visible(user)):
                continue
            try:
                reverse(url_name)
            except NoReverseMatch:
                continue  # e.g. Import before the imports app has pages
            labels.append(str(label))
    return labels


def nav_labels(page) -> list[str]:
    return [text.strip() for text in page.locator("nav.mainnav a").all_inner_texts()]


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_the_navigation_has_the_four_sections_every_role_works_in():
    # Guards the smoke test below: it must not pass on a navigation that lost its sections.
    assert {"Planering", "Uppföljning", "Väntelistor", "Införande"} <= set(present_sections("sv"))


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.username)
def test_each_role_logs_in_and_opens_every_section_without_errors(
    persona, role_users, login, problems, live_server
):
    page = login(persona.username, persona.password)

    user = get_user_model().objects.get(username=persona.username)
    assert nav_labels(page) == present_sections("sv", user)
    # The demo's own name for the account's role: an area's manager is Områdeschef.
    with translation.override("sv"):
        role_label = next(str(u["label"]) for u in DEMO_USERS if u["username"] == persona.username)
    assert role_label in page.locator(".usermenu .who").inner_text()
    screenshot(page, persona.username)

    links = page.locator("nav.mainnav a")
    targets = [
        (links.nth(i).inner_text().strip(), links.nth(i).get_attribute("href"))
        for i in range(links.count())
    ]
    for label, href in targets:
        response = page.goto(live_server.url + href)
        assert response.status < 400, f"{persona.username}: {label} answered {response.status}"
        assert page.locator("nav.mainnav a.active").inner_text().strip() == label
        screenshot(page, f"{persona.username}-{href.strip('/').replace('/', '-')}")

    assert not problems, f"{persona.username}: {problems}"


def test_the_en_button_switches_the_interface_to_english(role_users, login, problems):
    leader = next(p for p in PERSONAS if p.role == Role.KPS_LEADER)
    page = login(leader.username, leader.password)

    with page.expect_navigation():
        page.get_by_role("button", name="EN", exact=True).click()

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="EN", exact=True).get_attribute("aria-pressed") == "true"
    assert not problems, problems
    if not (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").exists():
        pytest.xfail(
            "locale/en is missing: no English catalogue (locale/en/LC_MESSAGES/django.po) yet"
        )
    english = present_sections("en")
    assert english != present_sections("sv"), (
        "locale/en exists but is not compiled or not translated"
    )
    assert nav_labels(page) == english
