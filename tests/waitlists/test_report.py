"""The report's figures on a small snapshot: the national guarantee rules, buckets, per capita,
month end, the three levels, performed contacts and the access filter."""

from datetime import date, timedelta

import pytest

from tests.waitlists import builders as b
from tests.waitlists.conftest import SNAPSHOT
from waitlists import selectors
from waitlists.models import MedicalCareArea

pytestmark = pytest.mark.django_db


def total(user, **kwargs):
    return selectors.waitlist_report(user=user, **kwargs).total


def test_everyone_waiting_counts_but_the_guarantee_leaves_out_pvv_mov_and_other_phases(
    rules_snapshot, qulturum_user
):
    t = total(qulturum_user)
    assert t["waiting"] == 10
    # Phases 1–2 without PVV/MOV: 30, 90, 91, 200 and 151 days.
    assert t["guarantee"] == 5
    assert (t["pvv"], t["mov"], t["deviation"]) == (1, 1, 2)
    assert t["share_deviation"] == pytest.approx(0.2)


def test_exactly_90_days_is_within_the_guarantee_and_91_is_over(rules_snapshot, qulturum_user):
    t = total(qulturum_user)
    # 91, 151 and 200 days; the PVV patient at 400 and the MOV patient at 120 are left out.
    assert t["over_90"] == 3
    assert t["share_over_90"] == pytest.approx(3 / 5)


def test_the_long_wait_threshold_is_over_150_days_by_default(
    rules_snapshot, qulturum_user, settings
):
    assert total(qulturum_user)["over_long"] == 2
    settings.KPS_WAITLIST_LONG_DAYS = 180
    from waitlists.services import waiting_summary_sync

    waiting_summary_sync()  # a new threshold recounts every snapshot
    report = selectors.waitlist_report(user=qulturum_user)
    assert report.long_days == 180
    assert report.total["over_long"] == 1


def test_waiting_time_buckets_follow_the_national_intervals(rules_snapshot, qulturum_user):
    # 0–30: 30 · 61–90: 90 · 91–120: 91 · 121–180: 151 · 181–365: 200
    assert total(qulturum_user)["buckets"] == [1, 0, 1, 1, 1, 1, 0]


def test_the_mean_wait_is_over_the_guarantee_patients(rules_snapshot, qulturum_user):
    assert total(qulturum_user)["mean_wait_days"] == pytest.approx((30 + 90 + 91 + 200 + 151) / 5)


def test_a_patient_past_the_medical_target_date_is_counted_among_those_with_one(
    rules_snapshot, qulturum_user
):
    t = total(qulturum_user)
    assert (t["past_target"], t["with_target"]) == (1, 2)
    assert t["share_past_target"] == pytest.approx(0.5)


def test_per_capita_is_per_100_000_inhabitants_of_the_region(rules_snapshot, qulturum_user):
    report = selectors.waitlist_report(user=qulturum_user)
    assert report.population == 200_000
    assert report.total["per_100k"] == pytest.approx(5.0)
    assert report.rows[0]["per_100k"] == pytest.approx(5.0)


def test_per_capita_uses_the_latest_population_before_the_snapshot_year(
    rules_snapshot, qulturum_user
):
    from facts.models import Population

    Population.objects.filter(year=2026).update(year=2024)
    b.population("06", 2027, 1)  # a later year is never used for an earlier snapshot
    report = selectors.waitlist_report(user=qulturum_user)
    assert (report.population, report.population_year) == (200_000, 2024)


def test_without_population_there_is_no_rate_rather_than_a_wrong_one(org, qulturum_user):
    b.save(b.waiting(org.units[0], SNAPSHOT, days=5))
    assert total(qulturum_user)["per_100k"] is None


def test_the_month_end_column_shows_the_last_snapshot_of_the_previous_month(
    rules_snapshot, qulturum_user
):
    b.save(*[b.waiting(rules_snapshot, date(2026, 11, 15), days=d) for d in (1, 2, 3)])
    report = selectors.waitlist_report(user=qulturum_user)
    assert (report.snapshot, report.month_end) == (date(2026, 11, 15), SNAPSHOT)
    assert (report.total["waiting"], report.total["waiting_month_end"]) == (3, 10)
    older = selectors.waitlist_report(user=qulturum_user, snapshot=SNAPSHOT)
    assert older.month_end == SNAPSHOT and older.total["waiting_month_end"] == 10


def test_the_area_level_groups_codes_by_medical_care_area(rules_snapshot, qulturum_user):
    report = selectors.waitlist_report(user=qulturum_user, level=selectors.LEVEL_AREA)
    by_label = {row["label"]: row for row in report.rows}
    hip = by_label["Operationer på rörelseapparaten (KKÅ N)"]
    assert (hip["waiting"], hip["guarantee"], hip["over_90"], hip["pvv"]) == (2, 1, 1, 1)
    assert by_label["Utan medicinskt område"]["waiting"] == 8
    assert report.total["waiting"] == 10


def test_the_kva_level_shows_codes_with_their_swedish_text_and_can_be_narrowed_to_an_area(
    rules_snapshot, qulturum_user
):
    report = selectors.waitlist_report(user=qulturum_user, level=selectors.LEVEL_KVA)
    labels = [row["label"] for row in report.rows]
    assert "NFB49 Primär total höftledsplastik med cement" in labels
    assert "Utan KVÅ-kod" in labels
    area = MedicalCareArea.objects.get(code="kka-n")
    narrowed = selectors.waitlist_report(
        user=qulturum_user, level=selectors.LEVEL_KVA, care_area=area
    )
    assert [row["key"] for row in narrowed.rows] == ["NFB49"]
    assert narrowed.total["waiting"] == 2


def test_a_regrouped_code_moves_to_its_new_area(rules_snapshot, qulturum_user):
    hips = MedicalCareArea.objects.create(code="hoft", name="Höftproteser")
    hips.codes.create(classification="kka", prefix="NFB")
    rows = {
        r["label"]: r["waiting"]
        for r in selectors.waitlist_report(user=qulturum_user, level="area").rows
    }
    assert rows["Höftproteser"] == 2
    assert "Operationer på rörelseapparaten (KKÅ N)" not in rows


def test_a_phase_filter_narrows_every_figure(rules_snapshot, qulturum_user):
    t = total(qulturum_user, phase=2)
    assert (t["waiting"], t["guarantee"], t["pvv"]) == (2, 1, 1)


def test_performed_contacts_leave_out_only_pvv_and_count_those_within_90_days(
    rules_snapshot, qulturum_user
):
    unit = rules_snapshot
    day = SNAPSHOT - timedelta(days=3)
    b.contacts(unit, day, 1, waited=80)
    b.contacts(unit, day, 1, waited=100)
    b.contacts(unit, day, 1, phase=2, waited=95, deviation="PVV", activity="operation")
    b.contacts(unit, day, 1, phase=2, waited=120, deviation="MOV", activity="operation")
    b.contacts(
        unit, day, 1, phase=4, waited=10, activity="lak-ater"
    )  # return visits: not guaranteed
    b.contacts(unit, SNAPSHOT - timedelta(days=40), 1, waited=10)  # outside the 30 days
    t = total(qulturum_user)
    assert (t["completed"], t["completed_within_90"]) == (3, 1)
    assert t["share_completed_within_90"] == pytest.approx(1 / 3)


def test_a_kps_leader_sees_only_their_own_clinics_patients(
    org, rules_snapshot, kps_leader, qulturum_user
):
    other_clinic_unit = org.units[-1]
    assert other_clinic_unit.clinic != rules_snapshot.clinic
    b.save(*[b.waiting(other_clinic_unit, SNAPSHOT, days=200) for _ in range(4)])
    assert total(kps_leader)["waiting"] == 10
    assert total(qulturum_user)["waiting"] == 14


def test_no_snapshot_gives_an_empty_report_not_an_error(org, qulturum_user):
    report = selectors.waitlist_report(user=qulturum_user)
    assert report.snapshot is None and report.rows == []


def _outside_the_guarantee(unit):
    """Two guaranteed contacts within 90 days, and two marked vardgaranti N on the same code."""
    day = SNAPSHOT - timedelta(days=3)
    b.contacts(unit, day, 1, phase=2, kva="NFB49", waited=30, activity="operation", guarantee=True)
    b.contacts(
        unit, day, 1, phase=2, kva="NFB49", waited=200, activity="operation"
    )  # flag not given
    b.contacts(unit, day, 2, phase=2, kva="NFB49", waited=10, activity="operation", guarantee=False)


@pytest.mark.parametrize("level", selectors.LEVELS)
def test_performed_contacts_marked_outside_the_guarantee_are_not_counted_at_any_level(
    rules_snapshot, qulturum_user, level
):
    _outside_the_guarantee(rules_snapshot)
    report = selectors.waitlist_report(user=qulturum_user, level=level)
    assert (report.total["completed"], report.total["completed_within_90"]) == (2, 1)
    assert sum(row["completed"] for row in report.rows) == 2
    assert report.total["share_completed_within_90"] == pytest.approx(1 / 2)
