"""The room-time page: Swedish, per clinic and room, definitions, access, bad input, navigation."""

from __future__ import annotations

import pytest
from django.test import Client

from organisation.models import Clinic
from tests import factories
from tests.theatre.test_api import monday  # noqa: F401  (fixture)

PAGE = "/operation/"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_shows_the_hospital_its_clinics_rooms_and_definitions(monday, role_users):  # noqa: F811
    answer = client_for(role_users["qulturum"]).get(
        PAGE, {"sjukhus": monday.site.id, "period": "vecka", "datum": "2026-03-04"}
    )
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "2026-03-02 – 2026-03-08" in html
    assert "Ortopedkliniken" in html and "Ögonkliniken" in html and "Sal 2" in html
    assert "Hela sjukhuset" in html and "Öppettid som ingen klinik har" in html
    # Each figure's definition is stated on the page, and utilisation as a ratio of sums.
    assert "Så räknas siffrorna" in html and "kvoter av summor" in html
    assert "40,0 %" in html  # 480 of 1 200 minutes


def test_a_clinic_reader_sees_their_clinic_only(monday, role_users):  # noqa: F811
    html = client_for(role_users["ledare"]).get(PAGE, {"datum": "2026-03-02"}).content.decode()
    assert "Ortopedkliniken" in html and "Ögonkliniken" not in html
    assert "Dina kliniker" in html and "Öppettid som ingen klinik har" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"datum": "igår"}, "är inget datum"),
        ({"period": "år"}, "Välj dag, vecka, schemaperiod eller tertial"),
        ({"klinik": "99999"}, "finns inte här"),
        ({"sjukhus": "abc"}, "finns inte här"),
    ],
)
def test_bad_input_is_told_in_swedish(monday, role_users, query, message):  # noqa: F811
    answer = client_for(role_users["admin"]).get(PAGE, query)
    assert answer.status_code == 200 and message in answer.content.decode()


@pytest.mark.parametrize("kind", ["dag", "vecka", "schemaperiod", "tertial"])
def test_every_period_and_its_chart(monday, role_users, kind):  # noqa: F811
    client = client_for(role_users["admin"])
    assert client.get(PAGE, {"period": kind, "datum": "2026-03-02"}).status_code == 200
    figure = client.get(PAGE + "diagram/", {"period": kind, "datum": "2026-03-02"}).json()
    assert [trace["name"] for trace in figure["data"]] == ["Patienttid", "Knivtid"]
    assert figure["data"][0]["y"][-1] == "Hela sjukhuset"


def test_the_navigation_shows_operation_to_readers_of_a_hospital_with_rooms(monday, role_users):  # noqa: F811
    html = client_for(role_users["ledare"]).get("/").content.decode()
    assert f'href="{PAGE}"' in html
    # A user of a clinic with no operating rooms anywhere near does not see the section.
    region = factories.make_org(county_code="07", name="Region Annat")
    outsider = factories.make_user("annan", "kps_leader", clinic=Clinic.objects.get(code="KAR07"))
    assert region.clinics
    html = client_for(outsider).get("/").content.decode()
    assert f'href="{PAGE}"' not in html
    assert "tillgång" in client_for(outsider).get(PAGE).content.decode()
