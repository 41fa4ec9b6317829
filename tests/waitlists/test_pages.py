"""The waiting-list pages for every role: figures, the rules they use, and bad input without a 500."""

import pytest
from django.urls import reverse

from tests.factories import PERSONAS

pytestmark = pytest.mark.django_db
PAGES = ["index", "regions", "home_counties", "pace", "whatif", "calculator"]


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.username)
def test_every_role_opens_every_waitlist_page(client, role_users, rules_snapshot, persona):
    client.force_login(role_users[persona.username])
    for name in PAGES:
        response = client.get(reverse(f"waitlists:{name}"))
        assert response.status_code == 200, name


def test_the_report_says_which_rule_each_figure_uses(client, qulturum_user, rules_snapshot):
    client.force_login(qulturum_user)
    page = client.get(reverse("waitlists:index")).content.decode()
    assert "Så räknas siffrorna" in page
    assert "utan patientvald väntan (PVV) och medicinskt orsakad väntan (MOV)" in page
    assert "fas 1–2, utan PVV/MOV" in page and "30 dagar, utan PVV" in page
    assert "Väntat mer än 150 dagar" in page
    assert 'data-chart-url="/vantelistor/data/rapport.json' in page


def test_area_rows_lead_to_their_kva_codes(client, qulturum_user, rules_snapshot):
    client.force_login(qulturum_user)
    page = client.get(reverse("waitlists:index"), {"level": "area"}).content.decode()
    assert "?level=kva&amp;care_area=" in page
    kva = client.get(reverse("waitlists:index"), {"level": "kva"}).content.decode()
    assert "NFB49 Primär total höftledsplastik med cement" in kva


@pytest.mark.parametrize(
    ("name", "query", "message"),
    [
        ("index", {"level": "land", "snapshot": "igår"}, "Nivån ska vara region, area eller kva."),
        ("regions", {"kva": "höft"}, "Ange en KVÅ-kod som NFB49 eller DV056."),
        ("home_counties", {"kva_code": "höft"}, "Ange en KVÅ-kod som NFB49 eller DV056."),
        ("pace", {"weeks_to_target": "-3"}, "Får inte vara mindre än 1."),
        ("whatif", {"horizon": "100", "capacity": "x"}, "Får inte vara större än 52."),
        ("calculator", {"demand": "tio"}, "Ange ett tal, t.ex. 12 eller 12,5."),
    ],
)
def test_bad_input_gives_a_swedish_message_and_never_a_500(
    client, kps_leader, rules_snapshot, name, query, message
):
    client.force_login(kps_leader)
    response = client.get(reverse(f"waitlists:{name}"), query)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_chart_with_bad_parameters_answers_400_with_the_messages(
    client, kps_leader, rules_snapshot
):
    client.force_login(kps_leader)
    response = client.get(reverse("waitlists:data", args=["tank-om", "json"]), {"clinic": "abc"})
    assert response.status_code == 400
    assert response.json()["errors"]["clinic"] == "Ange klinikens id."
    assert client.get(reverse("waitlists:data", args=["okand", "json"])).status_code == 404


def test_a_clinic_outside_the_users_access_is_refused_on_the_page(
    client, org, kps_leader, rules_snapshot
):
    client.force_login(kps_leader)
    page = client.get(reverse("waitlists:pace"), {"clinic": org.clinics[-1].id}).content.decode()
    assert "Okänd klinik, eller en som du inte har tillgång till." in page
    assert "Veckotakt som behövs" not in page


def test_the_pace_page_shows_no_approved_plan_plainly(client, org, kps_leader, rules_snapshot):
    client.force_login(kps_leader)
    page = client.get(reverse("waitlists:pace"), {"unit": org.units[0].id}).content.decode()
    assert "Ingen fastställd plan för de kommande veckorna." in page


def test_a_new_or_day_is_one_click_from_the_what_if_page(client, org, kps_leader, rules_snapshot):
    client.force_login(kps_leader)
    page = client.get(
        reverse("waitlists:whatif"), {"unit": org.units[0].id, "phase": "2"}
    ).content.decode()
    assert "+1 operationsdag per vecka" in page
    assert f"unit={org.units[0].id}&amp;phase=2&amp;or_days=1" in page
    after = client.get(
        reverse("waitlists:whatif"), {"unit": org.units[0].id, "phase": "2", "or_days": "1"}
    )
    assert "Tillägg 4,0 per vecka." in after.content.decode()  # one OR day of 4 procedures


def test_the_calculator_page_shows_the_ent_example(client, kps_leader):
    client.force_login(kps_leader)
    page = client.get(
        reverse("waitlists:calculator"),
        {
            "demand": "30",
            "capacity": "27",
            "queue_size": "1200",
            "target_wait": "52",
            "mean_wait": "63",
        },
    ).content.decode()
    assert "61,15" in page and "390,0" in page and "2,42" in page
