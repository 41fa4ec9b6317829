"""The bed plan: staffed beds planned in the clinic's plan, the Erlang check's light at its
thresholds, and the proposal from last year's admissions and length of stay on a hand-built ward.

The loss-model figures are worked by hand with the recursion B(k) = A·B(k−1) / (k + A·B(k−1)):
for A = 2, B(1) = 2/3, B(2) = 2/5, B(3) = 4/19, B(4) = 2/21, B(5) = 4/109, B(6) = 4/331,
B(7) = 8/2325 (≈ 0.00344); with four beds the carried load per bed is 2·(1 − 2/21)/4 = 19/42.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from inpatient import bedplan, erlang
from planning import selectors as planning_selectors
from planning import services
from planning.cells import CellEdit
from planning.choices import STAFFED_BEDS
from planning.grid import plan_grid_data
from planning.proposal import Goal, plan_proposal

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
GOAL = bedplan.Targets(occupancy=0.85, blocking=0.01)


def test_hand_worked_erlang_figures_used_below():
    assert erlang.blocking(2, 4) == pytest.approx(2 / 21)
    assert erlang.occupancy(2, 4) == pytest.approx(19 / 42)
    assert erlang.blocking(2, 6) == pytest.approx(4 / 331)
    assert erlang.blocking(2, 7) == pytest.approx(8 / 2325)


def test_light_red_only_above_the_blocking_target():
    at = bedplan.Targets(occupancy=0.99, blocking=2 / 21 + 1e-12)
    above = bedplan.Targets(occupancy=0.99, blocking=2 / 21 - 1e-9)
    assert bedplan.light(load=2, beds=4, goal=at) == bedplan.GREEN
    assert bedplan.light(load=2, beds=4, goal=above) == bedplan.RED


def test_light_yellow_only_above_the_occupancy_target():
    at = bedplan.Targets(occupancy=19 / 42 + 1e-12, blocking=0.5)
    above = bedplan.Targets(occupancy=19 / 42 - 1e-9, blocking=0.5)
    assert bedplan.light(load=2, beds=4, goal=at) == bedplan.GREEN
    assert bedplan.light(load=2, beds=4, goal=above) == bedplan.YELLOW


def test_light_without_beds_or_load():
    assert bedplan.light(load=2, beds=0, goal=GOAL) == bedplan.RED  # every admission turned away
    assert bedplan.light(load=0, beds=0, goal=GOAL) == bedplan.NONE
    assert bedplan.light(load=None, beds=4, goal=GOAL) == bedplan.NONE
    assert bedplan.light(load=2, beds=None, goal=GOAL) == bedplan.NONE


def test_beds_meeting_both_targets():
    # B(6) = 4/331 ≈ 1.2 % > 1 %, B(7) ≈ 0.34 %; occupancy with 7 beds ≈ 28 %.
    assert bedplan.beds_meeting(2, GOAL) == 7
    # A large ward: blocking binds, at an occupancy just below the target (Erlang tables give
    # 117 servers for A = 100 at 1 % blocking); a stricter occupancy target asks for more beds.
    assert bedplan.beds_meeting(100, GOAL) == 117
    stricter = bedplan.Targets(occupancy=0.80, blocking=0.01)
    beds = bedplan.beds_meeting(100, stricter)
    assert erlang.occupancy(100, beds) <= 0.80 < erlang.occupancy(100, beds - 1)
    assert bedplan.beds_meeting(0, GOAL) == 0


def test_the_light_follows_the_settings(settings):
    settings.KPS_BED_BLOCKING_TARGET = 0.2
    settings.KPS_BED_OCCUPANCY_TARGET = 0.4
    assert bedplan.light(load=2, beds=4, goal=bedplan.targets()) == bedplan.YELLOW
    settings.KPS_BED_OCCUPANCY_TARGET = 0.5
    assert bedplan.light(load=2, beds=4, goal=bedplan.targets()) == bedplan.GREEN


def test_load_from_last_year_moved_to_the_new_calendar(last_year):
    basis = bedplan.ward_loads(unit_ids=[last_year.orthopaedics.id], year=2026)[
        last_year.orthopaedics.id
    ]
    assert basis.mean_stay_days == pytest.approx(2.0)
    assert basis.admissions_base_year == 12 + 11
    # Week 10 keeps its five working days: 12 admissions, 12/7 a day × 2 days.
    assert basis.loads[202610] == pytest.approx(12 / 7 * 2)
    # Week 16 of 2026 has no holiday: five working days at 2 and two closed days at 1 = 12
    # (last year's week had 8 on four working days and 3 on three closed days).
    assert basis.loads[202616] == pytest.approx(12 / 7 * 2)
    # Week 14 of 2026 holds Good Friday, so four working days; last year's week 14 had nothing.
    assert basis.loads[202614] == 0


def test_the_proposal_plans_a_wards_beds_and_not_its_production(last_year, beds_activity):
    ward = last_year.orthopaedics
    proposal = plan_proposal(clinic=ward.clinic, year=2026, goal=Goal())
    beds = {c.week: c.volume for c in proposal.cells if c.unit_id == ward.id}
    assert {c.activity_id for c in proposal.cells if c.unit_id == ward.id} == {beds_activity.id}
    # A = 24/7 ≈ 3.43: B(8) ≈ 1.3 %, B(9) ≈ 0.5 % by the recursion; occupancy with 9 beds ≈ 38 %.
    assert beds[202610] == Decimal(9)
    assert beds[202616] == Decimal(9)
    assert beds[202614] == Decimal(0)
    assert proposal.explanation["beds"]["wards"] == [
        {"unit": ward.id, "name": ward.name, "admissions": 23, "mean_stay_days": 2.0}
    ]


def test_planned_beds_are_checked_and_left_out_of_production(
    last_year, beds_activity, kps_leader, clinic_manager
):
    ward = last_year.orthopaedics
    cells = [
        CellEdit(ward.id, beds_activity.id, 202610, Decimal(4)),  # A = 3.43: B ≈ 19 %, red
        CellEdit(ward.id, beds_activity.id, 202616, Decimal(9)),  # green
    ]
    version = services.plan_create(clinic=ward.clinic, year=2026, user=kps_leader, cells=cells)
    check = bedplan.version_check(version=version)[ward.id]
    weeks = {w.week: w for w in check.weeks}
    assert weeks[202610].light == bedplan.RED
    assert weeks[202610].needed == 9
    assert weeks[202616].light == bedplan.GREEN
    assert weeks[202611].light == bedplan.NONE  # no beds planned
    assert (check.red, check.green) == (1, 1)
    services.plan_submit(version=version, user=kps_leader, comment="Sommarstängt")
    services.plan_approve(
        version=version, user=clinic_manager, comment="Godkänt med extra personal"
    )
    # Beds are no production volume; the approved beds are read on their own.
    assert not planning_selectors.plan_approved_volumes(
        first_week=202601, last_week=202652
    ).exists()
    assert planning_selectors.plan_approved_beds(
        unit_ids=[ward.id], first_week=202601, last_week=202652
    ) == {(ward.id, 202610): Decimal(4), (ward.id, 202616): Decimal(9)}


def test_the_grid_of_a_ward_plans_beds_and_shows_the_check(last_year, beds_activity, kps_leader):
    ward = last_year.orthopaedics
    version = services.plan_create(clinic=ward.clinic, year=2026, user=kps_leader)
    data = plan_grid_data(version=version, unit=ward, user=kps_leader, as_of=date(2026, 1, 5))
    assert [a["id"] for a in data["activities"]] == [beds_activity.id]
    assert data["beds"]["weeks"][9]["needed"] == 9
    outpatient = plan_grid_data(
        version=version, unit=last_year.clinic_unit, user=kps_leader, as_of=date(2026, 1, 5)
    )
    assert beds_activity.id not in [a["id"] for a in outpatient["activities"]]
    assert outpatient["beds"] is None


def test_the_grid_page_of_a_ward(client, last_year, beds_activity, kps_leader):
    ward = last_year.orthopaedics
    version = services.plan_create(clinic=ward.clinic, year=2026, user=kps_leader)
    client.force_login(kps_leader)
    response = client.get(
        reverse("planning:grid", kwargs={"version_id": version.id}), {"enhet": ward.id}
    )
    assert response.status_code == 200
    assert "Vårdplatskontroll" in response.content.decode()


def test_a_red_bed_check_asks_for_a_comment(last_year, beds_activity, kps_leader):
    from django.core.exceptions import ValidationError

    ward = last_year.orthopaedics
    version = services.plan_create(
        clinic=ward.clinic,
        year=2026,
        user=kps_leader,
        cells=[CellEdit(ward.id, beds_activity.id, 202610, Decimal(4))],
    )
    with pytest.raises(ValidationError, match="Vårdplatskontrollen är röd"):
        services.plan_submit(version=version, user=kps_leader)
    services.plan_submit(version=version, user=kps_leader, comment="Vi öppnar en extra sal")


def test_a_wards_beds_round_trip_through_excel(last_year, beds_activity, kps_leader):
    import io

    from openpyxl import load_workbook

    from planning import excel
    from tests.planning.test_excel import locate, workbook_bytes

    ward = last_year.orthopaedics
    version = services.plan_create(
        clinic=ward.clinic,
        year=2026,
        user=kps_leader,
        cells=[CellEdit(ward.id, beds_activity.id, 202610, Decimal(8))],
    )
    book = load_workbook(io.BytesIO(excel.plan_workbook(version=version)))
    sheet = book[ward.name]
    # The ward's sheet holds its beds and no production activity; the other units' no beds.
    assert [r[0].value for r in sheet.iter_rows(min_row=7, max_col=1) if r[0].value] == [
        STAFFED_BEDS
    ]
    assert locate(sheet, STAFFED_BEDS, "2026-W10").value == 8
    assert not any(
        r[0].value == STAFFED_BEDS for r in book[last_year.clinic_unit.name].iter_rows(max_col=1)
    )
    locate(sheet, STAFFED_BEDS, "2026-W11").value = 9
    reading = excel.workbook_edits(version=version, data=workbook_bytes(book))
    assert reading.errors == []
    preview = excel.preview_changes(version=version, edits=reading.edits, exported=reading.exported)
    assert [(c["unit_id"], c["activity_id"], c["week"], c["new"]) for c in preview.changes] == [
        (ward.id, beds_activity.id, 202611, Decimal("9.00"))
    ]
