"""The index follows every change to what readers can find, inside the same transaction.

Writing the entry with the change means a rolled-back edit leaves the index as it was, and a
committed one is findable at once, on both backends.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from newsdesk.articles.models import Article, Topic
from newsdesk.commerce.models import Product
from newsdesk.galleries.models import Gallery

from . import indexing
from .models import SearchEntry, Synonym
from .service import PRODUCT_TERMS_KEY, forget_synonyms


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def article_saved(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    if not raw:
        indexing.index_article(instance.pk)


@receiver(post_delete, sender=Article, dispatch_uid="search_article_deleted")
def article_deleted(sender, instance: Article, **kwargs) -> None:
    indexing.remove(SearchEntry.Kind.ARTICLE, [instance.pk])


@receiver(m2m_changed, sender=Article.topics.through, dispatch_uid="search_article_topics")
@receiver(m2m_changed, sender=Article.products.through, dispatch_uid="search_article_products")
def article_links_changed(sender, instance, action: str, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Article):
        indexing.index_article(instance.pk)
    else:  # changed from the topic's or product's side: pk_set holds articles
        for pk in pk_set or ():
            indexing.index_article(pk)


def _object_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        indexing.index_object(instance)
    if isinstance(instance, Product):
        cache.delete(PRODUCT_TERMS_KEY)


def _object_deleted(sender, instance, **kwargs) -> None:
    indexing.remove(sender._meta.model_name, [instance.pk])
    if isinstance(instance, Product):
        cache.delete(PRODUCT_TERMS_KEY)


for _model in (Gallery, Product, Topic):
    name = _model._meta.model_name
    post_save.connect(_object_saved, sender=_model, dispatch_uid=f"search_{name}_saved")
    post_delete.connect(_object_deleted, sender=_model, dispatch_uid=f"search_{name}_deleted")


@receiver(post_save, sender=Synonym, dispatch_uid="search_synonym_saved")
@receiver(post_delete, sender=Synonym, dispatch_uid="search_synonym_deleted")
def synonyms_changed(sender, **kwargs) -> None:
    forget_synonyms()
