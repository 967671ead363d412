"""The reader's address, as far as this site can know it.

``X-Forwarded-For`` is a list any client can start with addresses of its choosing; only the
entries appended by proxies this site runs are true. With ``NEWSDESK_TRUSTED_PROXIES = 0`` (the
default) the header is ignored and ``REMOTE_ADDR`` is the client; with ``n`` proxies in front,
the n-th entry from the right is the address the outermost trusted proxy saw (DRF's
``NUM_PROXIES`` rule). Nothing takes the leftmost entry, so a spoofed header changes nothing.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """Always a valid address, so callers can key counters on it."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "") or "") or "0.0.0.0"
    proxies = getattr(settings, "NEWSDESK_TRUSTED_PROXIES", 0)
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        # Fewer entries than proxies: the request did not come through all of them.
        return remote
    return _valid_ip(forwarded[-proxies]) or remote
