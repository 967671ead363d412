"""Rate limits: the real client address and fixed-window counters in their own cache.

The counters live in the cache alias ``ratelimit`` (``RATELIMIT_CACHE_URL``), apart from the page
cache, so that no flood of cached pages can evict them; with Redis, every worker sees the same
numbers. When that store cannot be reached, ``hit`` and ``count`` raise ``CountersUnavailable``
and callers fail in the safe direction (``exceeded`` answers "over the limit").

The client address honours only as many ``X-Forwarded-For`` entries as there are trusted
proxies in front of the app (``NEWSDESK_TRUSTED_PROXIES``): the entries a client writes itself
stand left of those and are never read, so a spoofed header cannot reset a counter.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

# One reading of X-Forwarded-For for the whole site (newsdesk.security.clientip).
from newsdesk.security.clientip import client_ip

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd]?)\s*$")


@dataclass(frozen=True)
class Rate:
    """At most ``limit`` events per ``window`` seconds."""

    limit: int
    window: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        """``"5/10m"`` is five per ten minutes; ``"20/h"``, ``"3/60"`` (seconds) also work."""
        match = RATE_PATTERN.match(text or "")
        if not match:
            raise ImproperlyConfigured(
                f"A rate must look like 5/10m (count/period with s, m, h or d), not {text!r}."
            )
        count, number, unit = match.groups()
        window = int(number or 1) * UNITS[unit or "s"]
        if window <= 0:
            raise ImproperlyConfigured(f"The period of rate {text!r} must be positive.")
        return cls(limit=int(count), window=window)


ALIAS = "ratelimit"


class CountersUnavailable(Exception):
    """The counter store did not answer: a limit can be neither checked nor counted."""


def counters():
    """The cache that holds the counters (``CACHES["ratelimit"]``, else the default one)."""
    return caches[ALIAS] if ALIAS in settings.CACHES else caches["default"]


def client_key(request: HttpRequest) -> str:
    """The client address as a counter key: IPv6 clients by their /64, which one user controls."""
    address = ipaddress.ip_address(client_ip(request))
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _cache_key(scope: str, ident: str, window: int) -> str:
    # Hashed: e-mail addresses and user names never appear in the cache in clear text.
    digest = hashlib.sha256(f"{scope}\0{ident}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{int(time.time()) // window}"


def hit(scope: str, ident: str, rate: Rate) -> int:
    """Count one event for ``ident`` in the current window; returns the count including it."""
    key = _cache_key(scope, ident, rate.window)
    store = counters()
    try:
        # add() is a no-op when the key exists, so concurrent workers never reset each other.
        if store.add(key, 1, timeout=rate.window + 1):
            return 1
        try:
            count = store.incr(key)
        except ValueError:  # expired between add() and incr()
            store.add(key, 1, timeout=rate.window + 1)
            return 1
        if type(store).incr is BaseCache.incr:
            # Django's generic incr() (the file store, the default on one machine; the database
            # cache) writes the value back with the cache's default timeout, 300 s: a locked-out
            # client could guess again after five minutes instead of at the end of the window.
            # Redis and the in-memory store keep the expiry and need no second round trip.
            store.touch(key, timeout=rate.window + 1)
        return count
    except Exception as error:  # any failure of the store: Redis down, timeout, full disk
        raise CountersUnavailable(str(error)) from error


def count(scope: str, ident: str, rate: Rate) -> int:
    """The events counted for ``ident`` in the current window, without counting one."""
    try:
        return int(counters().get(_cache_key(scope, ident, rate.window)) or 0)
    except Exception as error:  # see hit()
        raise CountersUnavailable(str(error)) from error


def exceeded(scope: str, idents: list[str], rate: Rate) -> bool:
    """Count one event for each identity; True when any of them is over the limit.

    Also True when the counters cannot be reached: a limit that cannot be checked holds.
    """
    over = False
    for ident in idents:
        try:
            if ident and hit(scope, ident, rate) > rate.limit:
                over = True
        except CountersUnavailable:
            return True
    return over


_local_counters = LocMemCache("newsdesk-ratelimit-local", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def hit_or_count_locally(scope: str, ident: str, rate: Rate) -> int:
    """``hit()``, counted in this process alone while the shared counters are away.

    For limits that protect capacity (uncached renders): a limit per worker is looser than one
    for the site, but better than none, and better than refusing every reader.
    """
    try:
        return hit(scope, ident, rate)
    except CountersUnavailable:
        key = _cache_key(scope, ident, rate.window)
        if _local_counters.add(key, 1, timeout=rate.window + 1):
            return 1
        try:
            return _local_counters.incr(key)
        except ValueError:
            return 1


def first_from_client(
    scope: str, request: HttpRequest, target: object, *, repeat_window: int, rate: Rate
) -> bool:
    """Whether this event of the client on ``target`` counts: False for a repeat on the same
    target within ``repeat_window`` seconds, and for every event of a client over ``rate``.

    The client is known only by its address (IPv6 by its /64), kept for the window as a hash
    keyed with the site's secret and never stored with the event. Not by the User-Agent: a
    script rotating it would count every request. Raises CountersUnavailable when the
    counters cannot be read.
    """
    from django.core.cache import cache

    client = client_key(request)
    if count(scope, client, rate) >= rate.limit:
        return False
    digest = hmac.new(settings.SECRET_KEY.encode(), client.encode(), hashlib.sha256)
    if not cache.add(f"{scope}:{target}:{digest.hexdigest()[:24]}", 1, repeat_window):
        return False
    hit(scope, client, rate)
    return True


def seconds_left(rate: Rate) -> int:
    """Until the current window of ``rate`` ends: the honest Retry-After of a fixed window."""
    return max(1, rate.window - int(time.time()) % rate.window)


def reset(scope: str, ident: str, rate: Rate) -> None:
    try:
        counters().delete(_cache_key(scope, ident, rate.window))
    except Exception as error:  # see hit()
        raise CountersUnavailable(str(error)) from error


def too_many_requests(
    request: HttpRequest, message: str, retry_after: int, sent_text: str = "", heading: str = ""
) -> HttpResponse:
    """A 429 page in the site's language that tells the reader when to try again.

    ``sent_text`` is what the reader wrote, shown again to copy so that nothing is lost.
    """
    html = render_to_string(
        "core/too_many_requests.html",
        {
            "heading": heading,
            "message": message,
            "minutes": max(1, round(retry_after / 60)),
            "sent_text": sent_text,
        },
        request=request,
    )
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
