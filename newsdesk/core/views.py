"""Operational endpoints."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and Varnish probes: 200 while the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001  any database failure means "not healthy"
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def healthz_details(request: HttpRequest) -> HttpResponse:
    """Which dependency is degraded (JSON), for monitoring on loopback or allowed addresses."""
    from newsdesk.core import readiness

    allowed = {"127.0.0.1", "::1", *settings.NEWSDESK_HEALTH_DETAIL_IPS}
    if request.META.get("REMOTE_ADDR") not in allowed:
        return HttpResponse("not for this address\n", status=403, content_type="text/plain")
    status, body = readiness.report()
    response = JsonResponse(body, status=status, json_dumps_params={"indent": 2})
    response["Cache-Control"] = "no-store"
    return response


# Browsers ask for /favicon.ico on every site whatever the page names; icons change rarely.
ICON_MAX_AGE = 7 * 86400


def favicon(request: HttpRequest) -> HttpResponse:
    response = HttpResponsePermanentRedirect(static("newsdesk/favicon.ico"))
    response["Cache-Control"] = f"public, max-age={ICON_MAX_AGE}"
    return response


def web_manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: the site's name and icons for home screens and tabs."""
    manifest = {
        "name": settings.NEWSDESK_SITE_NAME,
        "short_name": settings.NEWSDESK_SITE_NAME,
        "lang": settings.LANGUAGE_CODE,
        "start_url": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#c0161e",
        "icons": [
            {"src": static("newsdesk/icon.svg"), "type": "image/svg+xml", "sizes": "any"},
            {"src": static("newsdesk/icon-192.png"), "type": "image/png", "sizes": "192x192"},
            {"src": static("newsdesk/icon-512.png"), "type": "image/png", "sizes": "512x512"},
        ],
    }
    response = HttpResponse(
        json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json"
    )
    response["Cache-Control"] = f"public, max-age={ICON_MAX_AGE}"
    return response
