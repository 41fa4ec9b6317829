"""Passwords are stored with Argon2, and one stored with PBKDF2 before is rehashed at login."""

import importlib

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def configured_hashers(settings):
    """The hashers the project configures (tests use a fast one; see tests/conftest.py)."""
    configured = importlib.import_module("kps.settings").PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = configured
    return configured


def test_argon2_is_the_hasher_new_passwords_get(configured_hashers):
    assert configured_hashers[0].endswith("Argon2PasswordHasher")
    assert make_password("ett-lösenord").startswith("argon2$argon2id$")


def test_a_pbkdf2_password_still_logs_in_and_is_rehashed_with_argon2(client, configured_hashers):
    user = User.objects.create(
        username="gammal",
        password=make_password("gammalt-lösenord-1", hasher="pbkdf2_sha256"),
    )
    response = client.post(
        reverse("login"), {"username": "gammal", "password": "gammalt-lösenord-1"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
