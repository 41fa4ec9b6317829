"""COSMIC against Diver: the differences per unit, activity and week, computed in one query."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from followup.models import WeeklyOutcome
from imports.reports import outcome_reconciliation
from organisation import access

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcomes(org, activities):
    """A hand-made fixture; the expected figures below are worked out by hand from it."""
    a, b = org.clinics[0].units.order_by("code")  # Ortopedkliniken
    c = org.clinics[2].units.order_by("code").first()  # Kardiologiska kliniken
    ny, ater, op = activities["lak-ny"], activities["lak-ater"], activities["operation"]
    rows = [
        (a, ny, 202610, "cosmic", "10"), (a, ny, 202610, "diver", "8"),      # +2, 25 %
        (a, ater, 202610, "cosmic", "5"), (a, ater, 202610, "diver", "5"),   # agree: not listed
        (b, op, 202611, "cosmic", "3"),                                      # +3, Diver has none
        (c, ny, 202612, "cosmic", "20"), (c, ny, 202612, "diver", "30"),     # −10, 33.3 %
        (a, ny, 202612, "diver", "4.5"),                                     # −4.5, 100 %
    ]  # fmt: skip
    WeeklyOutcome.objects.bulk_create(
        WeeklyOutcome(unit=u, activity=act, week=w, source=s, count=Decimal(n)) for u, act, w, s, n in rows
    )
    return {"a": a, "b": b, "c": c}


def summary(rows) -> list[tuple]:
    return [
        (r["unit__code"], r["activity__name"], r["week"], r["cosmic"], r["diver"], r["difference"],
         None if r["pct_difference"] is None else round(r["pct_difference"], 1))
        for r in rows
    ]  # fmt: skip


def test_the_worst_disagreements_come_first_in_absolute_numbers(outcomes, qulturum_user):
    a, b, c = outcomes["a"].code, outcomes["b"].code, outcomes["c"].code
    assert summary(outcome_reconciliation(user=qulturum_user)) == [
        (c, "Läkarbesök ny", 202612, Decimal(20), Decimal(30), Decimal(-10), 33.3),
        (a, "Läkarbesök ny", 202612, Decimal(0), Decimal("4.5"), Decimal("-4.5"), 100.0),
        (b, "Operation", 202611, Decimal(3), Decimal(0), Decimal(3), None),
        (a, "Läkarbesök ny", 202610, Decimal(10), Decimal(8), Decimal(2), 25.0),
    ]


def test_sorted_by_share_a_difference_without_a_diver_figure_comes_last(outcomes, qulturum_user):
    weeks = [(r["unit__code"], r["week"]) for r in outcome_reconciliation(user=qulturum_user, order="pct")]
    a, b, c = outcomes["a"].code, outcomes["b"].code, outcomes["c"].code
    assert weeks == [(a, 202612), (c, 202612), (a, 202610), (b, 202611)]


def test_clinic_and_week_range_narrow_the_list(outcomes, qulturum_user, org):
    clinic = org.clinics[0].pk
    assert [r["week"] for r in outcome_reconciliation(user=qulturum_user, clinic_id=clinic)] == [202612, 202611, 202610]
    assert [r["week"] for r in outcome_reconciliation(user=qulturum_user, week_from=202611, week_to=202611)] == [
        202611
    ]


def test_the_access_filter_limits_a_leader_to_their_clinic(outcomes, kps_leader, area_manager, org):
    assert {r["unit__clinic__name"] for r in outcome_reconciliation(user=kps_leader)} == {"Ortopedkliniken"}
    # Asking for another clinic's id gives nothing rather than its figures.
    assert list(outcome_reconciliation(user=kps_leader, clinic_id=org.clinics[2].pk)) == []
    assert len(outcome_reconciliation(user=area_manager)) == 3


@pytest.mark.parametrize("username", ["qulturum", "ledare"])
def test_it_is_one_query_however_many_rows(username, outcomes, role_users, django_assert_num_queries):
    user = role_users[username]
    access.sees_whole_region(user)  # the user's roles are read once per request, and cached on the user
    with django_assert_num_queries(1):
        rows = list(outcome_reconciliation(user=user)[:2])
    # The first page, and how many there are in all, from the same query.
    expected = 4 if username == "qulturum" else 3
    assert [r["total_rows"] for r in rows] == [expected, expected]


def test_the_page_shows_the_figures_and_reports_a_bad_week(outcomes, client_as, org):
    client = client_as("chef")
    body = client.get(reverse("imports:reconciliation")).content.decode()
    assert "3 avvikelser." in body
    assert "2026-W12" in body and "−4,5" not in body and "-4,5" in body
    assert "Kardiologiska kliniken" not in body  # not the manager's clinic

    filtered = client.get(reverse("imports:reconciliation"), {"week_from": "2026-W11", "order": "pct"})
    assert filtered.context["total"] == 2

    bad = client.get(reverse("imports:reconciliation"), {"week_from": "vecka 11"})
    assert bad.status_code == 200
    assert "Skriv veckan som år och vecka, t.ex. 2026-W05." in bad.content.decode()
    assert bad.context["rows"] == []

    reversed_range = client.get(reverse("imports:reconciliation"), {"week_from": "2026-W12", "week_to": "2026-W10"})
    assert "Från-veckan ligger efter till-veckan." in reversed_range.content.decode()
