"""Downloads: CSV as Swedish Excel reads it, Excel with numbers as numbers, formulas never run."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from followup.exports import table_csv, table_xlsx
from organisation.models import Activity

from .facts import approved_plan, outcome

pytestmark = pytest.mark.django_db


def test_csv_has_semicolons_a_decimal_comma_and_a_byte_order_mark():
    data = table_csv(
        ["Aktivitet", "Andel (%)"],
        [["Läkarbesök ny", 85.3], ["Operation", Decimal("1234.50")], ["X", None]],
    )
    text = data.decode("utf-8")
    assert text.startswith("\ufeffAktivitet;Andel (%)\r\n")
    assert "Läkarbesök ny;85,3\r\n" in text and "Operation;1234,5\r\n" in text and "X;\r\n" in text


def test_a_name_that_looks_like_a_formula_is_exported_as_text(client, org, kps_admin):
    evil = Activity.objects.create(code="evil", name='=HYPERLINK("http://x")', profession="LAK")
    unit = org.units[0]
    approved_plan(org.clinics[0], 2026, {(unit, evil, 202619): 5})
    outcome(unit, evil, 202619, 4)
    client.force_login(kps_admin)
    url = reverse("followup:callin_chart", args=["senaste-veckan"])
    csv = client.get(
        url, {"klinik": org.clinics[0].id, "vecka": "2026-W19", "format": "csv"}
    ).content.decode()
    assert "'=HYPERLINK" in csv and "\n=HYPERLINK" not in csv
    xlsx = client.get(
        url, {"klinik": org.clinics[0].id, "vecka": "2026-W19", "format": "xlsx"}
    ).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Aktivitet"
    assert rows[1][0] == '\'=HYPERLINK("http://x")' and rows[1][1] == 5 and rows[1][4] == 80


def test_excel_sheets_are_named_after_the_chart():
    sheet = load_workbook(
        io.BytesIO(table_xlsx(["a"], [[1]], title="Plan: mot/utfall [v 5]"))
    ).active
    assert sheet.title == "Plan motutfall v 5"
