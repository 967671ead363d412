"""Tell caches in front of the app (Varnish, a CDN) which surrogate keys to drop.

The adapter is chosen by ``NEWSDESK_PURGE_BACKEND``: ``none`` (default; the app's own page cache
is invalidated anyway) or ``varnish`` (HTTP ``PURGE`` with an ``xkey-softpurge`` header to each
URL in ``NEWSDESK_PURGE_URLS``, answered by ``deploy/varnish.vcl``).
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

BACKENDS = {
    "none": "newsdesk.pagecache.purge.NullPurger",
    "varnish": "newsdesk.pagecache.purge.VarnishPurger",
}


class PurgeFailed(Exception):
    """A cache in front did not confirm a purge (unreachable, or answered with an error)."""


class Purger:
    """Drops cached pages by surrogate key in a cache outside the app.


    ``hard``: a takedown; no stale copy may be served afterwards, not even in grace.
    With ``strict`` a purge that fails raises ``PurgeFailed`` once every URL was tried, so the
    task queue can try again later; otherwise failures are logged and the TTL bounds them.
    """

    def __init__(self, strict: bool = False):
        self.strict = strict

    def purge(self, keys: Iterable[str], *, hard: bool = False) -> None:
        raise NotImplementedError


class NullPurger(Purger):
    def purge(self, keys: Iterable[str], *, hard: bool = False) -> None:
        return None


class VarnishPurger(Purger):
    """Soft purge through the xkey vmod: stale copies stay available for grace and errors.
    A hard purge (takedowns) drops them."""

    # Varnish limits a header's length; send the keys in batches that stay far below it.
    batch_size = 50
    timeout = 2.0

    def __init__(self, urls: list[str] | None = None, soft: bool = True, strict: bool = False):
        super().__init__(strict=strict)
        self.urls = urls if urls is not None else list(settings.NEWSDESK_PURGE_URLS)
        self.header = "xkey-softpurge" if soft else "xkey-purge"

    def purge(self, keys: Iterable[str], *, hard: bool = False) -> None:
        keys = sorted(set(keys))
        failures = []
        header = "xkey-purge" if hard else self.header
        for start in range(0, len(keys), self.batch_size):
            batch = " ".join(keys[start : start + self.batch_size])
            for url in self.urls:
                request = urllib.request.Request(url, method="PURGE", headers={header: batch})
                try:
                    with urllib.request.urlopen(request, timeout=self.timeout) as response:
                        response.read()
                except (urllib.error.URLError, OSError) as error:
                    # A purge must never break an editor's save; the TTL bounds the damage.
                    logger.warning("Purge of %s at %s failed: %s", batch, url, error)
                    failures.append(f"{url}: {error}")
        if failures and self.strict:
            raise PurgeFailed("; ".join(failures))


def purges_anything() -> bool:
    return getattr(settings, "NEWSDESK_PURGE_BACKEND", "none") != "none"


def get_purger(strict: bool = False) -> Purger:
    backend = getattr(settings, "NEWSDESK_PURGE_BACKEND", "none")
    return import_string(BACKENDS.get(backend, backend))(strict=strict)
