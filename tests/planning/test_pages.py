"""The planning pages per role: who sees what, who may change what, and bad input handled."""

from decimal import Decimal

import pytest
from django.urls import reverse

from planning import services
from planning.models import Plan, PlanCell, PlanStatus

from .conftest import YEAR, edits

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(draft, unit, activities, kps_leader):
    services.plan_save_cells(
        version=draft,
        user=kps_leader,
        based_on_revision=0,
        cells=edits(unit, activities["lak-ny"], {1: 10, 2: 11}),
    )
    draft.refresh_from_db()
    return draft


def test_the_landing_page_lists_my_clinics_plans_with_status(client, saved, kps_leader):
    client.force_login(kps_leader)
    response = client.get(reverse("planning:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ortopedkliniken" in html and "Utkast" in html
    assert reverse("planning:plan", args=[saved.plan_id]) in html
    assert "Ögonkliniken" not in html  # another clinic, not the leader's
    assert "Ny plan" in html


@pytest.mark.parametrize("username", ["ledare", "chef", "omradeschef", "qulturum", "admin"])
def test_every_role_of_the_clinic_reads_the_plan_grid_history_and_export(
    client, saved, role_users, username
):
    client.force_login(role_users[username])
    plan_id = saved.plan_id
    for url in (
        reverse("planning:index"),
        reverse("planning:plan", args=[plan_id]),
        reverse("planning:grid", args=[saved.id]),
        reverse("planning:history", args=[plan_id]),
        reverse("planning:excel_export", args=[saved.id]),
        reverse("planning:clock", args=[saved.plan.clinic.area_id]),
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("username", "editable"),
    [
        ("ledare", True),
        ("admin", True),
        ("chef", False),
        ("omradeschef", False),
        ("qulturum", False),
    ],
)
def test_only_the_kps_leader_and_administrators_get_an_editable_grid(
    client, saved, role_users, username, editable
):
    client.force_login(role_users[username])
    response = client.get(reverse("planning:grid", args=[saved.id]))
    assert response.context["grid"]["version"]["editable"] is editable
    import_page = client.get(reverse("planning:excel_import", args=[saved.id]))
    assert import_page.status_code == (200 if editable else 403)


def test_a_user_of_another_clinic_gets_404_everywhere(client, org, saved):
    from tests.factories import make_user

    client.force_login(make_user("annan", "kps_leader", clinic=org.clinics[2]))
    for url in (
        reverse("planning:plan", args=[saved.plan_id]),
        reverse("planning:grid", args=[saved.id]),
        reverse("planning:history", args=[saved.plan_id]),
        reverse("planning:excel_export", args=[saved.id]),
        reverse("planning:cell_history", args=[saved.plan_id]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("planning:status", args=[saved.id, "skicka-in"])).status_code == 404


def test_submit_approve_and_reopen_from_the_plan_page(client, saved, kps_leader, clinic_manager):
    client.force_login(kps_leader)
    response = client.post(reverse("planning:status", args=[saved.id, "faststall"]), follow=True)
    assert "Bara klinikens chef" in response.content.decode()
    response = client.post(reverse("planning:status", args=[saved.id, "skicka-in"]), follow=True)
    assert "inskickad för fastställelse" in response.content.decode()
    client.force_login(clinic_manager)
    client.post(reverse("planning:status", args=[saved.id, "faststall"]))
    saved.refresh_from_db()
    assert saved.status == PlanStatus.APPROVED
    response = client.post(
        reverse("planning:status", args=[saved.id, "oppna"]), {"reason": ""}, follow=True
    )
    assert "Ange varför" in response.content.decode()
    response = client.post(
        reverse("planning:status", args=[saved.id, "oppna"]),
        {"reason": "Ny bemanning i höst"},
        follow=True,
    )
    assert response.status_code == 200
    assert saved.plan.versions.count() == 2
    assert client.post(reverse("planning:status", args=[saved.id, "nonsens"])).status_code == 404


def test_creating_an_empty_plan_from_the_form(client, clinic, kps_leader):
    client.force_login(kps_leader)
    response = client.post(
        reverse("planning:create"),
        {"klinik": clinic.id, "ar": YEAR, "start": "tom", "mal": "hall", "skapa": "1"},
    )
    plan = Plan.objects.get(clinic=clinic, year=YEAR)
    assert response.status_code == 302 and response.url == reverse("planning:plan", args=[plan.id])
    response = client.post(
        reverse("planning:create"),
        {"klinik": clinic.id, "ar": "tjugo", "start": "tom", "mal": "hall", "skapa": "1"},
    )
    assert response.status_code == 200 and Plan.objects.count() == 1


def test_readers_cannot_create_plans(client, clinic, clinic_manager):
    client.force_login(clinic_manager)
    response = client.post(
        reverse("planning:create"),
        {"klinik": clinic.id, "ar": YEAR, "start": "tom", "mal": "hall", "skapa": "1"},
        follow=True,
    )
    assert "Bara KPS-ledare" in response.content.decode()
    assert not Plan.objects.exists()


def test_history_pages_show_each_save_and_each_cell(client, saved, unit, activities, kps_leader):
    client.force_login(kps_leader)
    save = saved.saves.get()
    html = client.get(
        reverse("planning:history", args=[saved.plan_id]), {"sparning": save.id}
    ).content.decode()
    assert "revision 1" in html and "Läkarbesök ny" in html
    url = reverse("planning:cell_history", args=[saved.plan_id])
    html = client.get(
        url, {"enhet": unit.id, "aktivitet": activities["lak-ny"].id, "vecka": 202602}
    ).content.decode()
    assert "2026-W02" in html and '<td class="num">11</td>' in html
    html = client.get(url, {"enhet": "x", "vecka": 209999}).content.decode()
    assert "Ange en enhet" in html
    assert (
        client.get(
            reverse("planning:history", args=[saved.plan_id]), {"sparning": 999999}
        ).status_code
        == 404
    )


def test_the_schedule_clock_shows_who_had_an_approved_plan_in_time(
    client, saved, kps_leader, clinic_manager, kps_admin
):
    services.plan_submit(version=saved, user=kps_leader)
    services.plan_approve(version=saved, user=clinic_manager)
    client.force_login(kps_admin)
    area = saved.plan.clinic.area
    # Approved today: in time for the periods whose lay-by date is still ahead.
    response = client.get(reverse("planning:clock", args=[area.id]), {"ar": YEAR + 5})
    assert response.status_code == 200
    html = client.get(reverse("planning:clock", args=[area.id]), {"ar": YEAR}).content.decode()
    assert "Ortopedkliniken" in html and "Ögonkliniken" in html
    assert client.get(reverse("planning:clock", args=[area.id]), {"ar": 99999}).status_code == 404
    assert client.get(reverse("planning:clock", args=[999999])).status_code == 404


def test_plan_page_shows_totals_and_capacity(client, saved, unit, kps_leader):
    client.force_login(kps_leader)
    response = client.get(reverse("planning:plan", args=[saved.plan_id]))
    assert {u: total for u, total, _beds in response.context["units"]}[unit] == Decimal("21.00")
    assert [(r.period, r.profession, r.light) for r in response.context["capacity"]] == [
        (1, "LAK", "missing")
    ]
    assert "HR-uppgift saknas" in response.content.decode()
    assert PlanCell.objects.count() == 2


def test_an_excel_import_confirmed_after_someone_else_saved_is_refused(
    client, saved, unit, activities, kps_leader, kps_admin
):
    import io

    from openpyxl import load_workbook

    from planning import excel

    book = load_workbook(io.BytesIO(excel.plan_workbook(version=saved)))
    sheet = book[unit.name]
    sheet["E7"] = 99  # week 2 of the first activity
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "plan.xlsx"
    client.force_login(kps_leader)
    url = reverse("planning:excel_import", args=[saved.id])
    response = client.post(url, {"fil": data})
    assert [c["new"] for c in response.context["changes"]] == [Decimal(99)]
    # Between the preview and the confirmation a colleague saves.
    services.plan_save_cells(
        version=saved,
        user=kps_admin,
        based_on_revision=1,
        cells=edits(unit, activities["lak-ny"], {3: 1}),
    )
    response = client.post(url, {"bekrafta": "1"}, follow=True)
    assert "sparats av någon annan" in response.content.decode()
    assert PlanCell.objects.get(version=saved, week=202602).volume == Decimal(11)
    response = client.post(url, {"bekrafta": "1"}, follow=True)
    assert "gått ut" in response.content.decode()


def test_an_excel_import_from_an_old_export_keeps_a_colleagues_save_and_shows_the_conflict(
    client, saved, unit, activities, kps_leader, kps_admin
):
    import io

    from openpyxl import load_workbook

    from planning import excel

    book = load_workbook(io.BytesIO(excel.plan_workbook(version=saved)))
    sheet = book[unit.name]
    sheet["C7"] = 12  # week 1 of the first activity (was 10)
    sheet["E7"] = 7  # week 3 (empty)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "plan.xlsx"
    # After the export a colleague sets week 1 to 20 and week 6 to 50.
    services.plan_save_cells(
        version=saved,
        user=kps_admin,
        based_on_revision=1,
        cells=edits(unit, activities["lak-ny"], {1: 20, 6: 50}),
    )
    client.force_login(kps_leader)
    url = reverse("planning:excel_import", args=[saved.id])
    response = client.post(url, {"fil": data})
    body = response.content.decode()
    assert [(c["week"], c["new"]) for c in response.context["changes"]] == [(202603, Decimal(7))]
    assert [
        (c["week"], c["exported"], c["old"], c["new"]) for c in response.context["conflicts"]
    ] == [(202601, Decimal("10.00"), Decimal("20.00"), Decimal(12))]
    assert 'id="import-conflicts"' in body and "1 konflikt" in body

    client.post(url, {"bekrafta": "1"})
    cells = {
        c.week: c.volume
        for c in PlanCell.objects.filter(version=saved, unit=unit, activity=activities["lak-ny"])
    }
    assert cells == {
        202601: Decimal(20),
        202602: Decimal(11),
        202603: Decimal(7),
        202606: Decimal(50),
    }


def test_a_file_that_is_not_excel_is_told_so_and_not_asked_to_correct_cells(
    client, saved, kps_leader
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(kps_leader)
    upload = SimpleUploadedFile("plan.csv", b"kod;v1;v2\nlak-ny;10;11\n", "text/csv")
    response = client.post(reverse("planning:excel_import", args=[saved.id]), {"fil": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Filen är inte en Excel-arbetsbok (.xlsx)." in html
    assert "Rätta cellerna nedan" not in html
    assert "Filen som helhet kan inte användas." in html
