"""The API gives the dashboards' figures, from the same selectors, documented in OpenAPI."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_callin_page_and_the_api_show_the_same_figures(client, half_year, clinic_manager):
    client.force_login(clinic_manager)
    params = {"vecka": "2026-W20"}
    page = client.get(reverse("followup:callin"), params).context["dashboard"]
    api = client.get(reverse("followup-callin-list"), params).json()
    assert api["week"] == "2026-W20" and api["clinic"]["name"] == "Ortopedkliniken"
    assert api["missing_weeks"] == page.missing_weeks == ["2026-W14"]
    assert Decimal(str(api["last_week"]["total"]["outcome"])) == page.last_week["total"]["outcome"]
    assert api["rolling"][-1]["share"] == pytest.approx(page.rolling_now["share"])
    assert api["ahead"]["total"]["booked"] == page.ahead["total"]["booked"]
    assert api["waiting"][-1]["over_90_excl"] == page.waiting_now["over_90_excl"]
    assert [light["level"] for light in api["traffic_lights"]] == [
        light.level for light in page.lights
    ]
    # A missing week is null in the API, never 0.
    missing = next(r for r in api["rolling"] if r["week"] == "2026-W14")
    assert missing["share"] is None and missing["week_outcome"] is None


def test_the_chart_draws_the_numbers_the_api_gives(client, half_year, clinic_manager):
    client.force_login(clinic_manager)
    params = {"vecka": "2026-W20"}
    figure = json.loads(
        client.get(reverse("followup:callin_chart", args=["rullande-andel"]), params).content
    )
    api = client.get(reverse("followup-callin-list"), params).json()
    drawn = figure["data"][0]["y"]
    assert drawn == [
        None if r["share"] is None else round(r["share"] * 100, 1) for r in api["rolling"]
    ]


def test_every_clinic_chart_draws_what_its_page_shows(client, half_year, clinic_manager):
    """A chart reads only the figures it draws (the weeks-ahead charts no outcome, capacity no
    outcome), and draws exactly what the page computes from all of them."""
    from django.http import JsonResponse

    from followup.charts import callin as callin_charts
    from followup.charts import tactical as tactical_charts

    def drawn(url_name, name, params):
        return json.loads(client.get(reverse(url_name, args=[name]), params).content)

    def expected(chart):
        return json.loads(JsonResponse(chart.figure).content)

    client.force_login(clinic_manager)
    params = {"vecka": "2026-W20"}
    page = client.get(reverse("followup:callin"), params).context["dashboard"]
    assert page.ahead["total"]["plan"] and page.staffing, (
        "the fixture plans the weeks ahead and has staff hours"
    )
    callin = {
        "senaste-veckan": callin_charts.last_week_chart(page.last_week),
        "rullande-andel": callin_charts.rolling_chart(page.rolling),
        "kommande-veckor": callin_charts.ahead_chart(page.ahead),
        "vantelista": callin_charts.waiting_chart(page.waiting),
        "bemanning": callin_charts.staffing_chart(page.staffing),
    }
    assert set(callin) == set(callin_charts.CHARTS)
    for name, chart in callin.items():
        assert drawn("followup:callin_chart", name, params) == expected(chart), name
    params = {"ar": 2026, "period": 2}
    tactical = client.get(reverse("followup:tactical"), params).context["tactical"]
    assert tactical.capacity and tactical.flow
    for name, (builder, _parts) in tactical_charts.BUILDERS.items():
        assert drawn("followup:tactical_chart", name, params) == expected(builder(tactical)), name


def test_tactical_and_strategic_figures_through_the_api(client, half_year, qulturum_user):
    client.force_login(qulturum_user)
    tactical = client.get(reverse("followup-tactical-list"), {"ar": 2026, "period": 2}).json()
    assert tactical["schedule"]["first_week"] == "2026-W14" and len(tactical["flow"]) == 13
    strategic = client.get(reverse("followup-strategic-list"), {"ar": 2026}).json()
    page = client.get(reverse("followup:strategic"), {"ar": 2026}).context["strategic"]
    assert strategic["region"]["ytd"]["share"] == pytest.approx(page.region["ytd"]["share"])
    assert len(strategic["clinics"]) == 3 and len(strategic["indicators"]) == 3
    trend = client.get(reverse("followup-strategic-trend-list"), {"ar": 2026}).json()
    assert [p["year"] for p in trend["areas"][0]["years"]] == [2025, 2026]
    waiting = client.get(reverse("followup-strategic-waiting-list"), {"ar": 2026}).json()
    assert waiting["days"]


def test_a_bad_filter_is_a_400_with_a_swedish_detail(client, org, qulturum_user):
    client.force_login(qulturum_user)
    response = client.get(reverse("followup-callin-list"), {"vecka": "2026-53"})
    assert response.status_code == 400 and "är ingen vecka" in response.json()["detail"]
    response = client.get(reverse("followup-action-list"), {"status": "klar"})
    assert response.status_code == 400 and "Okänd status" in response.json()["detail"]
    response = client.get(reverse("followup-meeting-list"), {"sedan": "igår"})
    assert response.status_code == 400


def test_the_endpoints_are_documented_in_openapi(client, org, qulturum_user):
    client.force_login(qulturum_user)
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    paths = schema["paths"]
    for path in (
        "call-in",
        "tactical",
        "strategic",
        "strategic-trend",
        "strategic-waiting",
        "meetings",
        "actions",
    ):
        assert f"/api/v1/followup/{path}/" in paths, path
    params = {p["name"] for p in paths["/api/v1/followup/call-in/"]["get"]["parameters"]}
    assert {"klinik", "enhet", "aktivitet", "vecka", "kalla"} <= params
    assert "CallIn" in schema["components"]["schemas"]
