"""Every picture an article shows needs its credit (§ 13 UrhG) before the article goes public.

The lead image is checked in ``articles.services``, galleries when they are published. This adds
the pictures that come along with the article's embeds and products: video posters and product
images, which the article page shows beside its text.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from newsdesk.core.markup import find_embeds


def uncredited_pictures(article) -> list[str]:
    """Plain-words problems for pictures the article would show without a credit."""
    from newsdesk.commerce.models import Product
    from newsdesk.videos.models import Video

    embeds = find_embeds(article.body or "")
    video_slugs = {e.slug for e in embeds if e.kind == "video"}
    product_slugs = {e.slug for e in embeds if e.kind == "product"}
    problems = []
    videos = Video.objects.filter(slug__in=video_slugs, poster__isnull=False).select_related(
        "poster"
    )
    for video in videos:
        if not video.poster.has_credit:
            problems.append(
                _("Das Vorschaubild des Videos „%(title)s“ hat keinen Bildnachweis.")
                % {"title": video.title}
            )
    shown = Q(slug__in=product_slugs)
    if article.pk:
        shown |= Q(articles=article)
    products = Product.objects.filter(shown, image__isnull=False).select_related("image").distinct()
    for product in products:
        if not product.image.has_credit:
            problems.append(
                _("Das Bild des Produkts „%(name)s“ hat keinen Bildnachweis.")
                % {"name": product.full_name}
            )
    return problems
