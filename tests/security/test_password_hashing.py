"""Passwords are stored with Argon2id at OWASP's parameters; one stored otherwise before is
rehashed at login."""

import importlib

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def configured_hashers(settings):
    """The hashers the project configures (tests use a fast one; see tests/conftest.py)."""
    configured = importlib.import_module("kps.settings").PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = configured
    return configured


def test_argon2id_at_owasps_parameters_is_the_hasher_new_passwords_get(configured_hashers):
    assert configured_hashers[0] == "kps.security.hashers.Argon2idPasswordHasher"
    encoded = make_password("ett-lösenord")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("ett-lösenord", encoded)


def test_a_hash_at_djangos_argon2_parameters_is_rehashed_at_owasps(client, configured_hashers):
    djangos = Argon2PasswordHasher()
    user = User.objects.create(
        username="tung", password=djangos.encode("tungt-lösenord-1", djangos.salt())
    )
    assert "m=102400" in user.password
    client.post(reverse("login"), {"username": "tung", "password": "tungt-lösenord-1"})
    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password


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
