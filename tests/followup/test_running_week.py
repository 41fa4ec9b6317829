"""The running week is unknown in every follow-up figure built from recent weeks, never a whole week.

Ortopedkliniken plans 10 Läkarbesök ny a week in 2026 and performs 10 a week, with a contact
and a referral for each; the running week 2026-W49 has 3 so far. The last extracts of contacts
and referrals are from Tuesday 1 December (week 49): only the weeks that had ended by then are
outcome. The same figures with an extract from Monday 7 December take week 49 in, so the rule
is what leaves it out.
"""

from datetime import date

import pytest

from facts.kinds import Kind
from facts.models import Contact, Referral
from facts.selectors.coverage import UNKNOWN
from followup.selectors import Scope, outcome_vs_plan_by_tertial
from followup.selectors.callin import callin_dashboard
from followup.selectors.catalogue import activity_catalogue
from followup.selectors.strategic import strategic_dashboard
from followup.selectors.tactical import tactical_dashboard
from followup.selectors.trends import outcome_trend_by_year
from imports.models import ImportRun, RunStatus
from organisation.calendar import IsoWeek, default_schedule_periods

from .facts import activity, approved_plan, outcome

pytestmark = pytest.mark.django_db

RUNNING = IsoWeek(2026, 49)
TUESDAY, NEXT_MONDAY = date(2026, 12, 1), date(2026, 12, 7)
TODAY = date(2026, 12, 2)


@pytest.fixture
def clinic(org):
    clinic, unit = org.clinics[0], org.units[0]
    new = activity("lak-ny")
    approved_plan(clinic, 2026, {(unit, new, 202600 + w): 10 for w in range(1, 54)})
    for w in range(1, RUNNING.week + 1):
        week = IsoWeek(2026, w)
        n = 3 if week == RUNNING else 10
        outcome(unit, new, week.key, n)
        Contact.objects.bulk_create(
            Contact(source="cosmic", contact_id=f"C{w}-{i}", date=week.monday, week=week.key, unit=unit,
                    activity=new, phase=1, contact_type="BESOK")
            for i in range(n)
        )  # fmt: skip
        Referral.objects.create(source="cosmic", referral_id=f"R{w}", arrival_date=week.monday, week=week.key,
                                unit=unit, phase=1, status="MOTTAGEN")  # fmt: skip
    return clinic


def extracted(day: date) -> dict:
    for kind in (Kind.KONTAKTER, Kind.REMISSER):
        ImportRun.objects.create(file_name=f"{kind}_cosmic_{day:%Y%m%d}.csv", kind=kind, source="cosmic",
                                 checksum=f"{kind}{day}", extract_date=day, status=RunStatus.OK)  # fmt: skip
    return {Kind.KONTAKTER: day, Kind.REMISSER: day}


def scope_of(clinic) -> Scope:
    return Scope(clinic_ids=(clinic.id,), unit_ids=tuple(clinic.units.values_list("id", flat=True)))


@pytest.mark.parametrize("given", [True, False], ids=["cut-off given", "cut-off looked up"])
def test_with_a_tuesday_extract_the_running_week_is_unknown_in_every_figure(clinic, given):
    read = extracted(TUESDAY)
    cutoffs = read if given else None
    catalogue = activity_catalogue()
    scope = scope_of(clinic)

    callin = callin_dashboard(scope=scope, week=RUNNING, catalogue=catalogue, cutoffs=cutoffs)
    assert callin.last_week["known"] is False and callin.last_week["total"]["outcome"] is None
    assert callin.rolling_now["share"] is None

    period = default_schedule_periods(2026)[3]  # weeks 40–53
    tactical = tactical_dashboard(scope=scope, units=[], period=period, today=TODAY, catalogue=catalogue,
                                  cutoffs=cutoffs)  # fmt: skip
    weeks = {w["week"]: w for w in tactical.lines[0]["weeks"]}
    assert weeks[str(RUNNING)]["outcome"] is None and weeks[str(RUNNING)]["cumulative_gap"] is None
    assert tactical.totals["weeks_known"] == 9 and tactical.totals["outcome"] == 90  # weeks 40–48
    flow = {f["week"]: f for f in tactical.flow}
    assert flow[str(RUNNING)] == {"week": str(RUNNING), "inflow": None, "outflow": None}
    assert flow["2026-W48"] == {"week": "2026-W48", "inflow": 1, "outflow": 10}

    strategic = strategic_dashboard(clinic_ids=[clinic.id], year=2026, today=TODAY, cutoffs=cutoffs)
    figures = strategic.clinics[0]
    assert figures["ytd"]["outcome"] == 480 and figures["ytd"]["plan"] == 480  # weeks 1–48
    assert figures["t3"]["outcome"] == figures["t3"]["plan"] == 130  # weeks 36–48

    trend = outcome_trend_by_year(clinic_ids=[clinic.id], year=2026, today=TODAY,
                                  data_until=TUESDAY if given else UNKNOWN)  # fmt: skip
    assert trend["until_week"] == 48

    # What the rollout's evidence reads.
    assert (
        outcome_vs_plan_by_tertial(clinic_ids=[clinic.id], year=2026)[clinic.id, 3]["outcome"]
        == 130
    )


def test_once_the_week_has_ended_by_the_extract_it_counts(clinic):
    cutoffs = extracted(NEXT_MONDAY)
    scope = scope_of(clinic)
    callin = callin_dashboard(
        scope=scope, week=RUNNING, catalogue=activity_catalogue(), cutoffs=cutoffs
    )
    assert callin.last_week["known"] is True and callin.last_week["total"]["outcome"] == 3
    later = date(2026, 12, 8)
    assert (
        strategic_dashboard(
            clinic_ids=[clinic.id], year=2026, today=later, cutoffs=cutoffs
        ).clinics[0]["ytd"]["outcome"]
        == 483
    )
    assert outcome_trend_by_year(clinic_ids=[clinic.id], year=2026, today=later)["until_week"] == 49
    assert (
        outcome_vs_plan_by_tertial(clinic_ids=[clinic.id], year=2026)[clinic.id, 3]["outcome"]
        == 133
    )
