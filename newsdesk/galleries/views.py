"""The slideshow: an overview and one page per image ("Bild n von N")."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from newsdesk.pagecache.dependencies import record

from .models import Gallery, GalleryImage


def _gallery_with_items(slug: str) -> tuple[Gallery, list[GalleryImage]]:
    gallery = get_object_or_404(
        Gallery.objects.published().prefetch_related(
            Prefetch(
                "items",
                queryset=GalleryImage.objects.select_related("image"),
                to_attr="ordered_items",
            )
        ),
        slug=slug,
    )
    record(gallery)
    return gallery, gallery.ordered_items


def overview(request: HttpRequest, slug: str) -> HttpResponse:
    gallery, items = _gallery_with_items(slug)
    return render(request, "galleries/overview.html", {"gallery": gallery, "items": items})


def slide(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    gallery, items = _gallery_with_items(slug)
    if not 1 <= number <= len(items):
        raise Http404("Dieses Bild gibt es in der Bilderstrecke nicht.")
    return render(
        request,
        "galleries/slide.html",
        {
            "gallery": gallery,
            "item": items[number - 1],
            "number": number,
            "total": len(items),
            "previous_url": gallery.get_slide_url(number - 1) if number > 1 else None,
            "next_url": gallery.get_slide_url(number + 1) if number < len(items) else None,
        },
    )
