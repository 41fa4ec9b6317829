"""The synthetic region's shape: sizes, codes per source system, profiles."""

from __future__ import annotations

from collections import Counter

import pytest

from demo.generator import SIZES
from demo.region import CORE_UNITS, region_spec


def test_the_default_region_has_the_promised_size():
    spec = region_spec(units=SIZES["demo"].units)
    assert len(spec.areas) == 3 and len(spec.sites) == 3
    assert len(spec.clinics) >= 25 and len(spec.units) >= 60
    assert spec.county_code == "06"
    assert {c.name for c in spec.clinics} >= {
        "Ortopedkliniken",
        "Ögonkliniken",
        "Kvinnokliniken",
        "Hudkliniken",
    }
    assert all(a.plan_target == sum(c.area == a.code for c in spec.clinics) for a in spec.areas)


@pytest.mark.parametrize("units", [1, 12, 68, 200])
def test_a_region_of_any_size_has_distinct_codes_per_source(units):
    spec = region_spec(units=units)
    assert len(spec.units) == units
    for source in ("cosmic", "diver", "hr"):
        # The units' codes and their clinics' wards', all distinct.
        assert len(spec.codes(source)) == units + len(spec.wards)
    assert len({u.code for u in (*spec.units, *spec.wards)}) == units + len(spec.wards)
    assert {w.clinic for w in spec.wards} <= {c.code for c in spec.clinics}
    for u in spec.units:
        assert len({u.cosmic_code, u.diver_code, u.hr_code, u.code}) == 4
        assert u.clinic in spec.clinic_by_code
    assert {c.code for c in spec.clinics} == {u.clinic for u in spec.units}


def test_growing_the_region_splits_units_into_teams_and_keeps_earlier_codes():
    small, large = region_spec(units=68), region_spec(units=200)
    teams = [u for u in large.units if ", team " in u.name]
    assert teams
    assert sum(u.profile.weekly_volume for u in large.units) == pytest.approx(
        sum(u.profile.weekly_volume for u in region_spec().units)
    )
    by_code = {u.code: u for u in large.units}
    for unit in small.units:
        assert by_code[unit.code].cosmic_code == unit.cosmic_code
        assert by_code[unit.code].diver_code == unit.diver_code


def test_a_small_region_keeps_a_core_with_every_kind_of_work():
    spec = region_spec(units=len(CORE_UNITS))
    assert {u.name for u in spec.units} == set(CORE_UNITS)
    templates = Counter(u.profile.template for u in spec.units)
    assert {"operation", "undersokning", "barnmorska", "akut", "psykiatri"} <= set(templates)
    assert {u.profile.patients for u in spec.units} == {"adult", "child", "women"}
