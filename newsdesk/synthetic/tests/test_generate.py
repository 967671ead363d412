"""``newsdesk generate`` builds a realistic synthetic newsroom, and can grow it."""

import pytest
from django.core.management import CommandError, call_command

from newsdesk.articles.models import Article
from newsdesk.commerce.models import Offer, Product

pytestmark = pytest.mark.django_db


def test_generate_writes_published_articles_with_authors_topics_and_products():
    call_command("generate", articles=60, images=2, verbosity=0)
    articles = Article.objects.published()
    assert articles.count() == 60
    sample = articles.order_by("pk").first()
    assert sample.authors.exists() and sample.topics.exists() and sample.products.exists()
    assert sample.lead_image is not None and sample.lead_image.credit
    assert "## " in " ".join(articles.values_list("body", flat=True))
    assert Product.objects.filter(name__startswith="Galaxy S").exists()
    assert Offer.objects.filter(label="mit Vertrag").exists()


def test_generate_again_with_more_articles_only_adds_the_difference():
    call_command("generate", articles=20, images=1, verbosity=0)
    products = Product.objects.count()
    call_command("generate", articles=30, images=1, verbosity=0)
    assert Article.objects.count() == 30
    assert Product.objects.count() == products


def test_generate_refuses_nonsense_sizes():
    with pytest.raises(CommandError, match="between 1 and"):
        call_command("generate", articles=0, verbosity=0)
