"""System checks for what ``check --deploy`` cannot know about newsdesk on its own."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register

HEADERS = "newsdesk.security.middleware.SecurityHeadersMiddleware"
PAGE_CACHE = "newsdesk.pagecache.middleware.PageCacheMiddleware"


@register(Tags.security, deploy=True)
def check_security_headers(app_configs, **kwargs) -> list[Warning]:
    middleware = list(settings.MIDDLEWARE)
    if HEADERS not in middleware:
        return [
            Warning(
                "Reader pages are served without a Content-Security-Policy.",
                hint=f"Add {HEADERS!r} to MIDDLEWARE, below the page cache.",
                id="newsdesk.W001",
            )
        ]
    if PAGE_CACHE in middleware and middleware.index(HEADERS) < middleware.index(PAGE_CACHE):
        return [
            Warning(
                "The security headers middleware runs above the page cache, so it adds its "
                "headers twice to cached pages and not at all to pages the cache stored first.",
                hint=f"Move {HEADERS!r} below {PAGE_CACHE!r}.",
                id="newsdesk.W002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_trusted_proxies(app_configs, **kwargs) -> list[Warning]:
    proxies = getattr(settings, "NEWSDESK_TRUSTED_PROXIES", 0)
    if not isinstance(proxies, int) or not 0 <= proxies <= 5:
        return [
            Warning(
                f"NEWSDESK_TRUSTED_PROXIES is {proxies!r}; expected the number of proxies in "
                "front of the app (0 to 5).",
                id="newsdesk.W003",
            )
        ]
    return []
