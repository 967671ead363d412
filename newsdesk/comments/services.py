"""Writes for comments: posting and moderating."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from newsdesk.articles.models import Article

from .models import Comment


@transaction.atomic
def post_comment(
    article: Article,
    *,
    author_name: str,
    author_email: str,
    body: str,
    parent: Comment | None = None,
) -> Comment:
    """Store a reader's comment; it waits for a moderator before readers see it."""
    return Comment.objects.create(
        article=article,
        parent=parent,
        author_name=author_name,
        author_email=author_email,
        body=body,
        status=Comment.Status.PENDING,
    )


@transaction.atomic
def moderate_comments(comments, status: str, moderator) -> int:
    """Approve or remove comments; returns how many changed."""
    return (
        Comment.objects.filter(pk__in=[c.pk for c in comments])
        .exclude(status=status)
        .update(status=status, moderated_at=timezone.now(), moderated_by=moderator)
    )
