"""Feeds and sitemaps go through the page cache: a change re-renders exactly those that list it.

Like ``pagecache/tests/test_invalidation.py``: fill the cache, make one change the way the
newsroom does, ask every feed and sitemap again; "MISS" means rendered anew.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.commerce.tests.factories import ProductFactory
from newsdesk.galleries.tests.factories import GalleryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    with override_settings(NEWSDESK_PAGE_CACHE=True):
        cache.clear()
        topic, other_topic = TopicFactory(), TopicFactory()
        author, other_author = AuthorFactory(), AuthorFactory()
        product = ProductFactory(is_published=True, slug="galaxy-s7")
        GalleryFactory(slug="bilder", image_count=1)
        story = ArticleFactory(topics=[topic], authors=[author])
        story.products.add(product)
        old = ArticleFactory(
            topics=[other_topic],
            authors=[other_author],
            kind=Article.Kind.GUIDE,
            published_at=timezone.now() - timedelta(days=400),
        )
        month = f"{timezone.localtime(story.published_at):%Y-%m}"
        old_month = f"{timezone.localtime(old.published_at):%Y-%m}"
        pages = {
            "site": "/feed/",
            "site_atom": "/feed/atom/",
            "topic": f"/thema/{topic.slug}/feed/",
            "other_topic": f"/thema/{other_topic.slug}/feed/atom/",
            "author": f"/autor/{author.slug}/feed/",
            "other_author": f"/autor/{other_author.slug}/feed/",
            "product": "/produkt/galaxy-s7/feed/",
            "news_kind": "/news/feed/",
            "guide_kind": "/ratgeber/feed/",
            "index": "/sitemap.xml",
            "month": f"/sitemap-artikel-{month}.xml",
            "old_month": f"/sitemap-artikel-{old_month}.xml",
            "news": "/sitemap-news.xml",
            "galleries": "/sitemap-bilderstrecken.xml",
            "products": "/sitemap-produkte.xml",
            "robots": "/robots.txt",
        }
        yield pages, {"story": story, "other_topic": other_topic, "old": old}
        cache.clear()


def rerendered(client, pages, capture, change) -> set[str]:
    for path in pages.values():
        assert client.get(path).status_code == 200, path
    assert all(client.get(path)["X-Cache"] == "HIT" for path in pages.values())
    with capture(execute=True):
        change()
    return {name for name, path in pages.items() if client.get(path).get("X-Cache") != "HIT"}


def test_editing_a_headline_rerenders_the_feeds_and_sitemaps_listing_it(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site

    def edit():
        objects["story"].headline = "Neue Überschrift"
        objects["story"].save()

    changed = rerendered(client, pages, django_capture_on_commit_callbacks, edit)
    assert changed == {
        "site",
        "site_atom",
        "topic",
        "author",
        "product",
        "news_kind",
        "index",
        "month",
        "news",
    }


def test_publishing_rerenders_its_feeds_and_sitemaps_only(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site

    def publish():
        ArticleFactory(topics=[objects["other_topic"]], authors=[AuthorFactory()])

    changed = rerendered(client, pages, django_capture_on_commit_callbacks, publish)
    assert {"site", "site_atom", "other_topic", "news_kind", "index", "month", "news"} <= changed
    assert not changed & {"topic", "author", "product", "guide_kind", "old_month", "galleries"}
    assert "robots" not in changed


def test_unpublishing_an_old_article_rerenders_its_month_not_the_others(
    client, site, django_capture_on_commit_callbacks
):
    pages, objects = site

    def unpublish():
        objects["old"].status = Article.Status.DRAFT
        objects["old"].save()

    changed = rerendered(client, pages, django_capture_on_commit_callbacks, unpublish)
    assert {"old_month", "other_topic", "other_author", "guide_kind", "index"} <= changed
    assert not changed & {"month", "topic", "author", "product", "galleries", "robots"}
    assert objects["old"].get_absolute_url() not in client.get(pages["old_month"]).content.decode()


def test_big_sitemaps_keep_their_surrogate_keys_short(client, site):
    pages, objects = site
    month = timezone.localtime(objects["story"].published_at)
    for n in range(30):
        ArticleFactory(published_at=objects["story"].published_at - timedelta(seconds=n))
    # (The site fixture keeps the page cache on.) No key per listed article: 50,000 of them
    # would not fit a Surrogate-Key header; the month's own key stands for them.
    for path in (pages["month"], pages["news"], "/sitemap-themen.xml"):
        keys = client.get(path)["Surrogate-Key"].split()
        assert len(keys) <= 4, (path, keys)
    assert f"sitemap-articles-{month:%Y-%m}" in client.get(pages["month"])["Surrogate-Key"]
