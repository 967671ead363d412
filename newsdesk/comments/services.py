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
    """Approve or remove comments; returns how many changed.

    Saved one by one, not with ``update()``: each save tells the page cache which article page
    to render anew.
    """
    changed = Comment.objects.select_for_update().filter(pk__in=[c.pk for c in comments])
    now = timezone.now()
    count = 0
    for comment in changed.exclude(status=status):
        comment.status, comment.moderated_at, comment.moderated_by = status, now, moderator
        comment.save(update_fields=["status", "moderated_at", "moderated_by"])
        count += 1
    return count
