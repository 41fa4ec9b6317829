"""The production deployment: docker-compose.yml, the Dockerfile and the production settings.

No Docker engine runs in CI, so these tests run what the containers would run:
the compose services' own commands and health checks, against the real settings.
"""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ("web", "worker", "beat", "migrate")
BIN = Path(sys.executable).parent


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment a container gets: production settings, fresh secrets, nothing of ours."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "KPS_", "DATABASE_", "REDIS_", "CELERY_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="kps.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        KPS_PSEUDONYM_KEY=secrets.token_urlsafe(32),
        DJANGO_ALLOWED_HOSTS="kps.region.example,localhost",
        KPS_VAR_DIR=str(tmp_path / "var"),
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
    )
    env.update(extra)
    # The settings create the static root but not var/, where SQLite (no DATABASE_URL) lives.
    (tmp_path / "var").mkdir(exist_ok=True)
    return env


def run(command: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    # The compose commands name programs (python, gunicorn, celery) on the image's PATH;
    # here they are this environment's.
    program = str(BIN / command[0]) if (BIN / command[0]).exists() else command[0]
    return subprocess.run(
        [program, *command[1:]], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def healthcheck(service: str) -> list[str]:
    test = SERVICES[service]["healthcheck"]["test"]
    assert test[0] == "CMD", f"{service}: a CMD health check runs without a shell here and there"
    return test[1:]


# --- docker-compose.yml ----------------------------------------------------------------


def test_compose_runs_the_whole_platform_each_service_with_a_health_check():
    assert set(SERVICES) == {"db", "redis", "migrate", "web", "worker", "beat"}
    assert SERVICES["db"]["image"] == "postgres:16"
    assert SERVICES["redis"]["image"] == "redis:7"
    for name, service in SERVICES.items():
        if name != "migrate":  # a one-shot job: the others wait for it to succeed instead
            assert service["healthcheck"]["test"], f"{name} has no health check"
    assert "pg_isready" in SERVICES["db"]["healthcheck"]["test"][1]
    assert "redis-cli ping" in SERVICES["redis"]["healthcheck"]["test"][1]
    for name in ("web", "worker", "beat"):
        assert SERVICES[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }


def test_compose_keeps_the_database_and_the_drop_folder_in_named_volumes():
    assert {"db-data", "drop"} <= set(COMPOSE["volumes"])
    assert "db-data:/var/lib/postgresql/data" in SERVICES["db"]["volumes"]
    for name in ("web", "worker"):
        drop_folder = SERVICES[name]["environment"]["KPS_DROP_FOLDER"]
        assert f"drop:{drop_folder}" in SERVICES[name]["volumes"]


def test_the_app_services_run_production_settings_from_the_env_file():
    for name in APP_SERVICES:
        service = SERVICES[name]
        assert service["env_file"] == ".env"
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "kps.settings.production"
        assert service["environment"]["DATABASE_URL"].startswith("postgres://")
        assert service["environment"]["REDIS_URL"] == "redis://redis:6379/0"


def test_env_example_names_every_variable_compose_and_the_settings_need():
    example = (ROOT / ".env.example").read_text()
    named = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    interpolated = set(re.findall(r"\$\{([A-Z_]+)", (ROOT / "docker-compose.yml").read_text()))
    assert interpolated - named == set()
    assert {"DJANGO_SECRET_KEY", "KPS_PSEUDONYM_KEY", "DJANGO_ALLOWED_HOSTS"} <= named
    # The secrets stay empty in the example: production refuses to start until they are set.
    assert re.search(r"^DJANGO_SECRET_KEY=$", example, re.MULTILINE)
    assert re.search(r"^KPS_PSEUDONYM_KEY=$", example, re.MULTILINE)


def test_the_services_run_gunicorn_celery_and_migrate_of_this_project():
    assert SERVICES["web"]["command"] == ["gunicorn", "-c", "python:kps.gunicorn", "kps.wsgi"]
    assert SERVICES["worker"]["command"][:4] == ["celery", "-A", "kps", "worker"]
    assert SERVICES["beat"]["command"][:4] == ["celery", "-A", "kps", "beat"]
    assert SERVICES["migrate"]["command"] == ["python", "manage.py", "migrate", "--no-input"]


# --- Dockerfile ------------------------------------------------------------------------


def test_the_image_runs_as_a_non_root_user_the_same_gunicorn_command_as_compose():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)", dockerfile, re.MULTILINE)
    assert stages and all(image.startswith("python:3.11-slim") for image in stages)
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    cmd = re.findall(r"^CMD (.+)$", dockerfile, re.MULTILINE)[-1]
    assert yaml.safe_load(cmd) == SERVICES["web"]["command"]
    assert "collectstatic" in dockerfile


# --- production settings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY must be set"),
        ({"DJANGO_SECRET_KEY": "too-short-for-production"}, "DJANGO_SECRET_KEY must be set"),
        ({"KPS_PSEUDONYM_KEY": ""}, "KPS_PSEUDONYM_KEY must be set"),
    ],
)
def test_production_settings_refuse_to_start_without_their_secrets(tmp_path, missing, message):
    result = run(["python", "manage.py", "check"], production_env(tmp_path, **missing))
    assert result.returncode != 0
    assert message in result.stderr


def test_production_never_offers_the_demo_logins_even_when_the_environment_asks(tmp_path):
    code = "from django.conf import settings; print(settings.KPS_DEMO_LOGIN)"
    command = ["python", "manage.py", "shell", "--verbosity", "0", "-c", code]
    env = production_env(tmp_path, KPS_DEMO_LOGIN="1")
    # The development settings follow the variable, so production's False is its own doing.
    development = run(command, {**env, "DJANGO_SETTINGS_MODULE": "kps.settings"})
    assert development.stdout.strip() == "True", development.stderr
    production = run(command, env)
    assert production.returncode == 0, production.stderr
    assert production.stdout.strip() == "False"


def test_production_leaves_the_demo_app_out_and_the_embedded_default_keeps_it(tmp_path):
    code = "from django.conf import settings; print('demo' in settings.INSTALLED_APPS)"
    command = ["python", "manage.py", "shell", "--verbosity", "0", "-c", code]
    env = production_env(tmp_path)
    production = run(command, env)
    assert production.returncode == 0, production.stderr
    assert production.stdout.strip() == "False"
    development = run(command, {**env, "DJANGO_SETTINGS_MODULE": "kps.settings"})
    assert development.stdout.strip() == "True", development.stderr
    # Without the app its commands are gone too: nobody builds a demo region in production.
    assert "kps_demo" not in run(["python", "manage.py", "help", "--commands"], env).stdout
    assert (
        "kps_demo"
        in run(
            ["python", "manage.py", "help", "--commands"],
            {**env, "DJANGO_SETTINGS_MODULE": "kps.settings"},
        ).stdout
    )


def test_production_settings_pass_the_deployment_checks_without_a_warning(tmp_path):
    result = run(
        ["python", "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_gunicorn_accepts_the_web_command_and_loads_the_application(tmp_path):
    command = [*SERVICES["web"]["command"], "--check-config"]
    assert run(command, production_env(tmp_path)).returncode == 0
    # --check-config imports kps.wsgi: without a secret it must fail, or the check proves nothing.
    refused = run(command, production_env(tmp_path, DJANGO_SECRET_KEY=""))
    assert refused.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in refused.stdout + refused.stderr


def test_celery_finds_the_app_the_worker_and_beat_run(tmp_path):
    result = run(["celery", "-A", "kps", "report"], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "kps.settings.production" in result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, headers: dict[str, str] | None = None, timeout: float = 10):
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        return error


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_gunicorn_serves_the_health_check_and_whitenoise_the_static_files(tmp_path):
    env = production_env(tmp_path)
    # The Dockerfile's build step, then the web service's command on a free port.
    # Compressing every file twice over (gzip, brotli) takes CPU for most of a minute.
    collected = run(
        ["python", "manage.py", "collectstatic", "--no-input", "-v", "0"], env, timeout=600
    )
    assert collected.returncode == 0, collected.stderr
    assert (tmp_path / "static" / "css" / "kps.css.gz").exists()
    port = free_port()
    env["KPS_BIND"] = f"127.0.0.1:{port}"  # kps/gunicorn.py binds to 0.0.0.0:8000 by default
    command = SERVICES["web"]["command"]
    log = (tmp_path / "gunicorn.log").open("w")
    program = str(BIN / "gunicorn")
    server = subprocess.Popen([program, *command[1:]], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        # gunicorn listens before its workers have loaded Django; compose gives it a
        # start_period for that, this loop the same.
        deadline = time.monotonic() + 60
        while server.poll() is None and time.monotonic() < deadline:
            try:
                get(f"http://localhost:{port}/healthz/", timeout=30)
                break
            except OSError:
                time.sleep(0.2)
        assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()

        check = [part.replace("localhost:8000", f"localhost:{port}") for part in healthcheck("web")]
        result = run(check, env)
        assert result.returncode == 0, result.stderr

        base = f"http://localhost:{port}"
        # Production redirects plain http to https, except for the health check.
        assert get(f"{base}/").status == 301
        static = get(
            f"{base}/static/css/kps.css",
            {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"},
        )
        assert static.status == 200
        assert static.headers["Content-Encoding"] == "gzip"

        # Pages name the hashed copies, which are cached for a year and never asked for again.
        login = get(f"{base}/logga-in/", {"X-Forwarded-Proto": "https"}).read().decode()
        manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
        assert f'/static/{manifest["css/kps.css"]}"' in login
        plotly = f"{base}/static/{manifest['vendor/plotly/plotly-cartesian.min.js']}"
        sizes = {}
        for encoding in ("br", "gzip"):
            answer = get(plotly, {"X-Forwarded-Proto": "https", "Accept-Encoding": encoding})
            assert answer.status == 200
            assert answer.headers["Content-Encoding"] == encoding
            assert "immutable" in answer.headers["Cache-Control"]
            assert "max-age=315360000" in answer.headers["Cache-Control"]
            sizes[encoding] = len(answer.read())
        # The 1.5 MB bundle crosses the network as about 0.4 MB.
        assert sizes["br"] < sizes["gzip"] < 600_000
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


# --- against a real worker and Redis (CI's second pass) ---------------------------------


@pytest.mark.services
def test_the_worker_health_check_of_compose_passes_against_a_real_worker(celery_worker):
    result = run(healthcheck("worker"), celery_worker.env, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.services
def test_celery_inspect_reaches_the_worker(celery_worker):
    result = run(
        ["celery", "-A", "kps", "inspect", "ping", "-d", celery_worker.nodename], celery_worker.env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pong" in result.stdout


@pytest.mark.services
def test_beat_starts_with_the_compose_command_and_passes_its_health_check(tmp_path, celery_worker):
    # The container's /app/var is this test's own directory.
    def here(parts):
        return [part.replace("/app/var", str(tmp_path)) for part in parts]

    command = here(SERVICES["beat"]["command"])
    log = (tmp_path / "beat.log").open("w")
    beat = subprocess.Popen(
        [str(BIN / "celery"), *command[1:]],
        cwd=ROOT,
        env=celery_worker.env,
        stdout=log,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "celerybeat.pid").exists() and time.monotonic() < deadline:
            assert beat.poll() is None, (tmp_path / "beat.log").read_text()
            time.sleep(0.2)
        result = run(here(healthcheck("beat")), celery_worker.env)
        assert result.returncode == 0, result.stderr
    finally:
        beat.terminate()
        beat.wait(timeout=20)
        log.close()
    # Once beat is gone its health check must fail, or it proves nothing.
    assert run(here(healthcheck("beat")), celery_worker.env).returncode != 0
