"""A database that does not answer costs readers a plain 503 for those seconds, not error pages.

While the primary restarts or fails over, a request that needs it fails with Django's
``OperationalError`` or ``InterfaceError``. It is answered 503 with ``Retry-After``, a short
German page and ``Cache-Control: no-store``: a load balancer or Varnish treats it as temporary
(and serves its copy under ``stale-if-error``), browsers and crawlers come back, and no cache
keeps it. The log says it once per process when the database goes away and once when a request
succeeds again, instead of a traceback per request.

The broken connection is not reused: Django closes a connection that had an error and is no
longer usable when the request ends, and ``CONN_HEALTH_CHECKS`` (base settings) checks one that
broke between requests before the next request uses it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger("newsdesk.database")

# Seconds a browser or crawler is asked to wait: about what a restart takes.
RETRY_AFTER = 10
# What a database going away looks like to Django: refused or dropped connections (the
# routers, the worker and this middleware all ask the same question).
DATABASE_AWAY = (OperationalError, InterfaceError)
FALLBACK = (
    '<!DOCTYPE html><html lang="de"><meta charset="utf-8"><title>Gleich wieder da</title>'
    "<p>Die Seite ist gleich wieder da. Bitte in ein paar Sekunden noch einmal laden.</p></html>"
)

_lock = threading.Lock()
_away_since: float | None = None


def database_away_response(request: HttpRequest) -> HttpResponse:
    try:
        body = loader.get_template("503.html").render()  # no request context: nothing may query
    except Exception:  # noqa: BLE001 - the answer must not fail itself (no static manifest…)
        body = FALLBACK
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # said once by the middleware, not per request by Django
    return response


class DatabaseAwayMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        global _away_since
        response = self.get_response(request)
        if _away_since is not None and response.status_code < 500:
            with _lock:
                if _away_since is not None:
                    logger.warning(
                        "Database reachable again after %.1f s.", time.monotonic() - _away_since
                    )
                    _away_since = None
        return response

    def process_exception(self, request: HttpRequest, error: Exception) -> HttpResponse | None:
        global _away_since
        if not isinstance(error, DATABASE_AWAY):
            return None
        with _lock:
            if _away_since is None:
                _away_since = time.monotonic()
                logger.error("Database unreachable (%s); answering 503 until it is back.", error)
        return database_away_response(request)
