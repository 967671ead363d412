"""Tickers in the site feed, the sitemaps and the Google News sitemap."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from newsdesk.articles.tests.factories import ArticleFactory

from .factories import LiveTickerFactory

pytestmark = pytest.mark.django_db


def test_site_feed_lists_tickers_beside_articles(client):
    ArticleFactory(headline="Ein Artikel", published_at=timezone.now() - timedelta(hours=2))
    ticker = LiveTickerFactory(title="CES 2027 im Liveticker")
    LiveTickerFactory(title="Noch nicht veröffentlicht", is_published=False)
    feed = feedparser.parse(client.get("/feed/").content)
    assert not feed.bozo
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "LIVE: CES 2027 im Liveticker"
    assert "Ein Artikel" in titles
    assert "Noch nicht veröffentlicht" not in " ".join(titles)
    assert feed.entries[0].link == "http://testserver" + ticker.get_absolute_url()


def test_sitemap_section_and_index(client):
    ticker = LiveTickerFactory()
    LiveTickerFactory(starts_at=timezone.now() + timedelta(days=1))  # upcoming: not yet listed
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-liveticker.xml" in index
    body = client.get("/sitemap-liveticker.xml").content.decode()
    assert body.count("<url>") == 1
    assert f"http://testserver{ticker.get_absolute_url()}" in body


def test_google_news_sitemap_lists_recent_tickers(client):
    ticker = LiveTickerFactory(title="Apple-Keynote im Liveticker")
    LiveTickerFactory(starts_at=timezone.now() - timedelta(days=3))
    body = client.get("/sitemap-news.xml").content.decode()
    assert body.count("<news:news>") == 1
    assert "<news:title>Apple-Keynote im Liveticker</news:title>" in body
    assert ticker.get_absolute_url() in body
