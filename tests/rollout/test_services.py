"""Writes to the programme: the rules they keep, and the record of who changed what and when."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rollout import services
from rollout.models import Programme, ProgrammeRole, ProgrammeStep, RolloutChange, Step

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


@pytest.fixture
def programme(org, qulturum):
    return services.programme_create(
        user=qulturum,
        clinic=org.clinics[0],
        decision_date=date(2026, 1, 10),
        start=date(2026, 2, 1),
        today=TODAY,
    )


def test_entering_a_clinic_creates_every_step_with_a_due_date_and_one_year_by_default(programme):
    assert programme.planned_end == date(2027, 2, 1)
    steps = {s.kind: s for s in programme.steps.all()}
    assert set(steps) == set(Step)
    assert all(s.due and s.done_on is None for s in steps.values())
    assert steps[Step.COMPLETED].due == programme.planned_end


def test_entering_a_clinic_is_recorded_with_who_and_when(programme, qulturum):
    changes = RolloutChange.objects.filter(clinic=programme.clinic)
    assert {c.field for c in changes} >= {"områdeschefens beslut", "programstart", "planerat slut"}
    assert all(c.user == qulturum and c.at for c in changes)
    assert changes.get(field="programstart").new == "2026-02-01"


def test_start_defaults_to_the_decision_date(org, qulturum):
    programme = services.programme_create(
        user=qulturum, clinic=org.clinics[1], decision_date=date(2026, 3, 2), today=TODAY
    )
    assert (programme.start, programme.planned_end) == (date(2026, 3, 2), date(2027, 3, 2))


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"decision_date": date(2026, 7, 1)}, "framtiden"),
        (
            {"decision_date": date(2026, 3, 1), "start": date(2026, 2, 1)},
            "före områdeschefens beslut",
        ),
        (
            {"decision_date": date(2026, 1, 1), "planned_end": date(2025, 12, 1)},
            "efter programstart",
        ),
        ({"decision_date": date(2026, 1, 1), "agreement_date": date(2025, 12, 1)}, "före beslutet"),
        ({"decision_date": date(2026, 1, 1), "goals": "x" * 10_001}, "för lång"),
    ],
)
def test_bad_programme_dates_are_refused_in_swedish_and_nothing_is_saved(
    org, qulturum, values, message
):
    with pytest.raises(ValidationError) as error:
        services.programme_create(user=qulturum, clinic=org.clinics[1], today=TODAY, **values)
    assert message in " ".join(error.value.messages)
    assert not Programme.objects.exists()
    assert not RolloutChange.objects.exists()


def test_a_clinic_enters_the_programme_only_once(programme, qulturum):
    with pytest.raises(ValidationError, match="redan med"):
        services.programme_create(
            user=qulturum, clinic=programme.clinic, decision_date=date(2026, 1, 1), today=TODAY
        )
    assert Programme.objects.count() == 1


def test_only_qulturum_and_administrators_write(org, role_users, programme):
    for name in ("ledare", "chef", "omradeschef"):
        with pytest.raises(PermissionDenied):
            services.programme_update(
                user=role_users[name], programme=programme, goals="Nya mål", today=TODAY
            )
    services.programme_update(
        user=role_users["admin"], programme=programme, goals="Nya mål", today=TODAY
    )
    assert Programme.objects.get().goals == "Nya mål"


def test_an_update_records_each_changed_field_with_old_and_new_value(programme, qulturum):
    RolloutChange.objects.all().delete()
    services.programme_update(
        user=qulturum,
        programme=programme,
        goals="Halverad väntetid",
        start=date(2026, 2, 1),
        today=TODAY,
    )
    change = RolloutChange.objects.get()
    assert (change.field, change.old, change.new, change.user) == (
        "mål",
        "",
        "Halverad väntetid",
        qulturum,
    )


def test_a_new_planned_end_moves_the_completion_step(programme, qulturum):
    services.programme_update(
        user=qulturum, programme=programme, planned_end=date(2027, 6, 1), today=TODAY
    )
    assert programme.steps.get(kind=Step.COMPLETED).due == date(2027, 6, 1)
    assert RolloutChange.objects.filter(subject=Step.COMPLETED.label, new="2027-06-01").exists()


def test_an_update_with_a_bad_date_changes_nothing(programme, qulturum):
    before = RolloutChange.objects.count()
    with pytest.raises(ValidationError):
        services.programme_update(
            user=qulturum, programme=programme, goals="x", planned_end=date(2026, 1, 1), today=TODAY
        )
    programme.refresh_from_db()
    assert (programme.goals, programme.planned_end) == ("", date(2027, 2, 1))
    assert RolloutChange.objects.count() == before


def test_ticking_off_a_step_records_the_date_and_the_notes(programme, qulturum):
    services.programme_step_update(
        user=qulturum, programme=programme, kind=Step.METHOD_MEETING_1, done_on=date(2026, 3, 3),
        notes="Genomgång av processkartan", today=TODAY,
    )  # fmt: skip
    step = programme.steps.get(kind=Step.METHOD_MEETING_1)
    assert (step.done_on, step.notes) == (date(2026, 3, 3), "Genomgång av processkartan")
    fields = set(RolloutChange.objects.filter(subject="Metodmöte 1").values_list("field", "new"))
    assert fields == {("klart", "2026-03-03"), ("anteckningar", "Genomgång av processkartan")}


@pytest.mark.parametrize(
    ("kind", "values", "message"),
    [
        (Step.GOALS_SET, {"done_on": date(2026, 6, 16)}, "i framtiden"),
        (Step.GOALS_SET, {"done_on": date(2026, 1, 9)}, "före områdeschefens beslut"),
        (Step.GOALS_SET, {"due": date(2026, 1, 20)}, "före programstart"),
        (Step.COMPLETED, {"done_on": date(2026, 6, 1)}, "handlingsplanen"),
        (Step.COMPLETED, {"due": date(2027, 3, 1)}, "planerat slut"),
        (99, {"done_on": date(2026, 6, 1)}, "Okänt programsteg"),
        ("x", {"done_on": date(2026, 6, 1)}, "Okänt programsteg"),
    ],
)
def test_a_bad_step_update_is_refused_and_changes_nothing(
    programme, qulturum, kind, values, message
):
    before = RolloutChange.objects.count()
    with pytest.raises(ValidationError) as error:
        services.programme_step_update(
            user=qulturum, programme=programme, kind=kind, today=TODAY, **values
        )
    assert message in " ".join(error.value.messages)
    assert not ProgrammeStep.objects.filter(done_on__isnull=False).exists()
    assert RolloutChange.objects.count() == before


def test_the_programme_completes_after_the_action_plan_which_then_cannot_be_undone(
    programme, qulturum
):
    update = dict(user=qulturum, programme=programme, today=TODAY)
    services.programme_step_update(kind=Step.ACTION_PLAN, done_on=date(2026, 6, 1), **update)
    services.programme_step_update(kind=Step.COMPLETED, done_on=date(2026, 6, 10), **update)
    with pytest.raises(ValidationError, match="ångra först avslutet"):
        services.programme_step_update(kind=Step.ACTION_PLAN, done_on=None, **update)
    services.programme_step_update(kind=Step.COMPLETED, done_on=None, **update)
    services.programme_step_update(kind=Step.ACTION_PLAN, done_on=None, **update)
    assert not programme.steps.filter(done_on__isnull=False).exists()


def test_a_new_owner_replaces_the_old_while_members_add_up(programme, qulturum, kps_leader):
    services.programme_role_add(user=qulturum, programme=programme, role="owner", name="Karin Lund")
    services.programme_role_add(user=qulturum, programme=programme, role="owner", name="Per Holm")
    services.programme_role_add(
        user=qulturum, programme=programme, role="leader", username=kps_leader.username
    )
    services.programme_role_add(user=qulturum, programme=programme, role="member", name="Anna Sten")
    services.programme_role_add(user=qulturum, programme=programme, role="member", name="Omar Said")
    roles = {(r.role, r.name, r.user_id) for r in programme.roles.all()}
    assert roles == {
        ("owner", "Per Holm", None),
        ("leader", kps_leader.get_full_name(), kps_leader.id),
        ("member", "Anna Sten", None),
        ("member", "Omar Said", None),
    }
    replaced = RolloutChange.objects.get(field="KPS-ägare", new="Per Holm")
    assert (replaced.old, replaced.user) == ("Karin Lund", qulturum)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"role": "member", "username": "finns-inte"}, "ingen användare"),
        ({"role": "member"}, "namn"),
        ({"role": "chef", "name": "X"}, "Okänd roll"),
        ({"role": "member", "name": "x" * 151}, "för långt"),
    ],
)
def test_bad_roles_are_refused(programme, qulturum, values, message):
    with pytest.raises(ValidationError) as error:
        services.programme_role_add(user=qulturum, programme=programme, **values)
    assert message in " ".join(error.value.messages)
    assert not ProgrammeRole.objects.exists()


def test_a_member_is_named_once(programme, qulturum):
    services.programme_role_add(user=qulturum, programme=programme, role="member", name="Anna Sten")
    with pytest.raises(ValidationError, match="redan med"):
        services.programme_role_add(
            user=qulturum, programme=programme, role="member", name="anna sten"
        )


def test_removing_a_role_is_recorded(programme, qulturum):
    role = services.programme_role_add(
        user=qulturum, programme=programme, role="member", name="Anna Sten"
    )
    services.programme_role_remove(user=qulturum, role=role)
    assert not ProgrammeRole.objects.exists()
    assert RolloutChange.objects.filter(
        field="Medlem i KPS-gruppen", old="Anna Sten", new=""
    ).exists()
