"""The overview's figures: statuses from the steps, late clinics, evidence and the DOMAIN indicators."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from organisation.calendar import IsoWeek
from organisation.models import Clinic
from planning.models import PlanStatus
from rollout import evidence, selectors
from rollout.models import Step
from rollout.status import ProgrammeStatus

from .builders import approve_plan, log_meetings, make_programme, plan_and_outcome

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)  # a Monday in tertial 2
FOLLOWUP_MISSING = evidence.missing_sources()
needs_followup = pytest.mark.skipif(
    bool(FOLLOWUP_MISSING), reason=f"follow-up does not provide {', '.join(FOLLOWUP_MISSING)} yet"
)


@pytest.fixture
def region(org, qulturum):
    """Ortopedi on track, Ögon late, Kardiologi not in the programme."""
    orto, ogon, kard = org.clinics
    due_by_today = [s for s in Step if s != Step.COMPLETED]
    on_track = make_programme(
        qulturum, orto, start=date(2026, 1, 1), today=TODAY, done=due_by_today
    )
    # Steps due after today are not ticked off even if listed: make_programme caps them at today.
    on_track.steps.filter(due__gt=TODAY).update(done_on=None)
    make_programme(qulturum, ogon, start=date(2026, 1, 1), today=TODAY, done=[Step.PROCESS_MAPPING])
    surgery, medicine = org.areas
    surgery.plan_target, medicine.plan_target = 2, 1
    surgery.save()
    medicine.save()
    return org


def rows_by_code(user, **kwargs):
    return {
        row.clinic_code: row for row in selectors.rollout_rows(user=user, today=TODAY, **kwargs)
    }


def test_each_clinic_gets_its_status_from_its_steps(region, qulturum):
    rows = rows_by_code(qulturum)
    assert {code: row.status for code, row in rows.items()} == {
        "ORT06": ProgrammeStatus.ON_TRACK,
        "OGN06": ProgrammeStatus.LATE,
        "KAR06": ProgrammeStatus.NOT_STARTED,
    }
    assert rows["ORT06"].steps_total == 12
    assert rows["ORT06"].steps_done == 7  # mapping, goals, first plan, call-in, meetings 1–3
    assert rows["ORT06"].next_step == Step.METHOD_MEETING_4
    assert rows["KAR06"].programme_id is None and rows["KAR06"].steps_total == 0


def test_a_late_clinic_lists_the_steps_past_their_due_date_oldest_first(region, qulturum):
    overdue = rows_by_code(qulturum)["OGN06"].overdue
    assert [step for step, _due in overdue] == [
        Step.METHOD_MEETING_1,
        Step.GOALS_SET,
        Step.FIRST_PLAN_APPROVED,
        Step.CALL_IN_STARTED,
        Step.METHOD_MEETING_2,
        Step.METHOD_MEETING_3,
    ]
    assert all(due < TODAY for _step, due in overdue)
    assert [d for _s, d in overdue] == sorted(d for _s, d in overdue)


def test_completed_and_decided_programmes(region, qulturum):
    done = Clinic.objects.create(area=region.areas[1], code="END", name="Endokrinologen")
    waiting = Clinic.objects.create(area=region.areas[1], code="HUD", name="Hudkliniken")
    programme = make_programme(qulturum, done, start=date(2025, 1, 1), today=TODAY, done=list(Step))
    assert programme.steps.filter(done_on__isnull=True).count() == 0
    from rollout import services

    services.programme_create(
        user=qulturum,
        clinic=waiting,
        decision_date=date(2026, 6, 1),
        start=date(2026, 8, 1),
        today=TODAY,
    )
    rows = rows_by_code(qulturum)
    assert rows["END"].status == ProgrammeStatus.COMPLETED
    assert rows["HUD"].status == ProgrammeStatus.DECIDED
    summary = selectors.rollout_summary(rows=list(rows.values()))
    assert summary == {
        "not_started": 1, "decided": 1, "on_track": 1, "late": 1, "completed": 1, "clinics": 5, "in_programme": 4,
    }  # fmt: skip


def test_each_role_sees_only_its_clinics(region, role_users):
    assert set(rows_by_code(role_users["ledare"])) == {"ORT06"}
    assert set(rows_by_code(role_users["chef"])) == {"ORT06"}
    assert set(rows_by_code(role_users["omradeschef"])) == {"ORT06", "OGN06"}
    assert set(rows_by_code(role_users["admin"])) == {"ORT06", "OGN06", "KAR06"}


def test_an_area_manager_with_a_clinic_membership_too_gets_the_counts_once(region, role_users):
    from organisation.models import Membership, Role

    director = role_users["omradeschef"]
    Membership.objects.create(user=director, role=Role.KPS_LEADER, clinic=region.clinics[0])
    assert rows_by_code(director)["ORT06"].steps_total == 12


def test_the_approved_plans_are_read_from_planning(region):
    orto, ogon, kard = region.clinics
    approve_plan(orto, 2026, approved_on=date(2025, 12, 10))
    approve_plan(ogon, 2026, approved_on=date(2026, 5, 20), status=PlanStatus.SUPERSEDED, number=1)
    approve_plan(ogon, 2026, approved_on=date(2026, 6, 1), number=2)
    approve_plan(
        kard, 2026, approved_on=date(2026, 2, 1), status=PlanStatus.DRAFT
    )  # reopened: no longer counts
    approve_plan(kard, 2027, approved_on=date(2026, 6, 10))
    plans = evidence.plans_by_clinic(clinic_ids=[c.id for c in region.clinics], years=[2026, 2027])
    assert plans == {
        (orto.id, 2026): evidence.PlanEvidence(approved=True, first_approved=date(2025, 12, 10)),
        (ogon.id, 2026): evidence.PlanEvidence(approved=True, first_approved=date(2026, 5, 20)),
        (kard.id, 2027): evidence.PlanEvidence(approved=True, first_approved=date(2026, 6, 10)),
    }


@needs_followup
def test_call_in_meetings_are_counted_over_the_last_four_weeks(region, qulturum):
    orto, ogon, _kard = region.clinics
    log_meetings(orto, [TODAY - timedelta(days=d) for d in (2, 9, 16, 40)])
    rows = rows_by_code(qulturum)
    assert (rows["ORT06"].meetings, rows["OGN06"].meetings, rows["KAR06"].meetings) == (3, 0, 0)
    # Ögon has not reported call-in as started, so there is nothing for the data to contradict.
    assert not rows["OGN06"].call_in_unconfirmed
    assert not rows["ORT06"].call_in_unconfirmed


@needs_followup
def test_a_reported_step_without_evidence_is_flagged(region, qulturum):
    rows = rows_by_code(qulturum)
    # Ortopedi reported its first plan approved and call-in started; planning and follow-up know of neither.
    assert rows["ORT06"].plan_unconfirmed and rows["ORT06"].call_in_unconfirmed
    approve_plan(region.clinics[0], 2026, approved_on=date(2026, 3, 1))
    log_meetings(region.clinics[0], [TODAY - timedelta(days=1)])
    rows = rows_by_code(qulturum)
    assert not rows["ORT06"].plan_unconfirmed and not rows["ORT06"].call_in_unconfirmed


@pytest.fixture
def figures(region):
    """Plans approved at different times, and plan against outcome in weeks 5 (T1) and 20 (T2)."""
    orto, ogon, kard = region.clinics
    orto_plan = approve_plan(orto, 2026, approved_on=date(2025, 12, 10))
    approve_plan(ogon, 2026, approved_on=date(2026, 5, 20), status=PlanStatus.SUPERSEDED, number=1)
    ogon_plan = approve_plan(ogon, 2026, approved_on=date(2026, 6, 1), number=2)
    orto_unit, ogon_unit, kard_unit = region.units[0], region.units[2], region.units[4]
    plan_and_outcome(orto_plan, orto_unit, IsoWeek(2026, 5), plan=100, outcome=90)
    plan_and_outcome(orto_plan, orto_unit, IsoWeek(2026, 20), plan=50, outcome=55)
    plan_and_outcome(ogon_plan, ogon_unit, IsoWeek(2026, 5), plan=100, outcome=110)
    # Kardiologi produces without a plan: nothing to measure it against, so it stays out of the shares.
    from facts.choices import OutcomeSource
    from facts.models import WeeklyOutcome

    WeeklyOutcome.objects.create(
        unit=kard_unit, activity_id=orto_plan.cells.first().activity_id, week=202605,
        source=OutcomeSource.COSMIC, count=40,
    )  # fmt: skip
    return region


def test_clinics_with_a_plan_are_counted_per_tertial_against_the_area_target(figures, qulturum):
    result = selectors.rollout_indicators(user=qulturum, year=2026, today=TODAY)
    surgery, medicine = result["areas"]
    assert (surgery.area_name, surgery.clinics, surgery.plan_target) == ("Kirurgisk vård", 2, 2)
    assert surgery.with_plan == {
        1: 1,
        2: 2,
        3: None,
    }  # Ögon's first approval came in May (T2); T3 has not begun
    assert medicine.with_plan == {1: 0, 2: 0, 3: None}
    assert result["total"].with_plan == {1: 1, 2: 2, 3: None}
    assert result["total"].plan_target == 3
    assert [c["plan_colour"] for c in surgery.tertials] == ["red", "green", ""]
    assert result["current_tertial"] == 2


def test_a_past_year_counts_every_tertial_and_a_future_year_none(figures, qulturum):
    past = selectors.rollout_indicators(user=qulturum, year=2025, today=TODAY)
    assert past["total"].with_plan == {1: 0, 2: 0, 3: 0}
    future = selectors.rollout_indicators(user=qulturum, year=2027, today=TODAY)
    assert future["total"].with_plan == {1: None, 2: None, 3: None}
    assert future["total"].latest is None


@needs_followup
def test_outcome_against_plan_is_summed_per_area_and_tertial(figures, qulturum):
    result = selectors.rollout_indicators(user=qulturum, year=2026, today=TODAY)
    surgery, medicine = result["areas"]
    assert surgery.outcome[1].plan == Decimal(200) and surgery.outcome[1].outcome == Decimal(200)
    assert surgery.outcome[1].share == 1
    assert surgery.outcome[2].share == Decimal("1.1")
    assert surgery.outcome[3] is None
    assert medicine.outcome == {1: None, 2: None, 3: None}
    assert result["total"].outcome[1].share == 1  # Kardiologi's 40 without a plan are left out
    assert [c["share_percent"] for c in surgery.tertials] == [100, 110, None]


@needs_followup
def test_a_clinics_outcome_per_tertial_counts_only_its_planned_activities(region):
    """Läkarbesök at 84 % of plan, return visits performed without any plan: the share is 84 %,
    not the 300 % the two summed would give, and the 16 missing visits are the shortfall."""
    from facts.choices import OutcomeSource
    from facts.models import WeeklyOutcome
    from organisation.models import Activity

    orto, unit = region.clinics[0], region.units[0]
    plan = approve_plan(orto, 2026, approved_on=date(2025, 12, 10))
    plan_and_outcome(plan, unit, IsoWeek(2026, 5), plan=100, outcome=84)
    planned = plan.cells.first().activity_id
    other = Activity.objects.exclude(id=planned).order_by("id").first() or Activity.objects.create(
        code="test-ater", name="Teståterbesök", profession="LAK"
    )
    WeeklyOutcome.objects.create(
        unit=unit, activity=other, week=202605, source=OutcomeSource.COSMIC, count=Decimal(216)
    )  # fmt: skip
    detail = selectors.programme_detail(clinic=orto, today=TODAY)
    assert detail["outcome"][1].share == Decimal("0.84")
    assert detail["outcome"][1].outcome == Decimal(84) and detail["outcome"][
        1
    ].shortfall == Decimal(16)


@needs_followup
def test_a_clinic_page_shows_its_own_outcome_per_tertial(figures):
    orto = figures.clinics[0]
    detail = selectors.programme_detail(clinic=orto, today=TODAY)
    assert detail["outcome"][1].share == Decimal("0.9")
    assert [c["share_colour"] for c in detail["outcome_cells"]] == ["red", "green", ""]
    assert detail["plan_this_year"].approved and detail["plan_next_year"] is None


def test_without_follow_up_functions_the_evidence_reads_as_unknown(region, qulturum, monkeypatch):
    # Points the adapter at a function that does not exist, as on a platform without the follow-up log.
    monkeypatch.setattr(evidence, "FOLLOWUP_MEETINGS", "followup.selectors.no_such_function")
    monkeypatch.setattr(evidence, "FOLLOWUP_OUTCOME", "no_such_app.selectors.outcome")
    assert evidence.missing_sources() == [
        "followup.selectors.no_such_function",
        "no_such_app.selectors.outcome",
    ]
    rows = rows_by_code(qulturum)
    assert rows["ORT06"].meetings is None and not rows["ORT06"].call_in_unconfirmed
    result = selectors.rollout_indicators(user=qulturum, year=2026, today=TODAY)
    assert result["outcome_available"] is False


def test_the_overview_costs_the_same_few_queries_for_many_clinics(
    region, qulturum, django_assert_max_num_queries
):
    for n in range(30):
        clinic = Clinic.objects.create(area=region.areas[n % 2], code=f"X{n}", name=f"Klinik {n}")
        make_programme(
            qulturum, clinic, start=date(2026, 1, 1), today=TODAY, done=[Step.PROCESS_MAPPING]
        )
        approve_plan(clinic, 2026, approved_on=date(2026, 1, 5))
        log_meetings(clinic, [TODAY - timedelta(days=3)])
    qulturum = type(qulturum).objects.get(
        pk=qulturum.pk
    )  # a fresh request's user: roles not yet cached
    with django_assert_max_num_queries(6):
        rows = selectors.rollout_rows(user=qulturum, today=TODAY)
    assert len(rows) == 33 and sum(r.is_late for r in rows) == 31
    with django_assert_max_num_queries(10):
        selectors.rollout_indicators(user=qulturum, year=2026, today=TODAY)
