"""Comparing two versions of a plan, on its page and in the API.

Every expectation is summed here from the raw plan cells, with each week placed
in its schedule period by the period's own dates, not by the code under test.
"""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from organisation.calendar import IsoWeek, default_schedule_periods
from planning import services
from planning.models import PlanCell

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def expected(version_a, version_b, unit_ids=None):
    """(activity id or None, period or None) → (A, B), summed from the raw cells."""
    periods = default_schedule_periods(YEAR)

    def period_of(week_key):
        monday = IsoWeek.from_key(week_key).monday
        return next((p.number for p in periods if p.start <= monday <= p.end), None)

    sums = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for side, version in enumerate((version_a, version_b)):
        for cell in PlanCell.objects.filter(version=version):
            if unit_ids is not None and cell.unit_id not in unit_ids:
                continue
            for activity in (cell.activity_id, None):
                for period in {period_of(cell.week), None}:
                    sums[(activity, period)][side] += cell.volume
    return {key: tuple(value) for key, value in sums.items()}


def every_row(want):
    """All rows: each activity planned in either version, in every period and the year."""
    zero = (Decimal(0), Decimal(0))
    activities = {activity for activity, _p in want if activity is not None}
    return {(a, p): want.get((a, p), zero) for a in activities for p in (1, 2, 3, 4, None)}


def test_the_page_shows_only_what_changed_per_activity_and_period_and_the_totals(
    client, two_versions, kps_leader, activities
):
    a, b = two_versions
    client.force_login(kps_leader)
    response = client.get(reverse("planning:compare", args=[a.plan_id]))
    assert response.status_code == 200
    context = response.context
    assert (context["a"], context["b"]) == (a, b)  # by default the latest against the one before
    want = expected(a, b)
    shown = {(row.activity_id, row.period): (row.a, row.b) for row, _label in context["rows"]}
    changed = {key: ab for key, ab in want.items() if key[0] is not None and ab[0] != ab[1]}
    assert shown == changed
    # New visits in period 1 (weeks 1–13): 13 × 10 in the unit and 7 in the other; then weeks
    # 1–2 became 12 and week 3 emptied. Operations are new in period 3.
    ny, op = activities["lak-ny"].id, activities["operation"].id
    assert shown[(ny, 1)] == (Decimal(130 + 7), Decimal(2 * 12 + 10 * 10 + 7))
    assert shown[(op, 3)] == (Decimal(0), Decimal(8))
    assert not any(activity == activities["lak-ater"].id for activity, _p in shown)
    totals = {(None, row.period): (row.a, row.b) for row, _label in context["totals"]}
    assert totals == {key: ab for key, ab in want.items() if key[0] is None}
    html = response.content.decode()
    assert "Skillnad (B − A)" in html and "+8" in html and "−6" in html
    assert "Bara rader som skiljer sig visas." in html


def test_all_rows_and_one_unit_on_request(client, two_versions, kps_leader, org, unit):
    a, b = two_versions
    client.force_login(kps_leader)
    url = reverse("planning:compare", args=[a.plan_id])
    response = client.get(url, {"a": 1, "b": 2, "alla": "1"})
    shown = {(row.activity_id, row.period): (row.a, row.b) for row, _l in response.context["rows"]}
    assert shown == every_row(expected(a, b))
    other = org.units[1]
    response = client.get(url, {"enhet": other.id, "alla": "1"})
    shown = {(row.activity_id, row.period): (row.a, row.b) for row, _l in response.context["rows"]}
    assert shown == every_row(expected(a, b, unit_ids={other.id}))
    assert all(ab[0] == ab[1] for ab in shown.values())  # the other unit did not change
    assert "Ortopedkliniken vårdavdelning" in response.content.decode()


def test_a_version_the_plan_does_not_have_is_told_not_a_500(client, two_versions, kps_leader):
    a, _b = two_versions
    client.force_login(kps_leader)
    for value in ("7", "abc", "-1", "99999999999999999999999"):
        response = client.get(reverse("planning:compare", args=[a.plan_id]), {"a": value})
        assert response.status_code == 200
        assert "Planen har ingen version" in response.content.decode()
        assert response.context["a"] == a


def test_a_plan_with_one_version_has_nothing_to_compare(client, draft, kps_leader):
    client.force_login(kps_leader)
    response = client.get(reverse("planning:compare", args=[draft.plan_id]))
    assert response.status_code == 200
    assert "Planen har bara en version" in response.content.decode()


def test_the_plans_version_list_and_history_link_to_the_comparison(
    client, two_versions, kps_leader
):
    a, _b = two_versions
    client.force_login(kps_leader)
    compare = reverse("planning:compare", args=[a.plan_id])
    plan_page = client.get(reverse("planning:plan", args=[a.plan_id])).content.decode()
    assert f"{compare}?a=1&amp;b=2" in plan_page and "Jämför med version 1" in plan_page
    history = client.get(reverse("planning:history", args=[a.plan_id])).content.decode()
    assert compare in history


def test_another_clinics_user_gets_404(client, two_versions, org):
    from tests.factories import make_user

    a, _b = two_versions
    client.force_login(make_user("annan", "kps_leader", clinic=org.clinics[2]))
    assert client.get(reverse("planning:compare", args=[a.plan_id])).status_code == 404


# ---------- the API ----------


def api_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def compare_url(version) -> str:
    return reverse("planversion-compare", kwargs={"pk": version.pk})


def test_the_api_compares_two_versions_of_a_plan(two_versions, kps_leader, activities):
    a, b = two_versions
    response = api_for(kps_leader).get(compare_url(a), {"with": b.id})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["a"]["id"], body["b"]["id"]) == (a.id, b.id)
    assert [p["number"] for p in body["periods"]] == [1, 2, 3, 4]
    want = expected(a, b)
    rows = {(r["activity"], r["period"]): (r["a"], r["b"], r["difference"]) for r in body["rows"]}
    assert rows == {
        key: (float(x), float(y), float(y - x))
        for key, (x, y) in want.items()
        if key[0] is not None and x != y
    }
    assert all(r["changed"] for r in body["rows"])
    totals = {r["period"]: (r["a"], r["b"]) for r in body["totals"]}
    assert totals == {
        key[1]: (float(x), float(y)) for key, (x, y) in want.items() if key[0] is None
    }
    everything = api_for(kps_leader).get(compare_url(a), {"with": b.id, "all": "true"}).json()
    assert {(r["activity"], r["period"]): (r["a"], r["b"]) for r in everything["rows"]} == {
        key: (float(x), float(y)) for key, (x, y) in every_row(want).items()
    }


@pytest.mark.parametrize("value", [None, "", "abc", "-3", "1.5", "9" * 30])
def test_a_bad_version_id_is_400(two_versions, kps_leader, value):
    a, _b = two_versions
    params = {} if value is None else {"with": value}
    response = api_for(kps_leader).get(compare_url(a), params)
    assert response.status_code == 400, response.content
    assert "with" in response.json()["errors"]


def test_a_version_of_another_plan_is_400(two_versions, kps_leader, clinic):
    a, _b = two_versions
    other_plan = services.plan_create(clinic=clinic, year=YEAR + 1, user=kps_leader)
    response = api_for(kps_leader).get(compare_url(a), {"with": other_plan.id})
    assert response.status_code == 400
    assert "olika planer" in response.json()["errors"]["with"][0]


def test_versions_outside_the_users_clinics_are_404(two_versions, org, kps_leader):
    from tests.factories import make_user

    a, b = two_versions
    outsider = make_user("annan", "kps_leader", clinic=org.clinics[2])
    foreign = services.plan_create(clinic=org.clinics[2], year=YEAR, user=outsider)
    # The outsider cannot compare this clinic's versions …
    assert api_for(outsider).get(compare_url(a), {"with": b.id}).status_code == 404
    # … nor can the clinic's own leader reach another clinic's version through "with".
    response = api_for(kps_leader).get(compare_url(a), {"with": foreign.id})
    assert response.status_code == 404
    assert api_for(kps_leader).get(compare_url(a), {"with": 10**9}).status_code == 404


def test_the_schema_documents_the_comparison(client, kps_leader):
    client.force_login(kps_leader)
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/plan-versions/{id}/compare/"]["get"]
    names = {p["name"]: p for p in operation["parameters"]}
    assert names["with"]["required"] is True
    assert {"unit", "all"} <= set(names)
    assert {"200", "400", "404"} <= set(operation["responses"])
