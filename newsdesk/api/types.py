"""The content types the API serves, by their API path segment.

What readers may see of each type is the publishing registry's ``public_objects`` (the queryset
the reader pages, sitemaps and feeds use): the API chooses nothing by rules of its own and only
names the paths.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import QuerySet

from newsdesk.publishing import registry

# The API path segment ("articles", also the webhook payload's "type") -> "app_label.Model".
API_TYPES = {
    "articles": "articles.Article",
    "topics": "articles.Topic",
    "authors": "articles.Author",
    "products": "commerce.Product",
    "galleries": "galleries.Gallery",
    "videos": "videos.Video",
}


def content_type(name: str) -> registry.ContentType:
    model = apps.get_model(API_TYPES[name])
    found = registry.get(model)
    if found is None:  # publishing.E001 already fails the checks for a public model like this
        raise LookupError(f"{API_TYPES[name]} is not a registered content type")
    return found


def public(name: str) -> QuerySet:
    """The readers' queryset of content type ``name`` ("articles", "products", ...)."""
    return content_type(name).public_objects()
