"""Agreements from an Excel sheet: upserted by avtal_kod with a version each; a bad row refuses the
whole sheet with a Swedish message per row, and nothing changes."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from purchasing.models import Agreement, AgreementVersion, Provider
from purchasing.sheet import COLUMNS, agreements_import
from waitlists.models import MedicalCareArea

pytestmark = pytest.mark.django_db


def sheet(*rows: dict) -> bytes:
    book = Workbook()
    book.active.append(list(COLUMNS))
    for row in rows:
        book.active.append([row.get(c) for c in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row(**values) -> dict:
    return {
        "avtal_kod": "HOFT-2026", "namn": "Höftleder 2026", "vardgivare_kod": "PRIV1",
        "vardgivare_namn": "Ortopedi Privat AB", "vardgivare_slag": "PRIVAT", "kva_koder": "NFB49, NFB39",
        "medicinska_omraden": "hoft", "pris_per_fall": 61500, "volymtak": 120, "takbelopp": "7 380 000",
        "fran": date(2026, 1, 1), "till": "2026-12-31", "optioner": "1 + 1 år", "kliniker": "ORT06",
        **values,
    }  # fmt: skip


@pytest.fixture
def hip(org):
    return MedicalCareArea.objects.create(code="hoft", name="Höft")


def test_a_sheet_creates_agreements_and_their_first_version(hip, org, kps_admin):
    result = agreements_import(data=sheet(row()), user=kps_admin)
    assert (result.errors, result.created) == ([], 1)
    a = Agreement.objects.get()
    assert (a.provider.name, a.code_list(), list(a.care_areas.all()), list(a.clinics.all())) == (
        "Ortopedi Privat AB", ["NFB39", "NFB49"], [hip], [org.clinics[0]],
    )  # fmt: skip
    assert (a.price_per_case, a.volume_ceiling, a.money_ceiling) == (
        Decimal("61500"),
        120,
        Decimal("7380000"),
    )
    version = a.versions.get()
    assert (version.number, version.saved_by, version.how) == (1, kps_admin, "Excel-import")


def test_a_changed_row_adds_a_version_naming_what_changed_and_the_same_sheet_twice_none(
    hip, org, kps_admin
):
    agreements_import(data=sheet(row()), user=kps_admin)
    again = agreements_import(data=sheet(row()), user=kps_admin)
    assert (again.created, again.changed, AgreementVersion.objects.count()) == (0, 0, 1)
    extended = agreements_import(data=sheet(row(forlangt_till="2027-12-31")), user=kps_admin)
    assert extended.changed == 1
    latest = Agreement.objects.get().versions.first()
    assert (latest.number, latest.changed, latest.data["extended_to"]) == (
        2,
        ["extended_to"],
        "2027-12-31",
    )


def test_a_bad_row_refuses_the_sheet_with_a_message_per_row_and_changes_nothing(
    hip, org, kps_admin
):
    data = sheet(
        row(avtal_kod="OK-1"),
        row(avtal_kod="B-2", till="2025-12-31"),
        row(avtal_kod="B-3", pris_per_fall="gratis"),
        row(avtal_kod="B-4", vardgivare_slag="KOMMUN"),
        row(avtal_kod="B-5", fran="31/12"),
        row(avtal_kod="B-6", namn=None),
        row(avtal_kod="B-7", kliniker="ORT06 XYZ"),
        row(avtal_kod="OK-1"),
    )
    result = agreements_import(data=data, user=kps_admin)
    assert result.errors == [
        "Rad 3: Avtalet slutar (till) före det börjar (fran).",
        "Rad 4: gratis är inget belopp.",
        "Rad 5: vardgivare_slag ska vara PRIVAT eller REGION, inte KOMMUN.",
        "Rad 6: 31/12 är inget datum (ÅÅÅÅ-MM-DD).",
        "Rad 7: namn saknar värde.",
        "Rad 8: Okända kliniker: XYZ.",
        "Rad 9: avtalet OK-1 finns två gånger i bladet.",
        "Inget ändrades.",
    ]
    assert not Agreement.objects.exists() and not Provider.objects.exists()


def test_a_file_that_is_not_a_workbook_or_lacks_columns_is_refused(org, kps_admin):
    assert agreements_import(data=b"avtal_kod;namn\n", user=kps_admin).errors == [
        "Filen är inte en Excel-arbetsbok (.xlsx). Inget ändrades."
    ]
    book = Workbook()
    book.active.append(["avtal_kod", "namn"])
    buffer = io.BytesIO()
    book.save(buffer)
    (message,) = agreements_import(data=buffer.getvalue(), user=kps_admin).errors
    assert message.startswith("Kolumner saknas i rad 1: vardgivare_kod, pris_per_fall")


def test_the_administrator_loads_the_sheet_on_the_agreements_page(hip, org, client, kps_admin):
    client.force_login(kps_admin)
    upload = SimpleUploadedFile("avtal.xlsx", sheet(row()))
    response = client.post("/kopt-vard/avtal/", {"fil": upload}, follow=True)
    assert "Avtalen är inlästa: 1 nya, 0 ändrade." in response.content.decode()
    bad = client.post(
        "/kopt-vard/avtal/", {"fil": SimpleUploadedFile("avtal.xlsx", sheet(row(till="x")))}
    )
    assert bad.status_code == 400 and "Rad 2: x är inget datum" in bad.content.decode()


def test_saving_in_the_admin_records_a_version(hip, org, client, kps_admin):
    agreements_import(data=sheet(row()), user=kps_admin)
    a = Agreement.objects.get()
    client.force_login(kps_admin)
    response = client.post(
        f"/admin/purchasing/agreement/{a.pk}/change/",
        {
            "code": a.code, "name": a.name, "provider": a.provider_id, "kva_codes": a.kva_codes,
            "care_areas": [hip.pk], "price_per_case": "65000", "volume_ceiling": 120,
            "money_ceiling": "7380000", "start": "2026-01-01", "end": "2026-12-31", "options": "",
            "extended_to": "", "clinics": [org.clinics[0].pk],
            "versions-TOTAL_FORMS": 1, "versions-INITIAL_FORMS": 1, "versions-MIN_NUM_FORMS": 0,
            "versions-MAX_NUM_FORMS": 1000, "versions-0-id": a.versions.get().pk, "versions-0-agreement": a.pk,
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    latest = a.versions.first()
    assert (latest.number, latest.how, sorted(latest.changed)) == (
        2,
        "Administration",
        ["options", "price_per_case"],
    )
