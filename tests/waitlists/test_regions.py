"""Across regions: patients by home county, per capita of that county, and where each area waits longest."""

import pytest

from tests.waitlists import builders as b
from tests.waitlists.conftest import SNAPSHOT
from waitlists import selectors
from waitlists.models import MedicalCareArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def counties(org):
    unit = org.units[0]
    entries = [
        b.waiting(unit, SNAPSHOT, days=40, phase=2, kva="NFB49", county="06") for _ in range(6)
    ]
    entries += [
        b.waiting(unit, SNAPSHOT, days=140, phase=2, kva="NFB49", county="05") for _ in range(5)
    ]
    entries += [b.waiting(unit, SNAPSHOT, days=20, county="") for _ in range(2)]  # no home county
    entries += [
        b.waiting(unit, SNAPSHOT, days=300, phase=2, kva="NFB49", county="05", deviation="PVV")
    ]
    b.save(*entries)
    b.population("06", 2026, 200_000)
    b.population("05", 2026, 500_000)


def test_patients_are_counted_in_their_home_county_or_else_the_treating_regions(
    counties, qulturum_user
):
    result = selectors.waitlist_regions(user=qulturum_user)
    by_county = {c["county"]: c for c in result.counties}
    assert by_county["06"]["label"] == "Jönköpings län"
    assert by_county["06"]["waiting"] == 8  # six with hemlän 06 and two without
    assert by_county["05"]["waiting"] == 6


def test_per_capita_uses_each_countys_own_population(counties, qulturum_user):
    by_county = {c["county"]: c for c in selectors.waitlist_regions(user=qulturum_user).counties}
    assert by_county["06"]["per_100k"] == pytest.approx(4.0)
    assert by_county["05"]["per_100k"] == pytest.approx(1.2)


def test_the_guarantee_rule_applies_across_regions_too(counties, qulturum_user):
    by_county = {c["county"]: c for c in selectors.waitlist_regions(user=qulturum_user).counties}
    # The PVV patient from 05 waits longest but is left out of the guarantee figures.
    assert (by_county["05"]["guarantee"], by_county["05"]["over_90"]) == (5, 5)
    assert by_county["05"]["mean_wait_days"] == pytest.approx(140)


def test_each_area_names_the_county_where_it_waits_longest(counties, qulturum_user):
    result = selectors.waitlist_regions(user=qulturum_user)
    hips = next(a for a in result.areas if a["label"] == "Operationer på rörelseapparaten (KKÅ N)")
    assert hips["longest"]["county"] == "05" and hips["longest"]["mean_wait_days"] == pytest.approx(
        140
    )
    assert hips["shortest"]["county"] == "06"


def test_groups_of_fewer_than_five_are_not_ranked(counties, qulturum_user):
    result = selectors.waitlist_regions(user=qulturum_user)
    unassigned = next(a for a in result.areas if a["area"] is None)
    assert unassigned["longest"] is None  # two patients only


def test_narrowing_to_an_area_or_a_code(counties, qulturum_user):
    area = MedicalCareArea.objects.get(code="kka-n")
    by_area = selectors.waitlist_regions(user=qulturum_user, care_area_id=area.id)
    by_code = selectors.waitlist_regions(user=qulturum_user, kva_code="NFB49")
    assert (
        sum(c["waiting"] for c in by_area.counties)
        == sum(c["waiting"] for c in by_code.counties)
        == 12
    )
