"""What a page shows, as surrogate keys: "article-12", "topic-3", "home", ...

The keys are built in ``newsdesk.publishing.keys``; this module notes them while a page renders.

Views call ``record()`` with every object they show (or a listing name); the page cache stores
the keys with the page, and a change to any of those objects invalidates exactly those pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Model

from newsdesk.publishing import keys
from newsdesk.publishing.keys import FOOTER, HOME  # noqa: F401  (re-exported for the views)

_current: ContextVar[set[str] | None] = ContextVar("surrogate_keys", default=None)


key_for = keys.of  # the key of an object, built in newsdesk.publishing.keys
listing_key = keys.listing


def record(*items: Model | str | Iterable[Model | str] | None) -> None:
    """Note that the page being rendered shows these objects or listings."""
    keys = _current.get()
    if keys is None:
        return  # not inside a cacheable request: nothing to note
    for item in items:
        if item is None:
            continue
        if isinstance(item, (Model, str)):
            keys.add(key_for(item))
        else:
            keys.update(key_for(each) for each in item if each is not None)


@contextmanager
def collecting() -> Iterator[set[str]]:
    keys: set[str] = set()
    token = _current.set(keys)
    try:
        yield keys
    finally:
        _current.reset(token)
