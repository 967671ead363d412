"""TRUST.md F2: control characters in a title or body never break a feed or sitemap.

Two lines of defence: the models strip them on save, and the feed and sitemap writers strip them
again on output (for rows written past the models, e.g. by a bulk import or raw SQL).
"""

import feedparser
import pytest

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.seo.tests.validation import valid_index, valid_sitemap

pytestmark = pytest.mark.django_db

DIRTY = "Galaxy\x0b S7\x1f im\x00 Test\x08"
# What can reach the database past the models: PostgreSQL itself refuses NUL, SQLite does not.
STORED = "Galaxy\x0b S7\x1f im Test\x08"


def all_feeds(topic, author) -> list[str]:
    bases = ["/feed/", f"/thema/{topic.slug}/feed/", f"/autor/{author.slug}/feed/", "/news/feed/"]
    return [url for base in bases for url in (base, base + "atom/")]


def test_control_characters_are_stripped_on_save():
    topic = TopicFactory(name="Smart\x0bphones")
    author = AuthorFactory(name="Anna\x1f Beispiel")
    article = ArticleFactory(headline=DIRTY, teaser="Kurz\x0c und gut.", topics=[topic])
    article.refresh_from_db()
    topic.refresh_from_db()
    author.refresh_from_db()
    assert article.headline == "Galaxy S7 im Test"
    assert article.teaser == "Kurz und gut."
    assert topic.name == "Smartphones"
    assert author.name == "Anna Beispiel"


def test_rows_written_past_the_models_still_give_valid_feeds_and_sitemaps(client):
    topic, author = TopicFactory(), AuthorFactory()
    article = ArticleFactory(topics=[topic], authors=[author], body="Text\x0b mit\x1f Zeichen.")
    # A bulk update skips save(): the characters reach the database.
    Article.objects.filter(pk=article.pk).update(headline=STORED, teaser="Vor\x0bspann")
    from newsdesk.articles.models import Topic

    Topic.objects.filter(pk=topic.pk).update(name="Smart\x0bphones")
    for url in all_feeds(topic, author):
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = feedparser.parse(response.content)
        assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
        assert parsed.entries[0].title == "Galaxy S7 im Test"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.NEWSDESK_FEED_FULL_TEXT", True, raising=False)
        parsed = feedparser.parse(client.get("/feed/").content)
        assert parsed.bozo == 0
    valid_index(client.get("/sitemap.xml").content)
    news = valid_sitemap(client.get("/sitemap-news.xml").content)
    assert b"Galaxy S7 im Test" in client.get("/sitemap-news.xml").content
    assert news is not None
    valid_sitemap(client.get("/sitemap-themen.xml").content)


def test_article_page_with_control_characters_renders(client):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(headline=STORED)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "\x0b" not in response.content.decode().split("application/ld+json")[1]
