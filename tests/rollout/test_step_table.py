"""The step table is saved with one button: every edited row is kept, or on a refusal none is saved
and what was typed stays on the page, flagged as not saved."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rollout import services
from rollout.models import RolloutChange, Step

from .builders import make_programme
from .test_pages import messages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def programme(org, qulturum, today):
    return make_programme(qulturum, org.clinics[0], start=today - timedelta(days=200), today=today)


def _row(kind, **fields) -> dict:
    return {f"steg-{kind}-{name}": value for name, value in fields.items()}


def test_editing_two_rows_and_saving_once_keeps_both(client, programme, qulturum, today):
    client.force_login(qulturum)
    data = {
        **_row(Step.PROCESS_MAPPING, done_on=today.isoformat(), notes="Kartlagt"),
        **_row(Step.GOALS_SET, done_on=(today - timedelta(days=1)).isoformat(), notes=""),
    }
    response = client.post(f"/inforande/klinik/{programme.clinic_id}/steg/", data, follow=True)
    assert messages_of(response) == [
        f"{Step.PROCESS_MAPPING.label}, {Step.GOALS_SET.label} är sparade."
    ]
    steps = {s.kind: s for s in programme.steps.all()}
    assert (steps[Step.PROCESS_MAPPING].done_on, steps[Step.PROCESS_MAPPING].notes) == (
        today,
        "Kartlagt",
    )
    assert steps[Step.GOALS_SET].done_on == today - timedelta(days=1)


def test_a_refused_row_saves_nothing_and_keeps_every_typed_value_flagged(
    client, programme, qulturum, today
):
    client.force_login(qulturum)
    before = RolloutChange.objects.count()
    data = {
        **_row(Step.PROCESS_MAPPING, done_on=today.isoformat(), notes="Kartlagt"),
        **_row(Step.GOALS_SET, done_on="2099-01-01"),
    }
    response = client.post(f"/inforande/klinik/{programme.clinic_id}/steg/", data)
    assert response.status_code == 200
    assert any(
        "Mål satta: Ett steg kan inte vara klart i framtiden." in m for m in messages_of(response)
    )
    assert RolloutChange.objects.count() == before
    assert not programme.steps.filter(done_on__isnull=False).exists()
    page = response.content.decode()
    assert (
        f'name="steg-{Step.PROCESS_MAPPING}-done_on" form="steg-form" value="{today.isoformat()}"'
        in page
    )
    assert ">Kartlagt</textarea>" in page
    assert 'value="2099-01-01"' in page
    assert page.count("inte sparat") == 2


def test_an_untouched_table_saves_nothing(client, programme, qulturum):
    client.force_login(qulturum)
    page = client.get(f"/inforande/klinik/{programme.clinic_id}/")
    steps = page.context["steps"]
    data = {}
    for step in steps:
        data |= _row(step.kind, done_on="", notes="")
        if step.kind != Step.COMPLETED:
            data |= _row(step.kind, due=step.due.isoformat())
    before = RolloutChange.objects.count()
    response = client.post(f"/inforande/klinik/{programme.clinic_id}/steg/", data, follow=True)
    assert messages_of(response) == ["Inga ändringar i stegen."]
    assert RolloutChange.objects.count() == before


def test_the_action_plan_and_the_completion_are_ticked_off_and_undone_in_one_save(
    programme, qulturum, today
):
    both = {Step.ACTION_PLAN: {"done_on": today}, Step.COMPLETED: {"done_on": today}}
    saved = services.programme_steps_update(user=qulturum, programme=programme, values=both)
    assert [s.kind for s in saved] == [Step.ACTION_PLAN, Step.COMPLETED]
    undo = {Step.ACTION_PLAN: {"done_on": None}, Step.COMPLETED: {"done_on": None}}
    services.programme_steps_update(user=qulturum, programme=programme, values=undo)
    assert not programme.steps.filter(done_on__isnull=False).exists()
