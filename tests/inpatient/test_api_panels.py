"""The ward panels of the call-in and strategic dashboards in the follow-up API, and the bed plan's
check as an endpoint, with the pages' access rules.

Figures by hand from the week in conftest (2–8 March 2026): cardiology 10 staffed beds a day,
65 occupied over the week, one överbeläggning and two utlokaliserade; orthopaedics 20 staffed and
15 occupied every day. The bed check's Erlang B is computed here by its closed form,
B = (Aᶜ/c!) ÷ Σₖ₌₀..c Aᵏ/k!, in exact fractions, not by the recursion the code uses.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse

from planning import services
from planning.cells import CellEdit
from tests import factories

pytestmark = pytest.mark.django_db
CALLIN = "/api/v1/followup/call-in/"
STRATEGIC = "/api/v1/followup/strategic/"
CHECK = "/api/v1/beds/plan-check/"


def erlang_b(load: Fraction, beds: int) -> float:
    terms = [load**k / math.factorial(k) for k in range(beds + 1)]
    return float(terms[-1] / sum(terms))


@pytest.fixture
def approved_beds(week, beds_activity, kps_leader, clinic_manager):
    """Orthopaedics' approved plan for 2026: 22 staffed beds in week 10."""
    ward = week.orthopaedics
    version = services.plan_create(
        clinic=ward.clinic,
        year=2026,
        user=kps_leader,
        cells=[CellEdit(ward.id, beds_activity.id, 202610, Decimal(22))],
    )
    services.plan_submit(version=version, user=kps_leader, comment="Som förra året")
    services.plan_approve(version=version, user=clinic_manager, comment="Fastställd")
    return week


def test_the_callin_api_has_the_wards_week_the_page_shows(client, approved_beds, clinic_manager):
    client.force_login(clinic_manager)
    params = {"vecka": "2026-W10"}
    api = client.get(CALLIN, params).json()
    [ward] = api["wards"]
    assert ward["unit_id"] == approved_beds.orthopaedics.id
    figures = ward["figures"]
    assert figures["days_measured"] == 7
    assert figures["staffed_beds"] == 20
    assert figures["occupied_beds"] == 15
    assert figures["occupancy"] == pytest.approx(0.75)
    assert figures["overcrowding"] == 0 and figures["overcrowding_per_100"] == 0
    assert ward["planned_beds"] == 22
    assert ward["beds_against_plan"] == -2
    page = client.get(reverse("followup:callin"), params).context["wards"]
    assert [w.unit_id for w in page] == [ward["unit_id"]]
    # A week without measurement or plan: nulls, never zeros.
    [later] = client.get(CALLIN, {"vecka": "2026-W12"}).json()["wards"]
    assert later["figures"]["staffed_beds"] is None and later["planned_beds"] is None
    assert later["beds_against_plan"] is None


def test_the_callin_api_of_cardiology_counts_its_overcrowding(client, week, qulturum_user):
    client.force_login(qulturum_user)
    cardio = week.org.clinics[2]
    [ward] = client.get(CALLIN, {"klinik": cardio.id, "vecka": "2026-W10"}).json()["wards"]
    figures = ward["figures"]
    assert figures["occupancy"] == pytest.approx(65 / 70)
    assert figures["overcrowding"] == 1
    assert figures["overcrowding_per_100"] == pytest.approx(100 / 70)
    assert figures["outlying"] == 2
    assert figures["outlying_per_100"] == pytest.approx(200 / 70)
    assert ward["planned_beds"] is None


def test_a_clinic_without_wards_has_none_in_the_callin_api(client, week, qulturum_user):
    client.force_login(qulturum_user)
    eye = week.org.clinics[1]
    assert client.get(CALLIN, {"klinik": eye.id, "vecka": "2026-W10"}).json()["wards"] == []


@pytest.mark.parametrize("username", ["ledare", "chef", "omradeschef"])
def test_the_callin_api_refuses_wards_of_a_clinic_not_the_users(client, week, role_users, username):
    client.force_login(role_users[username])
    cardio = week.org.clinics[2]
    answer = client.get(CALLIN, {"klinik": cardio.id, "vecka": "2026-W10"})
    assert answer.status_code == 400
    assert "klinik" in answer.json()["errors"]


def test_the_strategic_api_has_the_occupancy_per_hospital(client, week, role_users):
    client.force_login(role_users["qulturum"])
    [site] = client.get(STRATEGIC, {"ar": 2026}).json()["bed_sites"]
    assert site["site_id"] == week.org.site.id
    first, second, third = site["tertials"]
    assert [t["tertial"] for t in site["tertials"]] == [1, 2, 3]
    # Both wards: 65 + 105 occupied of 70 + 140 staffed bed-days, 30 staffed beds a day.
    assert first["figures"]["occupancy"] == pytest.approx(170 / 210)
    assert first["figures"]["staffed_beds"] == 30
    assert second["figures"] is None and third["figures"] is None
    assert site["total"]["overcrowding_per_100"] == pytest.approx(100 / 210)
    page = client.get(reverse("followup:strategic"), {"ar": 2026}).context["bed_sites"]
    assert [(s.site_id, s.total.occupancy) for s in page] == [
        (site["site_id"], site["total"]["occupancy"])
    ]
    # A clinic's reader: only their clinic's ward counts in their hospital's figures.
    client.force_login(role_users["ledare"])
    [own] = client.get(STRATEGIC, {"ar": 2026}).json()["bed_sites"]
    assert own["total"]["occupancy"] == pytest.approx(0.75)
    assert own["total"]["overcrowding"] == 0


@pytest.fixture
def plans(last_year, beds_activity, kps_leader, kps_admin):
    """Orthopaedics' draft for 2026 (4 beds in week 10, 9 in week 16) and cardiology's (5 in
    week 10, no admissions last year)."""
    ortho = last_year.orthopaedics
    own = services.plan_create(
        clinic=ortho.clinic,
        year=2026,
        user=kps_leader,
        cells=[
            CellEdit(ortho.id, beds_activity.id, 202610, Decimal(4)),
            CellEdit(ortho.id, beds_activity.id, 202616, Decimal(9)),
        ],
    )
    cardio = last_year.cardiology
    other = services.plan_create(
        clinic=cardio.clinic,
        year=2026,
        user=kps_admin,
        cells=[CellEdit(cardio.id, beds_activity.id, 202610, Decimal(5))],
    )
    return own, other


def test_the_plan_check_per_ward_and_week(client, plans, kps_leader, settings):
    settings.KPS_BED_OCCUPANCY_TARGET = 0.85
    settings.KPS_BED_BLOCKING_TARGET = 0.01
    own, _other = plans
    client.force_login(kps_leader)
    answer = client.get(CHECK, {"version": own.id})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["version"], body["plan"], body["year"]) == (own.id, own.plan_id, 2026)
    assert body["targets"] == {"occupancy": 0.85, "blocking": 0.01}
    [ward] = body["wards"]  # the clinic's one ward; its outpatient unit is no ward
    assert ward["mean_stay_days"] == pytest.approx(2.0)
    weeks = {w["week"]: w for w in ward["weeks"]}
    assert len(weeks) == 53  # 2026 has 53 ISO weeks
    # Week 10: last year's 12 admissions in the same week, 12/7 a day × 2 days = 24/7 beds.
    load = Fraction(24, 7)
    blocked = erlang_b(load, 4)
    w10 = weeks["2026-W10"]
    assert w10["load"] == pytest.approx(float(load))
    assert w10["beds"] == 4
    assert w10["blocking"] == pytest.approx(blocked)
    assert w10["occupancy"] == pytest.approx(float(load) * (1 - blocked) / 4)
    assert w10["light"] == "red"  # about 19 % find the ward full
    # Fewest beds with blocking ≤ 1 % and occupancy ≤ 85 %.
    needed = next(c for c in range(1, 30) if erlang_b(load, c) <= 0.01)
    assert w10["needed"] == needed == 9
    w16 = weeks["2026-W16"]
    assert w16["blocking"] == pytest.approx(erlang_b(load, 9))
    assert w16["light"] == "green"
    w11 = weeks["2026-W11"]
    assert w11["beds"] is None and w11["light"] == "" and w11["occupancy"] is None
    assert (ward["red"], ward["yellow"], ward["green"]) == (1, 0, 1)
    # The plan's current version (the draft) is the one a plan id answers for.
    assert client.get(CHECK, {"plan": own.plan_id}).json() == body
    assert client.get(CHECK, {"version": own.id, "ward": ward["unit_id"]}).json() == body


@pytest.mark.parametrize(
    ("username", "sees_other"),
    [
        ("ledare", False),
        ("chef", False),
        ("omradeschef", False),
        ("qulturum", True),
        ("admin", True),
    ],
)
def test_the_plan_check_follows_the_users_clinics(client, plans, role_users, username, sees_other):
    own, other = plans
    client.force_login(role_users[username])
    assert client.get(CHECK, {"version": own.id}).status_code == 200
    answer = client.get(CHECK, {"version": other.id})
    if sees_other:
        assert answer.status_code == 200
        assert answer.json()["wards"][0]["weeks"][9]["beds"] == 5
    else:
        assert answer.status_code == 400
        assert list(answer.json()["errors"]) == ["version"]
        answer = client.get(CHECK, {"plan": other.plan_id})
        assert answer.status_code == 400
        assert list(answer.json()["errors"]) == ["plan"]


def test_a_user_without_clinics_and_an_anonymous_one_get_no_check(client, plans):
    own, _other = plans
    assert client.get(CHECK, {"version": own.id}).status_code == 403
    client.force_login(factories.make_user("ingen", None))
    assert client.get(CHECK, {"version": own.id}).status_code == 400


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({}, "version"),
        ({"version": "x"}, "version"),
        ({"version": "1", "plan": "1"}, "version"),
        ("ward", "ward"),
    ],
)
def test_bad_plan_check_queries_get_a_message(client, plans, kps_admin, query, field):
    own, _other = plans
    if query == "ward":  # the outpatient unit of the same clinic is no ward
        query = {"version": own.id, "ward": plans[0].plan.clinic.units.get(code__endswith="-1").id}
    client.force_login(kps_admin)
    answer = client.get(CHECK, query)
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == [field]
    assert answer.json()["errors"][field][0]
