"""The slideshow: an overview and one page per image ("Bild n von N")."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from newsdesk.pagecache import fragments
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
    # Kept as fragments while the gallery (its pictures change its key) is unchanged
    # (newsdesk.pagecache.fragments); a slide kept was a slide that exists.
    gallery = get_object_or_404(Gallery.objects.published(), slug=slug)
    record(gallery)
    names = {
        f"{part}_fragment": fragments.name_for(f"slide-{part}", gallery.pk, number)
        for part in ("title", "description", "meta", "slide")
    }
    found = fragments.fetch(names.values())
    context = {"gallery": gallery, "number": number, "fragments": found, **names}
    if len(found) < len(names):
        with fragments.collect() as collected:
            gallery, items = _gallery_with_items(slug)
        if not 1 <= number <= len(items):
            raise Http404("Dieses Bild gibt es in der Bilderstrecke nicht.")
        context.update(
            gallery=gallery,
            fragment_data=collected,
            item=items[number - 1],
            total=len(items),
            previous_url=gallery.get_slide_url(number - 1) if number > 1 else None,
            next_url=gallery.get_slide_url(number + 1) if number < len(items) else None,
        )
    return render(request, "galleries/slide.html", context)
