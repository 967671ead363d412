"""Health checks answered before anything reads the Host header.

Varnish's probe sends ``Host: 127.0.0.1`` and a load balancer may send its own address or
upstream name; under the production ``ALLOWED_HOSTS`` Django would answer those with 400 and the
backend would stay "sick". This middleware sits first in ``MIDDLEWARE`` and answers
``/healthz`` itself, so no later middleware calls ``request.get_host()`` for it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from newsdesk.core.views import healthz, healthz_details

HEALTH_PATH = "/healthz"
DETAILS_PATH = "/healthz/details"


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            if request.path_info == HEALTH_PATH:
                return healthz(request)
            if request.path_info == DETAILS_PATH:
                return healthz_details(request)
        return self.get_response(request)
