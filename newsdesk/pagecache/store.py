"""Cached pages and the generations of their surrogate keys.

Invalidation does not hunt for pages. Each surrogate key has a generation (the time of its last
invalidation); a cached page remembers the generations of its keys as they were when it was
rendered. A page is fresh while none of its keys has moved on. Invalidating a key is therefore
one cache write, however many pages show the object, and stale pages stay available to be served
while one request renders the new version (no stampede on a hot article).
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches

from newsdesk.core.resilient_cache import is_available

try:  # brotli is a dependency; the guard keeps the cache working if a build lacks it
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

GENERATION_PREFIX = "pc:gen:"
PAGE_PREFIX = "pc:page:"
LOCK_PREFIX = "pc:lock:"
# When the next scheduled invalidation falls due (a Unix time; infinity for none). Read with
# the generations on every hit, in the same round trip; the rows live in the database
# (ScheduledInvalidation), and this copy expires so that it is read from there once a minute.
NEXT_DUE_KEY = "pc:next-due"
NEXT_DUE_SECONDS = 60


def cache():
    return caches[getattr(settings, "NEWSDESK_PAGE_CACHE_ALIAS", "default")]


@dataclass
class CachedPage:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    keys: list[str]
    generations: dict[str, float]
    rendered_at: float
    etag: str
    gzip_body: bytes = b""
    brotli_body: bytes = b""
    extra: dict = field(default_factory=dict)

    def body_for(self, accept_encoding: str) -> tuple[bytes, str]:
        """The body in the best encoding the client accepts, and that encoding's name."""
        accepted = {part.split(";")[0].strip() for part in accept_encoding.lower().split(",")}
        if "br" in accepted and self.brotli_body:
            return self.brotli_body, "br"
        if "gzip" in accepted and self.gzip_body:
            return self.gzip_body, "gzip"
        return self.body, ""


def compress(body: bytes) -> tuple[bytes, bytes]:
    if len(body) < 512:
        return b"", b""
    gz = gzip.compress(body, compresslevel=6, mtime=0)
    br = brotli.compress(body, quality=5) if brotli else b""
    return gz, br


def make_etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def current_generations(keys: Iterable[str]) -> dict[str, float]:
    keys = list(keys)
    stored = cache().get_many([GENERATION_PREFIX + key for key in keys])
    return {key: stored.get(GENERATION_PREFIX + key, 0.0) for key in keys}


# The generation a key gets when a page first depends on it. It differs from "missing" (0.0),
# so a generation evicted from the cache makes its pages stale instead of fresh again.
INITIAL_GENERATION = 1.0


def generations_for_new_page(keys: Iterable[str]) -> dict[str, float]:
    """Current generations of ``keys``, giving keys that have none their initial one."""
    generations = current_generations(keys)
    missing = [key for key, generation in generations.items() if generation == 0.0]
    if missing:
        for key in missing:
            cache().add(GENERATION_PREFIX + key, INITIAL_GENERATION, timeout=None)
        generations.update(current_generations(missing))
    return generations


def invalidate(keys: Iterable[str]) -> None:
    """Mark every page that shows one of ``keys`` as stale. Generation keys never expire."""
    from .models import KeyGeneration

    now = time.time()
    keys = set(keys)
    cache().set_many({GENERATION_PREFIX + key: now for key in keys}, timeout=None)
    KeyGeneration.objects.bulk_create(
        [KeyGeneration(key=key, generation=now) for key in keys],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["generation"],
    )


def stored_generations(keys: Iterable[str]) -> dict[str, float]:
    """Generations as the database has them (for processes that do not share the cache)."""
    from .models import KeyGeneration

    keys = sorted(set(keys))
    found: dict[str, float] = {}
    for start in range(0, len(keys), 5000):  # stay below SQLite's bound-parameter limit
        chunk = keys[start : start + 5000]
        found.update(KeyGeneration.objects.filter(key__in=chunk).values_list("key", "generation"))
    return {key: found.get(key, 0.0) for key in keys}


def get_page(page_key: str) -> CachedPage | None:
    return cache().get(PAGE_PREFIX + page_key)


def is_fresh(page: CachedPage, max_age: int) -> bool:
    now = time.time()
    if now - page.rendered_at > max_age:
        return False
    if not is_available(cache()):
        return _is_fresh_by_database(page, now)
    names = [GENERATION_PREFIX + key for key in page.keys]
    stored = cache().get_many([*names, NEXT_DUE_KEY])
    next_due = stored.get(NEXT_DUE_KEY)
    if next_due is None or next_due <= now:
        from . import scheduled

        if scheduled.run_due(now):
            stored = cache().get_many(names)
    return all(
        stored.get(name, 0.0) == page.generations.get(key)
        for name, key in zip(names, page.keys, strict=True)
    )


def _is_fresh_by_database(page: CachedPage, now: float) -> bool:
    """While the cache is away, generations come from the database: a page is fresh when none
    of its keys was invalidated after it was rendered."""
    from . import scheduled

    scheduled.run_due(now)
    return max(stored_generations(page.keys).values(), default=0.0) < page.rendered_at


def schedule_invalidation(
    due: float, keys: Iterable[str], max_age: int = 86400, owner: str | None = None
) -> None:
    """Treat pages showing ``keys`` as stale from ``due`` on (a Unix time in the future).

    One entry per ``owner`` (by default the object's own key among ``keys``, "article-12"):
    scheduling the same article again replaces its entry. ``max_age`` is kept for callers
    of the old signature; entries leave once they have been run.
    """
    from . import scheduled

    scheduled.schedule(due, keys, owner)


def repair_after_outage(down_since: float) -> None:
    """Called once the cache answers again: invalidations made while it was away reached only
    the database; copy them over, so that pages stored before the outage turn stale."""
    from .models import KeyGeneration

    # A minute before this process noticed: another may have met the outage first.
    rows = KeyGeneration.objects.filter(generation__gte=down_since - 60).values_list(
        "key", "generation"
    )
    generations = {GENERATION_PREFIX + key: generation for key, generation in rows}
    if generations:
        cache().set_many(generations, timeout=None)
    cache().delete(NEXT_DUE_KEY)


def store_page(page_key: str, page: CachedPage, keep_for: int) -> None:
    cache().set(PAGE_PREFIX + page_key, page, timeout=keep_for)


def acquire_render_lock(page_key: str, seconds: int = 30) -> bool:
    """True for the one request that may render a missing or stale page right now."""
    return cache().add(LOCK_PREFIX + page_key, 1, timeout=seconds)


def release_render_lock(page_key: str) -> None:
    cache().delete(LOCK_PREFIX + page_key)
