"""Sitemap keys the page cache's own receivers do not know about.

``pagecache.receivers`` invalidates an article's key and its listings ("feeds" among them).
Sitemaps also hang on the month an article was published in and on the set of topics,
authors, products, galleries and pages there are; this module invalidates those keys.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from newsdesk.articles.models import Article, Author, Topic
from newsdesk.commerce.models import Product, Shop
from newsdesk.galleries.models import Gallery, GalleryImage
from newsdesk.pagecache.invalidation import invalidate_on_commit
from newsdesk.pages.models import Page

from .links import forget_shop_domains
from .sitemaps import INDEX_KEY, NEWS_KEY, SECTION_KEYS, in_news_window, month_key


def _month(published_at) -> str | None:
    if published_at is None:
        return None
    return month_key(timezone.localtime(published_at).date())


@receiver(post_save, sender=Article, dispatch_uid="seo_article_saved")
def article_saved(sender, instance: Article, created: bool, **kwargs) -> None:
    # pagecache.receivers remembered the listing fields before the save (pre_save).
    before = getattr(instance, "_pagecache_before", None) or {}
    keys = {INDEX_KEY}  # the index's lastmod follows every article change
    for published_at in (before.get("published_at"), instance.published_at):
        month = _month(published_at)
        if month:
            keys.add(month)
    if created or before.get("status") != instance.status:
        keys.add(NEWS_KEY)
    elif in_news_window(before.get("published_at")) or in_news_window(instance.published_at):
        keys.add(NEWS_KEY)  # a headline edit: the news sitemap lists headlines
    invalidate_on_commit(keys)


@receiver(post_delete, sender=Article, dispatch_uid="seo_article_deleted")
def article_deleted(sender, instance: Article, **kwargs) -> None:
    keys = {INDEX_KEY, NEWS_KEY}
    month = _month(instance.published_at)
    if month:
        keys.add(month)
    invalidate_on_commit(keys)


SECTION_OF = {
    Topic: SECTION_KEYS["themen"],
    Author: SECTION_KEYS["autoren"],
    Product: SECTION_KEYS["produkte"],
    Gallery: SECTION_KEYS["bilderstrecken"],
    Page: SECTION_KEYS["seiten"],
}


def _section_changed(sender, instance, **kwargs) -> None:
    invalidate_on_commit({SECTION_OF[sender], INDEX_KEY})


@receiver(post_save, sender=GalleryImage, dispatch_uid="seo_galleryimage_saved")
@receiver(post_delete, sender=GalleryImage, dispatch_uid="seo_galleryimage_deleted")
def gallery_images_changed(sender, instance: GalleryImage, **kwargs) -> None:
    invalidate_on_commit({SECTION_KEYS["bilderstrecken"], INDEX_KEY})


for _model in SECTION_OF:
    post_save.connect(
        _section_changed, sender=_model, dispatch_uid=f"seo_{_model._meta.model_name}_saved"
    )
    post_delete.connect(
        _section_changed, sender=_model, dispatch_uid=f"seo_{_model._meta.model_name}_deleted"
    )


@receiver(post_save, sender=Shop, dispatch_uid="seo_shop_saved")
@receiver(post_delete, sender=Shop, dispatch_uid="seo_shop_deleted")
def shop_changed(sender, instance: Shop, **kwargs) -> None:
    # Affiliate links in article texts are recognised by the shops' domains.
    forget_shop_domains()
