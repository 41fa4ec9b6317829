"""The Excel export for the tertial report, opened with openpyxl and read back."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from organisation.models import Clinic
from rollout.models import Step

from .builders import approve_plan, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def workbook(client, org, qulturum, today):
    org.areas[0].plan_target = 11
    org.areas[0].save()
    make_programme(
        qulturum,
        org.clinics[0],
        start=today - timedelta(days=200),
        today=today,
        done=[Step.PROCESS_MAPPING],
    )
    approve_plan(org.clinics[0], today.isocalendar().year, approved_on=date(today.year - 1, 12, 1))
    # A clinic name that a spreadsheet would run as a formula.
    Clinic.objects.filter(pk=org.clinics[2].pk).update(
        name='=HYPERLINK("http://example.org","Klicka")'
    )
    client.force_login(qulturum)
    response = client.get(f"/inforande/export.xlsx?ar={today.isocalendar().year}")
    assert response.status_code == 200
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(BytesIO(response.content))


def rows(sheet, first: int = 1):
    return [list(r) for r in sheet.iter_rows(min_row=first, values_only=True)]


def test_the_workbook_has_the_indicators_the_clinics_and_the_late_steps(workbook):
    assert workbook.sheetnames == ["Indikatorer", "Kliniker", "Försenade steg"]


def test_the_indicator_sheet_counts_clinics_with_a_plan_against_the_area_target(workbook, today):
    sheet = workbook["Indikatorer"]
    assert sheet["A1"].value == f"KPS-införande, delårsrapport {today.isocalendar().year}"
    header, surgery, medicine, total = rows(sheet, 4)
    assert header[:4] == [
        "Verksamhetsområde",
        "Kliniker",
        "Mål: kliniker med produktionsplan",
        "Med fastställd plan T1",
    ]
    assert surgery[:3] == ["Kirurgisk vård", 2, 11]
    assert surgery[3] == 1  # the plan was approved last December: it counts from T1
    assert medicine[:4] == ["Medicinsk vård", 1, 0, 0]
    assert total[:3] == ["Hela regionen", 3, 11]
    assert sheet["G5"].number_format == "0%"


def test_the_clinic_sheet_lists_every_clinic_with_status_and_evidence(workbook, today):
    header, *clinics = rows(workbook["Kliniker"])
    assert header[:4] == ["Verksamhetsområde", "Klinik", "Kod", "Status"]
    by_code = {row[2]: dict(zip(header, row, strict=True)) for row in clinics}
    orto = by_code["ORT06"]
    assert orto["Status"] == "Försenat"
    assert orto["Steg klara"] == 1 and orto["Steg totalt"] == 12
    assert orto["Programstart"].date() == today - timedelta(days=200)
    assert orto[f"Fastställd plan {today.isocalendar().year}"] == "Ja"
    assert by_code["KAR06"]["Status"] == "Inte beslutat"


def test_text_that_would_run_as_a_formula_is_written_as_text(workbook):
    names = [row[1] for row in rows(workbook["Kliniker"], 2)]
    assert '\'=HYPERLINK("http://example.org","Klicka")' in names
    assert not any(str(n).startswith("=") for n in names)


def test_the_late_sheet_has_one_row_per_overdue_step(workbook):
    header, *late = rows(workbook["Försenade steg"])
    assert header == ["Verksamhetsområde", "Klinik", "Steg", "Skulle vara klart"]
    assert late and all(row[1] == "Ortopedkliniken" for row in late)
    assert "Mål satta" in [row[2] for row in late]


def test_a_kps_leader_exports_only_their_clinic(client, org, kps_leader, qulturum, today):
    make_programme(qulturum, org.clinics[1], start=today, today=today)
    client.force_login(kps_leader)
    book = load_workbook(BytesIO(client.get("/inforande/export.xlsx").content))
    assert [row[1] for row in rows(book["Kliniker"], 2)] == ["Ortopedkliniken"]
