"""Offers: honest link texts and only https links to the shop's own domains (TRUST.md C5)."""

import pytest
from django.core.exceptions import ValidationError

from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory, ShopFactory

pytestmark = pytest.mark.django_db


def test_link_text_with_and_without_label():
    shop = ShopFactory(name="O2", domains="o2online.de")
    product = ProductFactory(name="Galaxy S7")
    plain = OfferFactory(product=product, shop=shop, url="https://www.o2online.de/s7")
    contract = OfferFactory(
        product=product, shop=shop, label="mit Vertrag", url="https://www.o2online.de/s7-vertrag"
    )
    assert plain.link_text == "Galaxy S7 bei O2 kaufen"
    assert contract.link_text == "Galaxy S7 mit Vertrag bei O2"


@pytest.mark.parametrize(
    "url, accepted",
    [
        ("https://www.amazon.de/dp/B01", True),
        ("https://amazon.de/dp/B01", True),
        ("http://www.amazon.de/dp/B01", False),
        ("https://amazon.de.evil.example/dp/B01", False),
        ("https://evil.example/?next=amazon.de", False),
    ],
)
def test_offer_urls_must_be_https_on_the_shops_domains(url, accepted):
    offer = OfferFactory.build(
        product=ProductFactory(), url=url, shop=ShopFactory(name="Amazon", domains="amazon.de")
    )
    if accepted:
        offer.clean()
    else:
        with pytest.raises(ValidationError):
            offer.clean()


def test_product_full_name_does_not_double_the_maker():
    assert ProductFactory.build(name="Galaxy S7", maker="Samsung").full_name == "Samsung Galaxy S7"
    assert ProductFactory.build(name="Samsung Galaxy S7", maker="Samsung").full_name == (
        "Samsung Galaxy S7"
    )


def test_specs_are_read_line_by_line():
    product = ProductFactory.build(specs="Display: 5,1 Zoll\n\nAkku: 3.000 mAh\nWasserdicht")
    assert product.spec_items() == [
        ("Display", "5,1 Zoll"),
        ("Akku", "3.000 mAh"),
        ("Wasserdicht", ""),
    ]
