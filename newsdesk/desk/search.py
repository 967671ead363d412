"""Newsroom search over headline, teaser and body, with the search app's German analysis.

"Kopfhoerer" finds "Kopfhörer", "akku" finds "Akkulaufzeit" and "AKKUS": both sides go through
``search.analysis`` (case and umlaut folding, stemming, compound parts). Drafts are found too;
what an editor may open is the caller's queryset.
"""

from __future__ import annotations

from functools import reduce
from operator import and_, or_

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.search.analysis import index_terms, parse_query
from newsdesk.search.indexing import plain_text

from .models import ArticleSearchText

BATCH = 500


def article_terms(article: Article) -> str:
    text = "\n".join([article.headline, article.teaser, plain_text(article.body)])
    return " " + " ".join(dict.fromkeys(index_terms(text))) + " "


def refresh_stale() -> int:
    """Analyse articles that are new or changed since their last analysis; returns how many."""
    stale = Article.objects.filter(
        Q(desk_search_text__isnull=True) | Q(modified_at__gt=F("desk_search_text__analysed_at"))
    ).only("pk", "headline", "teaser", "body", "modified_at")
    count = 0
    while True:
        batch = list(stale[:BATCH])
        if not batch:
            return count
        now = timezone.now()
        rows = [
            ArticleSearchText(
                article_id=a.pk, terms=article_terms(a), analysed_at=max(now, a.modified_at)
            )
            for a in batch
        ]
        with transaction.atomic():
            ArticleSearchText.objects.filter(article_id__in=[a.pk for a in batch]).delete()
            ArticleSearchText.objects.bulk_create(rows)
        count += len(batch)


def matching(queryset: QuerySet[Article], text: str) -> QuerySet[Article]:
    """The articles of ``queryset`` whose headline, teaser or body has every word searched for.

    A word matches its stem or the beginning of a longer term, so a half-typed word finds too.
    """
    query = parse_query(text)
    if not query:
        return queryset.none()
    refresh_stale()
    groups = [
        reduce(
            or_,
            (
                reduce(and_, (Q(terms__contains=f" {term}") for term in alternative))
                for alternative in group.alternatives
            ),
        )
        for group in query.groups
    ]
    ids = ArticleSearchText.objects.filter(reduce(and_, groups)).values("article_id")
    return queryset.filter(pk__in=ids)
