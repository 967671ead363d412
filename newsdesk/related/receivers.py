"""Suggestions are recomputed once a change is committed: for the changed article and for the
articles whose boxes it may enter or leave."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from newsdesk.articles.models import Article

from . import scoring
from .models import Exclusion


def refresh_around(article_id: int) -> None:
    scoring.refresh(article_id)
    for other in scoring.affected_by(article_id):
        scoring.refresh(other)


def refresh_on_commit(article_id: int) -> None:
    transaction.on_commit(lambda: refresh_around(article_id))


@receiver(post_save, sender=Article, dispatch_uid="related_article_saved")
def article_saved(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    if not raw:
        refresh_on_commit(instance.pk)


@receiver(m2m_changed, sender=Article.topics.through, dispatch_uid="related_article_topics")
@receiver(m2m_changed, sender=Article.products.through, dispatch_uid="related_article_products")
def article_links_changed(sender, instance, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Article):
        refresh_on_commit(instance.pk)


@receiver(post_save, sender=Exclusion, dispatch_uid="related_exclusion_saved")
@receiver(post_delete, sender=Exclusion, dispatch_uid="related_exclusion_deleted")
def exclusion_changed(sender, instance: Exclusion, raw: bool = False, **kwargs) -> None:
    if raw:
        return  # loaded as it was (a restore): the archived suggestions already reflect it
    article_id = instance.article_id
    transaction.on_commit(lambda: scoring.refresh(article_id))
