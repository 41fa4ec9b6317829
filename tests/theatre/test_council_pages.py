"""The council's pages: overview, proposal (edited and decided), print view, Excel, bad input."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from organisation.models import Role
from tests import factories
from theatre.choices import AllocationStatus
from theatre.models import Allocation, Session

WEEK = {"fran": "2027-01-11", "till": "2027-01-17"}


@pytest.fixture
def people(theatre):
    return {
        "chef": factories.make_user("chef-ort", Role.MANAGER, clinic=theatre.ortho),
        "ledare": factories.make_user("ledare-ort", Role.KPS_LEADER, clinic=theatre.ortho),
    }


def as_user(client, user):
    client.force_login(user)
    return client


def test_the_overview_shows_every_clinic_and_the_council_may_propose(client, theatre, people):
    page = as_user(client, people["chef"]).get(f"/operation/rad/?sjukhus={theatre.site.id}")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ortopedkliniken" in text and "Ögonkliniken" in text
    assert "Ta fram förslag" in text
    assert "Så räknas siffrorna" in text


def test_a_clinic_reader_sees_their_clinic_and_no_proposal_form(client, theatre, people):
    text = as_user(client, people["ledare"]).get("/operation/rad/").content.decode()
    assert "Ortopedkliniken" in text and "Ögonkliniken" not in text
    assert "Ta fram förslag" not in text


def test_a_user_without_an_operating_clinic_is_told_so(client, theatre, org):
    cardiology = factories.make_user("chef-kar", Role.MANAGER, clinic=org.clinics[2])
    text = as_user(client, cardiology).get("/operation/rad/").content.decode()
    assert "inte tillgång till någon klinik på ett sjukhus med operationssalar" in text


def propose(client, theatre, **extra):
    return client.post("/operation/rad/foresla/", {"sjukhus": theatre.site.id, **WEEK, **extra})


def test_the_council_proposes_edits_decides_prints_and_exports(client, theatre, people):
    as_user(client, people["chef"])
    answer = propose(client, theatre)
    allocation = Allocation.objects.get()
    assert answer.status_code == 302 and answer.url == f"/operation/rad/{allocation.pk}/"
    page = client.get(answer.url).content.decode()
    assert "Vad varje klinik fick, och varför" in page
    assert "Besluta fördelningen" in page
    session = allocation.sessions.filter(room=theatre.room2).first()
    other = theatre.eye if session.clinic_id == theatre.ortho.id else theatre.ortho
    client.post(answer.url, {"action": "move", f"s_{session.id}": other.id})
    session.refresh_from_db()
    assert session.clinic_id == other.id
    client.post(answer.url, {"action": "decide", "note": "Beslutat i rådet."})
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.DECIDED
    assert allocation.note == "Beslutat i rådet."
    assert Session.objects.filter(date__range=(date(2027, 1, 11), date(2027, 1, 17))).count() == 10
    decided = client.get(answer.url).content.decode()
    assert "Besluta fördelningen" not in decided and "Beslutad" in decided
    printed = client.get(f"{answer.url}utskrift/").content.decode()
    assert "Operationsrådet" in printed and "Skriv ut" in printed
    excel = client.get(f"{answer.url}excel/")
    book = load_workbook(io.BytesIO(excel.content))
    assert book.sheetnames == ["Kliniker", "Salstider", "Beslut"]
    rows = list(book["Salstider"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 10
    assert book["Beslut"]["G2"].value == "Beslutat i rådet."


def test_a_clinic_reader_cannot_propose_or_edit(client, theatre, people):
    as_user(client, people["chef"])
    propose(client, theatre)
    allocation = Allocation.objects.get()
    session = allocation.sessions.filter(room=theatre.room2).first()
    before = session.clinic_id
    as_user(client, people["ledare"])
    answer = propose(client, theatre)
    assert Allocation.objects.count() == 1
    assert "operationsrådet" in client.get(answer.url).content.decode().lower()
    client.post(f"/operation/rad/{allocation.pk}/", {"action": "move", f"s_{session.id}": ""})
    client.post(f"/operation/rad/{allocation.pk}/", {"action": "decide"})
    session.refresh_from_db()
    allocation.refresh_from_db()
    assert session.clinic_id == before and allocation.status == AllocationStatus.PROPOSED


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"fran": "2027-13-01"}, "ÅÅÅÅ-MM-DD"),
        ({"fran": "2027-01-17", "till": "2027-01-11"}, "högst 20 veckor"),
        ({"min_999999": "2"}, "opererande kliniker"),
        ({"min_1": "två"}, "heltal"),
    ],
)
def test_bad_input_is_told_in_swedish_and_nothing_is_proposed(
    client, theatre, people, extra, message
):
    as_user(client, people["chef"])
    answer = propose(client, theatre, **extra)
    assert answer.status_code == 302
    assert message in client.get(answer.url).content.decode()
    assert not Allocation.objects.exists()


def test_moving_a_session_to_a_clinic_its_room_does_not_admit_is_refused(client, theatre, people):
    as_user(client, people["chef"])
    propose(client, theatre)
    allocation = Allocation.objects.get()
    session = allocation.sessions.filter(room=theatre.room1).first()
    answer = client.post(
        f"/operation/rad/{allocation.pk}/", {"action": "move", f"s_{session.id}": theatre.eye.id}
    )
    assert "får inte använda" in client.get(answer.url).content.decode()
    session.refresh_from_db()
    assert session.clinic_id == theatre.ortho.id


def test_someone_elses_allocation_is_not_found(client, theatre, people, org):
    as_user(client, people["chef"])
    propose(client, theatre)
    allocation = Allocation.objects.get()
    cardiology = factories.make_user("chef-kar", Role.MANAGER, clinic=org.clinics[2])
    as_user(client, cardiology)
    for suffix in ("", "utskrift/", "excel/"):
        assert client.get(f"/operation/rad/{allocation.pk}/{suffix}").status_code == 404


def test_the_chart_data_downloads_as_csv_and_excel(client, theatre, people):
    as_user(client, people["ledare"])
    csv = client.get(f"/operation/rad/diagram/?sjukhus={theatre.site.id}&format=csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Klinik;Väntande operationer")
    # A clinic's reader downloads their own clinic only.
    assert [line.split(";")[0] for line in lines[1:]] == ["Ortopedkliniken"]
    excel = client.get(f"/operation/rad/diagram/?sjukhus={theatre.site.id}&format=xlsx")
    book = load_workbook(io.BytesIO(excel.content))
    assert book.active["A2"].value == "Ortopedkliniken"
