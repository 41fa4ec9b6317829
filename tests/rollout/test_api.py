"""The rollout API: the same reads and writes as the pages, the same access, documented in OpenAPI."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rollout.models import Programme, RolloutChange, Step

from .builders import make_programme

pytestmark = pytest.mark.django_db

API = "/api/v1/rollout"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def programme(org, qulturum, today):
    return make_programme(qulturum, org.clinics[0], start=today - timedelta(days=100), today=today)


def test_the_clinic_list_shows_status_and_evidence_for_the_users_clinics(
    client, org, programme, kps_leader
):
    client.force_login(kps_leader)
    rows = client.get(f"{API}/clinics/").json()
    assert [r["clinic_name"] for r in rows] == ["Ortopedkliniken"]
    row = rows[0]
    assert row["status"] == "late" and row["status_label"] == "Försenat"
    assert row["steps_total"] == 12 and row["programme"] == programme.id
    assert {"kind", "label", "due"} <= set(row["overdue"][0])
    assert row["plan_this_year"] is None and row["meetings"] == 0


def test_a_clinics_detail_has_its_programme_and_outcome_per_tertial(
    client, org, programme, kps_leader
):
    client.force_login(kps_leader)
    detail = client.get(f"{API}/clinics/{org.clinics[0].id}/").json()
    assert detail["programme"]["id"] == programme.id
    assert len(detail["programme"]["steps"]) == 12
    assert [t["tertial"] for t in detail["outcome"]] == [1, 2, 3]
    assert client.get(f"{API}/clinics/{org.clinics[1].id}/").status_code == 404


def test_readers_cannot_write(client, org, programme, role_users):
    for name in ("ledare", "chef", "omradeschef"):
        client.force_login(role_users[name])
        assert (
            client.patch(
                f"{API}/programmes/{programme.id}/", {"goals": "x"}, content_type="application/json"
            ).status_code
            == 403
        )
        assert (
            client.post(
                f"{API}/programmes/", {"clinic": org.clinics[1].id, "decision_date": "2026-01-01"}
            ).status_code
            == 403
        )
        assert (
            client.patch(
                f"{API}/programmes/{programme.id}/steps/20/",
                {"notes": "x"},
                content_type="application/json",
            ).status_code
            == 403
        )
    assert Programme.objects.get().goals == ""


def test_qulturum_writes_through_the_api_and_each_change_is_recorded(
    client, org, programme, qulturum, today
):
    client.force_login(qulturum)
    created = client.post(
        f"{API}/programmes/",
        {"clinic": org.clinics[2].id, "decision_date": today.isoformat(), "goals": "Mål"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "on_track" and created.json()["planned_end"]

    updated = client.patch(
        f"{API}/programmes/{programme.id}/",
        {"expectations": "Deltar i metodmöten"},
        content_type="application/json",
    )
    assert updated.status_code == 200 and updated.json()["expectations"] == "Deltar i metodmöten"

    step = client.patch(
        f"{API}/programmes/{programme.id}/steps/{Step.GOALS_SET}/",
        {"done_on": today.isoformat(), "notes": "Mål satta"},
        content_type="application/json",
    )
    assert step.status_code == 200 and step.json()["done_on"] == today.isoformat()

    role = client.post(
        f"{API}/programmes/{programme.id}/roles/",
        {"role": "leader", "username": "ledare"},
        content_type="application/json",
    )
    assert role.status_code == 201 and role.json()["username"] == "ledare"
    assert (
        client.delete(f"{API}/programmes/{programme.id}/roles/{role.json()['id']}/").status_code
        == 204
    )

    changes = client.get(f"{API}/changes/?clinic={org.clinics[0].id}").json()["results"]
    fields = {(c["subject"], c["field"], c["username"]) for c in changes}
    assert ("Program", "förväntningar", "qulturum") in fields
    assert ("Mål satta", "klart", "qulturum") in fields
    assert ("Roller", "KPS-ledare", "qulturum") in fields


@pytest.mark.parametrize(
    ("method", "path", "data", "field", "text"),
    [
        ("patch", "steps/{kind}/", {"done_on": "2099-01-01"}, "detail", "i framtiden"),
        ("patch", "steps/99/", {"notes": "x"}, "detail", "Okänt programsteg"),
        ("patch", "", {"planned_end": "2000-01-01"}, "detail", "efter programstart"),
        ("patch", "", {"start": "inte ett datum"}, "start", ""),
        ("post", "roles/", {"role": "member", "username": "okand"}, "detail", "ingen användare"),
    ],
)
def test_bad_input_is_a_400_with_a_message_and_changes_nothing(
    client, programme, qulturum, method, path, data, field, text
):
    client.force_login(qulturum)
    before = RolloutChange.objects.count()
    url = f"{API}/programmes/{programme.id}/" + path.format(kind=Step.GOALS_SET)
    response = getattr(client, method)(url, data, content_type="application/json")
    assert response.status_code == 400
    assert text in str(response.json()[field])
    assert RolloutChange.objects.count() == before


def test_a_clinic_enters_only_once_and_needs_a_decision_date(client, org, programme, qulturum):
    client.force_login(qulturum)
    again = client.post(
        f"{API}/programmes/", {"clinic": org.clinics[0].id, "decision_date": "2026-01-01"}
    )
    assert again.status_code == 400 and "redan med" in str(again.json())
    missing = client.post(f"{API}/programmes/", {"clinic": org.clinics[1].id})
    assert missing.status_code == 400 and "decision_date" in missing.json()


def test_indicators_and_timeline(client, org, programme, qulturum, today):
    client.force_login(qulturum)
    indicators = client.get(f"{API}/indicators/?year={today.isocalendar().year}").json()
    assert [a["area_name"] for a in indicators["areas"]] == ["Kirurgisk vård", "Medicinsk vård"]
    assert [t["tertial"] for t in indicators["total"]["tertials"]] == [1, 2, 3]
    assert client.get(f"{API}/indicators/?year=abc").status_code == 400
    figure = client.get(f"{API}/timeline/").json()
    bars = figure["data"]
    assert [b["name"] for b in bars] == ["Försenat"]
    assert bars[0]["y"] == ["Ortopedkliniken"] and bars[0]["text"][0].startswith("Försenat")
    assert figure["layout"]["shapes"][0]["x0"].startswith(today.isoformat())


def test_the_changes_list_rejects_a_bad_clinic_filter(client, qulturum, org):
    client.force_login(qulturum)
    response = client.get(f"{API}/changes/?clinic=ort")
    assert response.status_code == 400 and "heltal" in str(response.json())


def test_the_openapi_schema_documents_the_rollout_endpoints(client, qulturum):
    client.force_login(qulturum)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/rollout/programmes/",
        "/api/v1/rollout/programmes/{id}/steps/{kind}/",
        "/api/v1/rollout/programmes/{id}/roles/",
        "/api/v1/rollout/clinics/",
        "/api/v1/rollout/clinics/{id}/",
        "/api/v1/rollout/indicators/",
        "/api/v1/rollout/timeline/",
        "/api/v1/rollout/changes/",
    ):
        assert path in paths, path
    assert "ProgrammeStatusEnum" in schema["components"]["schemas"]


def test_the_lists_cost_the_same_few_queries_for_many_programmes(
    client, org, qulturum, today, django_assert_max_num_queries
):
    from organisation.models import Clinic

    for n in range(15):
        clinic = Clinic.objects.create(area=org.areas[n % 2], code=f"Q{n}", name=f"Klinik {n}")
        programme = make_programme(qulturum, clinic, start=today - timedelta(days=40), today=today)
        programme.roles.create(role="member", name=f"Medlem {n}")
    client.force_login(qulturum)
    # Session, user and roles, then a fixed number per list: indicators, the most, also asks follow-up (five).
    for path in ("programmes/", "clinics/", "changes/", "timeline/", "indicators/"):
        with django_assert_max_num_queries(11):
            assert client.get(f"{API}/{path}").status_code == 200


def test_programme_texts_and_step_notes_with_an_identity_number_are_refused_with_the_reason(
    client, programme, qulturum
):
    client.force_login(qulturum)
    goals = client.patch(
        f"{API}/programmes/{programme.id}/",
        {"goals": "Som för 121212-1212"},
        content_type="application/json",
    )
    notes = client.patch(
        f"{API}/programmes/{programme.id}/steps/{Step.GOALS_SET}/",
        {"notes": "Pat. 191212121212"},
        content_type="application/json",
    )
    for response in (goals, notes):
        assert response.status_code == 400
        assert "ser ut som ett personnummer" in str(response.json())
    programme.refresh_from_db()
    assert "1212" not in programme.goals
    assert "1212" not in programme.steps.get(kind=Step.GOALS_SET).notes
