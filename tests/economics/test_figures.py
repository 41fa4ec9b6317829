"""DRG figures on the hand-computed year of ``scenario.py``: points, case mix, cost per point."""

from __future__ import annotations

from decimal import Decimal

import pytest

from economics import summary
from economics.selectors import drg_report
from organisation.models import Unit

from .scenario import import_episodes

pytestmark = pytest.mark.django_db


def _clinic(report, name):
    return next(c for c in report.clinics if c.name == name)


def test_points_case_mix_and_cost_per_point_leave_the_outlier_out(scenario, qulturum_user):
    ort = _clinic(drg_report(user=qulturum_user, year=2026), "Ortopedkliniken").figures
    assert (ort.contacts, ort.points, ort.cost) == (4, Decimal("2.70"), Decimal("54300"))
    assert ort.case_mix_index == Decimal("0.675")
    assert ort.outliers == 1
    assert round(ort.cost_per_point, 2) == Decimal("20117.65")  # 51 300 / 2.55
    assert round(ort.cost_per_point_all, 2) == Decimal("20111.11")  # 54 300 / 2.70


def test_outpatient_and_inpatient_weights_of_one_code_are_kept_apart(scenario, qulturum_user):
    inpatient = drg_report(user=qulturum_user, year=2026, care_form="SLUTEN").region.figures
    outpatient = drg_report(user=qulturum_user, year=2026, care_form="OPPEN").region.figures
    assert (inpatient.contacts, inpatient.points, inpatient.cost_per_point) == (
        1,
        Decimal("2.00"),
        Decimal("25000"),
    )
    # K1, K2 (209A at its outpatient 0.40), K4 and Ögonkliniken's O1.
    assert (outpatient.contacts, outpatient.points) == (4, Decimal("0.85"))


def test_a_contact_cancelled_after_its_kpp_row_no_longer_counts(scenario, qulturum_user):
    ort = _clinic(drg_report(user=qulturum_user, year=2026), "Ortopedkliniken").figures
    assert ort.without_contact == 1
    assert ort.cost == Decimal("54300")  # K3's 200 kr are not in it


def test_a_tertial_counts_the_contacts_of_its_months(scenario, qulturum_user):
    report = drg_report(user=qulturum_user, year=2026, tertial=1)
    ort = _clinic(report, "Ortopedkliniken")
    assert (ort.figures.contacts, ort.figures.points, ort.figures.cost_per_point) == (
        1,
        Decimal("0.15"),
        Decimal("2000"),
    )
    # Last year's K0 was in T2.
    assert ort.previous.contacts == 0


def test_clinics_areas_and_the_region_add_up_and_compare_with_last_year(scenario, qulturum_user):
    report = drg_report(user=qulturum_user, year=2026)
    ort, ogn = _clinic(report, "Ortopedkliniken"), _clinic(report, "Ögonkliniken")
    assert ogn.figures.cost_per_point == Decimal("1000")
    assert ort.previous.cost_per_point == Decimal("3000")
    assert round(ort.change, 4) == round(Decimal("20117.647058823529") / 3000 - 1, 4)
    surgery = next(a for a in report.areas if a.name == "Kirurgisk vård")
    assert surgery.figures.contacts == report.region.figures.contacts == 5
    assert report.region.figures.points == Decimal("2.85")


def test_a_clinic_lists_its_units(scenario, qulturum_user, org):
    report = drg_report(user=qulturum_user, year=2026, clinic_id=org.clinics[0].pk)
    units = {u.name: u.figures for u in report.units}
    assert units["Ortopedkliniken mottagning"].contacts == 3
    assert units["Ortopedkliniken vårdavdelning"].points == Decimal("2.00")


def test_clinics_of_one_specialty_are_compared_also_when_one_is_chosen(
    scenario, qulturum_user, org
):
    report = drg_report(user=qulturum_user, year=2026, clinic_id=org.clinics[0].pk)
    assert [c.name for c in report.clinics] == ["Ortopedkliniken"]
    (surgery,) = report.specialties
    # Lowest cost per point first; the peer is compared but not summed into the region.
    assert [c.name for c in surgery.clinics] == ["Ögonkliniken", "Ortopedkliniken"]
    assert surgery.figures.contacts == 5 and report.region.figures.contacts == 4
    assert surgery.figures.cost_per_point == Decimal("51450") / Decimal("2.70")


def test_a_peer_the_user_may_not_see_is_not_compared(scenario, clinic_manager):
    assert drg_report(user=clinic_manager, year=2026).specialties == []


def test_an_inpatient_row_counts_in_the_tertial_of_its_episodes_discharge(
    scenario, load, qulturum_user, django_capture_on_commit_callbacks
):
    def ort(tertial=None):
        report = drg_report(user=qulturum_user, year=2026, tertial=tertial)
        return _clinic(report, "Ortopedkliniken").figures

    def added(figures):
        return (
            sum(f.contacts for f in figures),
            sum(f.points for f in figures),
            sum(f.cost for f in figures),
        )

    # V1's episode is not known: in the year (4 contacts, 2.70 points, 54 300 kr), in no
    # tertial. T1 K1, T2 K2, T3 K4: the tertials add up to the year less V1's 2.00 and 50 000 kr.
    year = ort()
    assert (year.contacts, year.points, year.cost) == (4, Decimal("2.70"), Decimal("54300"))
    tertials = [ort(t) for t in (1, 2, 3)]
    assert [(t.contacts, t.points) for t in tertials] == [
        (1, Decimal("0.15")),
        (1, Decimal("0.40")),
        (1, Decimal("0.15")),
    ]
    assert added(tertials) == (3, Decimal("0.70"), Decimal("4300"))

    # The episode arrives, discharged on 6 May: V1 counts in T2, beside K2.
    with django_capture_on_commit_callbacks(execute=True):
        import_episodes(
            load, Unit.objects.get(code="ORT06-2"), ("V1", "2026-05-02 08:00", "2026-05-06 10:00")
        )
    assert summary.summed_years([2026]) == {2026}  # summed again after the import
    t2 = ort(2)
    assert (t2.contacts, t2.points, t2.cost) == (2, Decimal("2.40"), Decimal("51000"))
    assert t2.cost_per_point == Decimal("21250")  # 51 000 / 2.40
    assert (ort(1).points, ort(3).points) == (Decimal("0.15"), Decimal("0.15"))
    assert added([ort(t) for t in (1, 2, 3)]) == (4, Decimal("2.70"), Decimal("54300"))
    assert ort() == year  # the year's figures are the same
