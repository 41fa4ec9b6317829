"""Uploading extract files through the page: good files import, bad ones change nothing and say why."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from facts.models import Contact, WeeklyOutcome
from imports.models import ImportRun, RunStatus
from tests.imports_web.extracts import KONTAKTER_COLUMNS, contact, write_extract

pytestmark = pytest.mark.django_db


def upload(client, *files, follow=True, **fields):
    return client.post(reverse("imports:upload"), {"files": list(files), **fields}, follow=follow)


def csv_file(
    tmp_path, name: str, rows: list[dict], columns=KONTAKTER_COLUMNS
) -> SimpleUploadedFile:
    path = write_extract(tmp_path / "src.csv", columns, rows)
    return SimpleUploadedFile(name, path.read_bytes(), content_type="text/csv")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    # In this process, as without REDIS_URL; the worker path is tested in tests/imports_worker.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return settings.VAR_DIR / "uploads"


def test_a_good_file_imports_and_the_page_shows_the_run(
    client_as, cosmic_units, tmp_path, upload_dir
):
    rows = [
        contact("K1", "C1"),
        contact("K2", "C1", fas=4),
        contact("K3", "C2", personnummer="19121212-1212"),
    ]
    response = upload(client_as("admin"), csv_file(tmp_path, "kontakter_cosmic_20260306.csv", rows))

    run = ImportRun.objects.get()
    assert response.redirect_chain == [(reverse("imports:run", args=[run.pk]), 302)]
    assert (run.status, run.rows_read, run.rows_accepted, run.started_by) == (
        RunStatus.OK,
        3,
        3,
        "admin",
    )
    assert run.file_name == "kontakter_cosmic_20260306.csv"
    assert messages_of(response) == [
        "kontakter_cosmic_20260306.csv: 3 rader lästa, 3 godkända, 0 avvisade, 0 vilande."
    ]
    assert sorted(Contact.objects.values_list("contact_id", flat=True)) == ["K1", "K2", "K3"]
    # The uploaded copy, which holds personal identity numbers, is gone once imported.
    assert list(upload_dir.iterdir()) == []
    assert "19121212" not in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "kontakter_cosmic_20260306.csv: 1 rad läst, 1 godkänd, 0 avvisade, 0 vilande."),
        ("en", "kontakter_cosmic_20260306.csv: 1 row read, 1 accepted, 0 rejected, 0 on hold."),
    ],
)
def test_the_message_after_a_one_row_file_is_singular(
    client_as, cosmic_units, tmp_path, upload_dir, settings, language, expected
):
    client = client_as("admin")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = upload(
        client, csv_file(tmp_path, "kontakter_cosmic_20260306.csv", [contact("K1", "C1")])
    )
    assert messages_of(response) == [expected]


def test_a_file_missing_required_columns_is_refused_with_a_message_and_changes_nothing(
    client_as, cosmic_units, tmp_path, upload_dir
):
    upload(
        client_as("admin"),
        csv_file(tmp_path, "kontakter_cosmic_20260306.csv", [contact("K1", "C1")]),
    )
    before = (list(Contact.objects.values_list("contact_id", "unit_id", "activity_id")),
              list(WeeklyOutcome.objects.values_list("unit_id", "activity_id", "week", "count")))  # fmt: skip

    bad = csv_file(
        tmp_path,
        "kontakter_cosmic_20260307.csv",
        [{"kontakt_id": "K9"}],
        columns=("kontakt_id", "x"),
    )
    response = upload(client_as("admin"), bad)

    run = ImportRun.objects.latest("id")
    assert run.status == RunStatus.REFUSED
    [message] = messages_of(response)
    assert message.startswith(
        "kontakter_cosmic_20260307.csv importerades inte: Obligatoriska kolumner saknas"
    )
    assert message in response.content.decode()
    after = (list(Contact.objects.values_list("contact_id", "unit_id", "activity_id")),
             list(WeeklyOutcome.objects.values_list("unit_id", "activity_id", "week", "count")))  # fmt: skip
    assert after == before


def test_a_file_that_is_no_extract_is_stopped_by_the_form(client_as, upload_dir):
    response = upload(
        client_as("admin"),
        SimpleUploadedFile("rapport.pdf", b"%PDF-1.4", content_type="application/pdf"),
    )
    assert response.status_code == 200
    assert (
        "rapport.pdf är ingen extraktfil: importen läser .csv, .txt och .xlsx."
        in response.content.decode()
    )
    assert ImportRun.objects.count() == 0


def test_an_empty_form_asks_for_a_file(client_as):
    response = client_as("admin").post(reverse("imports:upload"), {})
    assert "Välj minst en fil att importera." in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_a_file_with_an_unknown_name_is_refused_unless_kind_is_given(
    client_as, cosmic_units, tmp_path, upload_dir
):
    rows = [contact("K1", "C1"), contact("K2", "C2")]
    refused = upload(client_as("admin"), csv_file(tmp_path, "export.csv", rows))
    assert ImportRun.objects.get().status == RunStatus.REFUSED
    assert "Okänd filtyp" in messages_of(refused)[0]
    assert Contact.objects.count() == 0

    upload(
        client_as("admin"),
        csv_file(tmp_path, "export.csv", rows),
        kind="kontakter",
        source="COSMIC",
    )
    run = ImportRun.objects.latest("id")
    assert (run.status, run.kind, run.source, run.rows_accepted) == (
        RunStatus.OK,
        "kontakter",
        "cosmic",
        2,
    )
    assert Contact.objects.count() == 2


def test_several_files_import_in_one_upload_and_each_gets_a_message(
    client_as, cosmic_units, tmp_path, upload_dir
):
    first = csv_file(tmp_path, "kontakter_cosmic_20260306.csv", [contact("K1", "C1")])
    second = csv_file(
        tmp_path, "kontakter_cosmic_20260307.csv", [contact("K2", "C2"), contact("K3", "C3")]
    )
    response = upload(client_as("admin"), first, second)

    assert response.redirect_chain == [(reverse("imports:index"), 302)]
    assert sorted(ImportRun.objects.values_list("file_name", "rows_accepted")) == [
        ("kontakter_cosmic_20260306.csv", 1),
        ("kontakter_cosmic_20260307.csv", 2),
    ]
    assert len(messages_of(response)) == 2


def test_the_same_file_twice_says_so_and_changes_nothing(
    client_as, cosmic_units, tmp_path, upload_dir
):
    rows = [contact("K1", "C1")]
    upload(client_as("admin"), csv_file(tmp_path, "kontakter_cosmic_20260306.csv", rows))
    response = upload(client_as("admin"), csv_file(tmp_path, "kontakter_cosmic_20260306.csv", rows))
    assert messages_of(response) == [
        "kontakter_cosmic_20260306.csv var redan importerad; inget ändrades."
    ]
    assert Contact.objects.count() == 1


def test_a_bad_source_override_is_explained(client_as, tmp_path):
    response = upload(
        client_as("admin"),
        csv_file(tmp_path, "kontakter_cosmic_20260306.csv", []),
        source="cos mic/../x",
    )
    assert (
        "Källan skrivs med små bokstäver a–z och siffror, t.ex. cosmic."
        in response.content.decode()
    )
    assert ImportRun.objects.count() == 0
