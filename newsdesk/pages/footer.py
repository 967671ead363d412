"""The standing pages linked in every page's footer, read once and kept in the cache."""

from __future__ import annotations

from django.core.cache import cache

from newsdesk.publishing import keys

CACHE_KEY = keys.FOOTER_PAGES_CACHE


def footer_pages() -> list[dict]:
    pages = cache.get(CACHE_KEY)
    if pages is None:
        from .models import Page

        pages = list(Page.objects.filter(in_footer=True).values("title", "slug"))
        cache.set(CACHE_KEY, pages, timeout=None)
    return pages


def forget_footer_pages() -> None:
    cache.delete(CACHE_KEY)
