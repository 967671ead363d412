"""Send reads to PostgreSQL replicas, and everything else to the primary.

Writes always go to the primary. So do the reads of a request that may see its own writes: a
signed-in editor, any non-GET request, and any request in a ``use_primary()`` block. Anonymous
page views, the bulk of the traffic, read from a replica that ``newsdesk.core.replicas`` finds
usable for the request (answering, not lagging, and past the last change); else from the primary.
Commands and other work outside a request read from the primary.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

from newsdesk.core.database_away import DATABASE_AWAY
from newsdesk.core.replicas import choose_read_alias, note_change, routing_active, take_out

_pinned_to_primary: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)
# The alias an anonymous request reads from, chosen once when the request starts.
_read_alias: ContextVar[str | None] = ContextVar("read_alias", default=None)


@contextmanager
def use_primary() -> Iterator[None]:
    token = _pinned_to_primary.set(True)
    try:
        yield
    finally:
        _pinned_to_primary.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if _pinned_to_primary.get():
            return "default"
        return _read_alias.get() or "default"

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Replicas hold the same rows as the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == "default"


class PrimaryForOwnWritesMiddleware:
    """Pins a request to the primary when it writes or belongs to a signed-in user.

    An anonymous read whose replica goes away in the middle of it (stopped, restarted, its
    connection cut) is rendered again from the primary: the replica is taken out of the rotation
    and the reader gets the page, not an error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        writes = request.method not in ("GET", "HEAD")
        if writes or _has_session(request):
            with use_primary():
                response = self.get_response(request)
            if writes and routing_active():
                # After the commit: the next render of a page this changed waits for replicas.
                note_change()
            return response
        if not routing_active():
            return self.get_response(request)
        token = _read_alias.set(choose_read_alias())
        try:
            return self.get_response(request)
        finally:
            _read_alias.reset(token)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        request._newsdesk_view = (view_func, view_args, view_kwargs)

    def process_exception(self, request: HttpRequest, error: Exception) -> HttpResponse | None:
        alias = _read_alias.get()
        view = getattr(request, "_newsdesk_view", None)
        if (
            alias in (None, DEFAULT_DB_ALIAS)
            or view is None
            or not isinstance(error, DATABASE_AWAY)
            or not connections[alias].errors_occurred
        ):
            return None
        take_out(alias, f"{type(error).__name__}: {str(error).strip().splitlines()[0][:200]}")
        view_func, view_args, view_kwargs = view
        try:
            with use_primary():
                response = view_func(request, *view_args, **view_kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()  # a lazy page reads while it renders
        except DATABASE_AWAY:
            return None  # the primary is away too: the replica's error goes on (a 503)
        return response


def _has_session(request: HttpRequest) -> bool:
    # Decided from the cookie alone, before the session or user is loaded from a replica.
    return settings.SESSION_COOKIE_NAME in request.COOKIES
