"""The feeds: the whole site, and one per topic, author, kind and product, as RSS and Atom.

Only published articles, newest first. Sponsored articles say "Anzeige" in their title. The
description is the teaser; with ``NEWSDESK_FEED_FULL_TEXT`` the article's text follows in
``content:encoded`` (RSS) or ``content`` (Atom). The lead image comes as Media RSS element (and
as Atom enclosure link), with its credit.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.html import format_html
from django.utils.translation import gettext as _

from newsdesk.articles.embeds import render_body
from newsdesk.articles.models import Article, Author, Topic
from newsdesk.commerce.models import Product
from newsdesk.pagecache.dependencies import record
from newsdesk.publishing import keys, registry
from newsdesk.publishing.registry import FeedEntry
from newsdesk.seo.jsonld import absolute
from newsdesk.seo.meta import social_image

from .generators import ArticleAtomFeed, ArticleRssFeed


def feed_length() -> int:
    return getattr(settings, "NEWSDESK_FEED_ITEMS", 30)


class ArticleFeed(Feed):
    """What every article feed shares; subclasses choose the articles and the titles."""

    feed_type = ArticleRssFeed
    url_name = "site"

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        # Without the page cache (which sets its own), answer 304s from an ETag of the body.
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=None, response=response
        )
        return conditional

    # -- the articles --------------------------------------------------------------------

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj) -> list[Article]:
        articles = list(
            self.articles(obj)
            .for_listing()
            .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))[
                : feed_length()
            ]
        )
        for article in articles:
            record(article, article.ordered_authors(), article.topics.all())
        return articles

    # -- the feed ------------------------------------------------------------------------

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj) -> str:
        return settings.NEWSDESK_SITE_NAME

    def description(self, obj) -> str:
        return _("Die neuesten Artikel von %(site)s") % {"site": settings.NEWSDESK_SITE_NAME}

    def subtitle(self, obj) -> str:
        return self.description(obj)

    def link(self, obj) -> str:
        return absolute(reverse("articles:home"))

    def url_kwargs(self, obj) -> dict:
        return {}

    def feed_url(self, obj) -> str:
        name = self.url_name + ("-atom" if self.feed_type is ArticleAtomFeed else "")
        return absolute(reverse(f"feeds:{name}", kwargs=self.url_kwargs(obj)))

    def author_name(self, obj) -> str:
        # Atom needs an author per entry or for the feed: the publication stands in for an
        # article that has none (an import, say).
        return settings.NEWSDESK_SITE_NAME

    def feed_copyright(self, obj) -> str:
        return f"© {settings.NEWSDESK_SITE_NAME}"

    # -- each article --------------------------------------------------------------------

    def item_title(self, item: Article | FeedEntry) -> str:
        if isinstance(item, FeedEntry):
            return item.title
        # Feed readers show only the title: sponsored content is labelled right there.
        if item.is_sponsored:
            return _("Anzeige: %(headline)s") % {"headline": item.headline}
        return item.headline

    def item_description(self, item: Article | FeedEntry) -> str:
        if isinstance(item, FeedEntry):
            return item.description
        if item.is_sponsored and item.sponsor_name:
            label = _("Anzeige im Auftrag von %(sponsor)s") % {"sponsor": item.sponsor_name}
            return f"{item.teaser} ({label})"
        return item.teaser

    def item_link(self, item: Article | FeedEntry) -> str:
        if isinstance(item, FeedEntry):
            return absolute(item.url)
        return absolute(item.get_absolute_url())

    def item_guid(self, item: Article) -> str:
        return self.item_link(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item: Article | FeedEntry):
        if isinstance(item, FeedEntry):
            return item.published_at
        return item.published_at

    def item_updateddate(self, item: Article | FeedEntry):
        if isinstance(item, FeedEntry):
            return item.updated_at or item.published_at
        return max(item.published_at, item.modified_at)

    def item_author_name(self, item: Article | FeedEntry) -> str:
        if isinstance(item, FeedEntry):
            return ""
        return ", ".join(author.name for author in item.ordered_authors())

    def item_author_link(self, item: Article | FeedEntry) -> str | None:
        if isinstance(item, FeedEntry):
            return None
        authors = item.ordered_authors()
        return absolute(authors[0].get_absolute_url()) if authors else None

    def item_categories(self, item: Article | FeedEntry) -> list[str]:
        if isinstance(item, FeedEntry):
            return []
        return [topic.name for topic in item.topics.all()]

    def item_extra_kwargs(self, item: Article | FeedEntry) -> dict:
        if isinstance(item, FeedEntry):
            return {}
        extra = {
            "authors": [
                (author.name, absolute(author.get_absolute_url()))
                for author in item.ordered_authors()
            ]
        }
        image = social_image(item.lead_image)
        if image:
            image["credit"] = item.lead_image.credit
            extra["image"] = image
        if getattr(settings, "NEWSDESK_FEED_FULL_TEXT", False):
            extra["content"] = full_text(item)
        return extra


def with_registered_items(articles: list) -> list:
    """The site feed lists, beside the articles and newest first, the article-shaped items of
    every type registered with ``feed_items`` (live tickers)."""
    others = []
    for content_type in registry.content_types():
        if content_type.feed_items is not None:
            others.extend(content_type.feed_items(feed_length()))
    if not others:
        return articles
    record(keys.FEEDS, (item.source for item in others))
    merged = sorted([*articles, *others], key=lambda item: item.published_at, reverse=True)
    return merged[: feed_length()]


def full_text(article: Article) -> str:
    """The body's text blocks as HTML; embeds become a link to the article, where they work."""
    parts = []
    affiliate_links = 0
    for block in render_body(article.body, sponsored=article.is_sponsored):
        if block.embed is None:
            parts.append(block.html)
            affiliate_links += block.extra.get("affiliate_links", 0)
        else:
            parts.append(
                format_html(
                    '<p><a href="{}">{}</a></p>',
                    absolute(article.get_absolute_url()),
                    _("Im Artikel ansehen: %(title)s")
                    % {"title": getattr(block.obj, "title", "") or block.embed.slug},
                )
            )
            record(block.obj)
    if affiliate_links:
        parts.append(render_to_string("includes/ad_note.html"))
    return "\n".join(parts)


class SiteFeed(ArticleFeed):
    """The newest articles, and the newest objects of every type registered with
    ``feed_items`` or a ``feed_entry`` (``publishing.registry``)."""

    def items(self, obj):
        record(keys.FEEDS)  # a change to any listing (publish, unpublish, move) reaches this feed
        articles = with_registered_items(super().items(obj))
        others = other_entries()
        if not others:
            return articles
        merged = sorted([*articles, *others], key=self.item_pubdate, reverse=True)
        return merged[: feed_length()]


def other_entries() -> list[FeedEntry]:
    """The newest public objects of the types other than articles that the site feed carries."""
    entries = []
    for content_type in registry.content_types():
        if content_type.feed_entry is None:
            continue
        for found in content_type.public_objects().order_by("-pk")[: feed_length()]:
            record(found)
            entries.append(content_type.feed_entry(found))
    return entries


class TopicFeed(ArticleFeed):
    url_name = "topic"

    def get_object(self, request, slug: str) -> Topic:
        topic = get_object_or_404(Topic, slug=slug)
        record(topic, keys.listing(topic))
        return topic

    def articles(self, obj):
        return Article.objects.published().filter(topics=obj)

    def title(self, obj) -> str:
        return f"{obj.name} – {settings.NEWSDESK_SITE_NAME}"

    def description(self, obj) -> str:
        return obj.description or _("Artikel zum Thema %(name)s") % {"name": obj.name}

    def link(self, obj) -> str:
        return absolute(obj.get_absolute_url())

    def url_kwargs(self, obj) -> dict:
        return {"slug": obj.slug}


class AuthorFeed(TopicFeed):
    url_name = "author"

    def get_object(self, request, slug: str) -> Author:
        author = get_object_or_404(Author, slug=slug)
        record(author, keys.listing(author))
        return author

    def articles(self, obj):
        return Article.objects.published().filter(authors=obj)

    def description(self, obj) -> str:
        return _("Artikel von %(name)s") % {"name": obj.name}


class ProductFeed(TopicFeed):
    url_name = "product"

    def get_object(self, request, slug: str) -> Product:
        product = get_object_or_404(Product.objects.published(), slug=slug)
        record(product, keys.listing(product))
        return product

    def articles(self, obj):
        return Article.objects.published().filter(products=obj)

    def title(self, obj) -> str:
        return f"{obj.full_name} – {settings.NEWSDESK_SITE_NAME}"

    def description(self, obj) -> str:
        return _("Artikel zu %(name)s") % {"name": obj.full_name}


class KindFeed(ArticleFeed):
    url_name = "kind"

    def get_object(self, request, kind_path: str) -> str:
        kinds = {path: kind for kind, path in Article.KIND_PATHS.items()}
        if kind_path not in kinds:
            raise Http404
        record(keys.kind(kinds[kind_path]))
        return kinds[kind_path]

    def articles(self, obj):
        return Article.objects.published().filter(kind=obj)

    def title(self, obj) -> str:
        from newsdesk.articles.views import KIND_TITLES

        return f"{KIND_TITLES[obj]} – {settings.NEWSDESK_SITE_NAME}"

    def description(self, obj) -> str:
        return self.title(obj)

    def link(self, obj) -> str:
        return absolute(reverse("articles:kind", kwargs={"kind_path": Article.KIND_PATHS[obj]}))

    def url_kwargs(self, obj) -> dict:
        return {"kind_path": Article.KIND_PATHS[obj]}


def atom(feed_class: type[ArticleFeed]) -> type[ArticleFeed]:
    """The Atom twin of an RSS feed class."""
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": ArticleAtomFeed})
