"""What the article page shows of its comments: threads, picks, the count, open or closed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from newsdesk.articles.models import Article

from .models import ArticlePolicy, Comment, ModerationSettings, comments_closed


@dataclass(frozen=True)
class CommentState:
    closed: bool


def comment_state(article: Article) -> CommentState:
    site = ModerationSettings.load()
    policy = None
    if article.comments_open and site.close_after_days:
        # Only an article's own exception can keep it open past the site's time limit.
        policy = ArticlePolicy.objects.filter(article=article).first()
    return CommentState(closed=comments_closed(article, policy, site))


def comment_context(article: Article) -> dict:
    """Template context for the comment section, in a fixed number of queries."""
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
        "comments_open": not comment_state(article).closed,
    }


def approved_counts(articles) -> dict[int, int]:
    """Approved comments per article for a whole listing, in one query."""
    ids = [article.pk for article in articles]
    rows = (
        Comment.objects.filter(article_id__in=ids)
        .values("article_id")
        .annotate(n=Count("id", filter=Q(status=Comment.Status.APPROVED)))
    )
    return {row["article_id"]: row["n"] for row in rows}
