"""The assignment's pages, export and API by role: managers their clinics, the area's director
their area and the approval, Qulturum and administrators the region, KPS leaders nothing."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from economics.assignment import services
from economics.assignment.services import LineEdit
from economics.models import AssignmentVersion
from organisation.models import Activity

from .assignment import approved_plan, episode, prices

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(scenario, org, clinic_manager):
    """Ortopedkliniken's 2026 assignment: lak-ny 10 contacts a tertial at 0.2 points, 10 000 kr."""
    prices(2026, outpatient=10_000, inpatient=20_000)
    version = services.assignment_create(clinic=org.clinics[0], year=2026, user=clinic_manager)
    lak_ny = Activity.objects.get(code="lak-ny").id
    services.assignment_save_lines(
        version=version,
        user=clinic_manager,
        based_on_revision=0,
        lines=[LineEdit(lak_ny, (Decimal(10),) * 3, Decimal("0.2"))],
    )
    version.refresh_from_db()
    return version


@pytest.fixture
def approved(draft, clinic_manager, area_manager):
    services.assignment_submit(version=draft, user=clinic_manager)
    services.assignment_approve(version=draft, user=area_manager)
    return draft


def _status(version) -> str:
    return AssignmentVersion.objects.get(pk=version.pk).status


def test_the_clinic_manager_drafts_and_submits_but_the_director_approves(
    draft, client, clinic_manager, area_manager
):
    client.force_login(clinic_manager)
    client.post(f"/ekonomi/uppdrag/{draft.pk}/skicka-in/")
    assert _status(draft) == "submitted"
    response = client.post(f"/ekonomi/uppdrag/{draft.pk}/faststall/", follow=True)
    assert "Bara områdets chef och administratörer" in response.content.decode()
    assert _status(draft) == "submitted"
    client.force_login(area_manager)
    client.post(f"/ekonomi/uppdrag/{draft.pk}/faststall/")
    assert _status(draft) == "approved"


def test_reopening_an_approved_assignment_keeps_it_counting_until_the_new_one_is_approved(
    approved, client, area_manager
):
    client.force_login(area_manager)
    response = client.post(f"/ekonomi/uppdrag/{approved.pk}/oppna/", {"reason": "Ny budget"})
    new = AssignmentVersion.objects.get(assignment=approved.assignment, number=2)
    assert response.url == f"/ekonomi/uppdrag/{new.pk}/"
    assert (new.status, _status(approved), new.lines.count()) == ("draft", "approved", 1)


def test_lines_are_saved_from_the_page_with_swedish_decimals(draft, client, clinic_manager):
    lak_ny = Activity.objects.get(code="lak-ny").id
    client.force_login(clinic_manager)
    form = {"revision": draft.revision, "aktivitet": [lak_ny], f"ppv_{lak_ny}": "0,25"}
    form |= {f"t1_{lak_ny}": "1 000", f"t2_{lak_ny}": "0", f"t3_{lak_ny}": "0"}
    client.post(f"/ekonomi/uppdrag/{draft.pk}/spara/", form)
    line = draft.lines.get()
    assert (line.volume, line.points_per_volume, line.money) == (1000, Decimal("0.25"), 2_500_000)


def test_a_wrong_figure_changes_nothing_and_says_why_in_swedish(draft, client, clinic_manager):
    lak_ny = Activity.objects.get(code="lak-ny").id
    client.force_login(clinic_manager)
    form = {"revision": draft.revision, "aktivitet": [lak_ny], f"t1_{lak_ny}": "tio"}
    response = client.post(f"/ekonomi/uppdrag/{draft.pk}/spara/", form, follow=True)
    assert response.status_code == 200
    assert "”tio” är inget tal" in response.content.decode()
    assert draft.lines.get().volume_t1 == 10
    # A save based on an older revision is refused too.
    stale = {"revision": 0, "aktivitet": [lak_ny], f"t1_{lak_ny}": "5"}
    response = client.post(f"/ekonomi/uppdrag/{draft.pk}/spara/", stale, follow=True)
    assert "sparats av någon annan" in response.content.decode()
    assert draft.lines.get().volume_t1 == 10


def test_a_kps_leader_sees_no_assignment(approved, client, kps_leader):
    client.force_login(kps_leader)
    assert client.get("/ekonomi/uppdrag/").status_code == 403
    assert client.get(f"/ekonomi/uppdrag/{approved.pk}/").status_code == 403
    assert client.get(f"/ekonomi/uppdrag/{approved.pk}/excel/").status_code == 403
    assert client.get("/api/v1/economics/assignments/", {"year": 2026}).status_code == 403
    assert client.get("/api/v1/economics/assignments/followup/", {"year": 2026}).status_code == 403
    page = client.get("/uppfoljning/strategisk/", {"ar": 2026}).content.decode()
    assert 'id="uppdrag"' not in page


def test_another_clinics_assignment_is_not_found(approved, client, org, role_users):
    manager = role_users["chef"]
    other = services.assignment_create(clinic=org.clinics[1], year=2026, user=role_users["admin"])
    client.force_login(manager)
    assert client.get(f"/ekonomi/uppdrag/{other.pk}/").status_code == 404
    assert client.get(f"/api/v1/economics/assignments/{other.pk}/").status_code == 404
    names = [
        r["clinic"] for r in client.get("/api/v1/economics/assignments/", {"year": 2026}).json()
    ]
    assert names == ["Ortopedkliniken"]
    client.force_login(role_users["omradeschef"])
    names = [
        r["clinic"] for r in client.get("/api/v1/economics/assignments/", {"year": 2026}).json()
    ]
    assert names == ["Ortopedkliniken", "Ögonkliniken"]


def test_qulturum_reads_every_assignment_but_creates_none(approved, client, org, qulturum_user):
    client.force_login(qulturum_user)
    page = client.get("/ekonomi/uppdrag/", {"ar": 2026}).content.decode()
    assert "Kardiologiska kliniken" in page and "Skapa från fastställd plan" not in page
    response = client.post("/ekonomi/uppdrag/skapa/", {"klinik": org.clinics[2].pk, "ar": 2026})
    assert response.status_code == 302
    assert not AssignmentVersion.objects.filter(assignment__clinic=org.clinics[2]).exists()


def test_the_followup_in_the_api_and_on_the_strategic_page(approved, client, org, area_manager):
    episode(org.units[1], "V1", date(2026, 5, 2), date(2026, 5, 6))
    client.force_login(area_manager)
    response = client.get(
        "/api/v1/economics/assignments/followup/", {"year": 2026, "clinic": org.clinics[0].pk}
    )
    assert response.status_code == 200, response.content
    (ort,) = response.json()["clinics"]
    t2 = ort["tertials"][1]
    # T2: 0.40 + 2.00 points produced; 4 000 + 40 000 kr against 2 points × 10 000 kr.
    assert (t2["produced_points"], t2["payment"], t2["difference"]) == ("2.40", "44000", "24000")
    page = client.get("/uppfoljning/strategisk/", {"ar": 2026}).content.decode()
    assert 'id="strategisk-uppdrag"' in page and "+24\u00a0000 kr" in page


def test_the_excel_export_for_the_budget_dialogue(approved, client, clinic_manager):
    client.force_login(clinic_manager)
    response = client.get(f"/ekonomi/uppdrag/{approved.pk}/excel/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Produktionsuppdrag"]
    assert sheet["A7"].value == Activity.objects.get(code="lak-ny").name
    assert [sheet.cell(row=7, column=c).value for c in (4, 5, 6, 8, 10)] == [10, 10, 10, 0.2, 10000]
    assert sheet["G7"].value == "=SUM(D7:F7)" and sheet["K7"].value == "=I7*J7"
    assert "Uppföljning" in book.sheetnames


def test_a_new_assignment_from_the_page_starts_from_the_approved_plan(
    scenario, client, org, clinic_manager
):
    prices(2027, outpatient=50_000, inpatient=60_000)
    approved_plan(org.clinics[0], 2027, [(org.units[0], "lak-ny", 5, 12)])
    client.force_login(clinic_manager)
    response = client.post("/ekonomi/uppdrag/skapa/", {"klinik": org.clinics[0].pk, "ar": 2027})
    version = AssignmentVersion.objects.get(
        assignment__clinic=org.clinics[0], assignment__year=2027
    )
    assert response.url == f"/ekonomi/uppdrag/{version.pk}/"
    page = client.get(response.url).content.decode()
    assert "Fastställd produktionsplan" in page
    assert version.lines.get().volume_t1 == 12


def test_bad_input_is_answered_in_swedish_and_changes_nothing(draft, client, org, role_users):
    client.force_login(role_users["chef"])
    page = client.get("/ekonomi/uppdrag/", {"ar": "tjugo"})
    assert page.status_code == 200 and "Året ska vara ett heltal" in page.content.decode()
    response = client.post(
        "/ekonomi/uppdrag/skapa/", {"klinik": org.clinics[2].pk, "ar": 2026}, follow=True
    )
    assert "Okänd klinik, eller en vars uppdrag du inte ändrar." in response.content.decode()
    assert client.post(f"/ekonomi/uppdrag/{draft.pk}/radera/").status_code == 404
    api = client.get("/api/v1/economics/assignments/followup/", {"year": "x"})
    assert api.status_code == 400 and "heltal" in api.json()["errors"]["year"][0]
    # Qulturum reads but does not write: the save is refused with the reason.
    client.force_login(role_users["qulturum"])
    lak_ny = Activity.objects.get(code="lak-ny").id
    form = {"revision": draft.revision, "aktivitet": [lak_ny], f"t1_{lak_ny}": "99"}
    response = client.post(f"/ekonomi/uppdrag/{draft.pk}/spara/", form, follow=True)
    assert "Bara klinikens chef, områdets chef och administratörer" in response.content.decode()
    assert draft.lines.get().volume_t1 == 10


def test_the_chart_shows_each_clinics_points_to_date(approved, client, clinic_manager):
    client.force_login(clinic_manager)
    chart = client.get("/ekonomi/uppdrag/diagram/", {"ar": 2026}).json()
    assigned, produced = chart["data"]
    assert assigned["y"] == produced["y"] == ["Ortopedkliniken"]
    # 2 points a tertial, each counted for the share of its days gone by today.
    today = timezone.localdate()
    tertials = [(date(2026, 1, 1), 120), (date(2026, 5, 1), 123), (date(2026, 9, 1), 122)]
    gone = [min(max((today - first).days, 0), days) / days for first, days in tertials]
    assert assigned["x"] == [round(2 * sum(gone), 1)]
    # Every point produced so far: K1, K2, K4 and V1 (in the year, its episode not known here).
    assert produced["x"] == [2.7]


def test_an_approval_reaches_the_cached_followup(
    draft, client, clinic_manager, area_manager, django_capture_on_commit_callbacks
):
    def year_assigned() -> str:
        response = client.get("/api/v1/economics/assignments/followup/", {"year": 2026})
        return response.json()["total"]["whole_year"]["assigned_points"]

    client.force_login(area_manager)
    assert year_assigned() == "0.00"  # the draft counts for nothing yet
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_submit(version=draft, user=clinic_manager)
        services.assignment_approve(version=draft, user=area_manager)
    assert year_assigned() == "6.00"


def test_the_api_creates_saves_submits_and_approves_by_role(
    scenario, client, org, clinic_manager, area_manager, qulturum_user
):
    prices(2027, outpatient=40_000, inpatient=60_000)
    client.force_login(qulturum_user)
    refused = client.post(
        "/api/v1/economics/assignments/",
        {"clinic": org.clinics[0].pk, "year": 2027},
        "application/json",
    )
    assert refused.status_code == 403
    client.force_login(clinic_manager)
    outside = client.post(
        "/api/v1/economics/assignments/",
        {"clinic": org.clinics[1].pk, "year": 2027},
        "application/json",
    )
    assert outside.status_code == 400 and "Okänd klinik" in outside.json()["errors"]["clinic"][0]
    created = client.post(
        "/api/v1/economics/assignments/",
        {"clinic": org.clinics[0].pk, "year": 2027},
        "application/json",
    )
    assert created.status_code == 201, created.content
    version = created.json()
    line = {"activity": "lak-ny", "volume_t1": "30", "volume_t2": "30", "volume_t3": "40",
            "points_per_volume": "0.25"}  # fmt: skip
    url = f"/api/v1/economics/assignments/{version['id']}/"
    unknown = client.put(f"{url}lines/", {"revision": 0, "lines": [{**line, "activity": "x"}]},
                         "application/json")  # fmt: skip
    assert unknown.status_code == 400 and "Okänd aktivitet: x." in unknown.json()["errors"]["lines"]
    saved = client.put(f"{url}lines/", {"revision": 0, "lines": [line]}, "application/json")
    assert saved.status_code == 200, saved.content
    # 100 contacts × 0.25 points × 40 000 kr.
    assert (saved.json()["points"], saved.json()["money"]) == ("25.00", "1000000")
    stale = client.put(f"{url}lines/", {"revision": 0, "lines": [line]}, "application/json")
    assert stale.status_code == 409
    assert client.post(f"{url}submit/", {}, "application/json").json()["status"] == "submitted"
    assert client.post(f"{url}approve/", {}, "application/json").status_code == 403
    client.force_login(area_manager)
    assert client.post(f"{url}approve/", {}, "application/json").json()["status"] == "approved"
    reopened = client.post(f"{url}reopen/", {"reason": ""}, "application/json")
    assert reopened.status_code == 400 and "Ange varför" in str(reopened.json())


def test_the_strategic_page_shows_no_panel_without_assignments_or_points(
    scenario, client, role_users
):
    client.force_login(role_users["omradeschef"])
    assert (
        'id="uppdrag"' not in client.get("/uppfoljning/strategisk/", {"ar": 2024}).content.decode()
    )
    assert 'id="uppdrag"' in client.get("/uppfoljning/strategisk/", {"ar": 2026}).content.decode()


def test_the_assignment_pages_speak_english_after_choosing_it(approved, client, area_manager):
    client.force_login(area_manager)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    index = client.get("/ekonomi/uppdrag/", {"ar": 2026}).content.decode()
    assert "Production assignments 2026" in index and "Assignments per clinic" in index
    detail = client.get(f"/ekonomi/uppdrag/{approved.pk}/").content.decode()
    assert (
        "Production assignment Ortopedkliniken 2026" in detail and "How it is calculated" in detail
    )
    assert "Utkast" not in detail and "Belopp" not in detail
