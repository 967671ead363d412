"""The content API's addresses, below ``api/v1/``; the root URLconf includes this module
deferred (``core.deferred_urls``) under the namespace ``api``, which NinjaAPI reverses its own
names in."""

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path

from .docs import api_docs
from .views import api


def api_index(request: HttpRequest) -> JsonResponse:
    """Where a client starts: the entry points and the documents that describe them."""
    return JsonResponse(
        {
            "name": "newsdesk content API",
            "version": "1",
            "schema": "/api/v1/schema/",
            "docs": "/api/v1/docs/",
            "articles": "/api/v1/articles/",
            "topics": "/api/v1/topics/",
            "authors": "/api/v1/authors/",
            "products": "/api/v1/products/",
            "galleries": "/api/v1/galleries/",
            "videos": "/api/v1/videos/",
        }
    )


def api_not_found(request: HttpRequest) -> JsonResponse:
    # A client of the API reads JSON, also when it asked for an address that does not exist.
    return JsonResponse(
        {"detail": "Diese API-Adresse gibt es nicht; siehe /api/v1/docs/.", "problems": []},
        status=404,
    )


# NinjaAPI's patterns without its own namespace: the include provides it.
operations, _app_name, _namespace = api.urls

urlpatterns = [
    path("", api_index, name="api_index"),
    path("docs/", api_docs, name="api_docs"),
    *operations,
    re_path(r"^", api_not_found),
]
