"""COSMIC against Diver: the differences per unit, activity and week, computed in one query."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from facts.models import WeeklyOutcome
from imports.reports import outcome_reconciliation, outcome_reconciliation_missing
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
        (b, op, 202611, "cosmic", "3"),                                      # +3, Diver has none that week
        (b, ny, 202611, "cosmic", "1"), (b, ny, 202611, "diver", "1"),       # agree: Diver delivered b's week
        (c, ny, 202612, "cosmic", "20"), (c, ny, 202612, "diver", "30"),     # −10, 33.3 %
        (a, ny, 202612, "diver", "4.5"),                                     # COSMIC lacks a's week: missing
    ]  # fmt: skip
    WeeklyOutcome.objects.bulk_create(
        WeeklyOutcome(unit=u, activity=act, week=w, source=s, count=Decimal(n))
        for u, act, w, s, n in rows
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
        (b, "Operation", 202611, Decimal(3), Decimal(0), Decimal(3), None),
        (a, "Läkarbesök ny", 202610, Decimal(10), Decimal(8), Decimal(2), 25.0),
    ]


def test_sorted_by_share_a_difference_without_a_diver_figure_comes_last(outcomes, qulturum_user):
    weeks = [
        (r["unit__code"], r["week"])
        for r in outcome_reconciliation(user=qulturum_user, order="pct")
    ]
    a, b, c = outcomes["a"].code, outcomes["b"].code, outcomes["c"].code
    assert weeks == [(c, 202612), (a, 202610), (b, 202611)]


def test_clinic_and_week_range_narrow_the_list(outcomes, qulturum_user, org):
    clinic = org.clinics[0].pk
    assert [r["week"] for r in outcome_reconciliation(user=qulturum_user, clinic_id=clinic)] == [
        202611,
        202610,
    ]
    assert [
        r["week"]
        for r in outcome_reconciliation(user=qulturum_user, week_from=202611, week_to=202611)
    ] == [202611]


def test_the_access_filter_limits_a_leader_to_their_clinic(outcomes, kps_leader, area_manager, org):
    assert {r["unit__clinic__name"] for r in outcome_reconciliation(user=kps_leader)} == {
        "Ortopedkliniken"
    }
    # Asking for another clinic's id gives nothing rather than its figures.
    assert list(outcome_reconciliation(user=kps_leader, clinic_id=org.clinics[2].pk)) == []
    assert len(outcome_reconciliation(user=area_manager)) == 2


@pytest.mark.parametrize("username", ["qulturum", "ledare"])
def test_it_is_one_query_however_many_rows(
    username, outcomes, role_users, django_assert_num_queries
):
    user = role_users[username]
    access.sees_whole_region(
        user
    )  # the user's roles are read once per request, and cached on the user
    with django_assert_num_queries(1):
        rows = list(outcome_reconciliation(user=user)[:2])
    # The first page, and how many there are in all, from the same query.
    expected = 3 if username == "qulturum" else 2
    assert [r["total_rows"] for r in rows] == [expected, expected]


def test_the_page_shows_the_figures_and_reports_a_bad_week(outcomes, client_as, org):
    client = client_as("chef")
    body = client.get(reverse("imports:reconciliation")).content.decode()
    assert "2 avvikelser." in body
    assert "v 11 2026" in body and "+3" in body  # weeks written the common way
    assert "-4,5" not in body and "−4,5" not in body  # a's week 12 is missing in COSMIC, not −4.5
    assert "Kardiologiska kliniken" not in body  # not the manager's clinic

    filtered = client.get(
        reverse("imports:reconciliation"), {"week_from": "2026-W11", "order": "pct"}
    )
    assert filtered.context["total"] == 1

    bad = client.get(reverse("imports:reconciliation"), {"week_from": "vecka 11"})
    assert bad.status_code == 200
    assert "Skriv veckan som år och vecka, t.ex. 2026-W05." in bad.content.decode()
    assert bad.context["rows"] == []

    reversed_range = client.get(
        reverse("imports:reconciliation"), {"week_from": "2026-W12", "week_to": "2026-W10"}
    )
    assert "Från-veckan ligger efter till-veckan." in reversed_range.content.decode()


@pytest.fixture
def mostly_missing(org, activities):
    """Four real disagreements, and many weeks only one source delivered for a unit."""
    a, b = org.clinics[0].units.order_by("code")
    ny, ater = activities["lak-ny"], activities["lak-ater"]
    rows = [
        (a, ny, 202610, "cosmic", "10"), (a, ny, 202610, "diver", "12"),    # −2
        (a, ater, 202610, "cosmic", "4"),                                   # +4: Diver delivered a's week 10
        (b, ny, 202610, "cosmic", "7"), (b, ny, 202610, "diver", "5"),      # +2
        (b, ater, 202611, "cosmic", "1"), (b, ater, 202611, "diver", "9"),  # −8
        (a, ny, 202611, "cosmic", "3"), (a, ny, 202611, "diver", "3"),      # agree
    ]  # fmt: skip
    # Diver's big weeks COSMIC never delivered for unit a, and COSMIC weeks Diver lacks for b.
    rows += [(a, act, w, "diver", "40") for w in range(202601, 202610) for act in (ny, ater)]
    rows += [(b, ny, w, "cosmic", "6") for w in (202612, 202613)]
    WeeklyOutcome.objects.bulk_create(
        WeeklyOutcome(unit=u, activity=act, week=w, source=s, count=Decimal(n))
        for u, act, w, s, n in rows
    )
    return {"a": a, "b": b}


def test_only_weeks_both_sources_delivered_are_compared(mostly_missing, qulturum_user):
    a, b = mostly_missing["a"].code, mostly_missing["b"].code
    assert summary(outcome_reconciliation(user=qulturum_user)) == [
        (b, "Läkarbesök åter", 202611, Decimal(1), Decimal(9), Decimal(-8), 88.9),
        (a, "Läkarbesök åter", 202610, Decimal(4), Decimal(0), Decimal(4), None),
        (b, "Läkarbesök ny", 202610, Decimal(7), Decimal(5), Decimal(2), 40.0),
        (a, "Läkarbesök ny", 202610, Decimal(10), Decimal(12), Decimal(-2), 16.7),
    ]


def test_weeks_one_source_never_delivered_are_listed_as_missing(mostly_missing, qulturum_user):
    a, b = mostly_missing["a"].code, mostly_missing["b"].code
    missing = [
        (r["unit__code"], r["week"], r["missing"], r["present"])
        for r in outcome_reconciliation_missing(user=qulturum_user)
    ]
    assert missing == [(b, 202613, "Diver", Decimal(6)), (b, 202612, "Diver", Decimal(6))] + [
        (a, w, "COSMIC", Decimal(80)) for w in range(202609, 202600, -1)
    ]
    assert {r["total_rows"] for r in outcome_reconciliation_missing(user=qulturum_user)} == {11}


def test_the_page_lists_real_differences_and_missing_weeks_apart(mostly_missing, client_as):
    response = client_as("qulturum").get(reverse("imports:reconciliation"))
    body = response.content.decode()
    assert response.context["total"] == 4
    assert response.context["missing_total"] == 11
    assert "Veckor som bara en källa levererat" in body
    differences = body.split('id="reconciliation"')[1].split("</table>")[0]
    assert "v 1 2026" not in differences and ">40<" not in differences
    missing = body.split('id="reconciliation-missing"')[1].split("</table>")[0]
    assert "v 1 2026" in missing and "v 13 2026" in missing
