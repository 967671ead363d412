"""Kept fragments (pagecache.fragments): a page-cache miss renders the article page from parts
kept per key generation, and every change the pipeline follows shows at once all the same."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, TopicFactory
from newsdesk.articles.views import FORM_TIMESTAMP_PLACEHOLDER
from newsdesk.comments.models import Comment
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory
from newsdesk.galleries.models import Gallery, GalleryImage
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
from newsdesk.pages.models import Page

pytestmark = pytest.mark.django_db

FORM_TIMESTAMP = re.compile(r'name="ts" value="[^"]*"')


@pytest.fixture(autouse=True)
def fragments_on(settings):
    """Off in the test settings (see there); these tests commit their changes as requests do."""
    settings.NEWSDESK_FRAGMENT_CACHE = True


@pytest.fixture
def story(django_capture_on_commit_callbacks):
    """An article with a gallery and a product with an offer in its text, as committed."""
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        GalleryFactory(slug="s7-bilder", title="Das S7 in Bildern", image_count=3)
        product = ProductFactory(name="Galaxy S7", slug="galaxy-s7")
        offer = OfferFactory(product=product, price=Decimal("499.00"))
        article = ArticleFactory(
            headline="Wird das Galaxy S7 teurer?",
            topics=[TopicFactory(name="Smartphones")],
            body="Text.\n\n[[gallery:s7-bilder]]\n\n[[product:galaxy-s7]]",
        )
    return article, offer


def page(client, article: Article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_kept_article_page_is_byte_for_byte_the_page_rendered_in_full(client, story):
    article, _offer = story
    kept_first = page(client, article)
    kept_again = page(client, article)
    with override_settings(NEWSDESK_FRAGMENT_CACHE=False):
        in_full = page(client, article)
    assert FORM_TIMESTAMP.sub("", kept_again) == FORM_TIMESTAMP.sub("", in_full)
    assert FORM_TIMESTAMP.sub("", kept_first) == FORM_TIMESTAMP.sub("", in_full)
    assert "Das S7 in Bildern" in kept_again


def test_the_article_page_from_kept_fragments_needs_at_most_eight_queries(client, story):
    article, _offer = story
    page(client, article)
    page(client, article)  # reads the due time of scheduled invalidations, once a minute
    with CaptureQueriesContext(connection) as queries:
        page(client, article)
    assert len(queries) <= 8


def test_a_changed_offer_price_shows_on_the_article_page_after_the_cached_body(
    client, story, django_capture_on_commit_callbacks
):
    article, offer = story
    assert "499" in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        offer.price = Decimal("379.00")
        offer.save()
    html = page(client, article)
    assert "379" in html
    assert "499" not in html


def test_a_picture_added_to_an_embedded_gallery_shows_on_the_article_at_once(
    client, story, django_capture_on_commit_callbacks
):
    article, _offer = story
    assert "Bilderstrecke starten (3 Bilder)" in page(client, article)
    gallery = Gallery.objects.get(slug="s7-bilder")
    with django_capture_on_commit_callbacks(execute=True):
        GalleryImage.objects.create(gallery=gallery, image=ImageFactory(), position=9)
    assert "Bilderstrecke starten (4 Bilder)" in page(client, article)


def test_a_headline_edit_shows_at_once(client, story, django_capture_on_commit_callbacks):
    article, _offer = story
    page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Das Galaxy S7 wird doch billiger"
        article.save()
    html = page(client, article)
    assert "Das Galaxy S7 wird doch billiger" in html
    assert "Wird das Galaxy S7 teurer?" not in html


def test_an_approved_comment_shows_under_the_kept_article_with_its_count(
    client, story, django_capture_on_commit_callbacks
):
    article, _offer = story
    assert "Noch keine Kommentare" in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        CommentFactory(
            article=article, body="Ich warte auf den Test.", status=Comment.Status.APPROVED
        )
    html = page(client, article)
    assert "Ich warte auf den Test." in html
    assert "1 Kommentar<" in html


def test_every_render_carries_a_fresh_signed_form_time_and_never_the_placeholder(client, story):
    article, _offer = story
    first, second = page(client, article), page(client, article)
    for html in (first, second):
        assert FORM_TIMESTAMP_PLACEHOLDER not in html
        stamp = FORM_TIMESTAMP.search(html).group(0)
        assert stamp != 'name="ts" value=""'


def test_a_new_footer_page_shows_in_the_kept_footer(
    client, story, django_capture_on_commit_callbacks
):
    article, _offer = story
    assert "Barrierefreiheit" not in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.create(
            slug="barrierefreiheit", title="Barrierefreiheit", body="Text.", in_footer=True
        )
    assert "Barrierefreiheit" in page(client, article)


def test_the_page_cache_still_learns_the_keys_of_kept_fragments(
    client, story, django_capture_on_commit_callbacks
):
    article, offer = story
    page(client, article)  # fragments kept, page cache off
    with override_settings(NEWSDESK_PAGE_CACHE=True):
        response = client.get(article.get_absolute_url())
        assert f"product-{offer.product_id}" in response["Surrogate-Key"].split()
        assert "embed-gallery-s7-bilder" in response["Surrogate-Key"].split()
        with django_capture_on_commit_callbacks(execute=True):
            offer.price = Decimal("379.00")
            offer.save()
        again = client.get(article.get_absolute_url())
        assert again["X-Cache"] == "MISS"
        assert "379" in again.content.decode()
