"""Content changes invalidate exactly the cached pages that show the changed objects."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from newsdesk.articles.models import (
    Article,
    ArticleAuthor,
    ArticleSource,
    Author,
    RelatedArticle,
    Topic,
)
from newsdesk.comments.models import Comment
from newsdesk.commerce.models import Offer, Product, Shop
from newsdesk.galleries.models import Gallery, GalleryImage, Image
from newsdesk.pages.models import Page
from newsdesk.videos.models import Video

from . import store
from .dependencies import key_for
from .invalidation import (
    article_keys,
    image_keys,
    invalidate_on_commit,
    page_keys,
    shop_keys,
)

# What decides whether, where and in which order an article appears in listings.
LISTING_FIELDS = ("status", "published_at", "kind")


@receiver(pre_save, sender=Article, dispatch_uid="pagecache_article_before")
def remember_article_listings(sender, instance: Article, **kwargs) -> None:
    if instance.pk:
        instance._pagecache_before = (
            Article.objects.filter(pk=instance.pk).values(*LISTING_FIELDS).first()
        )


def _visible(fields: dict | None) -> bool:
    """Whether readers see an article with these listing fields now."""
    if not fields or not fields["published_at"]:
        return False
    live = fields["status"] in (Article.Status.PUBLISHED, Article.Status.SCHEDULED)
    return live and fields["published_at"] <= timezone.now()


@receiver(pre_delete, sender=Article, dispatch_uid="pagecache_article_deleted")
def article_deleted(sender, instance: Article, **kwargs) -> None:
    # Before the delete, while its topics and products can still be read.
    invalidate_on_commit(article_keys(instance))


@receiver(post_save, sender=Article, dispatch_uid="pagecache_article_saved")
def article_changed(sender, instance: Article, created: bool, **kwargs) -> None:
    """A text edit touches the pages that show the article; a publication change its listings.

    Pages that show the article (its own, teasers in listings, related boxes) recorded its key.
    Listings must also change when it enters or leaves them or moves within them.
    """
    before = getattr(instance, "_pagecache_before", None)
    after = {name: getattr(instance, name) for name in LISTING_FIELDS}
    listings_change = before != after and (_visible(before) or _visible(after))
    if created or not listings_change:
        keys = {key_for(instance)}
        if created and _visible(after):
            keys |= article_keys(instance)
    else:
        keys = article_keys(instance)
        if before and before["kind"] != instance.kind:
            keys.add(f"kind-{before['kind']}")
    invalidate_on_commit(keys)
    if instance.status == Article.Status.SCHEDULED and instance.published_at:
        due = instance.published_at.timestamp()
        listing_keys = article_keys(instance)
        transaction.on_commit(lambda: store.schedule_invalidation(due, listing_keys))


@receiver(m2m_changed, sender=Article.topics.through, dispatch_uid="pagecache_article_topics")
@receiver(m2m_changed, sender=Article.products.through, dispatch_uid="pagecache_article_products")
def article_links_changed(sender, instance, action: str, pk_set, model, **kwargs) -> None:
    prefix = model._meta.model_name
    if action == "pre_clear" and isinstance(instance, Article):
        related = getattr(instance, "topics" if prefix == "topic" else "products")
        pk_set = set(related.values_list("pk", flat=True))
    elif action not in ("post_add", "post_remove"):
        return
    if isinstance(instance, Article):
        keys = {key_for(instance)} | {f"{prefix}-{pk}-articles" for pk in pk_set or ()}
    else:  # changed from the other side: instance is a topic or product, pk_set articles
        keys = {f"{key_for(instance)}-articles"} | {f"article-{pk}" for pk in pk_set or ()}
    invalidate_on_commit(keys)


@receiver(post_save, sender=ArticleAuthor, dispatch_uid="pagecache_authorship_saved")
@receiver(post_delete, sender=ArticleAuthor, dispatch_uid="pagecache_authorship_deleted")
def authorship_changed(sender, instance: ArticleAuthor, **kwargs) -> None:
    invalidate_on_commit(
        {f"article-{instance.article_id}", f"author-{instance.author_id}-articles"}
    )


@receiver(post_save, sender=RelatedArticle, dispatch_uid="pagecache_related_saved")
@receiver(post_delete, sender=RelatedArticle, dispatch_uid="pagecache_related_deleted")
def related_changed(sender, instance: RelatedArticle, **kwargs) -> None:
    invalidate_on_commit({f"article-{instance.from_article_id}"})


@receiver(post_save, sender=ArticleSource, dispatch_uid="pagecache_source_saved")
@receiver(post_delete, sender=ArticleSource, dispatch_uid="pagecache_source_deleted")
def source_changed(sender, instance: ArticleSource, **kwargs) -> None:
    invalidate_on_commit({f"article-{instance.article_id}"})


@receiver(post_save, sender=GalleryImage, dispatch_uid="pagecache_galleryimage_saved")
@receiver(post_delete, sender=GalleryImage, dispatch_uid="pagecache_galleryimage_deleted")
def gallery_item_changed(sender, instance: GalleryImage, **kwargs) -> None:
    invalidate_on_commit({f"gallery-{instance.gallery_id}"})


@receiver(post_save, sender=Image, dispatch_uid="pagecache_image_saved")
@receiver(post_delete, sender=Image, dispatch_uid="pagecache_image_deleted")
def image_changed(sender, instance: Image, **kwargs) -> None:
    invalidate_on_commit(image_keys(instance))


@receiver(post_save, sender=Offer, dispatch_uid="pagecache_offer_saved")
@receiver(post_delete, sender=Offer, dispatch_uid="pagecache_offer_deleted")
def offer_changed(sender, instance: Offer, **kwargs) -> None:
    invalidate_on_commit({f"product-{instance.product_id}"})


@receiver(post_save, sender=Shop, dispatch_uid="pagecache_shop_saved")
def shop_changed(sender, instance: Shop, **kwargs) -> None:
    invalidate_on_commit(shop_keys(instance))


@receiver(post_save, sender=Comment, dispatch_uid="pagecache_comment_saved")
@receiver(post_delete, sender=Comment, dispatch_uid="pagecache_comment_deleted")
def comment_changed(sender, instance: Comment, **kwargs) -> None:
    invalidate_on_commit({f"article-{instance.article_id}"})


@receiver(post_save, sender=Page, dispatch_uid="pagecache_page_saved")
@receiver(post_delete, sender=Page, dispatch_uid="pagecache_page_deleted")
def page_changed(sender, instance: Page, **kwargs) -> None:
    invalidate_on_commit(page_keys(instance))


def _own_key_changed(sender, instance, **kwargs) -> None:
    invalidate_on_commit({key_for(instance)})


# Objects whose own key is all there is: pages showing them recorded that key.
for _model in (Topic, Author, Gallery, Video, Product):
    post_save.connect(
        _own_key_changed, sender=_model, dispatch_uid=f"pagecache_{_model._meta.model_name}_saved"
    )
    post_delete.connect(
        _own_key_changed, sender=_model, dispatch_uid=f"pagecache_{_model._meta.model_name}_deleted"
    )
