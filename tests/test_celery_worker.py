"""A task goes through Redis to a real worker process, which reads the same database as the test."""

import pytest
from celery.result import EagerResult
from django.conf import settings

from kps.celery import health_check
from organisation.models import Clinic
from tests import factories

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_the_worker_answers_the_health_check_from_the_test_database(celery_worker):
    org = factories.make_org()
    for n in range(4):
        Clinic.objects.create(area=org.areas[1], code=f"EXTRA{n}", name=f"Extra klinik {n}")

    result = health_check.delay()
    # Without REDIS_URL the task would run in this process and prove nothing about the worker.
    assert not isinstance(result, EagerResult)
    answer = result.get(timeout=30)

    # Seven clinics exist only in this test's committed rows: the worker cannot have guessed them.
    assert answer == {"database": settings.DATABASES["default"]["NAME"], "clinics": 7}
