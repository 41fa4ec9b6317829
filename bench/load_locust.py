"""Locust's side of ``bench/load.py``: a clinic manager's Monday 08:00, as one simulated user.

Not run on its own: ``bench/load.py`` starts Locust with this file and passes, in the
environment, the managers' usernames (KPS_LOAD_USERS, comma-separated), their password
(KPS_LOAD_PASSWORD), the think time in seconds (KPS_LOAD_THINK, "low-high") and the
address the application believes it is served at (KPS_LOAD_ORIGIN, https://host:port).

Each user logs in through the login form as a manager of its own (each takes the next
username, so no two share one), then goes round: the call-in page and every chart on it,
a pause to read, the tactical page and its charts, a pause. The charts are the URLs the
page itself names in ``data-chart-url``, fetched right after the page as the browser does.
"""

from __future__ import annotations

import html
import itertools
import os
import re

from locust import HttpUser, between, task

USERNAMES = os.environ.get("KPS_LOAD_USERS", "").split(",")
PASSWORD = os.environ.get("KPS_LOAD_PASSWORD", "")
ORIGIN = os.environ.get("KPS_LOAD_ORIGIN", "")
THINK_LOW, THINK_HIGH = (float(x) for x in os.environ.get("KPS_LOAD_THINK", "20-40").split("-"))
CHART_URL = re.compile(r'data-chart-url="([^"]+)"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_next_user = itertools.count()


class Manager(HttpUser):
    """A clinic manager opening the call-in meeting's pages."""

    wait_time = between(THINK_LOW, THINK_HIGH)

    def on_start(self) -> None:
        self.username = USERNAMES[next(_next_user) % len(USERNAMES)]
        # TLS ends at the proxy in production, which says so in this header (SECURE_PROXY_SSL_HEADER).
        self.client.headers["X-Forwarded-Proto"] = "https"
        with self.client.get("/logga-in/", name="login form", catch_response=True) as response:
            token = CSRF_FIELD.search(response.text)
            if response.status_code != 200 or not token:
                response.failure(f"login form: {response.status_code}")
                return
        self._plain_cookies()
        with self.client.post(
            "/logga-in/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1),
            },
            headers={"Origin": ORIGIN, "Referer": f"{ORIGIN}/logga-in/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "logga-in" in response.headers.get("Location", ""):
                response.failure(f"login refused: {response.status_code}")
        self._plain_cookies()

    def _plain_cookies(self) -> None:
        """The cookies are Secure (the browser sees https); the benchmark talks plain HTTP on
        the loopback behind the header above, so it sends them without the flag. Any response
        may set them again (the session's last-seen stamp is saved once a minute): called
        after each."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def _page_and_charts(self, path: str, label: str) -> None:
        with self.client.get(path, name=f"{label} page", catch_response=True) as response:
            if response.status_code != 200 or "logga-in" in response.url:
                response.failure(f"{response.status_code} {response.url}")
                return
            self._plain_cookies()
            charts = [html.unescape(url) for url in CHART_URL.findall(response.text)]
            if not charts:
                response.failure("no charts on the page")
                return
        for url in charts:
            name = url.split("/diagram/", 1)[1].split("/", 1)[0]
            with self.client.get(
                url, name=f"{label} chart {name}", catch_response=True
            ) as response:
                # The bytes, not .text: JSON is sent without a charset, and requests would
                # guess one by reading the whole body, at the load generator's CPU's cost.
                if response.status_code != 200 or not response.content.startswith(b"{"):
                    response.failure(f"{response.status_code} {response.content[:60]!r}")
            self._plain_cookies()

    @task
    def monday_meeting(self) -> None:
        self._page_and_charts("/uppfoljning/callin/", "call-in")
        self.wait()
        self._page_and_charts("/uppfoljning/taktisk/", "tactical")
