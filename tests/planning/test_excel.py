"""Excel: a plan exported, edited like a person would, and imported back gives the edited plan."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from planning import excel, selectors, services
from planning.models import PlanSave, SaveSource

from .conftest import YEAR, edits

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(draft, unit, activities, kps_leader):
    services.plan_save_cells(
        version=draft, user=kps_leader, based_on_revision=0,
        cells=edits(unit, activities["lak-ny"], {1: 10, 2: 11, 53: 3}) + edits(unit, activities["operation"], {14: 4}),
    )  # fmt: skip
    draft.refresh_from_db()
    return draft


def workbook_bytes(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def locate(sheet, code: str, week: str):
    header = next(r for r in sheet.iter_rows() if r[0].value == "Kod")
    column = next(c.column for c in header if c.value == week)
    row = next(r[0].row for r in sheet.iter_rows() if r[0].value == code)
    return sheet.cell(row=row, column=column)


def test_the_export_has_a_sheet_per_unit_weeks_under_periods_and_totals_as_formulas(saved, clinic):
    book = load_workbook(io.BytesIO(excel.plan_workbook(version=saved)))
    assert [s.title for s in book.worksheets if s.sheet_state == "visible"] == [
        u.name for u in clinic.units.order_by("name")
    ]
    sheet = book.worksheets[0]
    assert sheet["B2"].value == clinic.units.order_by("name").first().code
    assert locate(sheet, "lak-ny", "2026-W02").value == 11
    assert locate(sheet, "lak-ny", "2026-W53").value == 3
    year_total = locate(sheet, "lak-ny", "År")
    assert year_total.value.startswith("=SUM(")
    header = [c.value for c in next(r for r in sheet.iter_rows() if r[0].value == "Kod")]
    assert header[2] == "2026-W01" and header[54] == "2026-W53"
    assert header[55:] == [
        "Period 1",
        "Period 2",
        "Period 3",
        "Period 4",
        "Tertial 1",
        "Tertial 2",
        "Tertial 3",
        "År",
    ]
    assert sheet.cell(row=sheet.max_row, column=2).value == "Summa"


def test_round_trip_export_edit_import_gives_the_edited_plan(saved, unit, activities, kps_leader):
    book = load_workbook(io.BytesIO(excel.plan_workbook(version=saved)))
    sheet = book[unit.name]
    locate(sheet, "lak-ny", "2026-W02").value = 15  # changed
    locate(sheet, "lak-ny", "2026-W53").value = None  # removed
    locate(sheet, "lak-ater", "2026-W20").value = "7,5"  # typed with a decimal comma, as text
    locate(sheet, "operation", "2026-W14").value = 4  # unchanged
    locate(sheet, "lak-ny", "År").value = 999  # totals are not read
    reading = excel.workbook_edits(version=saved, data=workbook_bytes(book))
    assert reading.errors == []
    assert reading.exported_revision == 1
    preview = excel.preview_changes(version=saved, edits=reading.edits, exported=reading.exported)
    assert preview.conflicts == []
    assert sorted((c["activity"], c["week"], c["old"], c["new"]) for c in preview.changes) == [
        ("Läkarbesök ny", 202602, Decimal("11.00"), Decimal("15.00")),
        ("Läkarbesök ny", 202653, Decimal("3.00"), None),
        ("Läkarbesök åter", 202620, None, Decimal("7.50")),
    ]
    result = services.plan_save_cells(
        version=saved,
        user=kps_leader,
        based_on_revision=saved.revision,
        cells=reading.edits,
        source=SaveSource.EXCEL,
    )
    assert result.changed == 3
    assert selectors.plan_cells(version=saved) == {
        (unit.id, activities["lak-ny"].id, 202601): Decimal("10.00"),
        (unit.id, activities["lak-ny"].id, 202602): Decimal("15.00"),
        (unit.id, activities["operation"].id, 202614): Decimal("4.00"),
        (unit.id, activities["lak-ater"].id, 202620): Decimal("7.50"),
    }
    assert PlanSave.objects.get(revision=2).source == SaveSource.EXCEL
    # Exported again, the workbook shows the edited plan.
    again = load_workbook(io.BytesIO(excel.plan_workbook(version=saved)))[unit.name]
    assert locate(again, "lak-ny", "2026-W02").value == 15


def test_cells_that_are_not_numbers_and_weeks_that_do_not_exist_are_reported_and_nothing_is_read(
    saved, unit
):
    book = load_workbook(io.BytesIO(excel.plan_workbook(version=saved)))
    sheet = book[unit.name]
    bad = locate(sheet, "lak-ny", "2026-W05")
    bad.value = "tolv"
    negative = locate(sheet, "lak-ny", "2026-W06")
    negative.value = -3
    header = next(r for r in sheet.iter_rows() if r[0].value == "Kod")
    week53 = next(c for c in header if c.value == "2026-W53")
    week53.value = "2026-W54"
    week52 = next(c for c in header if c.value == "2026-W52")
    week52.value = "2027-W01"
    reading = excel.workbook_edits(version=saved, data=workbook_bytes(book))
    assert reading.edits == []
    messages = "\n".join(reading.errors)
    assert f"Blad ”{sheet.title}” cell {bad.coordinate}: ”tolv” är inget tal." in messages
    assert f"cell {negative.coordinate}: En planerad volym kan inte vara negativ." in messages
    assert f"kolumn {week53.column_letter}: Vecka 54 finns inte: 2026 har 53 veckor." in messages
    assert (
        f"kolumn {week52.column_letter}: Vecka 2027-W01 hör inte till planens år 2026." in messages
    )


def test_a_file_that_is_not_a_workbook_or_has_no_unit_sheet(saved):
    reading = excel.workbook_edits(version=saved, data=b"not a workbook")
    assert len(reading.errors) == 1
    assert reading.errors[0].startswith("Filen är inte en Excel-arbetsbok (.xlsx).")
    assert reading.refused
    from openpyxl import Workbook

    empty = excel.workbook_edits(version=saved, data=workbook_bytes(Workbook()))
    assert "inget blad med en enhet" in empty.errors[0]
    assert empty.refused


def test_a_sheet_for_a_unit_of_another_clinic_is_refused(saved, org):
    book = load_workbook(io.BytesIO(excel.plan_workbook(version=saved)))
    book.worksheets[0]["B2"] = org.units[-1].code
    errors = excel.workbook_edits(version=saved, data=workbook_bytes(book)).errors
    assert any("hör inte till Ortopedkliniken" in e for e in errors)


def test_names_that_look_like_formulas_are_exported_as_text(saved, unit):
    unit.name = '=HYPERLINK("http://example.org")'
    unit.save()
    book = load_workbook(io.BytesIO(excel.plan_workbook(version=saved)))
    sheet = next(s for s in book.worksheets if s["B2"].value == unit.code)
    assert sheet["C2"].value == "'" + unit.name


def test_a_clinic_without_units_exports_a_workbook_that_says_so(org, kps_admin):
    from organisation.models import Clinic

    empty = Clinic.objects.create(area=org.areas[0], code="TOM", name="Tomma kliniken")
    version = services.plan_create(clinic=empty, year=YEAR, user=kps_admin)
    book = load_workbook(io.BytesIO(excel.plan_workbook(version=version)))
    assert book.worksheets[0]["A1"].value == "Kliniken har inga enheter att planera."


def exported_then_edited(
    version, unit, changes: dict[tuple[str, str], object], language: str = "sv"
) -> bytes:
    """The version exported in ``language``, with cells (activity code, week) set as a user would."""
    with translation.override(language):
        book = load_workbook(io.BytesIO(excel.plan_workbook(version=version)))
    sheet = book[unit.name]
    label = book[unit.name]["A6"].value
    for (code, week), value in changes.items():
        header = next(r for r in sheet.iter_rows() if r[0].value == label)
        column = next(c.column for c in header if c.value == week)
        row = next(r[0].row for r in sheet.iter_rows() if r[0].value == code)
        sheet.cell(row=row, column=column).value = value
    return workbook_bytes(book)


@pytest.mark.parametrize(("exported_in", "imported_in"), [("en", "sv"), ("sv", "en")])
def test_a_workbook_exported_in_one_language_imports_in_the_other(
    saved, unit, exported_in, imported_in
):
    data = exported_then_edited(saved, unit, {("lak-ny", "2026-W02"): 15}, language=exported_in)
    assert (
        load_workbook(io.BytesIO(data))[unit.name]["A6"].value
        == {"sv": "Kod", "en": "Code"}[exported_in]
    )
    with translation.override(imported_in):
        reading = excel.workbook_edits(version=saved, data=data)
        assert reading.errors == []
        preview = excel.preview_changes(
            version=saved, edits=reading.edits, exported=reading.exported
        )
    assert [(c["week"], c["old"], c["new"]) for c in preview.changes] == [
        (202602, Decimal("11.00"), Decimal(15))
    ]


def test_importing_a_workbook_exported_before_a_colleagues_save_keeps_that_save(
    saved, unit, activities, kps_leader, kps_admin
):
    # Exported at revision 1, where week 6 of "Läkarbesök ny" is empty and week 1 is 10.
    data = exported_then_edited(
        saved, unit, {("lak-ny", "2026-W03"): 8, ("lak-ny", "2026-W01"): 12}
    )
    # Meanwhile a colleague saves week 6 = 50 and week 1 = 20.
    services.plan_save_cells(
        version=saved,
        user=kps_admin,
        based_on_revision=1,
        cells=edits(unit, activities["lak-ny"], {6: 50, 1: 20}),
    )
    saved.refresh_from_db()

    reading = excel.workbook_edits(version=saved, data=data)
    assert (reading.errors, reading.exported_revision, reading.notices) == ([], 1, [])
    preview = excel.preview_changes(version=saved, edits=reading.edits, exported=reading.exported)
    # Only the importer's own edit of week 3 is a change; week 6 is not theirs to undo.
    assert [(c["week"], c["old"], c["new"]) for c in preview.changes] == [
        (202603, None, Decimal(8))
    ]
    # Week 1 both changed: a conflict, shown with all three values.
    assert [(c["week"], c["exported"], c["old"], c["new"]) for c in preview.conflicts] == [
        (202601, Decimal("10.00"), Decimal("20.00"), Decimal(12))
    ]


def test_an_older_workbook_without_the_export_record_is_read_against_the_revision_it_names(
    saved, unit, activities, kps_admin
):
    data = exported_then_edited(saved, unit, {("lak-ny", "2026-W03"): 8})
    book = load_workbook(io.BytesIO(data))
    del book[excel.META_SHEET]  # as exported before the workbook carried it
    services.plan_save_cells(
        version=saved,
        user=kps_admin,
        based_on_revision=1,
        cells=edits(unit, activities["lak-ny"], {6: 50}),
    )
    saved.refresh_from_db()

    reading = excel.workbook_edits(version=saved, data=workbook_bytes(book))
    assert reading.exported_revision == 1
    assert "revision 1" in reading.notices[0] and "äldre version av KPS" in reading.notices[0]
    preview = excel.preview_changes(version=saved, edits=reading.edits, exported=reading.exported)
    assert [(c["week"], c["new"]) for c in preview.changes] == [(202603, Decimal(8))]


def test_a_workbook_that_names_no_revision_is_compared_with_the_plan_and_says_so(saved, unit):
    book = load_workbook(io.BytesIO(exported_then_edited(saved, unit, {("lak-ny", "2026-W03"): 8})))
    del book[excel.META_SHEET]
    for sheet in book.worksheets:
        sheet["E3"] = None

    reading = excel.workbook_edits(version=saved, data=workbook_bytes(book))
    assert reading.exported is None and "säger inte vid vilken revision" in reading.notices[0]
    preview = excel.preview_changes(version=saved, edits=reading.edits, exported=reading.exported)
    assert [(c["week"], c["new"]) for c in preview.changes] == [(202603, Decimal(8))]
