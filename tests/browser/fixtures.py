"""Browser fixtures: Playwright (sync API) with Debian's Chromium against pytest-django's live server.

tests/conftest.py loads them for every test directory; nothing needs to import them.

Playwright's own browser download needs the internet, so the tests drive the
system's Chromium (`apt-get install chromium`; CHROMIUM_PATH overrides where).
Without it the browser tests fail with that instruction; they are never skipped.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


class _SharedChromium:
    """One Chromium for the whole test session, however many conftests import the fixtures.

    Playwright's sync API allows one running instance per thread, and a fixture that two
    conftest modules import becomes two session fixtures; they share this instead.
    """

    def __init__(self) -> None:
        self.users = 0
        self.playwright = None
        self.browser = None
        self.async_unsafe = None

    def acquire(self, path: str):
        if not self.users:
            from playwright.sync_api import sync_playwright

            # The sync API runs an event loop in this thread; Django's ORM refuses to run
            # beside one unless told it is safe, which it is here: no test code awaits.
            self.async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        self.users += 1
        return self.browser

    def release(self) -> None:
        self.users -= 1
        if not self.users:
            self.browser.close()
            self.playwright.stop()
            if self.async_unsafe is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self.async_unsafe


_chromium = _SharedChromium()


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path or not os.access(path, os.X_OK):
        pytest.fail(
            "Chromium not found: install it (`sudo apt-get install chromium`, which scripts/test "
            "does when run as root) or set CHROMIUM_PATH to a Chromium binary.",
            pytrace=False,
        )
    yield _chromium.acquire(path)
    _chromium.release()


@dataclass
class Problems:
    """What went wrong in the browser while a test ran: console errors, page errors, HTTP ≥ 400."""

    console: list[str] = field(default_factory=list)
    http: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.console or self.http)


@pytest.fixture
def problems() -> Problems:
    return Problems()


def _on_console(message, page, problems: Problems) -> None:
    # "Failed to load resource" repeats an HTTP error without its URL; the response listener
    # below records those with the URL, for every request the page makes. What it leaves out
    # is Chromium's own /favicon.ico probe, which no page of ours asks for.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        problems.console.append(f"{message.text} ({page.url})")


@pytest.fixture
def page(browser, problems):
    # Swedish, as the users are; Chromium would otherwise send Accept-Language: en-US.
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("console", lambda message: _on_console(message, page, problems))
    page.on("pageerror", lambda error: problems.console.append(f"{error} ({page.url})"))
    page.on(
        "response",
        lambda r: (
            r.status >= 400 and problems.http.append(f"{r.status} {r.request.method} {r.url}")
        ),
    )
    yield page
    context.close()


@pytest.fixture
def login(page, live_server):
    """Logs a user in through the real login form; returns the page, now on the home page."""

    def log_in(username: str, password: str):
        page.goto(live_server.url + reverse("login"))
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(password)
        with page.expect_navigation():
            page.locator("form button.primary").click()
        assert page.url == live_server.url + reverse("home"), (
            f"login as {username} ended on {page.url}"
        )
        return page

    return log_in
