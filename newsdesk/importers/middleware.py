"""Old WordPress query addresses (``/?p=123``, ``/?page_id=7``) answer with their redirect.

Django's redirect fallback only acts on a 404, and ``/`` is the home page: a request for
``/?p=123`` would get the home page. This middleware looks such requests up in the same
redirect table first. Only WordPress's own parameters are matched, one at a time, so campaign
tags ("?p=123&utm_source=...") do not stop the redirect.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from .legacy import LEGACY_PARAMETERS


class LegacyQueryRedirectMiddleware:
    response_redirect_class = HttpResponsePermanentRedirect

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and request.GET:
            candidates = [
                f"{request.path}?{name}={request.GET[name]}"
                for name in LEGACY_PARAMETERS
                if request.GET.get(name)
            ]
            if candidates:
                redirect = (
                    Redirect.objects.filter(site_id=settings.SITE_ID, old_path__in=candidates)
                    .exclude(new_path="")
                    .first()
                )
                if redirect is not None:
                    return self.response_redirect_class(redirect.new_path)
        return self.get_response(request)
