"""Which surrogate keys a change touches: the object's own pages and the listings it is in."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from . import store
from .dependencies import FOOTER, HOME, key_for
from .tasks import schedule_purge

FEEDS = "feeds"


def invalidate_now(keys: Iterable[str]) -> None:
    keys = set(keys)
    if not keys:
        return
    store.invalidate(keys)
    schedule_purge(keys)


def invalidate_on_commit(keys: Iterable[str]) -> None:
    """Invalidate once the change is committed, so the next render sees it."""
    keys = set(keys)
    if keys:
        transaction.on_commit(lambda: invalidate_now(keys))


def article_keys(article) -> set[str]:
    """An article's page, and every listing it appears in or may now appear in."""
    keys = {key_for(article), HOME, FEEDS, f"kind-{article.kind}"}
    if article.pk:
        keys |= {f"topic-{pk}-articles" for pk in article.topics.values_list("pk", flat=True)}
        keys |= {f"author-{pk}-articles" for pk in article.authors.values_list("pk", flat=True)}
        keys |= {f"product-{pk}-articles" for pk in article.products.values_list("pk", flat=True)}
    return keys


def image_keys(image) -> set[str]:
    """Everything that shows this image."""
    from newsdesk.articles.models import Article, Author
    from newsdesk.commerce.models import Product
    from newsdesk.galleries.models import GalleryImage
    from newsdesk.videos.models import Video

    keys = {key_for(image)}
    keys |= {
        f"gallery-{pk}"
        for pk in GalleryImage.objects.filter(image=image).values_list("gallery_id", flat=True)
    }
    keys |= {
        f"article-{pk}"
        for pk in Article.objects.filter(lead_image=image).values_list("pk", flat=True)
    }
    keys |= {
        f"product-{pk}" for pk in Product.objects.filter(image=image).values_list("pk", flat=True)
    }
    keys |= {
        f"author-{pk}" for pk in Author.objects.filter(photo=image).values_list("pk", flat=True)
    }
    keys |= {
        f"video-{pk}" for pk in Video.objects.filter(poster=image).values_list("pk", flat=True)
    }
    return keys


def shop_keys(shop) -> set[str]:
    return {key_for(shop)} | {
        f"product-{pk}" for pk in shop.offers.values_list("product_id", flat=True).distinct()
    }


def page_keys(page) -> set[str]:
    return {key_for(page), FOOTER}
