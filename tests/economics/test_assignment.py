"""The production assignment's figures on hand-computed cases (the scenario in ``scenario.py``).

Ortopedkliniken's 2026 KPP rows through contacts of the activity lak-ny: K1 0.15, K2 0.40 and
K4 0.15 points (K3's contact was cancelled: not counted), so 3 contacts and 0.70 points, a case
mix of 0.2333 points per contact; V1, an inpatient episode, 2.00 points.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from economics.assignment import selectors, services
from economics.assignment.services import LineEdit
from economics.models import AssignmentLine
from economics.selectors import drg_report
from inpatient.models import BedDay
from organisation.models import Activity

from .assignment import BEDS, approved_plan, episode, prices
from .scenario import import_episodes

pytestmark = pytest.mark.django_db


def _activity(code: str) -> int:
    return Activity.objects.get(code=code).id


def _bed_days(unit, first: date, days: int, staffed: int) -> None:
    BedDay.objects.bulk_create(
        BedDay(unit=unit, date=first + timedelta(d), source="cosmic", staffed=staffed, occupied=1)
        for d in range(days)
    )


def test_expected_points_come_from_last_years_case_mix_per_activity(scenario, org):
    ort, ward = org.clinics[0], org.units[1]
    _bed_days(ward, date(2026, 3, 1), 10, staffed=5)  # 50 staffed bed-days in 2026
    mix = selectors.case_mix(clinic_id=ort.pk, year=2026)
    assert mix[_activity("lak-ny")] == selectors.CaseMix(Decimal(3), Decimal("0.70"))
    assert mix[_activity(BEDS)].volume == 50 and mix[_activity(BEDS)].points == 2
    assert mix[_activity(BEDS)].points_per_volume == Decimal("0.04")  # 2.00 ÷ 50


def test_a_new_assignment_is_proposed_from_the_approved_plan_and_bed_plan(
    scenario, org, clinic_manager
):
    ort, clinic_unit, ward = org.clinics[0], org.units[0], org.units[1]
    _bed_days(ward, date(2026, 3, 1), 10, staffed=5)
    prices(2027, outpatient=50_000, inpatient=60_000)
    # Week 5 ends in January (T1), week 20 on 23 May (T2), week 40 on 10 October (T3).
    approved_plan(
        ort,
        2027,
        [
            (clinic_unit, "lak-ny", 5, 10),
            (clinic_unit, "lak-ny", 20, 20),
            (clinic_unit, "lak-ny", 40, 30),
            (ward, BEDS, 10, 4),  # 4 staffed beds in a March week: 28 bed-days in T1
        ],
    )
    version = services.assignment_create(clinic=ort, year=2027, user=clinic_manager)
    lines = {line.activity.code: line for line in selectors.version_lines(version=version)}
    visits, beds = lines["lak-ny"], lines[BEDS]
    assert (visits.volume_t1, visits.volume_t2, visits.volume_t3) == (10, 20, 30)
    assert visits.points_per_volume == Decimal("0.2333")  # 0.70 ÷ 3, to four decimals
    assert visits.care_form == "OPPEN" and visits.price_per_point == 50_000
    assert (beds.volume_t1, beds.volume, beds.care_form) == (28, 28, "SLUTEN")
    assert beds.points_per_volume == Decimal("0.04")
    # 60 × 0.2333 = 13.998 points × 50 000 kr; 28 × 0.04 = 1.12 points × 60 000 kr.
    assert visits.money == Decimal("699900")
    assert beds.money == Decimal("67200")
    assert all(line.origin == "plan" for line in lines.values())


def test_the_money_of_a_typed_line_is_volume_times_points_times_the_price(
    scenario, org, clinic_manager
):
    prices(2027, outpatient=40_000, inpatient=60_000)
    version = services.assignment_create(clinic=org.clinics[0], year=2027, user=clinic_manager)
    services.assignment_save_lines(
        version=version,
        user=clinic_manager,
        based_on_revision=0,
        lines=[
            LineEdit(_activity("lak-ny"), (Decimal(30), Decimal(30), Decimal(40)), Decimal("0.25"))
        ],
    )
    (line,) = selectors.version_lines(version=version)
    # 100 contacts × 0.25 points = 25 points; × 40 000 kr = 1 000 000 kr.
    assert (line.volume, line.points, line.money) == (100, 25, 1_000_000)
    assert line.origin == "typed"


def test_a_year_without_a_point_price_is_refused_in_swedish(scenario, org, clinic_manager):
    with pytest.raises(ValidationError) as refused:
        version = services.assignment_create(clinic=org.clinics[0], year=2027, user=clinic_manager)
        services.assignment_save_lines(
            version=version,
            user=clinic_manager,
            based_on_revision=0,
            lines=[LineEdit(_activity("lak-ny"), (Decimal(1),) * 3, Decimal(1))],
        )
    assert "inget poängpris för 2027 i öppen vård" in str(refused.value)


def _followed(org, clinic_manager, area_manager, today: date):
    prices(2026, outpatient=10_000, inpatient=20_000)
    version = services.assignment_create(clinic=org.clinics[0], year=2026, user=clinic_manager)
    services.assignment_save_lines(
        version=version,
        user=clinic_manager,
        based_on_revision=0,
        lines=[
            LineEdit(_activity("lak-ny"), (Decimal(10),) * 3, Decimal("0.2"))
        ],  # 2 points a tertial
    )
    services.assignment_submit(version=version, user=clinic_manager)
    services.assignment_approve(version=version, user=area_manager)
    return selectors.assignment_followup(clinic_ids=[org.clinics[0].pk], year=2026, today=today)


def test_points_produced_against_the_assignment_per_tertial(
    scenario, org, clinic_manager, area_manager
):
    episode(org.units[1], "V1", date(2026, 5, 2), date(2026, 5, 6))  # discharged in T2
    (ort,) = _followed(org, clinic_manager, area_manager, date(2026, 12, 31)).clinics
    t1, t2, t3 = ort.tertials[1], ort.tertials[2], ort.tertials[3]
    assert (t1.assigned_points, t1.assigned_money) == (2, 20_000)
    # T1: K1 0.15 points × 10 000 kr = 1 500 kr against 20 000 kr.
    assert (t1.produced_points, t1.payment, t1.difference) == (Decimal("0.15"), 1_500, -18_500)
    # T2: K2 0.40 outpatient and V1 2.00 inpatient: 4 000 + 40 000 kr.
    assert (t2.produced_points, t2.payment, t2.difference) == (Decimal("2.40"), 44_000, 24_000)
    assert (t3.produced_points, t3.payment) == (Decimal("0.15"), 1_500)  # K4, an outlier, counts
    assert ort.year.produced_points == Decimal("2.70") and ort.year.assigned_money == 60_000
    assert ort.year_only_points == 0


def test_year_to_date_counts_the_running_tertials_share_of_days(
    scenario, org, clinic_manager, area_manager
):
    (ort,) = _followed(org, clinic_manager, area_manager, date(2026, 6, 30)).clinics
    # T1 whole (2 points); T2 runs 1 May–31 August, 123 days, 60 of them gone by 30 June.
    assigned = Decimal(2) + Decimal(2) * Decimal(60) / Decimal(123)
    assert abs(ort.ytd.assigned_points - assigned) < Decimal("0.000001")
    # Everything produced so far; V1's episode is not known, so it counts in the year only.
    assert ort.ytd.produced_points == Decimal("2.70")
    assert ort.year_only_points == 2 and ort.tertials[2].produced_points == Decimal("0.40")


def test_an_activitys_own_price_comes_before_its_care_forms(
    scenario, org, clinic_manager, area_manager
):
    from economics.models import PointPrice

    PointPrice.objects.create(
        year=2026, care_form="OPPEN", activity_id=_activity("lak-ny"), price=12_000
    )
    (ort,) = _followed(org, clinic_manager, area_manager, date(2026, 12, 31)).clinics
    assert ort.tertials[1].payment == Decimal("1800")  # 0.15 × 12 000
    assert ort.tertials[1].assigned_money == 24_000  # 2 points × 12 000


def test_a_line_keeps_its_origin_until_its_volumes_are_changed(scenario, org, clinic_manager):
    prices(2027, outpatient=50_000, inpatient=60_000)
    approved_plan(
        org.clinics[0],
        2027,
        [(org.units[0], "lak-ny", 5, 10), (org.units[0], "lak-ater", 5, 20)],
    )
    version = services.assignment_create(clinic=org.clinics[0], year=2027, user=clinic_manager)
    zero = Decimal(0)
    services.assignment_save_lines(
        version=version,
        user=clinic_manager,
        based_on_revision=0,
        lines=[
            LineEdit(_activity("lak-ny"), (Decimal(10), zero, zero), Decimal("0.3")),
            LineEdit(_activity("lak-ater"), (Decimal(25), zero, zero), Decimal("0.1")),
        ],
    )
    origins = {line.activity.code: line.origin for line in selectors.version_lines(version=version)}
    assert origins == {"lak-ny": "plan", "lak-ater": "typed"}


def test_the_demo_orders_from_the_approved_plans_at_its_point_prices(scenario, org, kps_admin):
    from demo.assignments import demo_assignments_create

    approved_plan(org.clinics[0], 2027, [(org.units[0], "lak-ny", 5, 10)])
    assert demo_assignments_create(year=2027, approver=kps_admin, approve=True) == 1
    (line,) = AssignmentLine.objects.filter(version__status="approved")
    assert (line.version.assignment.clinic, line.price_per_point) == (org.clinics[0], 48_000)
    assert demo_assignments_create(year=2027, approver=kps_admin, approve=True) == 0


def test_the_follow_up_and_the_drg_figures_place_rows_in_the_same_tertials(
    scenario, org, load, qulturum_user, clinic_manager, area_manager,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    def drg_points(tertial):
        report = drg_report(user=qulturum_user, year=2026, tertial=tertial)
        return next(c for c in report.clinics if c.id == org.clinics[0].pk).figures.points

    # V1's episode not known: in neither's tertials (T1 K1, T2 K2, T3 K4), in both years.
    (ort,) = _followed(org, clinic_manager, area_manager, date(2026, 12, 31)).clinics
    expected = {1: Decimal("0.15"), 2: Decimal("0.40"), 3: Decimal("0.15")}
    for t, points in expected.items():
        assert ort.tertials[t].produced_points == drg_points(t) == points
    assert ort.year.produced_points == drg_points(None) == Decimal("2.70")

    # V1 discharged on 2 September: T3 in both, 0.15 + 2.00 points.
    with django_capture_on_commit_callbacks(execute=True):
        import_episodes(load, org.units[1], ("V1", "2026-08-28 09:00", "2026-09-02 11:00"))
    followup = selectors.assignment_followup(
        clinic_ids=[org.clinics[0].pk], year=2026, today=date(2026, 12, 31)
    )
    (ort,) = followup.clinics
    expected[3] = Decimal("2.15")
    for t, points in expected.items():
        assert ort.tertials[t].produced_points == drg_points(t) == points
    assert ort.year_only_points == 0
