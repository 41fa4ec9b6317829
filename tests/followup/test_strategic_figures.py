"""The strategic view by hand: tertials and year to date, the indicator table, trends."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from followup.selectors import outcome_vs_plan_by_tertial
from followup.selectors.strategic import strategic_dashboard
from followup.selectors.trends import outcome_trend_by_year, waiting_by_area
from planning.models import PlanStatus, PlanVersion
from waitlists.services import waiting_summary_sync

from .facts import activity, approved_plan, outcome, waiting

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 3)  # a Wednesday in week 23, tertial 2


def approved_on(version, day: date):
    version.approved_at = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    version.save(update_fields=["approved_at"])
    return version


@pytest.fixture
def region_year(org):
    """Ortopedkliniken plans 10 a week and performs 9; Ögonkliniken plans 10 and performs 6;
    Kardiologiska kliniken has no plan. Weeks 1–22 of 2026 have outcome; week 5 is missing."""
    orto, ogon, kard = org.clinics
    new = activity("lak-ny")
    weeks = [202600 + w for w in range(1, 54)]
    approved_on(
        approved_plan(orto, 2026, {(org.units[0], new, w): 10 for w in weeks}), date(2025, 12, 1)
    )
    late = approved_plan(
        ogon, 2026, {(org.units[2], new, w): 10 for w in weeks}, status=PlanStatus.SUPERSEDED
    )
    approved_on(late, date(2026, 5, 4))  # approved in tertial 2, later replaced
    approved_on(
        approved_plan(ogon, 2026, {(org.units[2], new, w): 10 for w in weeks}), date(2026, 5, 20)
    )
    for w in range(1, 23):
        if w == 5:
            continue
        outcome(org.units[0], new, 202600 + w, 9)
        outcome(org.units[2], new, 202600 + w, 6)
        outcome(org.units[4], new, 202600 + w, 3)
    org.areas[0].plan_target = 2
    org.areas[0].save()
    return org


def test_tertials_and_year_to_date_per_clinic_area_and_region(region_year):
    org = region_year
    s = strategic_dashboard(clinic_ids=[c.id for c in org.clinics], year=2026, today=TODAY)
    orto = next(c for c in s.clinics if c["clinic"] == "Ortopedkliniken")
    # Tertial 1 is the weeks that end by 30 April, 1–17; 16 are known. Year to date: weeks 1–22, 21 known.
    assert (
        orto["t1"]["weeks_known"] == 16
        and orto["t1"]["plan"] == 160
        and orto["t1"]["outcome"] == 144
    )
    assert orto["ytd"]["plan"] == 210 and orto["ytd"]["share"] == pytest.approx(0.9)
    assert orto["t3"]["share"] is None
    surgery = next(a for a in s.areas if a["area"] == "Kirurgisk vård")
    assert surgery["ytd"]["plan"] == 420 and surgery["ytd"]["outcome"] == Decimal(21 * 15)
    # The clinic without a plan performed too: shown apart as outcome without plan, not in the share.
    assert s.region["ytd"]["outcome"] == Decimal(21 * 15) and s.region["ytd"]["plan"] == 420
    assert s.region["ytd"]["unplanned"] == Decimal(21 * 3)
    assert "2026-W05" in s.missing_weeks


def test_the_indicator_table_counts_plans_approved_by_the_tertials_end(region_year):
    org = region_year
    s = strategic_dashboard(clinic_ids=[c.id for c in org.clinics], year=2026, today=TODAY)
    surgery = next(r for r in s.indicators if r["label"] == "Kirurgisk vård")
    assert surgery["plan_target"] == 2 and surgery["clinics"] == 2
    assert [t["clinics_with_plan"] for t in surgery["tertials"]] == [1, 2, None]
    assert surgery["tertials"][0]["outcome_share"] == pytest.approx(255 / 340)
    assert surgery["tertials"][2]["started"] is False
    everyone = s.indicators[-1]
    assert everyone["label"] == "" and everyone["clinics"] == 3


def test_first_visits_within_60_days_and_return_visits_within_target(region_year):
    org = region_year
    end_t1 = date(2026, 4, 27)  # a Monday in tertial 1's last week
    unit = org.units[0]
    waiting(unit, snapshot=end_t1, decided=date(2026, 2, 26))  # 60 days: within
    waiting(unit, snapshot=end_t1, decided=date(2026, 2, 25))  # 61 days: not
    waiting(unit, snapshot=end_t1, decided=date(2026, 1, 1), deviation="PVV")  # left out
    waiting(unit, snapshot=end_t1, decided=date(2026, 1, 1), deviation="MOV")  # left out
    waiting(
        unit, snapshot=end_t1, decided=date(2026, 3, 1), phase=4, target=date(2026, 4, 27)
    )  # on target day
    waiting(
        unit, snapshot=end_t1, decided=date(2026, 3, 1), phase=4, target=date(2026, 4, 20)
    )  # passed
    waiting(unit, snapshot=end_t1, decided=date(2026, 3, 1), phase=4)  # no target date: not counted
    waiting(unit, snapshot=date(2026, 4, 6), decided=date(2026, 4, 1), n=5)  # an earlier snapshot
    waiting_summary_sync()
    s = strategic_dashboard(clinic_ids=[c.id for c in org.clinics], year=2026, today=TODAY)
    t1 = next(r for r in s.indicators if r["label"] == "Kirurgisk vård")["tertials"][0]
    assert t1["snapshot_date"] == end_t1
    assert t1["first_visit_waiting"] == 2 and t1["first_visit_share"] == pytest.approx(0.5)
    assert t1["return_visit_waiting"] == 2 and t1["return_visit_waiting_share"] == pytest.approx(
        0.5
    )
    # An area with nobody waiting that day still names the snapshot, with nothing to compare.
    quiet = next(r for r in s.indicators if r["label"] == org.areas[1].name)["tertials"][0]
    assert quiet["snapshot_date"] == end_t1 and quiet["first_visit_waiting"] == 0
    assert quiet["first_visit_share"] is None


def test_years_compare_over_the_same_known_weeks(region_year):
    org = region_year
    new = activity("lak-ny")
    for w in range(1, 53):
        outcome(org.units[0], new, 202500 + w, 4)
    trend = outcome_trend_by_year(clinic_ids=[c.id for c in org.clinics], year=2026, today=TODAY)
    # 2026 is known up to week 22; 2025 is compared over weeks 1–22 too (all known then).
    assert trend["until_week"] == 22
    surgery = next(a for a in trend["areas"] if a["area"] == "Kirurgisk vård")
    by_year = {p["year"]: p for p in surgery["years"]}
    assert set(by_year) == {2025, 2026}
    # 2025 had no plan: its outcome is shown apart, without plan, and has no share.
    assert by_year[2025]["unplanned"] == Decimal(22 * 4) and by_year[2025]["weeks_known"] == 22
    assert by_year[2025]["outcome"] == 0
    assert by_year[2026]["outcome"] == Decimal(21 * 15) and by_year[2026]["weeks_known"] == 21
    # The plan counts over the same known weeks: unknown week 5 counts on neither side.
    assert by_year[2026]["plan"] == Decimal(21 * 20) and by_year[2025]["plan"] == 0
    assert by_year[2026]["share"] == pytest.approx(15 / 20) and by_year[2025]["share"] is None
    # One activity: another one's outcome and plan are left out.
    other = outcome_trend_by_year(
        clinic_ids=[c.id for c in org.clinics],
        year=2026,
        today=TODAY,
        activity_ids=[activity("akut").id],
    )
    surgery = next(a for a in other["areas"] if a["area"] == "Kirurgisk vård")
    assert [(p["outcome"], p["plan"]) for p in surgery["years"]] == [(0, 0), (0, 0)]


def test_the_waiting_lists_per_area_month_by_month(region_year):
    org = region_year
    waiting(org.units[0], snapshot=date(2026, 4, 27), decided=date(2025, 12, 1), n=3)
    waiting(
        org.units[0], snapshot=date(2026, 4, 6), decided=date(2026, 3, 1), n=9
    )  # not the month's last
    waiting(org.units[4], snapshot=date(2026, 5, 25), decided=date(2026, 5, 1), n=2)
    waiting_summary_sync()
    figures = waiting_by_area(clinic_ids=[c.id for c in org.clinics], as_of=TODAY)
    assert figures["days"] == [date(2026, 4, 27), date(2026, 5, 25)]
    surgery = next(a for a in figures["areas"] if a["area"] == "Kirurgisk vård")
    assert [p["total"] for p in surgery["points"]] == [3, 0]
    assert surgery["points"][0]["over_90_excl"] == 3
    assert [t["total"] for t in figures["total"]] == [3, 2]


def test_a_superseded_version_alone_does_not_count_as_the_plan(region_year):
    assert PlanVersion.objects.filter(status=PlanStatus.SUPERSEDED).count() == 1
    ogon = region_year.clinics[1]
    figures = outcome_vs_plan_by_tertial(clinic_ids=[ogon.id], year=2026)
    # One approved version of 10 a week; the superseded one's cells are not added.
    assert figures[ogon.id, 1]["plan_all"] == 170  # weeks 1–17


def test_the_callin_and_the_region_wide_summary_count_the_waiting_list_alike(half_year):
    """The call-in counts a clinic's own entries, the strategic view the waiting-list summary."""
    from followup.selectors.waiting import summary_by_group, waiting_list_trend

    waiting_summary_sync()
    clinic, day = half_year["clinic"], half_year["today"]
    own = waiting_list_trend(unit_ids=[u.id for u in half_year["units"]], as_of=day)[-1]
    summed = summary_by_group(clinic_ids=[clinic.id], days=[day], group="unit__clinic_id")[
        day, clinic.id
    ]
    assert own["snapshot_date"] == day
    assert {m: own[m] for m in summed} == summed
