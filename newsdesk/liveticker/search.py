"""A ticker's search entry: title, teaser, topic and product names, and its entries' words.

Its registration (``publishing.registry``) names these; every entry change notes the ticker's
search entry (``services._entries_changed``), so a word posted a minute ago is found.
"""

from __future__ import annotations

from django.db.models import QuerySet

from newsdesk.publishing.registry import SearchDocument

from .models import LiveTicker

# A long trade-fair ticker reaches a few hundred entries; the newest this many are searched.
MAX_ENTRIES = 500


def search_document(ticker: LiveTicker) -> SearchDocument | None:
    """None while readers may not see it; an upcoming ticker is found (it shows its start)."""
    from newsdesk.search.indexing import plain_text

    if not ticker.is_published:
        return None
    # Entries due now: a scheduled entry's words join with the next change after its time.
    texts = ticker.entries.visible().values_list("text", flat=True)[:MAX_ENTRIES]
    names = [t.name for t in ticker.topics.all()] + [p.full_name for p in ticker.products.all()]
    return SearchDocument(
        title=ticker.title,
        extra=" ".join([*names, "Liveticker"]),
        teaser=ticker.teaser,
        body=" ".join([plain_text(ticker.summary), *(plain_text(text) for text in texts)]),
        vocabulary=(ticker.title,),
    )


def search_objects() -> QuerySet[LiveTicker]:
    return LiveTicker.objects.published().prefetch_related("topics", "products")
