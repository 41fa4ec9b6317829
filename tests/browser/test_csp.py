"""Every page users work in obeys the Content-Security-Policy in Chromium: no inline script,
no inline style, nothing evaluated. The policy is on in the default settings, so every other
browser test runs under it too; this one visits each page and collects every violation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from planning.models import PlanVersion
from tests.followup import scenario as followup_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium fires this event for each blocked script, style, image or connection.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
});
"""


def pages(clinic_id: int, version_id: int, unit_id: int) -> list[str]:
    return [
        reverse("home"),
        f"{reverse('followup:callin')}?vecka=2026-W20&klinik={clinic_id}",
        f"{reverse('followup:callin_print')}?vecka=2026-W20&klinik={clinic_id}",
        f"{reverse('followup:tactical')}?ar=2026&period=2&klinik={clinic_id}",
        f"{reverse('followup:strategic')}?ar=2026",
        reverse("planning:index"),
        reverse("planning:grid", args=[version_id]),
        reverse("waitlists:index"),
        reverse("waitlists:regions"),
        f"{reverse('waitlists:pace')}?unit={unit_id}&phase=2",
        f"{reverse('waitlists:whatif')}?unit={unit_id}&phase=2&horizon=52",
        reverse("waitlists:calculator"),
        reverse("imports:index"),
        reverse("imports:upload"),
        reverse("imports:data_quality"),
        reverse("imports:reconciliation"),
        reverse("rollout:index"),
    ]


def test_no_page_breaks_the_content_security_policy(org, role_users, login, problems, live_server):
    half_year = followup_scenario.build(org)
    version = PlanVersion.objects.filter(plan__clinic=half_year["clinic"]).order_by("-id").first()
    page = login("admin", "demo-admin")
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and console.append(m.text))

    violations = {}
    for url in pages(half_year["clinic"].id, version.id, half_year["units"][0].id):
        response = page.goto(live_server.url + url)
        assert response.status < 400, f"{url} answered {response.status}"
        assert response.headers.get("content-security-policy"), url
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__csp")
        if found:
            violations[url] = found

    assert not violations, violations
    assert not console, console
