"""The demo's programme data: clinics at every stage, written through the services, only once."""

from datetime import date

import pytest

from demo.rollout import rollout_demo_seed
from organisation.models import Clinic
from rollout import selectors
from rollout.models import Programme, RolloutChange
from rollout.status import ProgrammeStatus

pytestmark = pytest.mark.django_db

TODAY = date(2026, 10, 5)


@pytest.fixture
def bigger_org(org):
    for n in range(9):
        Clinic.objects.create(area=org.areas[n % 2], code=f"D{n}", name=f"Demoklinik {n}")
    return org


def test_the_demo_puts_clinics_at_every_stage_and_links_the_demo_users(
    bigger_org, role_users, qulturum_user
):
    added = rollout_demo_seed(today=TODAY)
    assert added == Programme.objects.count() >= 6
    statuses = {row.status for row in selectors.rollout_rows(user=qulturum_user, today=TODAY)}
    assert statuses == set(ProgrammeStatus)
    leader_role = Programme.objects.get(clinic=bigger_org.clinics[0]).roles.get(role="leader")
    assert leader_role.user == role_users["ledare"]
    assert RolloutChange.objects.filter(user=qulturum_user).exists()


def test_running_the_demo_twice_adds_nothing(bigger_org, qulturum_user):
    rollout_demo_seed(today=TODAY)
    changes = RolloutChange.objects.count()
    assert rollout_demo_seed(today=TODAY) == 0
    assert RolloutChange.objects.count() == changes
