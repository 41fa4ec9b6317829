"""Every follow-up chart can be read at 1280 px, and its overview leads to the cause.

The layout is measured in Chromium from the boxes Plotly drew (tests/browser/chart_layout.py):
no legend over a plot, axis labels or titles, no plot squashed under its legend, no tick
labels running together, no bar labels too small to read. The clinic plans all its
activities, as a real clinic does: with a legend entry per activity and line that is where
the tactical chart's legend once took all but 60 px of the plot.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from facts.models import WeeklyOutcome
from followup.summary import approved_plans_summed
from organisation.calendar import IsoWeek, weeks_in_year
from organisation.models import Activity
from planning.models import PlanCell, PlanStatus, PlanVersion
from tests.browser.chart_layout import chart_problems, wait_for_charts

pytestmark = pytest.mark.browser

PAGES = [
    ("followup:callin", "chef", "vecka=2026-W20", 5),
    ("followup:callin_print", "chef", "vecka=2026-W20", 5),
    ("followup:tactical", "ledare", "ar=2026&period=2", 4),
    ("followup:strategic", "qulturum", "ar=2026", 3),
]


@pytest.fixture
def every_activity(half_year) -> dict:
    """Ortopedkliniken plans and performs every activity, not only the scenario's four."""
    clinic, units = half_year["clinic"], half_year["units"]
    version = PlanVersion.objects.get(
        plan__clinic=clinic, plan__year=2026, status=PlanStatus.APPROVED
    )
    planned = set(version.cells.values_list("activity_id", flat=True))
    extra = Activity.objects.exclude(id__in=planned)
    cells, outcome = [], []
    for n, act in enumerate(extra, start=1):
        for unit in units:
            for w in range(1, weeks_in_year(2026) + 1):
                cells.append(PlanCell(version=version, unit=unit, activity=act, week=202600 + w,
                                      volume=Decimal(4 + n)))  # fmt: skip
                if w <= half_year["week"].week and IsoWeek(2026, w) != half_year["missing"]:
                    outcome.append(WeeklyOutcome(unit=unit, activity=act, week=202600 + w,
                                                 source="cosmic", count=Decimal(3 + (n + w) % 4)))  # fmt: skip
    PlanCell.objects.bulk_create(cells)
    WeeklyOutcome.objects.bulk_create(outcome)
    approved_plans_summed()
    return half_year


@pytest.mark.parametrize(("url_name", "user", "query", "charts"), PAGES)
def test_every_chart_can_be_read_at_1280_px(
    every_activity, role_users, login, problems, live_server, url_name, user, query, charts
):
    page = login(user, f"demo-{user}")
    page.goto(f"{live_server.url}{reverse(url_name)}?{query}")
    assert wait_for_charts(page) == charts
    assert chart_problems(page) == []
    assert not problems, problems


def test_a_heatmap_cell_opens_the_clinics_tactical_view(
    half_year, role_users, login, problems, live_server, monkeypatch
):
    # After T2: its link opens the period holding its last week.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 10, 1))
    page = login("qulturum", "demo-qulturum")
    page.goto(f"{live_server.url}{reverse('followup:strategic')}?ar=2026")
    wait_for_charts(page)
    # The top row's T2 cell, where Plotly drew it.
    page.locator("#karta .kps-chart").scroll_into_view_if_needed()
    x, y, clinic = page.evaluate(
        """() => {
          const gd = document.querySelector('#karta .kps-chart'), fl = gd._fullLayout;
          const box = gd.getBoundingClientRect(), trace = gd.data[0], row = trace.y.length - 1;
          return [box.left + fl.xaxis._offset + fl.xaxis.d2p(trace.x[1]),
                  box.top + fl.yaxis._offset + fl.yaxis.d2p(trace.y[row]), trace.y[row]];
        }"""
    )
    with page.expect_navigation():
        page.mouse.click(x, y)
    url = urlsplit(page.url)
    assert url.path == reverse("followup:tactical")
    query = parse_qs(url.query)
    first = half_year["clinic"]  # the heatmap reads top-down like the table
    assert clinic.startswith(first.name) and query["klinik"] == [str(first.id)]
    # T2 (May–August) is over: its last week, 2026-W35, is in period 3 (weeks 27–39).
    assert query["ar"] == ["2026"] and query["period"] == ["3"]
    assert not problems, problems
