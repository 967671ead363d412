"""Every model signal newsdesk listens to, and nothing else: each receiver only notes the change.

What the change means is decided in ``follow.py``; it runs once per committed transaction. The
system check ``publishing.E001`` fails when a model signal is connected anywhere else.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from newsdesk.articles.models import Article, ArticleAuthor, ArticleSource, RelatedArticle
from newsdesk.comments.models import ArticlePolicy, Comment
from newsdesk.commerce.models import Offer, Shop
from newsdesk.galleries.models import GalleryImage, Image
from newsdesk.related.models import Exclusion
from newsdesk.search.models import Synonym

from . import changes, follow, keys, registry

# -- Content types (the registry) -------------------------------------------------------------


def content_before_save(sender, instance, raw: bool = False, **kwargs) -> None:
    instance._publishing_before = None if raw else follow.stored_state(instance)


def content_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    before = getattr(instance, "_publishing_before", None)
    instance._publishing_before = None
    follow.object_saved(instance, before, created, raw)


def content_before_delete(sender, instance, **kwargs) -> None:
    follow.before_delete(instance)


def content_deleted(sender, instance, **kwargs) -> None:
    follow.object_deleted(instance)


def connect_content_type(model) -> None:
    """Follow changes of a registered content type (also one registered by a test)."""
    name = model._meta.label_lower
    pre_save.connect(content_before_save, sender=model, dispatch_uid=f"publishing:{name}:pre")
    post_save.connect(content_saved, sender=model, dispatch_uid=f"publishing:{name}:saved")
    pre_delete.connect(content_before_delete, sender=model, dispatch_uid=f"publishing:{name}:del")
    post_delete.connect(content_deleted, sender=model, dispatch_uid=f"publishing:{name}:deleted")


def disconnect_content_type(model) -> None:
    name = model._meta.label_lower
    pre_save.disconnect(sender=model, dispatch_uid=f"publishing:{name}:pre")
    post_save.disconnect(sender=model, dispatch_uid=f"publishing:{name}:saved")
    pre_delete.disconnect(sender=model, dispatch_uid=f"publishing:{name}:del")
    post_delete.disconnect(sender=model, dispatch_uid=f"publishing:{name}:deleted")


# -- Articles' relations ----------------------------------------------------------------------


def article_links_changed(sender, instance, action: str, pk_set, model, **kwargs) -> None:
    """Topics or products of an article, changed from either side."""
    if action not in ("pre_clear", "post_add", "post_remove"):
        return
    related_name = model._meta.model_name  # "topic"/"product", or "article" from the other side
    if isinstance(instance, Article):
        if action == "pre_clear":
            # Before the clear, while the links can still be read.
            field = "topics" if related_name == "topic" else "products"
            pk_set = set(getattr(instance, field).values_list("pk", flat=True))
        follow.article_links_changed([instance.pk], related_name, pk_set or ())
    else:
        if action == "pre_clear":
            pk_set = set(instance.articles.values_list("pk", flat=True))
        follow.article_links_changed(pk_set or (), instance._meta.model_name, [instance.pk])


def authorship_changed(sender, instance: ArticleAuthor, **kwargs) -> None:
    follow.keys_changed(
        {keys.article(instance.article_id), keys.listing("author", instance.author_id)}
    )


def article_part_changed(sender, instance, **kwargs) -> None:
    """Sources, pins, comments and comment policy show on the article's page only."""
    article_id = getattr(instance, "from_article_id", None) or instance.article_id
    follow.keys_changed({keys.article(article_id)})


def exclusion_changed(sender, instance: Exclusion, raw: bool = False, **kwargs) -> None:
    if not raw:  # loaded as it was (a restore): the archived suggestions already reflect it
        follow.related_changed(instance.article_id)


# -- Media and commerce -----------------------------------------------------------------------


def gallery_item_changed(sender, instance: GalleryImage, **kwargs) -> None:
    follow.keys_changed(
        {
            keys.obj_key("gallery", instance.gallery_id),
            keys.sitemap_section("bilderstrecken"),
            keys.SITEMAP_INDEX,
        }
    )


def image_changed(sender, instance: Image, **kwargs) -> None:
    follow.keys_changed(follow.image_keys(instance))


def offer_changed(sender, instance: Offer, **kwargs) -> None:
    follow.keys_changed({keys.obj_key("product", instance.product_id)})


def shop_changed(sender, instance: Shop, **kwargs) -> None:
    follow.keys_changed(follow.shop_keys(instance))
    # Affiliate links in article texts are recognised by the shops' domains.
    changes.note_forget("shop-domains", follow.FORGET["shop-domains"])


def synonyms_changed(sender, **kwargs) -> None:
    changes.note_forget("synonyms", follow.FORGET["synonyms"])


def connect() -> None:
    """Connect every receiver; called once from ``PublishingConfig.ready``."""
    for content_type in registry.content_types():
        connect_content_type(content_type.model)
    for through in (Article.topics.through, Article.products.through):
        name = through._meta.label_lower
        m2m_changed.connect(article_links_changed, sender=through, dispatch_uid=f"pub:{name}")
    plain = [
        (ArticleAuthor, authorship_changed),
        (ArticleSource, article_part_changed),
        (RelatedArticle, article_part_changed),
        (Comment, article_part_changed),
        (ArticlePolicy, article_part_changed),
        (Exclusion, exclusion_changed),
        (GalleryImage, gallery_item_changed),
        (Image, image_changed),
        (Offer, offer_changed),
        (Shop, shop_changed),
        (Synonym, synonyms_changed),
    ]
    for model, receiver in plain:
        name = model._meta.label_lower
        post_save.connect(receiver, sender=model, dispatch_uid=f"publishing:{name}:saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"publishing:{name}:deleted")
