"""Products and offers in the newsroom."""

import pytest
from django.urls import reverse

from newsdesk.commerce.models import Offer
from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory, ShopFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def redaktion(client):
    client.force_login(newsroom_user(EDITOR))


def offer_data(client, shop, url):
    data = form_data(client.get(reverse("admin:commerce_offer_add")).content.decode(), "offer_form")
    data.update({"product": ProductFactory().pk, "shop": shop.pk, "url": url, "price": "9.99"})
    return data


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://amazon.de/dp/X", "Angebots-Links müssen mit https:// beginnen."),
        ("https://evil.example/dp/X", "gehört nicht zu den Domains des Shops"),
    ],
)
def test_offer_link_must_be_https_to_the_shop(client, url, message):
    shop = ShopFactory(name="Amazon", domains="amazon.de")
    response = client.post(reverse("admin:commerce_offer_add"), offer_data(client, shop, url))
    assert message in response.content.decode()
    assert not Offer.objects.exists()


def test_click_counts_are_shown_but_not_editable(client):
    offer = OfferFactory()
    Offer.objects.filter(pk=offer.pk).update(click_count=42)
    html = client.get(reverse("admin:commerce_product_change", args=[offer.product.pk]))
    html = html.content.decode()
    assert "42" in html
    assert 'name="offers-0-click_count"' not in html
