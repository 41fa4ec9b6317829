"""The rollout pages per role: what each reads, what Qulturum changes, and bad input that changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rollout.models import Programme, ProgrammeRole, RolloutChange, Step

from .builders import make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def programme(org, qulturum, today):
    return make_programme(
        qulturum,
        org.clinics[0],
        start=today - timedelta(days=200),
        today=today,
        done=[Step.PROCESS_MAPPING],
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_qulturum_sees_every_clinic_by_area_with_its_status(client, org, programme, qulturum):
    client.force_login(qulturum)
    body = client.get("/inforande/").content.decode()
    for name in (
        "Ortopedkliniken",
        "Ögonkliniken",
        "Kardiologiska kliniken",
        "Kirurgisk vård",
        "Medicinsk vård",
    ):
        assert name in body
    assert "Försenat" in body and "Inte beslutat" in body
    assert "/api/v1/rollout/timeline/" in body
    assert "Exportera till Excel" in body


def test_a_kps_leader_reads_only_their_own_clinic(client, org, programme, kps_leader):
    client.force_login(kps_leader)
    body = client.get("/inforande/").content.decode()
    assert "Ortopedkliniken" in body and "Ögonkliniken" not in body
    page = client.get(f"/inforande/klinik/{org.clinics[0].id}/")
    assert page.status_code == 200
    assert 'type="date"' not in page.content.decode()  # no forms for readers
    assert client.get(f"/inforande/klinik/{org.clinics[1].id}/").status_code == 404


@pytest.mark.parametrize("name", ["ledare", "chef", "omradeschef"])
def test_only_qulturum_and_administrators_may_post(client, org, programme, role_users, name, today):
    client.force_login(role_users[name])
    base = f"/inforande/klinik/{org.clinics[0].id}"
    before = RolloutChange.objects.count()
    assert (
        client.post(f"{base}/program/", {"decision_date": "2026-01-01", "goals": "x"}).status_code
        == 403
    )
    assert client.post(f"{base}/steg/", {"steg-20-done_on": today.isoformat()}).status_code == 403
    assert client.post(f"{base}/roller/", {"role": "member", "name": "X"}).status_code == 403
    assert RolloutChange.objects.count() == before
    assert Programme.objects.get().goals == ""


def test_qulturum_enters_a_clinic_and_keeps_its_checklist(client, org, qulturum, today):
    client.force_login(qulturum)
    clinic = org.clinics[2]
    base = f"/inforande/klinik/{clinic.id}"
    page = client.get(f"{base}/").content.decode()
    assert "Inte med i KPS-programmet" in page and "Registrera beslutet" in page
    response = client.post(
        f"{base}/program/",
        {
            "decision_date": (today - timedelta(days=30)).isoformat(),
            "start": "",
            "planned_end": "",
            "goals": "Kortare köer",
        },
        follow=True,
    )
    assert "är nu med i KPS-programmet" in messages_of(response)[0]
    programme = Programme.objects.get(clinic=clinic)
    assert programme.goals == "Kortare köer" and programme.start == today - timedelta(days=30)

    response = client.post(
        f"{base}/steg/",
        {
            "steg-51-due": programme.steps.get(kind=51).due.isoformat(),
            "steg-51-done_on": today.isoformat(),
            "steg-51-notes": "Bra start",
        },
        follow=True,
    )
    assert messages_of(response) == ["Metodmöte 1 är sparat."]
    step = programme.steps.get(kind=Step.METHOD_MEETING_1)
    assert (step.done_on, step.notes) == (today, "Bra start")
    assert "Bra start" in response.content.decode()

    response = client.post(
        f"{base}/roller/", {"role": "owner", "name": "Karin Lund", "username": ""}, follow=True
    )
    assert messages_of(response) == ["Karin Lund är tillagd som KPS-ägare."]
    log = response.content.decode()
    assert "Ändringslogg" in log and "Karin Lund" in log and "Qulturum Testsson" in log


def test_the_completion_step_keeps_its_due_date_when_saved_without_one(
    client, org, programme, qulturum
):
    client.force_login(qulturum)
    response = client.post(
        f"/inforande/klinik/{org.clinics[0].id}/steg/",
        {f"steg-{Step.COMPLETED}-notes": "Plan B"},
        follow=True,
    )
    assert messages_of(response) == ["Programmet avslutat är sparat."]
    assert programme.steps.get(kind=Step.COMPLETED).due == programme.planned_end


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        ("program/", {"decision_date": "igår"}, "Fyll i ett giltigt datum"),
        (
            "program/",
            {"decision_date": "2026-01-01", "planned_end": "2020-01-01"},
            "efter programstart",
        ),
        ("steg/", {"steg-20-done_on": "2099-01-01"}, "i framtiden"),
        ("steg/", {"steg-20-done_on": "31/12"}, "Fyll i ett giltigt datum"),
        ("roller/", {"role": "member", "username": "okand"}, "ingen användare"),
        ("roller/", {"role": "kung", "name": "X"}, "Välj ett giltigt alternativ"),
    ],
)
def test_bad_input_gives_a_swedish_message_and_changes_nothing(
    client, org, programme, qulturum, path, data, message
):
    client.force_login(qulturum)
    before = (RolloutChange.objects.count(), Programme.objects.get().planned_end)
    response = client.post(f"/inforande/klinik/{org.clinics[0].id}/{path}", data, follow=True)
    assert response.status_code == 200
    assert any(message in m for m in messages_of(response)), messages_of(response)
    assert (RolloutChange.objects.count(), Programme.objects.get().planned_end) == before


def test_a_role_of_another_clinic_cannot_be_removed_through_this_one(
    client, org, programme, qulturum, today
):
    other = make_programme(qulturum, org.clinics[1], start=today, today=today)
    role = ProgrammeRole.objects.create(programme=other, role="member", name="Anna Sten")
    client.force_login(qulturum)
    response = client.post(
        f"/inforande/klinik/{org.clinics[0].id}/roller/{role.id}/ta-bort/", follow=True
    )
    assert messages_of(response) == ["Rollen finns inte längre."]
    assert ProgrammeRole.objects.filter(pk=role.pk).exists()


def test_a_bad_year_falls_back_to_this_year_with_a_message(client, qulturum, org, today):
    client.force_login(qulturum)
    response = client.get("/inforande/?ar=tjugo")
    assert response.status_code == 200
    assert "”tjugo” är inget år" in messages_of(response)[0]
    assert response.context["year"] == today.isocalendar().year


def test_the_navigation_leads_to_the_rollout_page(client, qulturum, org):
    client.force_login(qulturum)
    body = client.get("/").content.decode()
    assert 'href="/inforande/"' in body
