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


def articles_for(user: User, queryset: QuerySet[Article]) -> QuerySet[Article]:
    """The articles ``user`` may open: all of them for the Redaktion, otherwise their own.

    Own means created by them or bylined with their author profile, and still a draft or in
    review.
    """
    if sees_all_articles(user):
        return queryset
    bylined = ArticleAuthor.objects.filter(author__user=user).values("article_id")
    return queryset.filter(
        Q(created_by=user) | Q(pk__in=bylined), status__in=AUTHOR_EDITABLE_STATUSES
    )
