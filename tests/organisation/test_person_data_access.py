"""Every reading of pseudonymised person-level rows is logged: who read what and when, for an administrator."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from imports.models import ImportRun, RejectedRow, RunStatus
from organisation.models import PersonDataAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(db) -> ImportRun:
    run = ImportRun.objects.create(
        file_name="kontakter_cosmic_20260306.csv", kind="kontakter", source="cosmic", checksum="x",
        status=RunStatus.PARTIAL, started_by="admin", rows_read=3, rows_rejected=2,
    )  # fmt: skip
    RejectedRow.objects.bulk_create([
        RejectedRow(run=run, line=2, column="kontakt_datum", message="Ogiltigt datum"),
        RejectedRow(run=run, line=3, column="personnummer", message="Ogiltigt personnummer"),
    ])  # fmt: skip
    return run


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def logged() -> list[tuple]:
    return list(
        PersonDataAccess.objects.order_by("id").values_list("username", "what", "subject", "rows")
    )


def test_the_rejected_rows_page_its_exports_and_its_api_record_who_read_which_run(role_users, run):
    chef = client_for(role_users["chef"])
    assert chef.get(reverse("imports:run", args=[run.pk])).status_code == 200
    assert chef.get(reverse("imports:error_report", args=[run.pk, "csv"])).status_code == 200
    assert chef.get(reverse("imports:error_report", args=[run.pk, "xlsx"])).status_code == 200
    assert chef.get(reverse("import-run-rejected-rows", args=[run.pk])).status_code == 200

    assert logged() == [
        ("chef", "import:rejected_rows", f"run {run.pk}", 2),
        ("chef", "import:rejected_rows.csv", f"run {run.pk}", 2),
        ("chef", "import:rejected_rows.xlsx", f"run {run.pk}", 2),
        ("chef", "api:rejected_rows", f"run {run.pk}", 2),
    ]
    entry = PersonDataAccess.objects.last()
    assert entry.user == role_users["chef"] and timezone.now() - entry.at < timedelta(minutes=1)


def test_a_refused_reader_leaves_no_entry_and_the_import_log_list_is_not_person_data(
    role_users, run
):
    assert (
        client_for(role_users["ledare"]).get(reverse("imports:run", args=[run.pk])).status_code
        == 403
    )
    assert client_for(role_users["admin"]).get(reverse("imports:index")).status_code == 200
    assert logged() == []


def test_admin_lists_and_records_of_person_level_rows_are_logged(role_users, run):
    admin = client_for(role_users["admin"])
    assert admin.get(reverse("admin:facts_waitingentry_changelist")).status_code == 200
    assert admin.get(reverse("admin:facts_contact_changelist"), {"q": "K1"}).status_code == 200
    assert admin.get(reverse("admin:imports_heldrow_changelist")).status_code == 200
    assert admin.get(reverse("admin:imports_importrun_change", args=[run.pk])).status_code == 200

    assert logged() == [
        ("admin", "admin:facts.waitingentry", "", 0),
        ("admin", "admin:facts.contact", "q=K1", 0),
        ("admin", "admin:imports.heldrow", "", 0),
        ("admin", "admin:imports.importrun", str(run.pk), 1),
    ]


def test_the_administrator_reads_the_log_filtered_by_user_and_date_and_cannot_change_it(
    role_users, run
):
    client_for(role_users["chef"]).get(reverse("imports:run", args=[run.pk]))
    client_for(role_users["qulturum"]).get(reverse("imports:run", args=[run.pk]))
    admin = client_for(role_users["admin"])
    today = timezone.localdate()

    page = admin.get(
        reverse("admin:organisation_persondataaccess_changelist"),
        {"user__id__exact": role_users["qulturum"].pk, "at__year": today.year, "at__month": today.month,
         "at__day": today.day},
    )  # fmt: skip

    assert page.status_code == 200
    assert [e.username for e in page.context["cl"].result_list] == ["qulturum"]
    entry = PersonDataAccess.objects.order_by("id").first()
    assert admin.get(reverse("admin:organisation_persondataaccess_add")).status_code == 403
    assert (
        admin.post(
            reverse("admin:organisation_persondataaccess_delete", args=[entry.pk])
        ).status_code
        == 403
    )
    assert (
        admin.post(
            reverse("admin:organisation_persondataaccess_change", args=[entry.pk]),
            {"username": "x"},
        ).status_code
        == 403
    )
    entry.refresh_from_db()
    assert entry.username == "chef"
