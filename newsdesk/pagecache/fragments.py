"""Parts of a page rendered once per generation of what they show, kept between renders.

A page-cache miss (an edit, a crawler walking the archive, a bake, the page cache switched off)
renders the whole page; most of it (an article's header, body with its embeds, offers, related
box, structured data) is the same as in the last render. Such a part is a *fragment*: rendered
while its surrogate keys are collected (``pagecache.dependencies``), stored with the
generations those keys had, and used again while none of them moved on, exactly as a cached
page is (``store.is_fresh``). So every change the publishing pipeline follows (an article's
save, an embedded gallery's picture, an offer's price, a related box) reaches the fragment the
moment it reaches the page: the pipeline bumps the key, the fragment is stale.

A fragment that is used records its keys into the page around it, so the page cache and the
bake still learn everything the page shows. Views fetch their fragments up front
(``fetch``) and compute the expensive context only when one is missing; the template tag
``{% fragment %}`` (``core.templatetags.newsdesk``) answers a fetched one or renders and stores
it. ``NEWSDESK_FRAGMENT_CACHE=false`` switches it off.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from newsdesk.core.resilient_cache import is_available

from . import store
from .dependencies import collecting, record

FRAGMENT_PREFIX = "pc:frag:"
# Fragments kept before this time are not used (``forget_all``: a full bake, which must not
# rely on keys that a change outside the pipeline did not move). Read with the generations.
EPOCH_KEY = "pc:frag-epoch"


@dataclass
class Fragment:
    html: str
    keys: list[str]
    generations: dict[str, float]
    rendered_at: float


def forget_all() -> None:
    """Every fragment kept so far is rendered anew when next asked for."""
    store.cache().set(EPOCH_KEY, time.time(), timeout=None)


@dataclass
class Collected:
    keys: set[str]
    started: float


def enabled() -> bool:
    return getattr(settings, "NEWSDESK_FRAGMENT_CACHE", True)


def max_age() -> int:
    # Bounds what no key follows (the time a comment section closes, a year in the footer)
    # exactly as long as a cached page would keep it.
    return getattr(settings, "NEWSDESK_PAGE_CACHE_MAX_AGE", 600)


def name_for(*parts: object) -> str:
    """A fragment's name from what, besides its keys, decides its bytes; the language and the
    release (templates, static files, site settings) always."""
    return ":".join([release(), get_language() or "", *(str(part) for part in parts)])


@functools.cache
def release() -> str:
    """What this process renders with: its code and templates, the static files' manifest and
    the site settings that show on pages (a release that renders differently, a tighter
    sanitiser say, is not served fragments of the one before). Fragments stay in the cache
    across a deploy; those rendered by other code, templates or settings are not used (read
    once per process)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=8)
    # By content, without the tests: the same code from another checkout shares fragments, and
    # editing a test does not throw them away.
    for path in sorted([*package.rglob("*.html"), *package.rglob("*.py")]):
        if "tests" in path.relative_to(package).parts:
            continue
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    for name in ("NEWSDESK_SITE_NAME", "NEWSDESK_BASE_URL", "NEWSDESK_FOLLOW_LINKS", "MEDIA_URL"):
        digest.update(repr(getattr(settings, name, None)).encode())
    return digest.hexdigest()


def _cache_key(name: str) -> str:
    # Cache backends limit key length (memcached 250); names may carry slugs.
    return FRAGMENT_PREFIX + hashlib.blake2b(name.encode(), digest_size=16).hexdigest()


class Fetched(dict):
    """The fresh fragments by name, and which names were asked for (a name asked for and not
    found is rendered by the template with the data the view read meanwhile)."""

    def __init__(self, found: dict[str, SafeString], asked: Iterable[str]):
        super().__init__(found)
        self.asked = frozenset(asked)


def fetch(names: Iterable[str]) -> Fetched:
    """The fresh fragments among ``names``, their keys recorded for the page being rendered.

    Two cache round trips however many fragments: the entries, then the generations of all
    their keys at once (with the next due time of scheduled invalidations, as ``is_fresh``).
    """
    names = list(names)
    if not enabled() or not names:
        return Fetched({}, names)
    cache = store.cache()
    stored = cache.get_many([_cache_key(name) for name in names])
    now = time.time()
    limit = max_age()
    entries = {}
    for name in names:
        entry = stored.get(_cache_key(name))
        if isinstance(entry, Fragment) and now - entry.rendered_at <= limit:
            entries[name] = entry
    if not entries:
        return Fetched({}, names)
    if is_available(cache):
        generations = _current_generations({key for e in entries.values() for key in e.keys}, now)
        epoch = generations.pop(EPOCH_KEY, 0.0)
        fresh = {
            name: entry
            for name, entry in entries.items()
            if entry.rendered_at > epoch
            and all(generations.get(key, 0.0) == entry.generations.get(key) for key in entry.keys)
        }
    else:  # generations from the database, as for cached pages
        fresh = {name: entry for name, entry in entries.items() if store.is_fresh(entry, limit)}
    found: dict[str, SafeString] = {}
    for name, entry in fresh.items():
        record(entry.keys)
        found[name] = mark_safe(entry.html)  # noqa: S308 (rendered by our templates)
    return Fetched(found, names)


def _current_generations(keys: set[str], now: float) -> dict[str, float]:
    names = {store.GENERATION_PREFIX + key: key for key in keys}
    names[EPOCH_KEY] = EPOCH_KEY
    stored = store.cache().get_many([*names, store.NEXT_DUE_KEY])
    next_due = stored.get(store.NEXT_DUE_KEY)
    if next_due is None or next_due <= now:
        from . import scheduled

        if scheduled.run_due(now):
            stored = store.cache().get_many(list(names))
    return {key: stored.get(name, 0.0) for name, key in names.items()}


def render_and_keep(
    name: str, render: Callable[[], str], keys: Iterable[str] = (), started: float | None = None
) -> SafeString:
    """Render the fragment, note its keys for the page around it, and keep it if no change
    reached its keys while it rendered (then it may lack that change: used once, not kept).

    ``keys``: what the view recorded while reading the fragment's data before the template
    ran (from ``collect``), ``started`` when it began reading.
    """
    started = time.time() if started is None else started
    with collecting() as found:
        html = render()
    found.update(keys)
    record(found)
    if enabled() and found:
        generations = store.generations_for_new_page(found)
        if max(generations.values(), default=0.0) < started:
            entry = Fragment(
                html=str(html), keys=sorted(found), generations=generations, rendered_at=started
            )
            store.cache().set(_cache_key(name), entry, timeout=max_age())
    return mark_safe(html)  # noqa: S308 (rendered by our templates)


@contextmanager
def collect() -> Iterator[Collected]:
    """Around a view's reading of the data its fragments show: the keys it records (noted for
    the page as well) and when it started, for ``{% fragment %}`` to keep with the fragments."""
    collected = Collected(keys=set(), started=time.time())
    with collecting() as found:
        yield collected
    collected.keys.update(found)
    record(found)


def cached(name: str, render: Callable[[], str], keys: Iterable[str] = ()) -> SafeString:
    """The fragment from the cache while fresh, else rendered (and kept)."""
    found = fetch([name])
    if name in found:
        return found[name]
    return render_and_keep(name, render, keys=keys)
