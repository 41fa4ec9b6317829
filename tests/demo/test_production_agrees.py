"""Diver's production agrees with COSMIC's contacts under the platform's own default rules,
except in the units given a deliberate deviation."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from organisation.models import MeasureMapping
from organisation.selectors import contact_activity_resolver

from .conftest import read_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def compared(small_region):
    spec = small_region.spec
    by_cosmic = {u.cosmic_code: u.code for u in spec.units}
    by_diver = {u.diver_code: u.code for u in spec.units}
    resolve = contact_activity_resolver()
    activity_of_measure = dict(MeasureMapping.objects.values_list("measure", "activity_id"))

    rows = [r for p in small_region.of_kind("kontakter") for r in read_rows(p)]
    cancelled = {r["kontakt_id"] for r in rows if r["status"] == "MAKULERAD"}
    cosmic = Counter()
    for r in rows:
        if r["status"] == "GENOMFORD" and r["kontakt_id"] not in cancelled:
            year, week, _ = date.fromisoformat(r["kontakt_datum"]).isocalendar()
            activity = resolve(int(r["fas"]), r["kontakttyp"], r["yrkeskategori"])
            assert activity is not None, r
            cosmic[(by_cosmic[r["enhet_kod"]], f"{year}-W{week:02d}", activity)] += 1
    diver = Counter()
    for p in small_region.of_kind("produktion"):
        for r in read_rows(p):
            diver[(by_diver[r["enhet_kod"]], r["vecka"], activity_of_measure[r["matt"]])] += int(
                r["antal"]
            )
    weeks = {key[1] for key in diver}
    differing = {
        key[0] for key in set(cosmic) | set(diver) if key[1] in weeks and cosmic[key] != diver[key]
    }
    return spec, differing


def test_units_without_a_deviation_agree_exactly(compared):
    spec, differing = compared
    plain = {u.code for u in spec.units if not u.profile.diver_deviation}
    assert plain and not plain & differing


def test_every_deliberate_deviation_shows(compared):
    spec, differing = compared
    deviating = {u.code for u in spec.units if u.profile.diver_deviation}
    assert {u.profile.diver_deviation for u in spec.units} >= {
        "mapping",
        "overcount",
        "missing_weeks",
    }
    assert deviating <= differing
