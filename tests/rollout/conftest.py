"""Fixtures for rollout tests; the builders they use are in ``tests.rollout.builders``."""

import pytest


@pytest.fixture
def qulturum(qulturum_user):
    return qulturum_user
