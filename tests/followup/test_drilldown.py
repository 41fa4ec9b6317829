"""From the overview to the cause: the strategic view's cells and rows and the call-in's red
lights link to the clinic's tactical view (for the tertial's period, or for the activity)."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from followup.summary import approved_plans_summed
from organisation.models import Activity

pytestmark = pytest.mark.django_db


def query_of(url: str) -> dict:
    parts = urlsplit(url)
    assert parts.path == reverse("followup:tactical"), url
    return {k: v[0] for k, v in parse_qs(parts.query).items()}


def test_a_heatmap_cell_carries_its_clinics_tactical_view_for_the_tertial(
    client, half_year, qulturum_user, monkeypatch
):
    # In T2, in schedule period 2 (weeks 14–26 on the default clock).
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 6, 15))
    approved_plans_summed()
    client.force_login(qulturum_user)
    response = client.get(
        reverse("followup:strategic_chart", args=["karta"]), {"ar": "2026", "kalla": "cosmic"}
    )
    trace = json.loads(response.content)["data"][0]
    top = len(trace["y"]) - 1  # the heatmap reads top-down: the first clinic is the last row
    t1, t2, t3, ytd = (query_of(cell[-1]) for cell in trace["customdata"][top])
    clinic = str(half_year["clinic"].id)
    assert t1 == {
        "klinik": clinic,
        "ar": "2026",
        "period": "2",
        "kalla": "cosmic",
    }  # T1 ends in w 17
    assert t2["period"] == "2"  # its latest begun week, w 24, is in period 2
    assert t3["period"] == "3"  # not begun: its first week, w 36
    assert ytd["period"] == "2"  # this week


def test_an_areas_row_opens_the_area_and_a_clinics_tertial_its_tactical_view(
    client, half_year, qulturum_user, monkeypatch
):
    # In T3's week 49, in schedule period 4 (weeks 40–53).
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 12, 7))
    approved_plans_summed()
    client.force_login(qulturum_user)
    clinic = half_year["clinic"]
    page = client.get(reverse("followup:strategic"), {"ar": "2026"}).content.decode()
    assert f"omrade={clinic.area_id}#karta" in page
    page = client.get(
        reverse("followup:strategic"), {"ar": "2026", "klinik": clinic.id}
    ).content.decode()
    links = [
        query_of(html.unescape(href))
        for href in re.findall(r'href="([^"]+)"', page)
        if href.startswith(reverse("followup:tactical"))
    ]
    # T1 and T2 of the outcome against plan open the periods holding their last weeks (w 17,
    # w 35); T3 has no outcome in the scenario (–) and no link.
    assert [link["period"] for link in links if "period" in link] == ["2", "3"]


def test_a_red_activity_on_the_callin_opens_its_weekly_chart(client, half_year, clinic_manager):
    approved_plans_summed()
    client.force_login(clinic_manager)
    page = client.get(reverse("followup:callin"), {"vecka": "2026-W20"}).content.decode()
    operation = Activity.objects.get(code="operation")  # 78 % of plan: red
    clinic = half_year["clinic"].id
    # Week 20 is in schedule period 2 (weeks 14–26 on the default clock).
    link = (
        f'href="{reverse("followup:tactical")}?klinik={clinic}&amp;kalla=cosmic&amp;ar=2026'
        f'&amp;period=2&amp;aktivitet={operation.id}#plan-utfall"'
    )
    assert link in page
