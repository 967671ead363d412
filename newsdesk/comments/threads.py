"""What the article page shows of its comments: threads, picks, the count, open or closed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from newsdesk.articles.models import Article

from .models import ArticlePolicy, Comment, ModerationSettings, comments_closed


@dataclass(frozen=True)
class CommentState:
    closed: bool


def comment_state(article: Article) -> CommentState:
    site = ModerationSettings.load()
    policy = None
    if article.comments_open:
        # The article's own rule can close it by hand or keep it open past the time limit.
        policy = ArticlePolicy.objects.filter(article=article).first()
    return CommentState(closed=comments_closed(article, policy, site))


def comment_context(article: Article, *, closed: bool | None = None) -> dict:
    """Template context for the comment section, in a fixed number of queries.

    ``closed``: the article's ``comment_state`` when the caller has read it already.
    """
    comments = list(
        Comment.objects.approved()
        .filter(article=article)
        .select_related("staff_author")
        .order_by("created_at", "id")
    )
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    threads = [(c, replies.get(c.pk, [])) for c in comments if not c.parent_id]
    return {
        "threads": threads,
        "picks": [c for c in comments if c.is_pick],
        "comment_count": len(comments),
        "comments_open": not (comment_state(article).closed if closed is None else closed),
    }


def with_comment_counts(articles):
    """Annotate ``comment_count`` (approved comments) on a listing, inside its one query.

    A correlated subquery over the (article, status) index: the database counts only for the
    rows the listing returns, so a page of teasers costs no query per article.
    """
    approved = (
        Comment.objects.filter(article=OuterRef("pk"), status=Comment.Status.APPROVED)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return articles.annotate(comment_count=Coalesce(Subquery(approved), 0))
