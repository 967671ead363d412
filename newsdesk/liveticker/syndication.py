"""Tickers in feeds, sitemaps and the Google News sitemap (search: ``liveticker.search``).

The ticker's registration (``publishing.types``) hands the feed and sitemap functions to the
feeds and seo apps, which read them from the registry like any other type's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from newsdesk.publishing.registry import SitemapEntry

from .models import LiveTicker

NEWS_MAX_AGE = timedelta(days=2)


@dataclass
class FeedItem:
    """A ticker shaped like the article rows the feed classes read."""

    ticker: LiveTicker
    headline: str
    teaser: str
    published_at: datetime
    modified_at: datetime
    lead_image: object
    body: str = ""
    is_sponsored: bool = False
    sponsor_name: str = ""
    authors: list = field(default_factory=list)
    topic_list: list = field(default_factory=list)

    @property
    def source(self) -> LiveTicker:
        """The object the item shows, whose key the feed records."""
        return self.ticker

    def get_absolute_url(self) -> str:
        return self.ticker.get_absolute_url()

    def ordered_authors(self) -> list:
        return self.authors

    @property
    def topics(self):
        return self.ticker.topics

    def __getattr__(self, name: str):
        # Anything else an article row has (pk for cache keys, say) comes from the ticker.
        return getattr(self.ticker, name)


def public_tickers():
    """Tickers readers may find: published and started (an upcoming one is not news yet)."""
    return LiveTicker.objects.published().filter(starts_at__lte=timezone.now())


def feed_items(limit: int) -> list[FeedItem]:
    tickers = (
        public_tickers()
        .select_related("lead_image")
        .prefetch_related("authors", "topics")
        .annotate(last_entry=Max("entries__published_at"))
        .order_by("-starts_at")[:limit]
    )
    items = []
    for ticker in tickers:
        prefix = "LIVE: " if ticker.is_live else ""
        items.append(
            FeedItem(
                ticker=ticker,
                headline=prefix + ticker.title,
                teaser=ticker.teaser,
                published_at=ticker.starts_at,
                modified_at=max(filter(None, [ticker.modified_at, ticker.last_entry])),
                lead_image=ticker.lead_image,
                authors=list(ticker.authors.all()),
            )
        )
    return items


def sitemap_entries() -> list[SitemapEntry]:
    """Every public ticker, changed when it or its newest entry changed."""
    tickers = public_tickers().annotate(last_entry=Max("entries__published_at")).order_by("pk")
    return [
        SitemapEntry(t.get_absolute_url(), max(filter(None, [t.modified_at, t.last_entry])))
        for t in tickers
    ]


def news_entries() -> list[SitemapEntry]:
    """Tickers started in the last two days, for the Google News sitemap."""
    since = timezone.now() - NEWS_MAX_AGE
    tickers = public_tickers().filter(starts_at__gte=since).order_by("-starts_at")
    return [
        SitemapEntry(
            t.get_absolute_url(), t.modified_at, news_title=t.title, published_at=t.starts_at
        )
        for t in tickers
    ]
