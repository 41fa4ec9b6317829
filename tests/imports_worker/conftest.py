"""A Celery worker of this directory's own, on its own queue, that a test may kill.

The shared ``celery_worker`` fixture lives for the whole session, so a test
that kills its worker cannot use it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, services_missing


@dataclass
class KillableWorker:
    process: subprocess.Popen
    queue: str
    log: Path

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, no chance to roll anything back or tidy up."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@pytest.fixture
def start_worker(django_db_setup, tmp_path):
    """start_worker(**env) → a worker process on a queue of its own, on the test database."""
    reason = services_missing()
    if reason:
        pytest.fail(f"start_worker: {reason}", pytrace=False)
    from django.conf import settings

    from kps.celery import app

    test_database = settings.DATABASES["default"]["NAME"]
    database_url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{test_database}").geturl()
    started: list[KillableWorker] = []

    def start(**extra_env: str) -> KillableWorker:
        name = f"kps-kill-{uuid.uuid4().hex[:8]}"
        nodename = f"{name}@{socket.gethostname()}"
        env = {
            **os.environ,
            # settings.SETTINGS_MODULE is None while a test overrides settings.
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE") or "kps.settings",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "0",
            **extra_env,
        }
        log = tmp_path / f"{name}.log"
        command = [
            sys.executable, "-m", "celery", "-A", "kps", "worker", "--pool=solo", "-c", "1",
            "-n", nodename, "-Q", name, "--loglevel=INFO", "--without-gossip", "--without-mingle",
        ]  # fmt: skip
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        worker = KillableWorker(process, name, log)
        started.append(worker)
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[nodename], timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the worker did not start:\n{worker.output()}", pytrace=False)
        return worker

    yield start

    for worker in started:
        if worker.process.poll() is None:
            worker.process.kill()
            worker.process.wait()
        # The killed worker's task is unacknowledged; nobody else listens on its queue, so empty it.
        with app.connection_for_write() as connection:
            connection.default_channel.queue_purge(worker.queue)
