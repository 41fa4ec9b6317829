"""The demo wards' episodes and bed measurement: weekday patterns, seasons, summer closures, and a
daily measurement that agrees with the episodes."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

import pytest

from demo.generator.inpatient import MEASURED_AT

from .conftest import read_rows


@pytest.fixture(scope="module")
def episodes(small_region) -> dict[str, dict[str, str]]:
    """Each episode as its latest file has it (the files are upserted in extract order)."""
    latest = {}
    for path in small_region.of_kind("vardtillfallen"):
        for row in read_rows(path):
            latest[row["vardtillfalle_id"]] = row
    return latest


@pytest.fixture(scope="module")
def beds(small_region) -> list[dict[str, str]]:
    return [row for path in small_region.of_kind("vardplatser") for row in read_rows(path)]


def test_the_small_region_has_medical_and_surgical_wards_at_its_hospitals(small_region):
    wards = small_region.spec.wards
    assert {w.speciality for w in wards} == {"medical", "surgical"}
    codes = [w.cosmic_code for w in wards]
    assert len(set(codes)) == len(codes)


def test_planned_admissions_are_fewer_at_weekends(episodes):
    planned = Counter(
        datetime.fromisoformat(e["inskrivning"]).isoweekday()
        for e in episodes.values()
        if e["akut"] == "N"
    )
    weekday = sum(planned[d] for d in range(1, 6)) / 5
    assert planned[6] < 0.2 * weekday and planned[7] < 0.3 * weekday


def test_patients_go_home_late_in_the_day(episodes):
    hours = [
        datetime.fromisoformat(e["utskrivning"]).hour for e in episodes.values() if e["utskrivning"]
    ]
    assert sum(h >= 12 for h in hours) / len(hours) > 0.75


def test_winter_admits_more_than_summer_and_summer_closes_beds(episodes, beds):
    per_month = Counter(e["inskrivning"][:7] for e in episodes.values())
    assert per_month["2026-01"] > 1.1 * per_month["2026-07"]
    staffed = defaultdict(int)
    for row in beds:
        staffed[row["datum"][:7]] += int(row["disponibla"])
    # July has as many days as May, and a third of the beds closed most of it.
    assert staffed["2026-07"] < 0.85 * staffed["2026-05"]


def test_the_measurement_agrees_with_the_episodes(small_region, episodes, beds):
    """At 06:00 every admitted, not yet discharged patient is on the ward or on another one."""
    ward_of = {w.cosmic_code for w in small_region.spec.wards}
    assert {row["enhet_kod"] for row in beds} == ward_of
    present = Counter()
    measured_at = timedelta(minutes=int(MEASURED_AT.astype(int)))
    days = sorted({row["datum"] for row in beds})
    checked = [days[0], days[len(days) // 2], days[-1]]
    for e in episodes.values():
        admitted = datetime.fromisoformat(e["inskrivning"])
        discharged = datetime.fromisoformat(e["utskrivning"]) if e["utskrivning"] else None
        for day in checked:
            at = datetime.combine(date.fromisoformat(day), datetime.min.time()) + measured_at
            if admitted <= at and (discharged is None or discharged > at):
                present[(day, e["enhet_kod"])] += 1
    for row in beds:
        if row["datum"] in checked:
            census = int(row["belagda"]) + int(row["utlokaliserade"])
            assert census == present[(row["datum"], row["enhet_kod"])], row
            assert int(row["overbelaggningar"]) == max(
                0, int(row["belagda"]) - int(row["disponibla"])
            )


def test_patients_still_admitted_have_no_discharge_yet(episodes):
    still = [e for e in episodes.values() if not e["utskrivning"]]
    assert 0 < len(still) < 0.02 * len(episodes)
