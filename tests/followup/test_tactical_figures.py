"""The tactical view by hand: one schedule period, its cumulative gap, capacity, flow and schedule."""

from datetime import date
from decimal import Decimal

import pytest

from facts.models import Contact, Referral
from followup.selectors import Scope
from followup.selectors.catalogue import activity_catalogue
from followup.selectors.tactical import capacity_totals, tactical_dashboard
from organisation.calendar import IsoWeek, Period
from organisation.selectors import schedule_periods

from .facts import activity, approved_plan, outcome, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def period_two(org):
    """Period 2 of 2026 (weeks 14–26). The reception plans 10 Ny a week, performs 8, 12, –, 9
    in weeks 14–17 (week 16's extract never came), and nothing is known after."""
    clinic, reception, ward = org.clinics[0], org.units[0], org.units[1]
    new = activity("lak-ny")
    approved_plan(clinic, 2026, {(reception, new, 202600 + w): 10 for w in range(14, 27)})
    for w, n in ((14, 8), (15, 12), (17, 9)):
        outcome(reception, new, 202600 + w, n)
    for w in range(14, 27):
        staff(reception, 202600 + w, "LAK", 5)
    for w in range(14, 20):
        staff(ward, 202600 + w, "LAK", 1)
    period = schedule_periods(area=clinic.area, year=2026)[1]
    return {"clinic": clinic, "reception": reception, "ward": ward, "new": new, "period": period}


def dashboard(f, today=date(2026, 6, 1)):
    return tactical_dashboard(
        scope=Scope(clinic_ids=(f["clinic"].id,), unit_ids=(f["reception"].id, f["ward"].id)),
        units=[(f["reception"].id, f["reception"].name), (f["ward"].id, f["ward"].name)],
        period=f["period"],
        today=today,
        catalogue=activity_catalogue(clinic_id=f["clinic"].id),
    )


def test_the_period_is_the_schedule_clocks_second(period_two):
    period: Period = period_two["period"]
    assert (period.first_week, period.last_week) == (IsoWeek(2026, 14), IsoWeek(2026, 26))


def test_the_cumulative_gap_adds_up_over_known_weeks_only(period_two):
    t = dashboard(period_two)
    line = t.lines[0]
    gaps = {w["week"]: w["cumulative_gap"] for w in line["weeks"]}
    assert gaps["2026-W14"] == -2 and gaps["2026-W15"] == 0
    assert gaps["2026-W16"] is None  # missing: a gap in the line
    assert gaps["2026-W17"] == -1  # carries on from where it stood
    assert line["plan"] == 30 and line["outcome"] == 29 and line["plan_period"] == 130
    assert t.totals["weeks_known"] == 3
    assert "2026-W16" in t.missing_weeks and "2026-W18" in t.missing_weeks


def test_capacity_against_need_over_the_weeks_hr_delivered(period_two):
    t = dashboard(period_two)
    lak = capacity_totals(t.capacity)[0]
    # 13 weeks × 5 h in the reception and 6 × 1 h in the ward; need 13 × 10 × 40 min.
    assert lak["available"] == Decimal(71) and round(lak["needed"], 1) == Decimal("86.7")
    assert lak["weeks_known"] == 13


def test_inflow_against_outflow_with_a_week_without_referrals(period_two):
    reception, new = period_two["reception"], period_two["new"]
    for w, n in ((14, 5), (15, 7)):
        for i in range(n):
            Referral.objects.create(source="cosmic", referral_id=f"R{w}-{i}", arrival_date=IsoWeek(2026, w).monday,
                                    week=202600 + w, unit=reception, phase=1, status="MOTTAGEN")  # fmt: skip
    Referral.objects.create(source="cosmic", referral_id="X", arrival_date=date(2026, 3, 30), week=202614,
                            unit=reception, phase=1, status="AVVISAD")  # fmt: skip
    for i in range(4):
        Contact.objects.create(source="cosmic", contact_id=f"C{i}", date=date(2026, 3, 31), week=202614, unit=reception,
                               activity=new, phase=1, contact_type="BESOK")  # fmt: skip
    flow = {f["week"]: f for f in dashboard(period_two).flow}
    assert flow["2026-W14"] == {"week": "2026-W14", "inflow": 5, "outflow": 4}
    assert flow["2026-W15"]["inflow"] == 7 and flow["2026-W15"]["outflow"] == 0
    # No referrals anywhere in week 17: unknown, not zero; week 16's outcome is missing too.
    assert flow["2026-W17"]["inflow"] is None and flow["2026-W16"]["outflow"] is None


def test_the_schedule_is_late_until_every_unit_has_staff_hours_for_every_week(period_two):
    t = dashboard(period_two, today=date(2026, 2, 1))
    assert t.schedule["lay_by"] == date(2026, 1, 5) and t.schedule["state"] == "late"
    assert t.schedule["days_overdue"] == 27
    units = {u["unit_id"]: u for u in t.schedule["units"]}
    assert units[period_two["reception"].id]["weeks_staffed"] == 13
    assert units[period_two["ward"].id]["weeks_staffed"] == 6
    assert units[period_two["reception"].id]["weeks_planned"] == 13
    for w in range(20, 27):
        staff(period_two["ward"], 202600 + w, "LAK", 1)
    assert dashboard(period_two, today=date(2026, 2, 1)).schedule["state"] == "laid"
