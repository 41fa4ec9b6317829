"""Shared fixtures: the test organisation, a user per role, and a real Celery worker.

Tests marked ``services`` need PostgreSQL, Redis and a worker process; they run
when DATABASE_URL (PostgreSQL) and REDIS_URL are set, as in CI's second pass,
and are skipped with the reason otherwise. KPS_REQUIRE_SERVICES=1 turns that skip
into an error, so a CI pass meant to run them cannot quietly skip them.
"""

from __future__ import annotations

import importlib
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps as django_apps

from organisation.models import Activity
from tests import factories

ROOT = Path(__file__).resolve().parent.parent

# browser, page, login, problems: for browser tests in any package.
pytest_plugins = ["tests.browser.fixtures"]


def services_missing() -> str:
    """Why the `services` tests cannot run here, or "" when they can."""
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url or not os.environ.get("REDIS_URL"):
        return "needs DATABASE_URL (PostgreSQL) and REDIS_URL; CI's second pass sets them"
    if not database_url.startswith(("postgres://", "postgresql://")):
        # A worker process cannot share pytest-django's in-memory SQLite test database.
        return "needs DATABASE_URL to point at PostgreSQL, not " + database_url.split(":", 1)[0]
    return ""


def pytest_collection_modifyitems(config, items):
    reason = services_missing()
    if not reason:
        return
    wanted = [item for item in items if item.get_closest_marker("services")]
    if wanted and os.environ.get("KPS_REQUIRE_SERVICES") == "1":
        raise pytest.UsageError(
            f"KPS_REQUIRE_SERVICES=1 but the services tests cannot run: {reason}"
        )
    for item in wanted:
        item.add_marker(pytest.mark.skip(reason=f"services test: {reason}"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite's test database in a file rather than in memory.

    With an in-memory database the live server's request threads share one connection,
    which Django's documentation warns fails at random; a page fetching two charts at
    once hung the whole suite that way. A file gives each thread its own connection.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = tmp_path_factory.mktemp("sqlite") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(scope="session", autouse=True)
def _source_static_files():
    """Pages name the source static files, as with debug on, without collectstatic.

    The settings' storage names the hashed, compressed copies that collectstatic makes, and
    pytest-django turns debug off; collecting (brotli over every file) would add a minute to
    every run. tests/test_deployment.py collects and serves them as production does.
    """
    from django.conf import settings
    from django.test import override_settings

    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The default PBKDF2 costs ~0.3 s per user created or logged in; tests do not need that strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def activities(db):
    """The default activities; seeded again where a transactional test's flush removed them."""
    if not Activity.objects.exists():
        seed = importlib.import_module("organisation.migrations.0002_default_activities").seed
        seed(django_apps, None)
    return {a.code: a for a in Activity.objects.all()}


@pytest.fixture(scope="session")
def _celery_eager_as_configured() -> bool:
    # Read once, before any test overrides settings: Celery copies Django's settings into
    # its configuration the first time it is asked and never again.
    from kps.celery import app

    return app.conf.task_always_eager


@pytest.fixture(autouse=True)
def _tasks_in_process_unless_the_test_uses_the_worker(
    request, settings, _celery_eager_as_configured
):
    """Celery tasks run in the test's own process, as without REDIS_URL, except in `services` tests.

    With REDIS_URL set, a task another test dispatches would otherwise wait in Redis, or
    be picked up by the session's worker, which cannot see that test's uncommitted rows.
    """
    if request.node.get_closest_marker("services") or "celery_worker" in request.fixturenames:
        yield
        return
    from kps.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = _celery_eager_as_configured


@pytest.fixture(autouse=True)
def _api_throttling_off(settings):
    """The API's rate limits count in the cache, which outlives a test: left on, a suite that
    asks many anonymous questions from one address would be refused at random. Tests of the
    throttle (tests/security) set their own rates."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }


@pytest.fixture(autouse=True)
def _new_figure_generation():
    """The dashboards cache figures per data generation (kps.figure_cache) in a cache that
    outlives a test's rolled-back rows: each test starts a generation of its own."""
    from kps.figure_cache import figures_changed

    figures_changed()


@pytest.fixture
def org(db) -> factories.Org:
    return factories.make_org()


@pytest.fixture
def role_users(org) -> dict:
    """The demo's accounts (ledare, chef, omradeschef, qulturum, admin) in the test organisation."""
    return factories.make_role_users(org)


@pytest.fixture
def kps_leader(role_users):
    return role_users["ledare"]


@pytest.fixture
def clinic_manager(role_users):
    return role_users["chef"]


@pytest.fixture
def area_manager(role_users):
    return role_users["omradeschef"]


@pytest.fixture
def qulturum_user(role_users):
    return role_users["qulturum"]


@pytest.fixture
def kps_admin(role_users):
    return role_users["admin"]


@dataclass
class Worker:
    nodename: str
    env: dict[str, str]  # the worker's environment: DATABASE_URL points at the test database
    log: Path


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, tmp_path_factory):
    """A real `celery -A kps worker` process on the test database, for tests marked `services`.

    Tests using it need ``django_db(transaction=True)``: the worker is another
    process and only sees committed rows.
    """
    reason = services_missing()
    if reason:
        pytest.fail(f"celery_worker: {reason}", pytrace=False)
    from django.conf import settings

    from kps.celery import app

    # pytest-django has renamed the database to its test database by now.
    test_database = settings.DATABASES["default"]["NAME"]
    database_url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{test_database}").geturl()
    env = {
        **os.environ,
        # Not settings.SETTINGS_MODULE: it is None while a test overrides settings.
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE") or "kps.settings",
        "DATABASE_URL": database_url,
        # No pooled connections left open: the test database is dropped at the end.
        "DATABASE_CONN_MAX_AGE": "0",
    }
    nodename = f"kps-test-{os.getpid()}@{socket.gethostname()}"
    log = tmp_path_factory.mktemp("celery") / "worker.log"
    command = [
        sys.executable, "-m", "celery", "-A", "kps", "worker", "--pool=solo", "-c", "1",
        "-n", nodename, "--loglevel=INFO", "--without-gossip", "--without-mingle",
        # Leftovers of an earlier, interrupted run must not reach this test database.
        "--purge",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[nodename], timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"the Celery worker did not answer a ping (exit code {process.poll()}):\n"
                    + log.read_text(errors="replace")[-4000:],
                    pytrace=False,
                )
        yield Worker(nodename=nodename, env=env, log=log)
    finally:
        process.terminate()  # a warm shutdown: finishes the current task, closes connections
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
