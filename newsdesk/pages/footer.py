"""The standing pages linked in every page's footer, read once and kept in the cache."""

from __future__ import annotations

from django.core.cache import cache

from newsdesk.publishing import keys

CACHE_KEY = keys.FOOTER_PAGES_CACHE
EMPTY_FOR = 60  # seconds


def footer_pages() -> list[dict]:
    pages = cache.get(CACHE_KEY)
    if pages is None:
        from .models import Page

        pages = list(Page.objects.filter(in_footer=True).values("title", "slug"))
        # Kept until a page changes (publishing.follow forgets it). A site without standing
        # pages is one being set up: read again soon rather than keep the empty list for good.
        cache.set(CACHE_KEY, pages, timeout=None if pages else EMPTY_FOR)
    return pages


def forget_footer_pages() -> None:
    cache.delete(CACHE_KEY)
