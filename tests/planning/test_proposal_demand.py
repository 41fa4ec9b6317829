"""Every activity is proposed from its own demand, and weeks not known are never taken as 0."""

from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from facts.kinds import Kind
from facts.models import Contact, Referral, WaitingEntry, WeeklyOutcome
from imports.models import ImportRun, RunStatus
from organisation.calendar import IsoWeek, weeks_of_year, working_days
from planning import services
from planning.proposal import Goal, plan_proposal

from .conftest import YEAR

BASE = YEAR - 1
SNAPSHOT = date(BASE, 11, 3)
pytestmark = pytest.mark.django_db


def outcome(unit, activity, per_day: float, weeks=None, source="cosmic") -> list[WeeklyOutcome]:
    """``per_day`` contacts on every working day of the given weeks (all of the base year by default)."""
    return [
        WeeklyOutcome(
            unit=unit,
            activity=activity,
            week=w.key,
            source=source,
            count=round(per_day * working_days(w)),
        )
        for w in (weeks if weeks is not None else weeks_of_year(BASE))
    ]


def new_visit_referrals(unit, *, previous: int = 500, recent: int = 520, phase: int = 1) -> None:
    """``previous`` referrals spread over the year before the base year, ``recent`` over the base year."""
    rows = []
    for year, total in ((BASE - 1, previous), (BASE, recent)):
        weeks = weeks_of_year(year)
        for i in range(total):
            week = weeks[i * len(weeks) // total]
            rows.append(
                Referral(
                    source="cosmic",
                    referral_id=f"{phase}-{year}-{i}",
                    arrival_date=week.monday,
                    week=week.key,
                    unit=unit,
                    phase=phase,
                    status="MOTTAGEN",
                )
            )
    Referral.objects.bulk_create(rows)


def waiting(unit, phase: int, count: int, *, overdue: int = 0) -> None:
    """``count`` waiting in ``phase`` on the snapshot day; the first ``overdue`` past their target date."""
    WaitingEntry.objects.bulk_create(
        WaitingEntry(
            source="cosmic",
            snapshot_date=SNAPSHOT,
            waiting_id=f"{phase}-{i}",
            unit=unit,
            phase=phase,
            decision_date=SNAPSHOT - timedelta(days=60),
            target_date=SNAPSHOT + timedelta(days=-10 if i < overdue else 40),
        )
        for i in range(count)
    )


def totals(proposal) -> dict[int, int]:
    result: dict[int, int] = {}
    for cell in proposal.cells:
        result[cell.activity_id] = result.get(cell.activity_id, 0) + int(cell.volume)
    return result


def activity_rows(proposal) -> dict[str, dict]:
    return {
        row["name"]: row for unit in proposal.explanation["units"] for row in unit["activities"]
    }


def test_return_visits_without_referrals_follow_the_new_visits_and_take_the_overdue_off_the_queue(
    clinic, unit, activities
):
    new_visits, returns = activities["lak-ny"], activities["lak-ater"]
    WeeklyOutcome.objects.bulk_create(outcome(unit, new_visits, 10) + outcome(unit, returns, 5))
    new_visit_referrals(unit)
    waiting(unit, 1, 300)
    # Nobody refers a patient to a return visit: the fas-4 queue has no referrals behind it.
    waiting(unit, 4, 100, overdue=20)

    proposal = plan_proposal(clinic=clinic, year=YEAR, goal=Goal())

    planned = totals(proposal)
    weeks = len(weeks_of_year(YEAR))
    # Holding the new-visit queue: the inflow, 10.4 a week.
    assert planned[new_visits.id] == round(10.4 * weeks)
    # Last year half a return visit per new visit, times the new visits planned, plus the 20
    # already past their medical target date.
    assert planned[returns.id] == round(0.5 * 10.4 * weeks + 20)
    phase = next(
        p for unit in proposal.explanation["units"] for p in unit["phases"] if p["phase"] == 4
    )
    assert (phase["basis"], phase["per_new_visit"], phase["queue"], phase["overdue"]) == (
        "decided",
        0.5,
        100,
        20,
    )
    assert phase["new_visits_planned"] == round(10.4 * weeks)
    row = activity_rows(proposal)[returns.name]
    assert (
        row["method"] == "decided"
        and row["phase_label"] == "Återbesök"
        and row["proposed"] == planned[returns.id]
    )


def test_a_target_goal_takes_the_return_queue_down_to_those_within_their_target_date(
    clinic, unit, activities
):
    new_visits, returns = activities["lak-ny"], activities["lak-ater"]
    WeeklyOutcome.objects.bulk_create(outcome(unit, new_visits, 10) + outcome(unit, returns, 5))
    waiting(unit, 4, 100, overdue=30)

    proposal = plan_proposal(
        clinic=clinic, year=YEAR, goal=Goal(kind=Goal.TARGET, target_share=0.9, weeks=13)
    )

    phase = next(
        p for unit in proposal.explanation["units"] for p in unit["phases"] if p["phase"] == 4
    )
    # A target of 90 of the 100 would leave 20 past their date: the target is the 70 within it.
    assert phase["target"] == 70 and phase["weeks_to_target"] == 13
    # No referrals at all: new visits follow last year's volume, return visits half of them.
    assert totals(proposal)[returns.id] == round(0.5 * 10 * 253 + 30)


def test_every_activity_with_outcome_last_year_gets_a_proposal_naming_its_demand(
    clinic, unit, activities
):
    per_day = {
        "lak-ny": 10,
        "lak-ater": 6,
        "operation": 2,
        "undersokning": 1,
        "akut": 3,
        "ssk-besok": 4,
    }
    rows = []
    for code, rate in per_day.items():
        rows += outcome(unit, activities[code], rate)
    WeeklyOutcome.objects.bulk_create(rows)
    new_visit_referrals(unit)
    waiting(unit, 1, 200)
    waiting(unit, 2, 40, overdue=5)
    waiting(unit, 4, 80)

    proposal = plan_proposal(clinic=clinic, year=YEAR, goal=Goal())

    planned = totals(proposal)
    named = activity_rows(proposal)
    for code in per_day:
        activity = activities[code]
        assert planned.get(activity.id, 0) > 0, code
        row = named[activity.name]
        assert row["proposed"] == planned[activity.id]
        assert row["method"] in ("referrals", "decided", "trend"), code
        assert row["method"] == "trend" or row["phase_label"], code
    assert {code: named[activities[code].name]["method"] for code in per_day} == {
        "lak-ny": "referrals",
        "lak-ater": "decided",
        "operation": "decided",
        "undersokning": "decided",
        "akut": "trend",
        "ssk-besok": "trend",
    }


def test_the_week_under_way_at_the_last_extract_is_not_taken_as_a_whole_week(
    clinic, unit, activities
):
    row = activities["lak-ny"]
    tuesday = IsoWeek(BASE, 49).monday + timedelta(days=1)
    full = [w for w in weeks_of_year(BASE) if w.week <= 48]
    # The week's Monday and Tuesday are in the extract of its Tuesday, the rest has not happened.
    partial = WeeklyOutcome(
        unit=unit, activity=row, week=IsoWeek(BASE, 49).key, source="cosmic", count=20
    )
    WeeklyOutcome.objects.bulk_create([*outcome(unit, row, 10, full), partial])
    ImportRun.objects.create(
        file_name="kontakter_cosmic.csv",
        kind=Kind.KONTAKTER,
        source="cosmic",
        checksum="x",
        extract_date=tuesday,
        status=RunStatus.OK,
        started_by="test",
    )

    proposal = plan_proposal(clinic=clinic, year=YEAR, goal=Goal())

    volumes = {c.week: int(c.volume) for c in proposal.cells}
    # 10 a working day, like the weeks the extract knows: week 49 is a full week of 5 days.
    assert volumes[YEAR * 100 + 49] == 10 * working_days(IsoWeek(YEAR, 49))
    for number in (48, 50):
        assert volumes[YEAR * 100 + number] == 10 * working_days(IsoWeek(YEAR, number))
    assert proposal.explanation["outcome_until"] == 48
    # Nothing a year earlier to borrow: weeks 49–52 take the pace of the nearest known weeks.
    assert proposal.explanation["filled_weeks"] == [49, 50, 51, 52]
    assert proposal.explanation["borrowed_weeks"] == []


def test_a_week_no_extract_delivered_is_filled_from_the_weeks_around_it(clinic, unit, activities):
    row = activities["lak-ny"]
    delivered = [w for w in weeks_of_year(BASE) if w.week != 20]
    WeeklyOutcome.objects.bulk_create(outcome(unit, row, 10, delivered))

    proposal = plan_proposal(clinic=clinic, year=YEAR, goal=Goal())

    volumes = {c.week: int(c.volume) for c in proposal.cells}
    assert volumes[YEAR * 100 + 20] == 10 * working_days(IsoWeek(YEAR, 20))
    assert proposal.explanation["filled_weeks"] == [20]


def test_new_visits_shared_with_midwives_take_only_their_share_of_the_referrals(
    clinic, unit, activities
):
    doctor, midwife = activities["lak-ny"], activities["bm-besok"]
    WeeklyOutcome.objects.bulk_create(outcome(unit, doctor, 2) + outcome(unit, midwife, 8))
    day = IsoWeek(BASE, 10).monday
    # Last year's first visits: one in five was the doctor's, the rest the midwives'.
    Contact.objects.bulk_create(
        Contact(
            source="cosmic",
            contact_id=str(i),
            date=day,
            week=IsoWeek.of(day).key,
            unit=unit,
            activity=doctor if i < 100 else midwife,
            phase=1,
            contact_type="BESOK",
            profession="LAK" if i < 100 else "BM",
        )
        for i in range(500)
    )
    new_visit_referrals(unit)
    waiting(unit, 1, 300)

    proposal = plan_proposal(
        clinic=clinic, year=YEAR, goal=Goal(kind=Goal.TARGET, target_share=0.8, weeks=26)
    )

    weeks = len(weeks_of_year(YEAR))
    # A fifth of the inflow (10.4 a week) and of the 60 taken off the queue.
    assert totals(proposal)[doctor.id] == round(0.2 * (10.4 * weeks + 60))
    phase = next(
        p for unit in proposal.explanation["units"] for p in unit["phases"] if p["phase"] == 1
    )
    assert phase["share"] == 0.2 and phase["queue"] == 300


def test_the_inflow_counts_whole_weeks_up_to_the_last_referral_extract(clinic, unit, activities):
    WeeklyOutcome.objects.bulk_create(outcome(unit, activities["lak-ny"], 10))
    new_visit_referrals(unit)
    tuesday = IsoWeek(BASE, 49).monday + timedelta(days=1)
    ImportRun.objects.create(
        file_name="remisser_cosmic.csv",
        kind=Kind.REMISSER,
        source="cosmic",
        checksum="y",
        extract_date=tuesday,
        status=RunStatus.OK,
        started_by="test",
    )

    proposal = plan_proposal(clinic=clinic, year=YEAR, goal=Goal())

    # Week 49 was under way on the extract date: the 52 weeks end with week 48.
    assert proposal.explanation["inflow_until"] == f"{BASE}-W48"
    # Written as weeks are on every page, not as the ISO key.
    html = render_to_string("planning/_proposal.html", {"explanation": proposal.explanation})
    assert f"till och med v 48 {BASE} mot de 52 veckorna före" in html


def test_the_plan_page_names_the_demand_of_every_activity_and_the_weeks_filled_in(
    client, clinic, unit, activities, kps_leader
):
    new_visits, returns = activities["lak-ny"], activities["lak-ater"]
    known = [w for w in weeks_of_year(BASE) if w.week <= 44]
    WeeklyOutcome.objects.bulk_create(
        outcome(unit, new_visits, 10, known) + outcome(unit, returns, 5, known)
    )
    new_visit_referrals(unit)
    waiting(unit, 4, 50, overdue=10)
    proposal = plan_proposal(clinic=clinic, year=YEAR, goal=Goal())
    version = services.plan_create(
        clinic=clinic,
        year=YEAR,
        user=kps_leader,
        cells=proposal.cells,
        proposal=proposal.explanation,
    )

    client.force_login(kps_leader)
    html = client.get(reverse("planning:plan", args=[version.plan_id])).content.decode()

    assert "Nybesök: remissinflöde och kömål" in html
    assert "Återbesök: beslutade vid tidigare besök, och kön" in html
    assert "0,500 per nybesök" in html
    assert f"Utfallet {BASE} är känt till och med vecka 44" in html
    assert "Vecka 45–52" in html and "närmaste kända veckorna" in html
