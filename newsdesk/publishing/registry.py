"""The content types readers see, and per type everything that follows from a change to one.

One registration per type says when an object is public, where it lives, which surrogate keys
its pages and the listings showing it record, which sitemap lists it, whether search, feeds and
structured data carry it, and which addresses the bake writes for it. ``publishing.follow``
reads the registry after every change; the bake reads its paths; the system check
``publishing.E001`` fails for a model with a public address that is not registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Model, QuerySet

from . import keys


def _own_url(obj: Model) -> str:
    return obj.get_absolute_url()


def _own_key(obj: Model) -> set[str]:
    return {keys.of(obj)}


def _no_keys(obj: Model) -> set[str]:
    return set()


@dataclass(frozen=True)
class SearchDocument:
    """What the search index holds for one object; fields weigh in this order (title first)."""

    title: str
    extra: str = ""  # names of related things (products, topics), the kind
    teaser: str = ""
    body: str = ""
    # Articles: when readers may see it, its kind for the filter, its products for the boost.
    published_at: datetime | None = None
    article_kind: str = ""
    product_ids: list[int] = field(default_factory=list)
    # Titles and names whose words "Meinten Sie …?" may suggest.
    vocabulary: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedEntry:
    """One object of a type other than articles as an item of the site's feed."""

    title: str
    description: str
    url: str
    published_at: datetime
    updated_at: datetime | None = None


@dataclass(frozen=True)
class SitemapEntry:
    """One address in a sitemap file; ``news`` for the Google News sitemap."""

    path: str
    changed: datetime | None = None
    # Google News: the title and the original publication time.
    news_title: str = ""
    published_at: datetime | None = None


@dataclass(frozen=True)
class ContentType:
    """What the publishing pipeline knows about one kind of content."""

    model: type[Model]
    # Whether readers may see this object now (the published rule of its queryset).
    is_public: Callable[[Model], bool]
    # Its public address, or "" for types shown only inside other pages (videos).
    url: Callable[[Model], str] = _own_url
    # Keys that pages showing the object itself recorded: a text edit invalidates these.
    object_keys: Callable[[Model], set[str]] = _own_key
    # Keys of the listings and pages that list it: entering or leaving public view (or moving
    # within listings) invalidates these too.
    listing_keys: Callable[[Model], set[str]] = _no_keys
    # The sitemap file that lists it ("themen", ...), "articles" for the monthly files, or None.
    sitemap: str | None = None
    # The entries of its sitemap file when they are more than each public object's address and
    # ``modified_at`` (a ticker changes with its entries); None: those two.
    sitemap_entries: Callable[[], list[SitemapEntry]] | None = None
    # Its entries in the Google News sitemap (the last two days), beside the articles'.
    news_entries: Callable[[], list[SitemapEntry]] | None = None
    # Its kind in the search index (``SearchEntry.Kind``), or None when search leaves it out.
    search_kind: str | None = None
    # Schema.org type of its JSON-LD, or None.
    structured_data: str | None = None
    # Whether the feeds carry it: articles are their items; topics, authors and products have
    # feeds of their own articles.
    in_feeds: bool = False
    # Another type's public objects as items of the site feed, beside the articles.
    feed_entry: Callable[[Model], FeedEntry] | None = None
    # Or, for a type the feed shows as richly as an article (byline, image): its newest items
    # shaped like article rows, given the feed's length; each names its object as ``source``.
    feed_items: Callable[[int], list] | None = None
    # Embeds in texts name it as ``[[<embed_kind>:<slug>]]``; None when it cannot be embedded.
    embed_kind: str | None = None
    # Whether an old address answers 301 after a URL change.
    redirects: bool = False
    # Every public address of this type, for the bake.
    bake_paths: Callable[[], Iterable[str]] | None = None
    # Extra follow-up on a change (caches derived from it), beyond the keys.
    extra: tuple[str, ...] = field(default_factory=tuple)
    # The public objects (sitemap files, feeds); None: every row.
    published: Callable[[], QuerySet] | None = None
    # Its search document, or None while it is not to be found (``search.indexing``).
    search_document: Callable[[Model], SearchDocument | None] | None = None
    # The rows a rebuild of the index reads, with what ``search_document`` needs prefetched;
    # None: every row.
    search_objects: Callable[[], QuerySet] | None = None
    # Describes its page to search engines and social networks (``seo.describe``): given the
    # page's meta, the template context, the object and the path; returns False when the
    # context is not its page. The object is found in the context as ``context_name``
    # (default: the model's name).
    describe_page: Callable[..., bool] | None = None
    context_name: str | None = None
    # Takes the object out of public view through its service (``newsdesk takedown``), given
    # the user who asked; None for types that have no unpublished state (topics, pages).
    unpublish: Callable[[Model, Model | None], None] | None = None

    @property
    def name(self) -> str:
        return self.model._meta.model_name

    def public_objects(self) -> QuerySet:
        return self.published() if self.published else self.model._default_manager.all()

    def searchable_objects(self) -> QuerySet:
        if self.search_objects:
            return self.search_objects()
        return self.model._default_manager.all()


_registry: dict[type[Model], ContentType] = {}


def register(content_type: ContentType) -> ContentType:
    """Add a content type; from now on its changes follow and the bake writes its pages."""
    from django.apps import apps

    _registry[content_type.model] = content_type
    if apps.ready:  # at start-up ``PublishingConfig.ready`` connects every type in one loop
        from .receivers import connect_content_type

        connect_content_type(content_type.model)
    return content_type


def unregister(model: type[Model]) -> None:
    if _registry.pop(model, None) is not None:
        from .receivers import disconnect_content_type

        disconnect_content_type(model)


def get(model: type[Model]) -> ContentType | None:
    return _registry.get(model)


def content_types() -> list[ContentType]:
    return list(_registry.values())


def is_registered(model: type[Model]) -> bool:
    return model in _registry


def find(path: str) -> tuple[ContentType, Model] | None:
    """The registered object whose public address is ``path``, or None.

    The address is resolved by the URL configuration; its ``slug`` and ``pk`` pick candidates
    of each type, and the one whose own address is exactly ``path`` wins.
    """
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        return None
    lookup = {name: match.kwargs[name] for name in ("slug", "pk") if name in match.kwargs}
    if not lookup:
        return None
    for content_type in _registry.values():
        fields = {field.name for field in content_type.model._meta.get_fields()}
        if not set(lookup) <= fields | {"pk"}:
            continue
        for obj in content_type.model._default_manager.filter(**lookup)[:10]:
            if content_type.url(obj) == path:
                return content_type, obj
    return None
