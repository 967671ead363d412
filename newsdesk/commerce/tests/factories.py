from decimal import Decimal

import factory

from newsdesk.commerce.models import Offer, Product, Shop


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Galaxy S{n}")
    slug = factory.Sequence(lambda n: f"galaxy-s{n}")
    maker = "Samsung"
    specs = "Display: 5,1 Zoll\nAkku: 3.000 mAh"
    is_published = True


class ShopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shop
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Shop {n}")
    domains = factory.LazyAttribute(lambda o: f"{o.name.lower().replace(' ', '')}.example")


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    product = factory.SubFactory(ProductFactory)
    shop = factory.SubFactory(ShopFactory)
    price = Decimal("499.00")
    url = factory.LazyAttribute(lambda o: f"https://{o.shop.domain_list()[0]}/p/{o.product.slug}")
    is_active = True
