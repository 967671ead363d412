"""The newsroom's start page: what waits for whom, what is planned, what went out.

Every list goes through ``articles_for``, so an Autor sees her own articles and the Redaktion
sees all of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from newsdesk.articles import services
from newsdesk.articles.models import Article, ArticleAuthor
from newsdesk.comments.models import Comment
from newsdesk.newsroom.permissions import articles_for, sees_all_articles

from . import corrections, notices
from .media import recent_media_changes
from .models import CorrectionProposal

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CALENDAR_DAYS = 14
LIST_LENGTH = 10


@dataclass
class Day:
    date: dt.date
    articles: list[Article] = field(default_factory=list)

    @property
    def is_weekend(self) -> bool:
        return self.date.weekday() >= 5


def calendar(scheduled: list[Article], today: dt.date, days: int = CALENDAR_DAYS) -> list[Day]:
    """One entry per day from ``today`` on, with the articles planned for it (local time)."""
    by_date = {
        today + dt.timedelta(days=offset): Day(today + dt.timedelta(days=offset))
        for offset in range(days)
    }
    for article in scheduled:
        day = by_date.get(timezone.localdate(article.published_at))
        if day is not None:
            day.articles.append(article)
    return list(by_date.values())


def start_page(user: User, now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    today = timezone.localdate(now)
    mine = articles_for(user, Article.objects.all())
    bylined = ArticleAuthor.objects.filter(author__user=user).values("article_id")
    in_review = mine.filter(status=Article.Status.IN_REVIEW).order_by("modified_at")
    drafts = (
        Article.objects.filter(Q(created_by=user) | Q(pk__in=bylined))
        .filter(status=Article.Status.DRAFT)
        .order_by("-modified_at")
    )
    until = timezone.make_aware(
        dt.datetime.combine(today + dt.timedelta(days=CALENDAR_DAYS), dt.time.min)
    )
    scheduled = list(
        mine.filter(
            status=Article.Status.SCHEDULED, published_at__gt=now, published_at__lt=until
        ).order_by("published_at")
    )
    context = {
        "review_count": in_review.count(),
        "in_review": list(in_review[:LIST_LENGTH]),
        "draft_count": drafts.count(),
        "drafts": list(drafts[:LIST_LENGTH]),
        "scheduled_count": len(scheduled),
        "calendar": calendar(scheduled, today),
        "recently_published": list(mine.published().order_by("-published_at")[:LIST_LENGTH]),
        "is_redaktion": services.can_publish(user),
    }
    unseen = notices.unseen(user)
    context["notice_count"] = unseen.count()
    context["notices"] = list(unseen[:LIST_LENGTH])
    if services.can_publish(user):
        context["corrections"] = corrections.waiting()
    if not sees_all_articles(user) and user.has_perm("articles.change_article"):
        context["my_published"] = my_published(user, mine)
    if user.has_perm("comments.moderate_comment"):
        context["pending_comments"] = Comment.objects.pending().count()
    if services.can_publish(user):
        context["media_changes"] = list(recent_media_changes())
    return context


def my_published(user: User, mine) -> list[Article]:
    """An Autor's public articles, newest first, each with her latest correction proposal
    (``proposal``, or None) so the start page can say what became of it."""
    articles = list(
        mine.filter(status__in=(Article.Status.PUBLISHED, Article.Status.SCHEDULED)).order_by(
            "-published_at"
        )[:LIST_LENGTH]
    )
    latest: dict[int, CorrectionProposal] = {}
    proposals = CorrectionProposal.objects.filter(proposed_by=user, article__in=articles).order_by(
        "updated_at", "pk"
    )
    for proposal in proposals:
        latest[proposal.article_id] = proposal
    for article in articles:
        article.proposal = latest.get(article.pk)
    return articles
