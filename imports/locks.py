"""One import at a time: a lock shared by every process that imports, on any host.

Two drop-folder runs (a slow night and a manual start, or two beat processes)
would otherwise see the same pending files and import them side by side. On
PostgreSQL the lock is a session advisory lock on a connection of its own, so
the database releases it the moment a killed worker's connection drops; on
SQLite, which only runs embedded on one host, it is a lock on a file.
"""

from __future__ import annotations

import fcntl
import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections

POLL_SECONDS = 0.5


def _key(name: str) -> int:
    # A stable signed 64-bit number for pg_try_advisory_lock, the same in every process.
    return int.from_bytes(hashlib.sha256(f"kps:{name}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def import_lock(name: str = "imports", *, wait_seconds: float = 0) -> Iterator[bool]:
    """Hold the named lock for the block; yields False if another process held it throughout.

    ``wait_seconds`` = 0 tries once; a caller that gets False must not import.
    """
    if connections["default"].vendor == "postgresql":
        with _advisory_lock(name, wait_seconds) as held:
            yield held
    else:
        with _file_lock(name, wait_seconds) as held:
            yield held


def _retry(attempt, wait_seconds: float) -> bool:
    deadline = time.monotonic() + wait_seconds
    while True:
        if attempt():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(POLL_SECONDS)


@contextmanager
def _advisory_lock(name: str, wait_seconds: float) -> Iterator[bool]:
    # Its own connection: the import's connection may be closed and reopened between tasks,
    # which would drop a session lock taken on it.
    connection = connections.create_connection("default")
    try:
        with connection.cursor() as cursor:

            def attempt() -> bool:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [_key(name)])
                return bool(cursor.fetchone()[0])

            held = _retry(attempt, wait_seconds)
            try:
                yield held
            finally:
                if held:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(name)])
    finally:
        connection.close()


@contextmanager
def _file_lock(name: str, wait_seconds: float) -> Iterator[bool]:
    path = Path(settings.VAR_DIR) / f"{name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:

        def attempt() -> bool:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True

        held = _retry(attempt, wait_seconds)
        try:
            yield held
        finally:
            if held:
                fcntl.flock(handle, fcntl.LOCK_UN)
