"""Product pages and the tracked offer redirect ``/go/<id>/``."""

import re

import pytest

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.commerce.models import Offer, OfferClick
from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory, ShopFactory
from newsdesk.galleries.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_product_page_shows_image_credit_specs_labelled_offers_and_articles(client):
    product = ProductFactory(
        name="Galaxy S7", maker="Samsung", image=ImageFactory(credit="Foto: Samsung")
    )
    OfferFactory(
        product=product,
        shop=ShopFactory(name="Amazon", domains="amazon.de"),
        url="https://www.amazon.de/dp/S7",
    )
    OfferFactory(product=product, is_active=False, label="alt")
    article = ArticleFactory()
    article.products.add(product)
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Samsung Galaxy S7</h1>" in html
    assert "Foto: Samsung" in html
    assert "<dt>Display</dt><dd>5,1 Zoll</dd>" in html
    assert "Galaxy S7 bei Amazon kaufen*" in html
    assert "Galaxy S7 alt" not in html
    assert "* Werbung" in re.sub(r"<[^>]+>", "", html)
    for link in re.findall(r'<a class="offer-link"[^>]*>', html):
        assert 'rel="sponsored nofollow"' in link
    assert article.headline in html


def test_unpublished_product_is_not_found(client):
    assert client.get(ProductFactory(is_published=False).get_absolute_url()).status_code == 404


def test_product_page_query_count_is_fixed(client, django_assert_max_num_queries):
    product = ProductFactory(image=ImageFactory())
    for _ in range(5):
        OfferFactory(product=product)
    for _ in range(10):
        ArticleFactory(lead_image=ImageFactory()).products.add(product)
    # One of them looks for running live tickers (their "LIVE" teasers).
    with django_assert_max_num_queries(8):
        assert client.get(product.get_absolute_url()).status_code == 200


def test_go_redirects_to_the_stored_address_and_counts(client):
    offer = OfferFactory()
    response = client.get(offer.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0 Firefox/130")
    assert response.status_code == 302
    assert response["Location"] == offer.url
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    offer.refresh_from_db()
    assert offer.click_count == 1
    assert OfferClick.objects.filter(offer=offer).count() == 1


def test_go_ignores_a_target_in_the_query_string(client):
    offer = OfferFactory()
    response = client.get(offer.get_absolute_url() + "?url=https://evil.example/")
    assert response["Location"] == offer.url


def test_inactive_offer_sends_the_reader_to_the_product_page(client):
    offer = OfferFactory(is_active=False)
    response = client.get(offer.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == offer.product.get_absolute_url()
    assert Offer.objects.get(pk=offer.pk).click_count == 0


def test_unknown_offer_is_a_german_404(client):
    response = client.get("/go/999999/")
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht" in response.content.decode()


@pytest.mark.parametrize(
    "user_agent",
    ["Googlebot/2.1 (+http://www.google.com/bot.html)", "facebookexternalhit/1.1", "curl/8.0"],
)
def test_bots_are_redirected_but_not_counted(client, user_agent):
    offer = OfferFactory()
    response = client.get(offer.get_absolute_url(), HTTP_USER_AGENT=user_agent)
    assert response.status_code == 302
    assert Offer.objects.get(pk=offer.pk).click_count == 0


def test_head_and_prefetch_are_not_counted(client):
    offer = OfferFactory()
    assert client.head(offer.get_absolute_url()).status_code == 302
    assert client.get(offer.get_absolute_url(), HTTP_SEC_PURPOSE="prefetch").status_code == 302
    assert Offer.objects.get(pk=offer.pk).click_count == 0
    assert not OfferClick.objects.exists()
