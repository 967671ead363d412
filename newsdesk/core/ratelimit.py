"""Rate limits: the real client address and fixed-window counters in the shared cache.

The counters live in Django's default cache (Redis in production), so every worker sees the
same numbers. The client address honours only as many ``X-Forwarded-For`` entries as there are
trusted proxies in front of the app (``NEWSDESK_TRUSTED_PROXIES``): the entries a client writes
itself stand left of those and are never read, so a spoofed header cannot reset a counter.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import time
from dataclasses import dataclass

from django.core.cache import cache
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
    # add() is a no-op when the key exists, so concurrent workers never reset each other.
    cache.add(key, 0, timeout=rate.window + 1)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=rate.window + 1)
        return 1


def count(scope: str, ident: str, rate: Rate) -> int:
    """The events counted for ``ident`` in the current window, without counting one."""
    return int(cache.get(_cache_key(scope, ident, rate.window)) or 0)


def exceeded(scope: str, idents: list[str], rate: Rate) -> bool:
    """Count one event for each identity; True when any of them is over the limit."""
    over = False
    for ident in idents:
        if ident and hit(scope, ident, rate) > rate.limit:
            over = True
    return over


def reset(scope: str, ident: str, rate: Rate) -> None:
    cache.delete(_cache_key(scope, ident, rate.window))


def too_many_requests(
    request: HttpRequest, message: str, retry_after: int, sent_text: str = ""
) -> HttpResponse:
    """A 429 page in the site's language that tells the reader when to try again.

    ``sent_text`` is what the reader wrote, shown again to copy so that nothing is lost.
    """
    html = render_to_string(
        "core/too_many_requests.html",
        {"message": message, "minutes": max(1, round(retry_after / 60)), "sent_text": sent_text},
        request=request,
    )
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
