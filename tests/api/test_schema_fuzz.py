"""The published OpenAPI schema is the API's contract: fuzzed per role, no answer breaks it.

Schemathesis draws requests from the schema for every operation and checks each answer:
no server error, a documented status code, a body of the documented shape. Bounded and
deterministic (a fixed number of examples per operation, derandomised) so that it runs in the
normal suite, on SQLite and on PostgreSQL, and a 500 or a schema violation fails the build.
"""

from __future__ import annotations

import base64
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories
from tests.followup import scenario

pytestmark = pytest.mark.django_db

# Per operation and role; about forty operations make a few hundred calls per role.
EXAMPLES = 6
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
USERNAMES = [persona.username for persona in factories.PERSONAS]
PASSWORDS = {persona.username: persona.password for persona in factories.PERSONAS}


@pytest.fixture
def _connection_kept_open_between_requests():
    """The WSGI handler closes the connection after each request, as Django's test client does not.

    The test database lives in that connection's transaction, so it must stay open.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def published_schema():
    document = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(document)
    schema.app = get_wsgi_application()
    return schema


def fuzz(operation, headers: dict) -> list[str]:
    """Run one operation's examples; the failures found, one line each."""
    failures: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - count every failure
            message = str(error).strip().splitlines()
            failures.append(f"{operation.label}: {type(error).__name__}: {' | '.join(message[:6])}")

    run()
    return failures


@pytest.mark.parametrize("username", USERNAMES)
def test_no_fuzzed_request_gets_a_server_error_or_an_answer_outside_the_schema(
    username, org, role_users, _connection_kept_open_between_requests
):
    scenario.build(org)  # figures to answer with, so that the bodies have something to check
    token = base64.b64encode(f"{username}:{PASSWORDS[username]}".encode()).decode()
    headers = {"Authorization": f"Basic {token}"}
    failures: list[str] = []
    for result in published_schema().get_all_operations():
        failures += fuzz(result.ok(), headers)
    summary = Counter(line.split(":", 1)[0] for line in failures)
    assert failures == [], f"{len(failures)} failures at {len(summary)} operations:\n" + "\n".join(
        failures
    )
