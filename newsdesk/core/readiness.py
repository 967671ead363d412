"""What an operator wants to know when pages get slow: which dependency is degraded.

``/healthz`` answers a load balancer yes or no (the database is the only thing an app server
cannot serve without). ``/healthz/details`` names every dependency and its state, as JSON, for
monitoring and for the operator on call; a degraded dependency does not make the server unfit to
serve (readers get a slower or older page), so the answer stays 200 unless the database is gone.
The details are shown to loopback and ``NEWSDESK_HEALTH_DETAIL_IPS`` only: they name hosts.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from newsdesk.core import replicas

OK, DEGRADED, DOWN = "ok", "degraded", "down"


def _database() -> dict:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure is the answer
        return {"state": DOWN, "detail": type(error).__name__}
    return {"state": OK}


def _cache(alias: str) -> Callable[[], dict]:
    def check() -> dict:
        if alias not in settings.CACHES:
            return {"state": OK, "detail": "not configured"}
        backend = caches[alias]
        available = getattr(backend, "is_available", None)
        if callable(available):
            available = available()
        if available is False:
            return {"state": DEGRADED, "detail": "unreachable; local copies and the database serve"}
        try:
            backend.get("healthz:probe")
        except Exception as error:  # noqa: BLE001
            return {"state": DEGRADED, "detail": type(error).__name__}
        return {"state": OK}

    return check


def _replicas() -> dict:
    aliases = replicas.replica_aliases() if replicas.routing_active() else []
    if not aliases:
        return {"state": OK, "detail": "none configured"}
    out = [alias for alias in aliases if not replicas.in_rotation(alias)]
    if not out:
        return {"state": OK, "in_rotation": aliases}
    return {
        "state": DEGRADED,
        "in_rotation": [alias for alias in aliases if alias not in out],
        "out": {alias: replicas.out_reason(alias) for alias in out},
    }


def _workers() -> dict:
    from newsdesk.taskqueue.models import WorkerProcess

    backend = settings.TASKS["default"]["BACKEND"]
    if "immediate" in backend.lower():
        return {"state": OK, "detail": "tasks run in the request (immediate backend)"}
    lease = timedelta(seconds=getattr(settings, "NEWSDESK_WORKER_LEASE", 60))
    try:
        alive = WorkerProcess.objects.filter(
            stopped_at__isnull=True, heartbeat_at__gte=timezone.now() - lease
        ).count()
    except Exception as error:  # noqa: BLE001
        return {"state": DEGRADED, "detail": type(error).__name__}
    if not alive:
        return {"state": DEGRADED, "detail": "no worker reported within the lease; tasks wait"}
    return {"state": OK, "workers": alive}


def _media() -> dict:
    root = getattr(settings, "MEDIA_ROOT", "")
    if not root or getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        return {"state": OK, "detail": "object storage" if root else "not on local disk"}
    try:
        with tempfile.NamedTemporaryFile(dir=root, prefix=".healthz-"):
            pass
        free = os.statvfs(root)
    except OSError as error:
        return {"state": DEGRADED, "detail": f"not writable: {error.strerror}"}
    free_mb = free.f_bavail * free.f_frsize // (1024 * 1024)
    if free_mb < 100:
        return {"state": DEGRADED, "detail": f"{free_mb} MB free; uploads will be refused"}
    return {"state": OK, "free_mb": free_mb}


CHECKS: dict[str, Callable[[], dict]] = {
    "database": _database,
    "cache": _cache("default"),
    "ratelimit": _cache("ratelimit"),
    "replicas": _replicas,
    "workers": _workers,
    "media": _media,
}


def report() -> tuple[int, dict]:
    """HTTP status and the state of every dependency."""
    states = {name: check() for name, check in CHECKS.items()}
    degraded = sorted(name for name, state in states.items() if state["state"] != OK)
    status = 503 if states["database"]["state"] == DOWN else 200
    return status, {"ready": status == 200, "degraded": degraded, "dependencies": states}
