"""Keeping the index in line with the content: one entry per published article, gallery,
product and topic; everything else has none."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from newsdesk.articles.models import Article, Topic
from newsdesk.commerce.models import Product
from newsdesk.galleries.models import Gallery

from .analysis import index_terms, words
from .backends import get_backend
from .models import SearchEntry, SearchWord
from .service import forget_small_entries

EMBED_LINE = re.compile(r"^\s*\[\[\w+:[^\]]*\]\]\s*$", re.MULTILINE)
MARKUP = re.compile(r"[#*_`>\[\]()|]+|https?://\S+")
BATCH = 1000
# Vocabulary words for "Meinten Sie …?": long enough to be worth correcting to.
VOCABULARY_WORD = re.compile(r"^[^\W\d_]{4,40}$")


def plain_text(markdown: str) -> str:
    """Markdown as the words a reader sees: no embed lines, link targets or markup signs."""
    return MARKUP.sub(" ", EMBED_LINE.sub(" ", markdown))


def joined(text: str) -> str:
    return " ".join(index_terms(text))


def is_indexable(article: Article) -> bool:
    """Published, or scheduled with a time: the entry waits for its time (see backends)."""
    public = article.status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED)
    return public and article.published_at is not None


def article_entry(article: Article) -> SearchEntry:
    """Expects ``topics`` and ``products`` prefetched or cheap to read."""
    products = list(article.products.all())
    topics = list(article.topics.all())
    extra = [p.full_name for p in products] + [t.name for t in topics]
    extra.append(str(article.get_kind_display()))
    body = "\n".join([plain_text(article.body), article.verdict, article.pros, article.cons])
    return SearchEntry(
        kind=SearchEntry.Kind.ARTICLE,
        object_id=article.pk,
        title_terms=joined(article.headline),
        extra_terms=joined(" ".join(extra)),
        teaser_terms=joined(article.teaser),
        body_terms=joined(body),
        published_at=article.published_at,
        article_kind=article.kind,
        product_ids=sorted(p.pk for p in products),
    )


def gallery_entry(gallery: Gallery) -> SearchEntry:
    return SearchEntry(
        kind=SearchEntry.Kind.GALLERY,
        object_id=gallery.pk,
        title_terms=joined(gallery.title),
        teaser_terms=joined(gallery.intro),
    )


def product_entry(product: Product) -> SearchEntry:
    return SearchEntry(
        kind=SearchEntry.Kind.PRODUCT,
        object_id=product.pk,
        title_terms=joined(product.full_name),
        teaser_terms=joined(product.description),
        body_terms=joined(product.specs),
    )


def topic_entry(topic: Topic) -> SearchEntry:
    return SearchEntry(
        kind=SearchEntry.Kind.TOPIC,
        object_id=topic.pk,
        title_terms=joined(topic.name),
        teaser_terms=joined(topic.description),
    )


def vocabulary_of(texts: Iterable[str]) -> set[str]:
    return {w for text in texts for _s, _e, w in words(text) if VOCABULARY_WORD.match(w)}


def _title_text(obj) -> str:
    if isinstance(obj, Article):
        return obj.headline
    if isinstance(obj, Product):
        return obj.full_name
    if isinstance(obj, Gallery):
        return obj.title
    return obj.name


def _forget_cached(kinds: Iterable[str]) -> None:
    """Products, galleries and topics are matched from a cached copy of their entries: drop
    it now and again after the commit, so no request caches the old rows in between."""
    kinds = set(kinds) - {SearchEntry.Kind.ARTICLE}
    for kind in kinds:
        forget_small_entries(kind)
    if kinds:
        transaction.on_commit(lambda: [forget_small_entries(kind) for kind in kinds])


def store(entries: list[SearchEntry], titles: Iterable[str] = ()) -> None:
    """Write entries (replacing the ones of the same objects) and their words."""
    if not entries:
        return
    backend = get_backend()
    with transaction.atomic():
        for kind in {e.kind for e in entries}:
            ids = [e.object_id for e in entries if e.kind == kind]
            old = list(
                SearchEntry.objects.filter(kind=kind, object_id__in=ids).values_list(
                    "pk", flat=True
                )
            )
            backend.delete(old)
            SearchEntry.objects.filter(pk__in=old).delete()
        created = SearchEntry.objects.bulk_create(entries, batch_size=BATCH)
        if created and created[0].pk is None:
            created = list(
                SearchEntry.objects.filter(
                    kind=entries[0].kind, object_id__in=[e.object_id for e in entries]
                )
            )
        backend.write(created)
        _forget_cached(e.kind for e in entries)
        vocabulary = vocabulary_of(titles)
        if vocabulary:
            SearchWord.objects.bulk_create(
                [SearchWord(word=w) for w in sorted(vocabulary)],
                batch_size=BATCH,
                ignore_conflicts=True,
            )


def remove(kind: str, object_ids: Iterable[int]) -> None:
    ids = list(object_ids)
    entries = list(
        SearchEntry.objects.filter(kind=kind, object_id__in=ids).values_list("pk", flat=True)
    )
    if entries:
        get_backend().delete(entries)
        SearchEntry.objects.filter(pk__in=entries).delete()
        _forget_cached([kind])


def for_index(queryset: QuerySet[Article]) -> QuerySet[Article]:
    return queryset.prefetch_related("topics", Prefetch("products", queryset=Product.objects.all()))


def index_article(article_id: int) -> None:
    """Make the index say what the stored article says now (or forget it)."""
    article = for_index(Article.objects.filter(pk=article_id)).first()
    if article is None or not is_indexable(article):
        remove(SearchEntry.Kind.ARTICLE, [article_id])
        return
    store(
        [article_entry(article)], [article.headline, *(p.full_name for p in article.products.all())]
    )


def index_object(obj) -> None:
    """A gallery, product or topic: indexed while published, forgotten otherwise."""
    builders = {
        Gallery: (SearchEntry.Kind.GALLERY, gallery_entry),
        Product: (SearchEntry.Kind.PRODUCT, product_entry),
        Topic: (SearchEntry.Kind.TOPIC, topic_entry),
    }
    kind, build = builders[type(obj)]
    if getattr(obj, "is_published", True):
        store([build(obj)], [_title_text(obj)])
    else:
        remove(kind, [obj.pk])


def _chunks(queryset: QuerySet, size: int = BATCH) -> Iterator[list]:
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def rebuild(progress=None) -> int:
    """Throw the index away and write it anew from the content; returns the entry count."""
    progress = progress or (lambda n: None)
    backend = get_backend()
    with transaction.atomic():
        backend.clear()
        SearchEntry.objects.all().delete()
        SearchWord.objects.all().delete()
        _forget_cached(SearchEntry.Kind.values)
    total = 0
    for model, build in (
        (Topic, topic_entry),
        (Product, product_entry),
        (Gallery, gallery_entry),
    ):
        queryset = model.objects.all()
        if model is not Topic:
            queryset = queryset.filter(is_published=True)
        for chunk in _chunks(queryset):
            store([build(obj) for obj in chunk], [_title_text(obj) for obj in chunk])
            total += len(chunk)
    articles = for_index(
        Article.objects.filter(
            status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
            published_at__isnull=False,
        )
    )
    for chunk in _chunks(articles):
        store([article_entry(a) for a in chunk], [a.headline for a in chunk])
        total += len(chunk)
        progress(len(chunk))
    return total


def indexable_article_count() -> int:
    return Article.objects.filter(
        status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
        published_at__isnull=False,
    ).count()
