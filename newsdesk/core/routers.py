"""Send reads to PostgreSQL replicas, and everything else to the primary.

Writes always go to the primary. So do the reads of a request that may see its own writes: a
signed-in editor, any non-GET request, and any request in a ``use_primary()`` block. Anonymous
page views, the bulk of the traffic, read from a replica.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest

_pinned_to_primary: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


@contextmanager
def use_primary() -> Iterator[None]:
    token = _pinned_to_primary.set(True)
    try:
        yield
    finally:
        _pinned_to_primary.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        replicas = replica_aliases()
        if not replicas or _pinned_to_primary.get():
            return "default"
        return random.choice(replicas)

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Replicas hold the same rows as the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == "default"


class PrimaryForOwnWritesMiddleware:
    """Pins a request to the primary when it writes or belongs to a signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        pin = request.method not in ("GET", "HEAD") or _has_session(request)
        if not pin:
            return self.get_response(request)
        with use_primary():
            return self.get_response(request)


def _has_session(request: HttpRequest) -> bool:
    # Decided from the cookie alone, before the session or user is loaded from a replica.
    return settings.SESSION_COOKIE_NAME in request.COOKIES
