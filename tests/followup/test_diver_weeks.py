"""A week Diver never delivered for a clinic's units is unknown, never 0.

Diver's production extract replaces per unit and week, so a unit-week it left out is
missing, whatever it delivered for other clinics. Ortopedkliniken plans 10 Läkarbesök ny
a week in 2026 and its reception performs 10; Diver delivered the reception's weeks 1–20
except week 8 (and never anything for the ward, which is not needed for the clinic's week
to count). Ögonkliniken, in the same area, was delivered every week 1–20, week 8 too.
The same facts read as COSMIC's outcome make week 8 a real 0: the contacts extract covers
the whole region, and a week of it without contacts for a clinic is a week without visits.
"""

from datetime import date

import pytest

from facts.choices import OutcomeSource
from followup.selectors import Scope, outcome_vs_plan_by_tertial
from followup.selectors.callin import callin_dashboard
from followup.selectors.catalogue import activity_catalogue
from followup.selectors.strategic import strategic_dashboard
from followup.selectors.tactical import tactical_dashboard
from followup.selectors.trends import outcome_trend_by_year
from organisation.calendar import IsoWeek, default_schedule_periods

from .facts import activity, approved_plan, outcome

pytestmark = pytest.mark.django_db

UNDELIVERED = IsoWeek(2026, 8)
DELIVERED = range(1, 21)
TODAY = date(2026, 5, 20)  # week 21


@pytest.fixture
def facts(org):
    def store(source: str):
        clinic, reception, other = org.clinics[0], org.units[0], org.units[2]  # other: Ögonkliniken
        new = activity("lak-ny")
        approved_plan(clinic, 2026, {(reception, new, 202600 + w): 10 for w in range(1, 54)})
        approved_plan(org.clinics[1], 2026, {(other, new, 202600 + w): 10 for w in range(1, 54)})
        for w in DELIVERED:
            outcome(other, new, 202600 + w, 10, source=source)
            if w != UNDELIVERED.week:
                outcome(reception, new, 202600 + w, 10, source=source)
        return clinic

    return store


def scope_of(clinic, source: str) -> Scope:
    return Scope(
        clinic_ids=(clinic.id,),
        unit_ids=tuple(clinic.units.values_list("id", flat=True)),
        source=source,
    )


def figures(clinic, source: str) -> dict:
    catalogue = activity_catalogue()
    scope = scope_of(clinic, source)
    period = next(p for p in default_schedule_periods(2026) if UNDELIVERED in p.weeks)
    tactical = tactical_dashboard(
        scope=scope, units=[], period=period, today=TODAY, catalogue=catalogue
    )
    callin = callin_dashboard(scope=scope, week=IsoWeek(2026, 12), catalogue=catalogue)
    strategic = strategic_dashboard(clinic_ids=[clinic.id], year=2026, today=TODAY, source=source)
    # Both clinics are in Kirurgisk vård: the area compares weeks 1–20 of 2026.
    trend = outcome_trend_by_year(clinic_ids=[clinic.id, clinic.area.clinics.exclude(id=clinic.id).get().id],
                                  year=2026, today=TODAY, source=source)  # fmt: skip
    return {
        "line": {w["week"]: w["outcome"] for w in tactical.lines[0]["weeks"]}[str(UNDELIVERED)],
        "tactical_missing": str(UNDELIVERED) in tactical.missing_weeks,
        "callin_missing": str(UNDELIVERED) in callin.missing_weeks,
        "rolling_weeks_known": callin.rolling_now["weeks_known"],
        "t1": strategic.clinics[0]["t1"],
        "area_2026": trend["areas"][0]["years"][-1],
        "evidence": outcome_vs_plan_by_tertial(clinic_ids=[clinic.id], year=2026, source=source)[
            clinic.id, 1
        ],
    }


def test_a_week_diver_never_delivered_for_the_clinic_is_unknown_not_zero(facts):
    clinic = facts(OutcomeSource.DIVER)
    shown = figures(clinic, OutcomeSource.DIVER)
    assert shown["line"] is None
    assert shown["tactical_missing"] and shown["callin_missing"]
    assert shown["rolling_weeks_known"] == 11  # weeks 1–12 without week 8
    # Tertial 1 is weeks 1–17 (ending in January–April); week 8 counts on neither side.
    assert shown["t1"]["weeks_known"] == 16
    assert shown["t1"]["plan"] == shown["t1"]["outcome"] == 160 and shown["t1"]["shortfall"] == 0
    assert shown["evidence"]["weeks_known"] == 16 and shown["evidence"]["outcome"] == 160
    # Ortopedkliniken's plan of week 8 is left out with its unknown outcome; Ögonkliniken's week 8 counts.
    assert shown["area_2026"]["plan"] == shown["area_2026"]["outcome"] == 390
    assert shown["area_2026"]["shortfall"] == 0


def test_a_cosmic_week_without_the_clinics_contacts_is_a_real_zero(facts):
    clinic = facts(OutcomeSource.COSMIC)
    shown = figures(clinic, OutcomeSource.COSMIC)
    assert shown["line"] == 0
    assert not shown["tactical_missing"] and not shown["callin_missing"]
    assert shown["rolling_weeks_known"] == 12
    assert shown["t1"]["weeks_known"] == 17
    assert (
        shown["t1"]["plan"] == 170
        and shown["t1"]["outcome"] == 160
        and shown["t1"]["shortfall"] == 10
    )
    assert shown["area_2026"]["plan"] == 400 and shown["area_2026"]["outcome"] == 390
    assert shown["area_2026"]["shortfall"] == 10
