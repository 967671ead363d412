"""What a page shows, as surrogate keys: "article-12", "topic-3", "home", ...

Views call ``record()`` with every object they show (or a listing name); the page cache stores
the keys with the page, and a change to any of those objects invalidates exactly those pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Model

# Listings that have no object of their own.
HOME = "home"
FOOTER = "footer"  # every page shows the footer's standing pages

_current: ContextVar[set[str] | None] = ContextVar("surrogate_keys", default=None)


def key_for(obj: Model | str) -> str:
    if isinstance(obj, str):
        return obj
    return f"{obj._meta.model_name}-{obj.pk}"


def listing_key(obj: Model) -> str:
    """The list of articles of a topic, author or product, as opposed to the object itself.

    A topic's name shows on every article about it; its list of articles only on its own page.
    Publishing an article into the topic changes the list, not the name.
    """
    return f"{key_for(obj)}-articles"


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
