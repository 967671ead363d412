"""The public content types the API serves, and how each one narrows to what readers may see.

One list until the publishing pipeline's registry lands (``newsdesk.publishing``); then each
entry points at the registry's type of the same name and this module keeps only the API paths.
Every ``public`` here is the queryset the reader pages use: nothing the API shows is chosen by
rules of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class ContentType:
    name: str  # the API path segment ("articles") and the webhook payload's "type"
    model: str  # "app_label.ModelName"
    public: Callable[[], QuerySet]  # what readers may see now


def _articles() -> QuerySet:
    from newsdesk.articles.models import Article

    return Article.objects.published()


def _topics() -> QuerySet:
    from newsdesk.articles.models import Topic

    return Topic.objects.all()  # topic pages are public whatever they list


def _authors() -> QuerySet:
    from newsdesk.articles.models import Author

    return Author.objects.all()  # author pages are public whatever they list


def _products() -> QuerySet:
    from newsdesk.commerce.models import Product

    return Product.objects.published()


def _galleries() -> QuerySet:
    from newsdesk.galleries.models import Gallery

    return Gallery.objects.published()


def _videos() -> QuerySet:
    from newsdesk.videos.models import Video

    return Video.objects.published()


CONTENT_TYPES = {
    t.name: t
    for t in (
        ContentType("articles", "articles.Article", _articles),
        ContentType("topics", "articles.Topic", _topics),
        ContentType("authors", "articles.Author", _authors),
        ContentType("products", "commerce.Product", _products),
        ContentType("galleries", "galleries.Gallery", _galleries),
        ContentType("videos", "videos.Video", _videos),
    )
}


def public(name: str) -> QuerySet:
    """The readers' queryset of content type ``name`` ("articles", "products", ...)."""
    return CONTENT_TYPES[name].public()
