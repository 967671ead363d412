"""Keeping the index in line with the content: one entry per object that its registration
(``publishing.registry``: ``search_kind`` and ``search_document``) says readers may find;
everything else has none."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from newsdesk.articles.models import Article
from newsdesk.commerce.models import Product
from newsdesk.publishing import registry
from newsdesk.publishing.registry import SearchDocument

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


def entry_for(kind: str, object_id: int, document: SearchDocument) -> SearchEntry:
    """The index row of one object, from the document its registration builds."""
    return SearchEntry(
        kind=kind,
        object_id=object_id,
        title_terms=joined(document.title),
        extra_terms=joined(document.extra),
        teaser_terms=joined(document.teaser),
        body_terms=joined(document.body),
        published_at=document.published_at,
        article_kind=document.article_kind,
        product_ids=document.product_ids,
    )


def searchable_types() -> list[registry.ContentType]:
    """The registered types search carries (``search_kind`` and a document builder)."""
    return [ct for ct in registry.content_types() if ct.search_kind and ct.search_document]


def vocabulary_of(texts: Iterable[str]) -> set[str]:
    return {w for text in texts for _s, _e, w in words(text) if VOCABULARY_WORD.match(w)}


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


def index(content_type: registry.ContentType, object_id: int) -> None:
    """Make the index say what the stored object says now (or forget it)."""
    obj = content_type.searchable_objects().filter(pk=object_id).first()
    if obj is None:
        remove(content_type.search_kind, [object_id])
    else:
        index_object(obj)


def index_object(obj) -> None:
    """Indexed while its registration gives it a document, forgotten otherwise."""
    content_type = registry.get(type(obj))
    document = content_type.search_document(obj)
    if document is None:
        remove(content_type.search_kind, [obj.pk])
    else:
        store([entry_for(content_type.search_kind, obj.pk, document)], document.vocabulary)


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
    for content_type in searchable_types():
        for chunk in _chunks(content_type.searchable_objects()):
            found = [(obj.pk, content_type.search_document(obj)) for obj in chunk]
            found = [(pk, document) for pk, document in found if document is not None]
            entries = [entry_for(content_type.search_kind, pk, doc) for pk, doc in found]
            store(entries, [word for _pk, doc in found for word in doc.vocabulary])
            total += len(entries)
            progress(len(chunk))
    return total


def indexable_count() -> int:
    """The rows a rebuild reads (its progress bar's length)."""
    return sum(ct.searchable_objects().count() for ct in searchable_types())
