"""The SV/EN switch: after choosing English the pages speak English, otherwise Swedish."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User

from organisation.models import Membership, Role

ENGLISH_NAV = [
    "Planning", "Follow-up", "Waiting lists", "Rollout", "Economics", "Purchased care", "Import",
]  # fmt: skip
SWEDISH_NAV = [
    "Planering", "Uppföljning", "Väntelistor", "Införande", "Ekonomi", "Köpt vård", "Import",
]  # fmt: skip
PAGES = ["/", "/planering/"]


@pytest.fixture
def signed_in(client, org):
    user = User.objects.create_user("oversatt", password="test-password", first_name="Eva")
    Membership.objects.create(user=user, role=Role.QULTURUM)
    client.force_login(user)
    return client


def main_menu(html: str) -> list[str]:
    nav = re.search(r'<nav class="mainnav"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "the page has no main menu"
    return [label.strip() for label in re.findall(r"<a [^>]*>([^<]*)</a>", nav.group(1))]


def html_lang(html: str) -> str:
    match = re.search(r"<html lang=\"([^\"]*)\"", html)
    assert match, "the page has no <html lang>"
    return match.group(1)


def choose(client, language: str, next_url: str = "/"):
    response = client.post("/i18n/setlang/", {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    return response


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_swedish_by_default(signed_in, path):
    response = signed_in.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == "sv"
    assert main_menu(html) == SWEDISH_NAV
    assert "Logga ut" in html


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_english_after_choosing_english(signed_in, path):
    choose(signed_in, "en", path)
    response = signed_in.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == "en"
    assert main_menu(html) == ENGLISH_NAV
    assert "Log out" in html
    assert "Logga ut" not in html
    assert "Capacity and production management" in html


def test_english_page_content(signed_in):
    choose(signed_in, "en", "/planering/")
    html = signed_in.get("/planering/").content.decode()
    assert "<h1>Production plans</h1>" in html
    assert "Produktionsplaner" not in html
    html = signed_in.get("/").content.decode()
    assert "Welcome, Eva" in html
    assert "This week" in html


def test_switching_back_to_swedish(signed_in):
    choose(signed_in, "en")
    assert main_menu(signed_in.get("/").content.decode()) == ENGLISH_NAV
    choose(signed_in, "sv")
    html = signed_in.get("/").content.decode()
    assert html_lang(html) == "sv"
    assert main_menu(html) == SWEDISH_NAV


def test_the_language_switch_marks_the_current_language(signed_in):
    html = signed_in.get("/").content.decode()
    assert re.search(r'value="sv" class="current" aria-pressed="true"', html)
    choose(signed_in, "en")
    html = signed_in.get("/").content.decode()
    assert re.search(r'value="en" class="current" aria-pressed="true"', html)


def test_the_login_page_follows_the_choice_without_an_account(client, db):
    choose(client, "en", "/logga-in/")
    html = client.get("/logga-in/").content.decode()
    assert html_lang(html) == "en"
    assert "Password" in html and "Lösenord" not in html
