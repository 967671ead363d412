"""TRUST.md F3: 1,500 articles in 48 hours.

The news sitemap splits (at most 1,000 ``<news:news>`` per file), entries older than two days
lose their news metadata (they stay in the monthly article sitemaps), and a news sitemap with
nothing to report is still a valid file.
"""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article

from .validation import NS, locs, valid_index, valid_sitemap

pytestmark = pytest.mark.django_db


def bulk_articles(count: int, newest, spacing: timedelta, prefix: str) -> None:
    """``count`` published articles from ``newest`` backwards; rows only, as an import would."""
    Article.objects.bulk_create(
        Article(
            headline=f"{prefix} {n}",
            slug=f"{prefix.lower()}-{n}",
            teaser="Kurz gemeldet.",
            status=Article.Status.PUBLISHED,
            published_at=newest - n * spacing,
        )
        for n in range(count)
    )


@pytest.fixture
def busy_two_days():
    now = timezone.now().replace(microsecond=0)
    # 1,500 articles within the last 47 hours, and 20 from the week before.
    bulk_articles(1500, now - timedelta(minutes=1), timedelta(seconds=112), "Meldung")
    bulk_articles(20, now - timedelta(days=3), timedelta(hours=6), "Aelter")


def test_news_sitemap_splits_at_1000_entries(client, busy_two_days):
    index = valid_index(client.get("/sitemap.xml").content)
    files = locs(index, "sm:sitemap/sm:loc")
    assert "http://testserver/sitemap-news.xml" in files
    assert "http://testserver/sitemap-news-2.xml" in files
    assert "http://testserver/sitemap-news-3.xml" not in files

    first = valid_sitemap(client.get("/sitemap-news.xml").content)
    second = valid_sitemap(client.get("/sitemap-news-2.xml").content)
    assert len(first.findall("sm:url/news:news", NS)) == 1000
    assert len(second.findall("sm:url/news:news", NS)) == 500
    assert client.get("/sitemap-news-3.xml").status_code == 404
    listed = locs(first) + locs(second)
    assert len(set(listed)) == 1500
    assert not any("aelter" in url for url in listed)


def test_news_entries_are_within_two_days(client, busy_two_days):
    limit = timezone.now() - timedelta(days=2)
    for url in ("/sitemap-news.xml", "/sitemap-news-2.xml"):
        root = valid_sitemap(client.get(url).content)
        for stamp in root.findall("sm:url/news:news/news:publication_date", NS):
            assert datetime.fromisoformat(stamp.text) >= limit


def test_older_articles_lose_news_metadata_but_stay_in_the_month_sitemap(client, busy_two_days):
    old = Article.objects.get(slug="aelter-0")
    month = timezone.localtime(old.published_at)
    root = valid_sitemap(client.get(f"/sitemap-artikel-{month:%Y-%m}.xml").content)
    assert "http://testserver" + old.get_absolute_url() in locs(root)
    # Monthly article sitemaps never carry news metadata.
    assert root.findall("sm:url/news:news", NS) == []


def test_two_days_later_the_news_sitemap_is_empty_and_still_valid(client, busy_two_days):
    Article.objects.update(published_at=timezone.now() - timedelta(days=3))
    root = valid_sitemap(client.get("/sitemap-news.xml").content)
    assert root.findall("sm:url/news:news", NS) == []
    assert locs(root) == ["http://testserver/"]
    files = locs(valid_index(client.get("/sitemap.xml").content), "sm:sitemap/sm:loc")
    assert "http://testserver/sitemap-news-2.xml" not in files


def test_empty_site_has_valid_news_sitemap_and_index(client):
    root = valid_sitemap(client.get("/sitemap-news.xml").content)
    assert root.findall("sm:url/news:news", NS) == []
    valid_index(client.get("/sitemap.xml").content)
