"""Who sees the import log, its runs and error reports, and who may upload and re-process."""

from __future__ import annotations

import pytest
from django.urls import reverse

from imports.models import ImportRun, RejectedRow, RunStatus

pytestmark = pytest.mark.django_db

LOG_READERS = ["chef", "omradeschef", "qulturum", "admin"]
EVERYONE = ["ledare", *LOG_READERS]


@pytest.fixture
def run(db):
    run = ImportRun.objects.create(
        file_name="kontakter_cosmic_20261121.csv",
        kind="kontakter",
        source="cosmic",
        checksum="a" * 64,
        status=RunStatus.PARTIAL,
        rows_read=3,
        rows_accepted=2,
        rows_rejected=1,
        started_by="nattlig import",
    )
    RejectedRow.objects.create(run=run, line=3, column="fas", message="Fas måste vara 1–5.")
    return run


@pytest.mark.parametrize("username", LOG_READERS)
def test_administrators_qulturum_and_managers_read_the_log_and_its_runs(username, client_as, run):
    client = client_as(username)

    page = client.get(reverse("imports:index"))
    assert page.status_code == 200
    assert "kontakter_cosmic_20261121.csv" in page.content.decode()
    detail = client.get(reverse("imports:run", args=[run.pk]))
    assert detail.status_code == 200
    assert "Fas måste vara 1–5." in detail.content.decode()
    assert client.get(reverse("imports:error_report", args=[run.pk, "csv"])).status_code == 200
    assert client.get(reverse("imports:data_quality")).status_code == 200
    api = client.get("/api/v1/imports/")
    assert api.status_code == 200
    assert [r["file_name"] for r in api.json()["results"]] == ["kontakter_cosmic_20261121.csv"]


def test_a_kps_leader_gets_the_import_page_without_the_log(client_as, run):
    client = client_as("ledare")

    page = client.get(reverse("imports:index"))
    # The navigation links every role here, so the page answers, but shows no runs.
    assert page.status_code == 200
    body = page.content.decode()
    assert "kontakter_cosmic_20261121.csv" not in body
    assert "Importloggen visas för administratörer, Qulturum och chefer." in body
    assert reverse("imports:reconciliation") in body
    assert client.get(reverse("imports:run", args=[run.pk])).status_code == 403
    assert client.get(reverse("imports:error_report", args=[run.pk, "xlsx"])).status_code == 403
    assert client.get(reverse("imports:data_quality")).status_code == 403
    assert client.get("/api/v1/imports/").status_code == 403
    assert client.get(f"/api/v1/imports/{run.pk}/rejected-rows/").status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_and_refused_by_the_api(client_as, run):
    client = client_as(None)
    for name, args in [("imports:index", []), ("imports:run", [run.pk]), ("imports:upload", []),
                       ("imports:data_quality", []), ("imports:reconciliation", [])]:  # fmt: skip
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), (
            name
        )
    assert client.get("/api/v1/imports/").status_code in (401, 403)


@pytest.mark.parametrize("username", ["ledare", "chef", "omradeschef", "qulturum"])
def test_only_administrators_upload_and_reprocess(username, client_as, tmp_path):
    client = client_as(username)
    assert client.get(reverse("imports:upload")).status_code == 403
    extract = tmp_path / "kontakter_cosmic_20261121.csv"
    extract.write_text("kontakt_id;kontakt_datum\n", encoding="utf-8")
    with extract.open("rb") as handle:
        assert client.post(reverse("imports:upload"), {"files": handle}).status_code == 403
    assert client.post(reverse("imports:reprocess")).status_code == 403
    assert ImportRun.objects.count() == 0


def test_the_administrator_sees_the_upload_and_reprocess_controls_and_managers_do_not(
    client_as, run
):
    admin_page = client_as("admin").get(reverse("imports:index")).content.decode()
    manager_page = client_as("chef").get(reverse("imports:index")).content.decode()
    assert reverse("imports:upload") in admin_page
    assert reverse("imports:upload") not in manager_page
    assert client_as("admin").get(reverse("imports:upload")).status_code == 200


@pytest.mark.parametrize("username", EVERYONE)
def test_every_role_opens_the_reconciliation(username, client_as):
    assert client_as(username).get(reverse("imports:reconciliation")).status_code == 200


def test_the_api_filters_by_kind_source_and_status(client_as, run):
    ImportRun.objects.create(
        file_name="produktion_diver_20261121.csv",
        kind="produktion",
        source="diver",
        checksum="b" * 64,
        status=RunStatus.REFUSED,
        started_by="admin",
    )
    client = client_as("qulturum")

    def names(query: str) -> list[str]:
        return sorted(
            r["file_name"] for r in client.get(f"/api/v1/imports/{query}").json()["results"]
        )

    assert names("") == ["kontakter_cosmic_20261121.csv", "produktion_diver_20261121.csv"]
    assert names("?kind=produktion") == ["produktion_diver_20261121.csv"]
    assert names("?source=cosmic") == ["kontakter_cosmic_20261121.csv"]
    assert names("?status=refused") == ["produktion_diver_20261121.csv"]
    assert names("?kind=kontakter&status=refused") == []
    detail = client.get(f"/api/v1/imports/{run.pk}/").json()
    assert (
        detail["rows_read"],
        detail["rows_accepted"],
        detail["rows_rejected"],
        detail["rows_held"],
    ) == (3, 2, 1, 0)
    assert detail["started_by"] == "nattlig import" and detail["checksum"] == "a" * 64
    rejected = client.get(f"/api/v1/imports/{run.pk}/rejected-rows/").json()["results"]
    assert rejected == [{"line": 3, "column": "fas", "message": "Fas måste vara 1–5."}]


def test_the_log_page_filters_too(client_as, run):
    ImportRun.objects.create(
        file_name="produktion_diver_20261121.csv",
        kind="produktion",
        source="diver",
        checksum="b" * 64,
        status=RunStatus.REFUSED,
        started_by="admin",
    )
    body = client_as("admin").get(reverse("imports:index"), {"kind": "produktion"}).content.decode()
    assert "produktion_diver_20261121.csv" in body
    assert "kontakter_cosmic_20261121.csv" not in body
    # A filter value that is no kind is ignored rather than failing.
    assert client_as("admin").get(reverse("imports:index"), {"kind": "<script>"}).status_code == 200
