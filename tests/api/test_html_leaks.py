"""Asking the API for HTML shows a user nothing outside their clinics.

The browsable API's forms listed every related object unfiltered (every clinic, every plan,
every user name), even on a 404 for another clinic's object; the API now answers in JSON only.
"""

from __future__ import annotations

import datetime
import re

import pytest
from drf_spectacular.generators import EndpointEnumerator
from rest_framework.test import APIClient

from followup.models import Meeting
from organisation.models import Role
from planning import services as planning
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1/"
OUTSIDER = "kardiolog-utanfor"
# What each limited role must not see: clinics outside its scope, and another clinic's user.
HIDDEN = {
    "ledare": ["Ögonkliniken", "Kardiologiska kliniken", OUTSIDER],
    "chef": ["Ögonkliniken", "Kardiologiska kliniken", OUTSIDER],
    "omradeschef": ["Kardiologiska kliniken", OUTSIDER],
}


@pytest.fixture
def other_clinics_objects(org, role_users) -> list[int]:
    """A plan and a meeting of Kardiologiska kliniken, by a user of that clinic only."""
    cardiology = org.clinics[2]
    outsider = factories.make_user(OUTSIDER, Role.KPS_LEADER, clinic=cardiology)
    version = planning.plan_create(clinic=cardiology, year=2026, user=outsider)
    meeting = Meeting.objects.create(
        clinic=cardiology, held_on=datetime.date(2026, 2, 2), week=202605, created_by=outsider
    )
    return sorted({version.id, version.plan_id, meeting.id})


def html_get_paths(ids: list[int]) -> list[str]:
    """Every GET operation of the API; object paths once per id of another clinic's objects."""
    paths = set()
    for path, _regex, method, _view in EndpointEnumerator().get_api_endpoints():
        if method != "GET" or not path.startswith(API):
            continue
        if "{" in path:
            paths.update(re.sub(r"\{[^}]+\}", str(i), path) for i in ids)
        else:
            paths.add(path)
    return sorted(paths)


@pytest.mark.parametrize("username", sorted(HIDDEN))
def test_no_api_answer_in_html_names_a_clinic_or_user_outside_the_roles_clinics(
    username, role_users, other_clinics_objects
):
    client = APIClient()
    client.force_authenticate(role_users[username])
    leaks = []
    for path in html_get_paths(other_clinics_objects):
        for response in (
            client.get(path, {"format": "api"}),
            client.get(path, HTTP_ACCEPT="text/html"),
        ):
            assert response.status_code < 500, (path, response.status_code)
            body = response.content.decode()
            leaks += [(path, name) for name in HIDDEN[username] if name in body]
    assert leaks == []


def test_the_api_never_answers_in_html(kps_admin):
    client = APIClient()
    client.force_authenticate(kps_admin)
    response = client.get(f"{API}clinics/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*")
    assert response["Content-Type"].startswith("application/json")
