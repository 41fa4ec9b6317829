"""Staffed beds are a level, not a volume: the plan's summaries average them per planned week and
never add them to the visits and operations (the plan page, the comparison of versions, the
proposal's total and the Excel export; the grid's own totals are in test_bed_grid_browser.py).

The orthopaedic clinic plans 8 beds in week 10 and 9 in week 11 on its ward (a mean of 8.5), and
30 + 20 new doctor's visits on its outpatient unit (a sum of 50).
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from organisation.models import Activity
from planning import excel, selectors, services
from planning.cells import CellEdit
from planning.choices import STAFFED_BEDS
from planning.compare import plan_versions_compare
from planning.proposal import Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(wards, beds_activity, kps_leader):
    visits = Activity.objects.get(code="lak-ny")
    ward, outpatient = wards.orthopaedics, wards.clinic_unit
    return services.plan_create(
        clinic=ward.clinic,
        year=2026,
        user=kps_leader,
        cells=[
            CellEdit(ward.id, beds_activity.id, 202610, Decimal(8)),
            CellEdit(ward.id, beds_activity.id, 202611, Decimal(9)),
            CellEdit(outpatient.id, visits.id, 202610, Decimal(30)),
            CellEdit(outpatient.id, visits.id, 202611, Decimal(20)),
        ],
    )


def test_the_plan_page_sums_volumes_and_averages_beds(client, plan, wards, kps_leader):
    ward, outpatient = wards.orthopaedics, wards.clinic_unit
    assert selectors.plan_unit_totals(version=plan) == {outpatient.id: Decimal(50)}
    assert selectors.plan_unit_mean_beds(version=plan) == {ward.id: Decimal("8.5")}
    client.force_login(kps_leader)
    page = client.get(reverse("planning:plan", kwargs={"plan_id": plan.plan_id}))
    rows = {unit: (total, beds) for unit, total, beds in page.context["units"]}
    assert rows[ward] == (None, Decimal("8.5"))  # not 17 bed-weeks
    assert rows[outpatient] == (Decimal(50), None)
    assert "8,5 vårdplatser (medel per vecka)" in page.content.decode()


def test_the_comparison_averages_beds_and_leaves_them_out_of_the_totals(
    plan, wards, beds_activity, kps_leader, clinic_manager
):
    services.plan_submit(version=plan, user=kps_leader, comment="Klart")
    services.plan_approve(version=plan, user=clinic_manager, comment="Fastställd")
    ward = wards.orthopaedics
    second = services.plan_reopen(version=plan, user=clinic_manager, reason="Fler vårdplatser")
    services.plan_save_cells(
        version=second,
        user=kps_leader,
        based_on_revision=second.revision,
        cells=[CellEdit(ward.id, beds_activity.id, 202611, Decimal(12))],
    )
    comparison = plan_versions_compare(a=plan, b=second)
    year = {(r.activity_id, r.period): r for r in comparison.rows}
    beds = year[(beds_activity.id, None)]
    # Mean per planned week: (8 + 9) / 2 against (8 + 12) / 2.
    assert (beds.a, beds.b, beds.difference) == (Decimal("8.5"), Decimal("10"), Decimal("1.5"))
    [total] = [t for t in comparison.totals if t.period is None]
    assert (total.a, total.b) == (Decimal(50), Decimal(50))  # the visits alone
    assert comparison.has_beds


def test_the_proposals_total_counts_no_beds(beds_activity):
    proposal = Proposal(
        cells=[
            CellEdit(1, beds_activity.id, 202610, Decimal(12)),
            CellEdit(2, beds_activity.id + 1, 202610, Decimal(40)),
        ],
        beds_activity=beds_activity.id,
    )
    assert proposal.total == 40


def test_the_excel_sheet_of_a_ward_averages_and_has_no_sum_row(plan, wards):
    book = load_workbook(io.BytesIO(excel.plan_workbook(version=plan)))
    ward_sheet, outpatient_sheet = book[wards.orthopaedics.name], book[wards.clinic_unit.name]

    def totals(sheet, code):
        header = next(r for r in sheet.iter_rows() if r[0].value == "Kod")
        year_col = next(c.column for c in header if c.value == "År")
        row = next(r[0].row for r in sheet.iter_rows() if r[0].value == code)
        return sheet.cell(row=row, column=year_col).value

    assert totals(ward_sheet, STAFFED_BEDS).startswith("=IFERROR(AVERAGE(")
    assert totals(outpatient_sheet, "lak-ny").startswith("=SUM(")
    labels = lambda sheet: [r[1].value for r in sheet.iter_rows(max_col=2)]  # noqa: E731
    assert "Summa" not in labels(ward_sheet)
    assert "Summa" in labels(outpatient_sheet)
    assert "medel per planerad vecka" in ward_sheet["A4"].value
