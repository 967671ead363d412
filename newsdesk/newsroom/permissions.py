"""Who may see and change which article in the newsroom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from newsdesk.articles.models import Article, ArticleAuthor

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# An Autor works on an article only until it goes to the Redaktion's side of the workflow.
AUTHOR_EDITABLE_STATUSES = (Article.Status.DRAFT, Article.Status.IN_REVIEW)


def sees_all_articles(user: User) -> bool:
    return user.has_perm("articles.change_any_article")


def _own(user: User, queryset: QuerySet[Article]) -> QuerySet[Article]:
    """Created by ``user`` or bylined with their author profile, whatever the status."""
    bylined = ArticleAuthor.objects.filter(author__user=user).values("article_id")
    return queryset.filter(Q(created_by=user) | Q(pk__in=bylined))


def articles_for(user: User, queryset: QuerySet[Article]) -> QuerySet[Article]:
    """The articles ``user`` may open: all of them for the Redaktion, otherwise their own.

    An Autor keeps seeing her own articles once they are published (read-only, see
    ``may_change_article``), so she can find them and check them.
    """
    if sees_all_articles(user):
        return queryset
    return _own(user, queryset)


def may_view_article(user: User, article: Article) -> bool:
    """Whether ``user`` may open ``article``: ``articles_for`` for one article.

    The Redaktion is answered without a query: the admin asks once per inline on every
    form it shows or saves.
    """
    if sees_all_articles(user):
        return True
    return _own(user, Article.objects.filter(pk=article.pk)).exists()


def may_change_article(user: User, article: Article) -> bool:
    """The Redaktion changes every article; an Autor only her own drafts and those in review."""
    if sees_all_articles(user):
        return True
    return (
        article.status in AUTHOR_EDITABLE_STATUSES
        and _own(user, Article.objects.filter(pk=article.pk)).exists()
    )


def linkable_articles_for(user: User, queryset: QuerySet[Article]) -> QuerySet[Article]:
    """What ``user`` may pick in "Auch interessant": every published article, and her own."""
    if sees_all_articles(user):
        return queryset
    return queryset.filter(
        Q(pk__in=Article.objects.published().values("pk"))
        | Q(pk__in=_own(user, Article.objects.all()).values("pk"))
    )
