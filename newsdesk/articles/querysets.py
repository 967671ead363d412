"""The read rules for articles. Public code reads articles only through ``published()``."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        """Articles readers may see now.

        A scheduled article counts from its publication time on, even before ``publish-due`` has
        flipped its status: readers see it exactly at its time, cron only tidies up.
        """
        from .models import Article

        return self.filter(
            Q(status=Article.Status.PUBLISHED) | Q(status=Article.Status.SCHEDULED),
            published_at__lte=timezone.now(),
        )

    def due(self) -> ArticleQuerySet:
        """Scheduled articles whose time has come."""
        from .models import Article

        return self.filter(status=Article.Status.SCHEDULED, published_at__lte=timezone.now())

    def for_listing(self) -> ArticleQuerySet:
        """What a teaser list needs, in a fixed number of queries."""
        from newsdesk.comments.threads import with_comment_counts

        from .models import ArticleAuthor

        return (
            with_comment_counts(self)
            .select_related("lead_image")
            .prefetch_related(
                Prefetch(
                    "articleauthor_set",
                    queryset=ArticleAuthor.objects.select_related("author").order_by("position"),
                    to_attr="ordered_authorships",
                ),
            )
            .order_by("-published_at", "-id")
        )
