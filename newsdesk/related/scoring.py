"""Scores for "Auch interessant": why one article belongs beside another, in numbers and words.

A candidate's score adds up

- the same product (strongest; a news story and the review of its product get a bonus more),
- shared topics,
- text similarity: TF-IDF cosine over the search index's analysed German terms of headline,
  teaser and names (IDF over the candidate pool),

and the topic and text parts fade with the distance in time between the two articles.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from newsdesk.articles.models import Article
from newsdesk.commerce.models import Product
from newsdesk.publishing import changes
from newsdesk.search.backends import get_backend
from newsdesk.search.models import SearchEntry

from .models import Exclusion, Suggestion
from .selectors import box_key

KEEP = 8  # suggestions stored per article; the page shows fewer
PRODUCT_SCORE = 3.0
REVIEW_BONUS = 1.5  # news <-> review of the same product
TOPIC_SCORE = 0.6
TOPIC_CAP = 1.8
TEXT_SCORE = 2.5
TEXT_REASON_MIN = 0.2  # cosine from which "ähnlicher Text" is worth saying
DECAY_DAYS = 180
POOL_PER_SOURCE = 120
QUERY_TERMS = 8


@dataclass
class Scored:
    candidate_id: int
    score: float
    reasons: list[str]


def _vector(entry: SearchEntry) -> Counter:
    terms = Counter(entry.title_terms.split())
    terms.update(terms)  # headline terms count twice
    terms.update(entry.extra_terms.split())
    terms.update(entry.teaser_terms.split())
    return terms


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(weight * b.get(term, 0.0) for term, weight in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def _text_candidates(entry: SearchEntry, exclude: int) -> list[int]:
    """Articles whose headlines the search backend finds for the article's own main terms
    (headlines only: far fewer matches to rank than whole texts, and they say what an article
    is about)."""
    counts = Counter(entry.title_terms.split() * 2 + entry.teaser_terms.split())
    terms = [t for t, _n in counts.most_common() if not t.isdigit() and len(t) > 2][:QUERY_TERMS]
    if not terms:
        return []
    hits = get_backend().match_titles(terms, POOL_PER_SOURCE)
    return [hit.object_id for hit in hits if hit.object_id != exclude]


def score_candidates(article: Article) -> list[Scored]:
    """Every candidate worth showing beside ``article``, best first (exclusions left out)."""
    entry = SearchEntry.objects.filter(kind=SearchEntry.Kind.ARTICLE, object_id=article.pk).first()
    if entry is None:
        return []
    products = {p.pk: p.full_name for p in Product.objects.filter(articles=article)}
    topics = dict(article.topics.values_list("pk", "name"))
    published = Article.objects.published().exclude(pk=article.pk)
    pool: set[int] = set(_text_candidates(entry, article.pk))
    if products:
        pool |= set(
            published.filter(products__in=products)
            .order_by("-published_at")
            .values_list("pk", flat=True)[:POOL_PER_SOURCE]
        )
    if topics:
        pool |= set(
            published.filter(topics__in=topics)
            .order_by("-published_at")
            .values_list("pk", flat=True)[:POOL_PER_SOURCE]
        )
    pool -= set(Exclusion.objects.filter(article=article).values_list("excluded_id", flat=True))
    visible = dict(published.filter(pk__in=pool).values_list("pk", "kind"))
    entries = {
        e.object_id: e
        # Bodies are the largest column and take no part in the similarity.
        for e in SearchEntry.objects.filter(
            kind=SearchEntry.Kind.ARTICLE, object_id__in=list(visible)
        ).defer("body_terms")
    }
    candidate_topics: dict[int, set[int]] = {}
    for article_id, topic_id in Article.topics.through.objects.filter(
        article_id__in=list(entries), topic_id__in=list(topics)
    ).values_list("article_id", "topic_id"):
        candidate_topics.setdefault(article_id, set()).add(topic_id)

    vectors = {pk: _vector(e) for pk, e in entries.items()}
    own = _vector(entry)
    documents = len(vectors) + 1
    frequency = Counter(term for vector in [own, *vectors.values()] for term in vector)

    def weighted(vector: Counter) -> dict[str, float]:
        return {
            t: (1 + math.log(n)) * math.log((documents + 1) / (frequency[t] + 0.5))
            for t, n in vector.items()
        }

    own_weights = weighted(own)
    scored = []
    for pk, candidate in entries.items():
        reasons, score = [], 0.0
        shared_products = [products[p] for p in candidate.product_ids if p in products]
        if shared_products:
            score += PRODUCT_SCORE
            reasons.append(_("gleiches Produkt: %s") % ", ".join(sorted(shared_products)))
            kinds = {article.kind, visible[pk]}
            if Article.Kind.REVIEW in kinds and len(kinds) > 1:
                score += REVIEW_BONUS
        shared_topics = sorted(topics[t] for t in candidate_topics.get(pk, ()))
        soft = 0.0
        if shared_topics:
            soft += min(TOPIC_CAP, TOPIC_SCORE * len(shared_topics))
            reasons.append(_("Themen: %s") % ", ".join(shared_topics))
        similarity = _cosine(own_weights, weighted(vectors[pk]))
        soft += TEXT_SCORE * similarity
        if similarity >= TEXT_REASON_MIN:
            reasons.append(_("ähnlicher Text"))
        if article.published_at and candidate.published_at:
            days = abs((article.published_at - candidate.published_at).total_seconds()) / 86400
            soft *= 0.5 + 0.5 * math.exp(-days / DECAY_DAYS)
        score += soft
        if reasons:
            scored.append(Scored(pk, round(score, 4), reasons))
    scored.sort(key=lambda s: (-s.score, -s.candidate_id))
    return scored


@transaction.atomic
def refresh(article_id: int) -> list[Suggestion]:
    """Compute and store the article's suggestions; its page re-renders if they changed."""
    article = Article.objects.published().filter(pk=article_id).first()
    scored = score_candidates(article)[:KEEP] if article else []
    before = list(
        Suggestion.objects.filter(article_id=article_id).values_list("candidate_id", "reasons")
    )
    Suggestion.objects.filter(article_id=article_id).delete()
    rows = Suggestion.objects.bulk_create(
        [
            Suggestion(
                article_id=article_id,
                candidate_id=s.candidate_id,
                position=position,
                score=s.score,
                reasons=" · ".join(s.reasons)[:400],
            )
            for position, s in enumerate(scored)
        ]
    )
    if before != [(s.candidate_id, s.reasons) for s in rows]:
        changes.note_keys({box_key(article_id)})
    return rows


# Neighbours refreshed after a change, at most: the refresh runs when the save commits, inside
# the editor's request, so it is bounded (the rest catch up on their own next change or with
# ``newsdesk related-refresh``).
NEIGHBOURS = 12


def affected_by(article_id: int, limit: int = NEIGHBOURS) -> list[int]:
    """Articles whose suggestions may change when this one does, most affected first: those
    that show it now (it may have left public view), the newest about the same products (it
    may now belong in their boxes), and the best of its own suggestions (similarity goes both
    ways)."""
    showing = list(
        Suggestion.objects.filter(candidate_id=article_id, position__lt=4)
        .order_by("position")
        .values_list("article_id", flat=True)
    )
    same_product = list(
        Article.objects.published()
        .filter(products__in=Product.objects.filter(articles__pk=article_id))
        .exclude(pk=article_id)
        .order_by("-published_at")
        .values_list("pk", flat=True)[: limit // 2]
    )
    listed = list(
        Suggestion.objects.filter(article_id=article_id, position__lt=4)
        .order_by("position")
        .values_list("candidate_id", flat=True)
    )
    return list(dict.fromkeys(showing + same_product + listed))[:limit]
