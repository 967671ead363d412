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

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from . import store
from .dependencies import collecting, record

FRAGMENT_PREFIX = "pc:frag:"


@dataclass
class Fragment:
    html: str
    keys: list[str]
    generations: dict[str, float]
    rendered_at: float


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
    """A fragment's name from what, besides its keys, decides its bytes; the language always."""
    return ":".join([get_language() or "", *(str(part) for part in parts)])


def _cache_key(name: str) -> str:
    # Cache backends limit key length (memcached 250); names may carry slugs.
    return FRAGMENT_PREFIX + hashlib.blake2b(name.encode(), digest_size=16).hexdigest()


def fetch(names: Iterable[str]) -> dict[str, SafeString]:
    """The fresh fragments among ``names`` (one cache round trip, one more for the
    generations), their keys recorded for the page being rendered."""
    names = list(names)
    if not enabled() or not names:
        return {}
    stored = store.cache().get_many([_cache_key(name) for name in names])
    found: dict[str, SafeString] = {}
    limit = max_age()
    for name in names:
        entry = stored.get(_cache_key(name))
        if isinstance(entry, Fragment) and store.is_fresh(entry, limit):
            record(entry.keys)
            found[name] = mark_safe(entry.html)  # noqa: S308 (rendered by our templates)
    return found


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


def cached(name: str, render: Callable[[], str]) -> SafeString:
    """The fragment from the cache while fresh, else rendered (and kept)."""
    found = fetch([name])
    if name in found:
        return found[name]
    return render_and_keep(name, render)
