"""Every write to a ticker or its entries, each in one transaction.

Views, the admin and the demo call these functions; none of them saves a ticker or an entry
itself. Each write raises the ticker's version and invalidates the page cache (and Varnish,
through the publishing pipeline) once the transaction commits.

Everything that follows goes through the publishing change set: ``_entries_changed`` and
``save_ticker`` note keys (``note_keys``), the ticker's search entry (``note_search``), and for an
entry posted with a time in the future the invalidation at that time (``note_scheduled``, one
row per entry, run by the task worker or the first page-cache look-up after that time).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from newsdesk.pagecache.dependencies import HOME, key_for, listing_key
from newsdesk.publishing.changes import note_keys, note_scheduled, note_search
from newsdesk.publishing.keys import FEEDS

from .models import LiveTicker, TickerEntry

# Listing key of the teasers that show running tickers (home, topic and product pages).
TICKER_TEASERS = "livetickers"
# The ticker's kind in the search index (``SearchEntry.Kind.LIVETICKER``).
SEARCH_KIND = "liveticker"


def ticker_keys(ticker: LiveTicker) -> set[str]:
    """The ticker's page and fragment, and every listing its teaser is in."""
    keys = {key_for(ticker), ticker.entries_key, ticker.teaser_key, HOME, FEEDS, TICKER_TEASERS}
    if ticker.pk:
        keys |= {listing_key(topic) for topic in ticker.topics.all()}
        keys |= {listing_key(product) for product in ticker.products.all()}
    return keys


def bump_version(ticker: LiveTicker) -> int:
    """Raise the ticker's version by one in the database and return the new value.

    A single-row UPDATE: reporters posting at once queue for a moment on this row, never on
    each other's entries or forms.
    """
    LiveTicker.objects.filter(pk=ticker.pk).update(version=F("version") + 1)
    ticker.version = LiveTicker.objects.values_list("version", flat=True).get(pk=ticker.pk)
    return ticker.version


def entry_keys(ticker: LiveTicker) -> set[str]:
    """What an entry change touches: the ticker's page and fragment (both record the entry
    list) and its teasers, which show the latest entry. Nothing else."""
    return {ticker.entries_key, ticker.teaser_key}


def _entries_changed(ticker: LiveTicker, entry: TickerEntry) -> None:
    # Purged at once: readers poll the fragment every 2 s and expect the entry within 3 s.
    note_keys(entry_keys(ticker), urgent=True)
    # Its search entry holds the entries' words.
    note_search(SEARCH_KIND, ticker.pk)
    if ticker.is_published:
        from newsdesk.api.models import WebhookSubscription
        from newsdesk.api.webhooks import emit

        emit(WebhookSubscription.Event.TICKER_ENTRY, entry)
    if entry.published_at > timezone.now():
        # One row per entry: two entries scheduled for different times each fire at theirs.
        note_scheduled(
            entry.published_at.timestamp(), entry_keys(ticker), owner=f"tickerentry-{entry.pk}"
        )


@transaction.atomic
def post_entry(
    ticker: LiveTicker,
    text: str,
    *,
    user=None,
    author=None,
    published_at: datetime | None = None,
    is_key_event: bool = False,
    is_pinned: bool = False,
    image=None,
) -> TickerEntry:
    """A new entry; with ``published_at`` in the future it is a scheduled one."""
    if author is None and user is not None:
        author = getattr(user, "author_profile", None)
    entry = TickerEntry(
        ticker=ticker,
        text=text.strip(),
        author=author,
        created_by=user,
        published_at=published_at or timezone.now(),
        is_key_event=is_key_event,
        is_pinned=is_pinned,
        image=image,
    )
    entry.version = bump_version(ticker)
    entry.save()
    _entries_changed(ticker, entry)
    return entry


@transaction.atomic
def edit_entry(entry: TickerEntry, **changes) -> TickerEntry:
    """Change text, flags or time of an entry; readers see it marked "bearbeitet"."""
    allowed = {"text", "is_key_event", "is_pinned", "published_at"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"Not changeable: {sorted(unknown)}")
    if "text" in changes:
        changes["text"] = changes["text"].strip()
        if changes["text"] != entry.text:
            entry.edited_at = timezone.now()
    for name, value in changes.items():
        setattr(entry, name, value)
    entry.version = bump_version(entry.ticker)
    entry.save()
    _entries_changed(entry.ticker, entry)
    return entry


def set_pinned(entry: TickerEntry, pinned: bool) -> TickerEntry:
    return edit_entry(entry, is_pinned=pinned)


@transaction.atomic
def delete_entry(entry: TickerEntry) -> TickerEntry:
    """Keep a tombstone, so pages already open remove the entry on their next update."""
    entry.deleted_at = timezone.now()
    entry.is_pinned = False
    entry.version = bump_version(entry.ticker)
    entry.save()
    _entries_changed(entry.ticker, entry)
    return entry


@transaction.atomic
def save_ticker(ticker: LiveTicker, *, old_keys: set[str] | None = None) -> LiveTicker:
    """Save a ticker's settings (admin); ending it stamps the end time."""
    if ticker.state == LiveTicker.State.ENDED and ticker.ended_at is None:
        ticker.ended_at = timezone.now()
    if ticker.state != LiveTicker.State.ENDED:
        ticker.ended_at = None
    ticker.save()
    note_keys(ticker_keys(ticker) | (old_keys or set()))
    return ticker


def set_state(ticker: LiveTicker, state: str, summary: str | None = None) -> LiveTicker:
    ticker.state = state
    if summary is not None:
        ticker.summary = summary
    return save_ticker(ticker)


def invalidate_ticker(ticker: LiveTicker) -> None:
    note_keys(ticker_keys(ticker))
