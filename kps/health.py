"""Readiness: whether every service the platform depends on answers, and which one does not.

``/healthz/`` is the liveness check (the app and its database answer) that the
container's health check uses: the pages survive a lost Redis, so the web
container must not be restarted for one. ``/readyz/`` is for monitoring and a
load balancer: 503 naming the dependency that failed.
"""

from __future__ import annotations

import logging

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse

logger = logging.getLogger(__name__)
REDIS_TIMEOUT_SECONDS = 0.5


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means not ready
        logger.warning("Readiness: the database does not answer", exc_info=True)
        return "unavailable"
    return "ok"


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not used"  # embedded: tasks run in-process, the cache is the process's memory
    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
    )
    try:
        client.ping()
    except redis.RedisError:
        logger.warning("Readiness: Redis does not answer", exc_info=True)
        return "unavailable"
    finally:
        client.close()
    return "ok"


def readyz(request: HttpRequest) -> JsonResponse:
    """200 when the database and Redis answer; 503 with the failed ones named otherwise."""
    checks = {"database": _database(), "redis": _redis()}
    failed = sorted(name for name, state in checks.items() if state == "unavailable")
    if failed:
        return JsonResponse(
            {"status": "unavailable", "failed": failed, "checks": checks}, status=503
        )
    return JsonResponse({"status": "ok", "checks": checks})
