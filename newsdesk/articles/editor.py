"""The body editor: a textarea widget the Tiptap bundle enhances, and its embed search.

The bundle is built from ``frontend/`` by the Makefile. The widget stays a plain Markdown
textarea, so the form works without JavaScript; the editor writes Markdown back into it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.admin.widgets import AdminTextareaWidget
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from newsdesk.commerce.models import Product
from newsdesk.core.markup import EMBED_KINDS
from newsdesk.galleries.models import Gallery, GalleryImage
from newsdesk.newsroom.permissions import articles_for
from newsdesk.videos.models import Video

SEARCH_LIMIT = 20
ITEMS_LIMIT = 100


class BodyEditorWidget(AdminTextareaWidget):
    """Markdown textarea marked for the editor bundle, which replaces it once loaded."""

    class Media:
        css = {"all": ["articles/editor/editor-style.css"]}
        js = ["articles/editor/editor.js"]

    def get_context(self, name, value, attrs):
        attrs = {
            **(attrs or {}),
            "data-body-editor": "",
            "data-embed-search": reverse("admin:articles_article_embeds"),
            "rows": 24,
        }
        return super().get_context(name, value, attrs)


def _gallery_card(gallery: Gallery) -> dict:
    first = gallery.ordered_items[0] if gallery.ordered_items else None
    return {
        "title": gallery.title,
        "meta": ngettext("%(count)d Bild", "%(count)d Bilder", gallery.image_count)
        % {"count": gallery.image_count},
        "thumbnail": first.image.thumbnail_url if first else "",
    }


def _video_card(video: Video) -> dict:
    return {
        "title": video.title,
        "meta": video.get_provider_display(),
        "thumbnail": video.poster.thumbnail_url if video.poster_id else "",
    }


def _product_card(product: Product) -> dict:
    return {
        "title": str(product),
        "meta": _("%(count)d Angebote · * Werbung") % {"count": product.offer_count},
        "thumbnail": product.image.thumbnail_url if product.image_id else "",
    }


def _article_card(article) -> dict:
    return {
        "title": article.headline,
        "meta": article.get_kind_display(),
        "thumbnail": article.lead_image.thumbnail_url if article.lead_image_id else "",
    }


def _articles(request: HttpRequest) -> QuerySet:
    from .models import Article

    # Any published article may be linked; unpublished ones only as far as this user sees them.
    mine = articles_for(request.user, Article.objects.all()).values("pk")
    return (
        Article.objects.filter(Q(status=Article.Status.PUBLISHED) | Q(pk__in=mine))
        .select_related("lead_image")
        .order_by("-published_at", "-pk")
    )


# kind -> (permission to read, objects, search fields, is it public?, card data)
SOURCES: dict[str, tuple[str, Callable[[HttpRequest], QuerySet], list[str], Callable, Callable]] = {
    "gallery": (
        "galleries.view_gallery",
        lambda request: (
            Gallery.objects.annotate(image_count=Count("items"))
            .prefetch_related(
                Prefetch(
                    "items",
                    queryset=GalleryImage.objects.select_related("image"),
                    to_attr="ordered_items",
                )
            )
            .order_by("-created_at")
        ),
        ["title", "slug"],
        lambda obj: obj.is_published,
        _gallery_card,
    ),
    "video": (
        "videos.view_video",
        lambda request: Video.objects.select_related("poster").order_by("-created_at"),
        ["title", "slug", "caption"],
        lambda obj: obj.is_published,
        _video_card,
    ),
    "product": (
        "commerce.view_product",
        lambda request: (
            Product.objects.select_related("image")
            .annotate(offer_count=Count("offers"))
            .order_by("maker", "name")
        ),
        ["name", "maker", "slug"],
        lambda obj: obj.is_published,
        _product_card,
    ),
    "article": (
        "articles.view_article",
        _articles,
        ["headline", "slug", "teaser"],
        lambda obj: obj.status == obj.Status.PUBLISHED,
        _article_card,
    ),
}
assert set(SOURCES) == set(EMBED_KINDS)


def _card(kind: str, obj) -> dict:
    _perm, _objects, _fields, is_public, card = SOURCES[kind]
    return {"kind": kind, "slug": obj.slug, "published": is_public(obj), **card(obj)}


def embed_search(request: HttpRequest) -> JsonResponse:
    """Embeddable objects as JSON for the editor's picker and cards.

    ``?kind=gallery&q=aurora`` searches one kind (newest first, published or not);
    ``?items=gallery:slug,video:slug`` returns the cards of embeds already in a body.
    """
    if "items" in request.GET:
        wanted: dict[str, set[str]] = {}
        for item in request.GET["items"].split(",")[:ITEMS_LIMIT]:
            kind, _sep, slug = item.partition(":")
            if kind in SOURCES and slug:
                wanted.setdefault(kind, set()).add(slug)
        results = []
        for kind, slugs in wanted.items():
            permission, objects, _fields, _public, _cardfn = SOURCES[kind]
            if request.user.has_perm(permission):
                results += [_card(kind, obj) for obj in objects(request).filter(slug__in=slugs)]
        return JsonResponse({"results": results})

    kind = request.GET.get("kind", "")
    if kind not in SOURCES:
        return JsonResponse({"error": _("Unbekannte Art.")}, status=400)
    permission, objects, fields, _public, _cardfn = SOURCES[kind]
    if not request.user.has_perm(permission):
        return JsonResponse({"error": _("Keine Berechtigung.")}, status=403)
    queryset = objects(request)
    for word in request.GET.get("q", "").split()[:5]:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(condition)
    return JsonResponse({"results": [_card(kind, obj) for obj in queryset[:SEARCH_LIMIT]]})
