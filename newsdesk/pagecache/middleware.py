"""Full-page cache for anonymous readers, with exact invalidation by surrogate key.

Only anonymous GET and HEAD requests of public pages are cached; a reader with a session cookie,
any POST, the newsroom, the offer redirect and comment posting always reach the views. A cached
page carries no cookie: a response that sets one is never stored.
"""

from __future__ import annotations

import re
import time
from email.utils import formatdate, parsedate_to_datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from newsdesk.core import ratelimit
from newsdesk.core.tracking import is_ignored_parameter

from . import store
from .dependencies import FOOTER, collecting
from .purge import purges_anything

# Parameters that select a different page, and the values each may take in a cached page:
# ``seite`` as the paginator shows it (2, 3, ...; page 1 is the plain address; other spellings
# were redirected by ``core.pagination.CanonicalPageNumberMiddleware`` above). Any other
# parameter or value is answered without the cache and never stored, so nobody can fill the
# cache with endless variants of one page.
PAGE_PARAMETERS = {"seite": re.compile(r"[2-9]|[1-9][0-9]{1,4}")}
CACHEABLE_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/json",
    "text/plain",
)
# Headers that belong to one response and are rebuilt on every answer from the cache.
HOP_HEADERS = {
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "cache-control",
    "surrogate-key",
    "cache-tag",
    "vary",
    "x-cache",
    "date",
}


def setting(name: str, default):
    return getattr(settings, name, default)


def excluded_prefixes() -> tuple[str, ...]:
    return ("/newsroom/", "/go/", "/kommentare/", settings.STATIC_URL, settings.MEDIA_URL)


def canonical_host() -> str:
    """The site's host as readers know it (``NEWSDESK_BASE_URL``), whatever Host was sent.

    Pages build every absolute address from that setting, so their content does not depend on
    the Host header; keying on it would store one copy per port or spelling.
    """
    return urlsplit(settings.NEWSDESK_BASE_URL).netloc.lower()


# page_key_for() answers with one of these, or with the page's key.
NOT_CACHED = None  # editors, POSTs, the newsroom: never from the cache, not limited
UNCACHED = ""  # a public page with unknown parameters or values: rendered, never stored


def page_key_for(request: HttpRequest) -> str | None:
    """The cache key of this request's page; ``NOT_CACHED`` or ``UNCACHED`` when it has none."""
    if request.method not in ("GET", "HEAD"):
        return NOT_CACHED
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return NOT_CACHED
    path = request.path_info
    if path.startswith(excluded_prefixes()):
        return NOT_CACHED
    # Not part of the key, but checked: a Host outside ALLOWED_HOSTS is a 400 here too
    # (DisallowedHost), not a page from the cache.
    request.get_host()
    params = []
    for name in sorted(request.GET):
        if is_ignored_parameter(name):
            continue
        values = request.GET.getlist(name)
        allowed = PAGE_PARAMETERS.get(name)
        if allowed is None or len(values) != 1 or not allowed.fullmatch(values[0]):
            return UNCACHED
        params.append(f"{name}={values[0]}")
    return f"{canonical_host()}{path}?{'&'.join(params)}"


def uncached_limit_response(request: HttpRequest) -> HttpResponse | None:
    """429 when this client asked for too many pages that must be rendered anew.

    Searches and pages with unknown parameters cost a full render each; a few clients sending
    them as fast as they can would leave no worker for the cached pages everybody else reads.
    """
    text = setting("NEWSDESK_UNCACHED_RATE", "20/m")
    if not text or request.path_info.startswith(
        tuple(setting("NEWSDESK_UNCACHED_RATE_EXEMPT", ()))
    ):
        return None
    rate = ratelimit.Rate.parse(text)
    client = ratelimit.client_key(request)
    if ratelimit.hit_or_count_locally("uncached", client, rate) <= rate.limit:
        return None
    # A page of its own, without the site's navigation and footer: refusing must cost far
    # less than the render it spares.
    retry_after = ratelimit.seconds_left(rate)
    html = render_to_string(
        "pagecache/too_many_requests.html",
        {
            "site_name": settings.NEWSDESK_SITE_NAME,
            "seconds": retry_after,
            "message": _(
                "Sie haben in kurzer Zeit sehr viele Seiten abgerufen, die jedes Mal neu "
                "berechnet werden müssen, zum Beispiel Suchen."
            ),
        },
    )
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "private, no-store"
    return response


def is_storable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return response.get("Content-Type", "").split(";")[0].strip() in CACHEABLE_TYPES


class PageCacheMiddleware:
    """Serves cached pages; renders a missing or stale page once, whatever the concurrency."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not setting("NEWSDESK_PAGE_CACHE", True):
            return self.get_response(request)
        page_key = page_key_for(request)
        if page_key is NOT_CACHED:
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and not response.has_header(
                "Cache-Control"
            ):
                # A signed-in editor's view of a page must not land in a shared cache.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        if page_key == UNCACHED:
            return self.render_uncached(request)
        max_age = setting("NEWSDESK_PAGE_CACHE_MAX_AGE", 600)
        page = store.get_page(page_key)
        if page is not None and store.is_fresh(page, max_age):
            return self.respond(request, page, "HIT")
        if store.acquire_render_lock(page_key):
            try:
                # Another worker may have rendered the page between the look-up above and
                # taking the lock: answer that copy instead of rendering it a second time.
                latest = store.get_page(page_key)
                if latest is not None and store.is_fresh(latest, max_age):
                    return self.respond(request, latest, "HIT")
                return self.render(request, page_key)
            finally:
                store.release_render_lock(page_key)
        if page is not None:
            # Another request is rendering the new version; this reader gets the last one, but
            # a cache in front must not keep it (see ``add_cache_headers``).
            return self.respond(request, page, "STALE", shared=False)
        page = self.wait_for_render(page_key)
        if page is not None:
            return self.respond(request, page, "HIT")
        return self.get_response(request)

    def render_uncached(self, request: HttpRequest) -> HttpResponse:
        """A variant the cache does not keep: rendered within the client's limit, and marked so
        that no cache in front (Varnish, a CDN) keeps it either."""
        refused = uncached_limit_response(request)
        if refused is not None:
            return refused
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response

    def wait_for_render(self, page_key: str) -> store.CachedPage | None:
        deadline = time.monotonic() + setting("NEWSDESK_PAGE_CACHE_WAIT", 5.0)
        while time.monotonic() < deadline:
            time.sleep(0.02)
            page = store.get_page(page_key)
            if page is not None:
                return page
        return None

    def render(self, request: HttpRequest, page_key: str) -> HttpResponse:
        started = time.time()
        with collecting() as keys:
            response = self.get_response(request)
        if keys and response.status_code in (404, 410) and purges_anything():
            # An address that shows nothing yet (a draft, an article taken down): Varnish keeps
            # this answer for its default lifetime, and publishing what the address would show
            # must drop it, so it carries the keys the view recorded. Before, an article
            # published again after a takedown stayed 404 in Varnish for 110 s. (Only for a
            # cache that purges by key: Varnish strips the header, so no reader learns which
            # address belongs to a draft.)
            response["Surrogate-Key"] = " ".join(sorted(keys))
            return response
        if not keys or not is_storable(response):
            return response
        keys.add(FOOTER)
        body = response.content
        generations = store.generations_for_new_page(keys)
        gzip_body, brotli_body = store.compress(body)
        page = store.CachedPage(
            status=response.status_code,
            headers=[(k, v) for k, v in response.items() if k.lower() not in HOP_HEADERS],
            body=body,
            keys=sorted(keys),
            generations=generations,
            rendered_at=started,
            etag=store.make_etag(body),
            gzip_body=gzip_body,
            brotli_body=brotli_body,
        )
        # A change committed while this page was rendering may be missing from it: then serve
        # it once, but do not keep it.
        kept = max(generations.values(), default=0.0) < started
        if kept:
            store.store_page(page_key, page, setting("NEWSDESK_PAGE_CACHE_KEEP", 86400))
        return self.respond(request, page, "MISS", shared=kept)

    def respond(
        self, request: HttpRequest, page: store.CachedPage, state: str, shared: bool = True
    ) -> HttpResponse:
        if self.not_modified(request, page):
            response = HttpResponse(status=304)
        else:
            body, encoding = page.body_for(request.headers.get("Accept-Encoding", ""))
            response = HttpResponse(b"" if request.method == "HEAD" else body, status=page.status)
            for name, value in page.headers:
                response[name] = value
            if encoding:
                response["Content-Encoding"] = encoding
            response["Content-Length"] = str(len(body))
        self.add_cache_headers(response, page, shared)
        response["X-Cache"] = state
        return response

    @staticmethod
    def not_modified(request: HttpRequest, page: store.CachedPage) -> bool:
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return page.etag in tags or "*" in tags
        if_modified_since = request.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                since = parsedate_to_datetime(if_modified_since).timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
            return int(page.rendered_at) <= since
        return False

    @staticmethod
    def add_cache_headers(
        response: HttpResponse, page: store.CachedPage, shared: bool = True
    ) -> None:
        if shared:
            browser = setting("NEWSDESK_BROWSER_MAX_AGE", 60)
            lifetime = setting("NEWSDESK_SHARED_MAX_AGE", 3600)
            response["Cache-Control"] = (
                f"public, max-age={browser}, s-maxage={lifetime}, "
                f"stale-while-revalidate={setting('NEWSDESK_STALE_WHILE_REVALIDATE', 60)}, "
                f"stale-if-error={setting('NEWSDESK_STALE_IF_ERROR', 86400)}"
            )
        else:
            # A copy older than the latest change (served while the new one renders), or one
            # that may miss a change committed during its render: Varnish fetches right after
            # its soft purge and would otherwise keep this copy for s-maxage (an hour) with no
            # further purge to come. Zero lifetimes: the next request asks the app again.
            response["Cache-Control"] = "public, max-age=0, s-maxage=0, must-revalidate"
        response["ETag"] = page.etag
        response["Last-Modified"] = formatdate(page.rendered_at, usegmt=True)
        response["Vary"] = "Accept-Encoding"
        response["Surrogate-Key"] = " ".join(page.keys)
        response["Cache-Tag"] = ",".join(page.keys)
