"""The reader's article page and listings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.commerce.tests.factories import OfferFactory, ShopFactory
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.videos.tests.factories import VideoFactory

pytestmark = pytest.mark.django_db


def test_article_page_shows_byline_teaser_and_source(client):
    author = AuthorFactory(name="Jana Beispiel")
    article = ArticleFactory(authors=[author], sources=["Bloomberg"])
    html = client.get(article.get_absolute_url()).content.decode()
    assert article.headline in html
    assert "Jana Beispiel" in html
    assert article.teaser in html
    assert "Quelle: Bloomberg" in html


def test_embeds_render_gallery_teaser_related_offers_and_video(client):
    GalleryFactory(title="Das Galaxy S7 in Bildern", slug="s7-bilder", image_count=9)
    review = ArticleFactory(kind=Article.Kind.REVIEW, headline="Galaxy S7 im Test", slug="s7-test")
    offer = OfferFactory(
        shop=ShopFactory(name="Amazon", domains="amazon.de"), url="https://www.amazon.de/dp/X"
    )
    VideoFactory(slug="s7-video", caption="Galaxy S7 im Hands-On")
    body = (
        f"Text davor.\n\n[[gallery:s7-bilder]]\n\n[[article:s7-test]]\n\n"
        f"[[product:{offer.product.slug}]]\n\n[[video:s7-video]]\n"
    )
    article = ArticleFactory(body=body)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Das Galaxy S7 in Bildern" in html
    assert "Bilderstrecke starten (9 Bilder)" in html
    assert f'Auch interessant: <a href="{review.get_absolute_url()}">Galaxy S7 im Test</a>' in html
    assert f"{offer.product.name} bei Amazon kaufen" in html
    assert 'rel="sponsored nofollow"' in html
    assert "Werbung" in html
    assert "Galaxy S7 im Hands-On" in html
    # The provider's player is not on the page until the reader clicks.
    assert "<iframe" not in html


def test_draft_and_future_articles_are_not_found(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    future = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=2)
    )
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404
    home = client.get("/").content.decode()
    assert draft.headline not in home
    assert future.headline not in home


def test_stale_slug_redirects_permanently_to_current_address(client):
    article = ArticleFactory(slug="alter-name")
    old_url = article.get_absolute_url()
    article.slug = "neuer-name"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_only_approved_comments_are_shown_and_html_stays_text(client):
    article = ArticleFactory()
    CommentFactory(article=article, body="<b>fett</b> freigegeben")
    CommentFactory(article=article, body="wartet noch", status="pending")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;b&gt;fett&lt;/b&gt; freigegeben" in html
    assert "wartet noch" not in html


def test_topic_page_lists_its_articles(client):
    topic = TopicFactory(name="Smartphones")
    inside = ArticleFactory(topics=[topic])
    outside = ArticleFactory()
    html = client.get(topic.get_absolute_url()).content.decode()
    assert inside.headline in html
    assert outside.headline not in html
