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
# At most this many articles are analysed before one search (a few seconds' work); a bulk
# import beyond it is found by headline and teaser until later searches have caught up.
REFRESH_LIMIT = 1000


def terms_for(headline: str, teaser: str, body: str) -> str:
    """The stored form: unique terms, space-separated, with a space at both ends."""
    text = "\n".join([headline, teaser, plain_text(body)])
    return " " + " ".join(dict.fromkeys(index_terms(text))) + " "


def article_terms(article: Article) -> str:
    return terms_for(article.headline, article.teaser, article.body)


def refresh_stale(limit: int | None = None) -> int:
    """Analyse articles that are new or changed since their last analysis; returns how many."""
    limit = REFRESH_LIMIT if limit is None else limit
    stale = Article.objects.filter(
        Q(desk_search_text__isnull=True) | Q(modified_at__gt=F("desk_search_text__analysed_at"))
    ).only("pk", "headline", "teaser", "body", "modified_at")
    count = 0
    while count < limit:
        batch = list(stale[: min(BATCH, limit - count)])
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
    return count


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
