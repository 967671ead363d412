from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.commerce.tests.factories import ProductFactory


@pytest.fixture
def make_article(db):
    """A published article (indexed on save, as in the newsroom) with optional products."""

    def make(headline, teaser="Ein Vorspann.", body="", products=(), **fields):
        article = ArticleFactory(headline=headline, teaser=teaser, body=body, **fields)
        if products:
            article.products.set(products)
        return article

    return make


@pytest.fixture
def galaxy_s7(db):
    return ProductFactory(name="Galaxy S7", slug="galaxy-s7", maker="Samsung")


@pytest.fixture
def past():
    return timezone.now() - timedelta(days=1)
