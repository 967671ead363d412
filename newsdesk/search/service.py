"""The search service: one call for the search page, one for as-you-type suggestions."""

from __future__ import annotations

import difflib
import math
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone

from newsdesk.articles.models import Article, Topic
from newsdesk.commerce.models import Product
from newsdesk.galleries.models import Gallery

from .analysis import Query, fold, parse_query, word_terms, words
from .backends import Filters, Hit, get_backend
from .models import SearchEntry, SearchWord, Synonym

# Articles are ranked in full over this many best backend matches; with more, the page says
# "mehr als 300" instead of counting (a count of a common word costs more than the search).
RANK_WINDOW = 300
GROUP_SIZE = 5  # products, galleries, topics shown beside the articles
SUGGEST_SIZE = 8
EXACT_PRODUCT_BOOST = 1.6
# Newer articles are slightly preferred: a two-year-old article keeps about 80 % of its score.
RECENCY_FLOOR = 0.75
RECENCY_DAYS = 365
SYNONYMS_KEY = "search:synonyms"
SMALL_ENTRIES_KEY = "search:entries"
PRODUCT_TERMS_KEY = "search:product-terms"
VOCABULARY_SECONDS = 300


def synonyms() -> dict[str, set[str]]:
    """Term -> the terms of its synonyms, from the newsroom's editable list (cached)."""
    mapping = cache.get(SYNONYMS_KEY)
    if mapping is None:
        mapping = {}
        for synonym in Synonym.objects.all():
            # Multi-word entries ("Mobiles Telefon") are matched as all of their terms.
            terms = [
                " ".join(word_terms(part)[0] for _s, _e, part in words(w))
                for w in synonym.word_list()
            ]
            terms = [t for t in terms if t]
            for term in terms:
                mapping.setdefault(term, set()).update(t for t in terms if t != term)
        cache.set(SYNONYMS_KEY, mapping, 3600)
    return mapping


def forget_synonyms() -> None:
    cache.delete(SYNONYMS_KEY)


def analyse(text: str) -> Query:
    return parse_query(text, synonyms())


@dataclass
class ArticleResult:
    article: Article
    score: float


@dataclass
class SearchResults:
    query: Query
    filters: Filters
    # (article id, score), best first: pages read their articles with ``articles_for``.
    ranked: list[tuple[int, float]] = field(default_factory=list)
    total: int = 0
    more: bool = False  # the backend had more matches than the ranked window
    products: list[Product] = field(default_factory=list)
    galleries: list[Gallery] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    # Live tickers (running ones first), from their index entries like the groups above.
    tickers: list = field(default_factory=list)
    did_you_mean: str = ""
    seconds: float = 0.0

    def __bool__(self) -> bool:
        return bool(self.ranked or self.products or self.galleries or self.topics or self.tickers)

    @staticmethod
    def articles_for(ranked: list[tuple[int, float]]) -> list[ArticleResult]:
        """The published articles of one page of results, in their order, in fixed queries."""
        articles = Article.objects.published().for_listing().in_bulk([pk for pk, _s in ranked])
        return [ArticleResult(articles[pk], score) for pk, score in ranked if pk in articles]

    @property
    def articles(self) -> list[ArticleResult]:
        """Every ranked article (for tests and small result sets; pages use ``articles_for``)."""
        return self.articles_for(self.ranked)


# Ranking


def named_products(query: Query) -> set[int]:
    """Products the query names exactly ("Galaxy S7", "iPhone 15 Pro Max"): the most specific."""
    wanted = query.terms()
    if not wanted:
        return set()
    best: dict[int, int] = {}
    for product_id, terms, model_terms in product_terms():
        if terms and terms <= wanted:
            best[product_id] = 10 * len(terms)  # the whole name: "Galaxy S7"
        elif model_terms and model_terms <= wanted:
            best[product_id] = len(model_terms)  # the model alone: "S7"
    if not best:
        return set()
    top = max(best.values())
    return {pk for pk, size in best.items() if size == top}


def product_terms() -> list[tuple[int, frozenset[str], frozenset[str]]]:
    """(id, terms of the name without maker, model-name terms) of published products, cached."""
    value = cache.get(PRODUCT_TERMS_KEY)
    if value is None:
        value = []
        for pk, name in Product.objects.published().values_list("pk", "name"):
            terms = frozenset(word_terms(w)[0] for _s, _e, w in words(name)) - {""}
            model = frozenset(t for t in terms if any(c.isdigit() for c in t))
            value.append((pk, terms, model))
        cache.set(PRODUCT_TERMS_KEY, value, 600)
    return value


def recency(published_at, now) -> float:
    if published_at is None:
        return 1.0
    days = max(0.0, (now - published_at).total_seconds() / 86400)
    return RECENCY_FLOOR + (1 - RECENCY_FLOOR) * math.exp(-days / RECENCY_DAYS)


# Where a query's words are found counts most: the same weights on both backends.
FIELD_WEIGHTS = (("title", 10.0), ("extra", 6.0), ("teaser", 3.0))
BODY_WEIGHT = 1.0
BACKEND_SHARE = 0.2  # the backend's own rank (BM25 or ts_rank) breaks ties


def field_scores(query: Query, hits: list[Hit]) -> dict[int, float]:
    """0..1 per entry: how high up in the article each group of the query is found.

    Computed here from the index's own term columns, so that SQLite and PostgreSQL order the
    same candidates the same way; a short headline that is mostly the query wins over a long
    one that mentions it.
    """
    if all(hit.field_terms is not None for hit in hits):
        rows = [(hit.entry_id, *hit.field_terms) for hit in hits]
    else:
        rows = SearchEntry.objects.filter(pk__in=[hit.entry_id for hit in hits]).values_list(
            "pk", "title_terms", "extra_terms", "teaser_terms"
        )
    best = FIELD_WEIGHTS[0][1] * len(query.groups)
    scores = {}
    for pk, title, extra, teaser in rows:
        fields = {
            "title": set(title.split()),
            "extra": set(extra.split()),
            "teaser": set(teaser.split()),
        }
        total = 0.0
        for group in query.groups:
            weight = BODY_WEIGHT
            for name, field_weight in FIELD_WEIGHTS:
                if any(set(alternative) <= fields[name] for alternative in group.alternatives):
                    weight = field_weight
                    break
            total += weight
        focus = 1 / (1 + 0.02 * len(fields["title"]))
        scores[pk] = (total / best) * (0.9 + 0.1 * focus) if best else 0.0
    return scores


def rank(query: Query, hits: list[Hit], products: set[int]) -> list[tuple[Hit, float]]:
    """Fields weighted (headline over names over teaser over body), the named product
    boosted, newer articles slightly preferred; the backend's rank breaks ties."""
    if not hits:
        return []
    best = max(hit.relevance for hit in hits) or 1.0
    fields = field_scores(query, hits)
    now = timezone.now()
    scored = []
    for hit in hits:
        score = (1 - BACKEND_SHARE) * fields.get(hit.entry_id, 0.0) + BACKEND_SHARE * (
            hit.relevance / best
        )
        if products and products & set(hit.product_ids):
            score *= EXACT_PRODUCT_BOOST
        score *= recency(hit.published_at, now)
        scored.append((hit, score))
    scored.sort(key=lambda pair: (-pair[1], -pair[0].object_id))
    return scored


# Search


def search(text: str, filters: Filters | None = None, window: int | None = None) -> SearchResults:
    """Published articles (ranked), products, galleries and topics that match ``text``."""
    started = time.perf_counter()
    window = window or RANK_WINDOW
    filters = filters or Filters()
    query = analyse(text)
    results = SearchResults(query, filters)
    if not query:
        return results
    backend = get_backend()
    hits = backend.match(query, SearchEntry.Kind.ARTICLE, filters, window)
    # The index holds published articles only and the backend checked the time: no need to
    # read the articles of other pages of results.
    ranked = rank(query, hits, named_products(query))
    results.ranked = [(hit.object_id, score) for hit, score in ranked]
    results.total = len(results.ranked)
    results.more = len(hits) >= window
    if not filters:
        results.products = _objects(query, SearchEntry.Kind.PRODUCT, Product.objects.published())
        results.galleries = _objects(query, SearchEntry.Kind.GALLERY, Gallery.objects.published())
        results.topics = _objects(query, SearchEntry.Kind.TOPIC, Topic.objects.all())
        results.tickers = _tickers(query)
    if not results:
        results.did_you_mean = did_you_mean(text)
    results.seconds = time.perf_counter() - started
    return results


def small_entries(kind: str) -> list[tuple[int, frozenset[str], frozenset[str]]]:
    """(id, title terms, all terms) of the index entries of a small kind, cached.

    Products, galleries and topics number hundreds, not 100,000: matching them here from
    their index entries is faster than a full-text query that would first find (and throw
    away) every article with the same words.
    """
    key = f"{SMALL_ENTRIES_KEY}:{kind}"
    value = cache.get(key)
    if value is None:
        rows = SearchEntry.objects.filter(kind=kind).values_list(
            "object_id", "title_terms", "extra_terms", "teaser_terms", "body_terms"
        )
        value = [
            (pk, frozenset(title.split()), frozenset(" ".join(fields).split()))
            for pk, title, *fields in rows
        ]
        value = [(pk, title, terms | title) for pk, title, terms in value]
        cache.set(key, value, 3600)
    return value


def forget_small_entries(kind: str) -> None:
    cache.delete(f"{SMALL_ENTRIES_KEY}:{kind}")


def _objects(query: Query, kind: str, queryset) -> list:
    """Objects of a small kind with every group of the query, title matches first."""

    def has(group, terms) -> bool:
        return any(set(alternative) <= terms for alternative in group.alternatives)

    scored = []
    for pk, title, terms in small_entries(kind):
        if all(has(group, terms) for group in query.groups):
            scored.append((-sum(has(group, title) for group in query.groups), pk))
    ids = [pk for _score, pk in sorted(scored)[:GROUP_SIZE]]
    objects = queryset.in_bulk(ids)
    return [objects[pk] for pk in ids if pk in objects]


def _tickers(query: Query) -> list:
    """Public tickers with every group of the query; a running one leads (it shows LIVE)."""
    from newsdesk.liveticker.models import LiveTicker
    from newsdesk.liveticker.syndication import public_tickers

    found = _objects(query, SearchEntry.Kind.LIVETICKER, public_tickers())
    return sorted(found, key=lambda ticker: ticker.state != LiveTicker.State.LIVE)


# "Meinten Sie …?"


def vocabulary() -> list[str]:
    key = "search:vocabulary"
    value = cache.get(key)
    if value is None:
        value = list(SearchWord.objects.values_list("word", flat=True))
        cache.set(key, value, VOCABULARY_SECONDS)
    return value


def did_you_mean(text: str) -> str:
    """The query with unknown words replaced by the closest index words, if that finds more."""
    known = vocabulary()
    if not known:
        return ""
    known_set = set(known)
    folded_known: dict[str, str] = {}
    for word in known:
        folded_known.setdefault(fold(word), word)
    changed = False
    corrected = []
    for _s, _e, word in list(words(text[:200]))[:12]:
        if word in known_set or fold(word) in folded_known or any(c.isdigit() for c in word):
            corrected.append(word)
            continue
        same_start = [w for w in folded_known if w[:1] == fold(word)[:1]]
        close = difflib.get_close_matches(fold(word), same_start, n=1, cutoff=0.75)
        if close:
            corrected.append(folded_known[close[0]])
            changed = True
        else:
            corrected.append(word)
    if not changed:
        return ""
    suggestion = " ".join(corrected)
    query = analyse(suggestion)
    backend = get_backend()
    if query and backend.match(query, SearchEntry.Kind.ARTICLE, Filters(), 1):
        return suggestion
    return ""


# Suggest


def suggest(text: str, limit: int = SUGGEST_SIZE) -> list[dict[str, str]]:
    """Headlines of published articles for what has been typed so far (the last word a prefix)."""
    query = parse_query(text[:100])
    # A one-letter prefix matches nearly everything and says nothing yet.
    if not query or len(query.groups[-1].alternatives[0][-1]) < 2:
        return []
    rows = get_backend().suggest(query, limit)
    return [
        {
            "headline": headline,
            "url": Article(pk=pk, kind=kind, slug=slug).get_absolute_url(),
        }
        for pk, headline, kind, slug in rows
    ]
