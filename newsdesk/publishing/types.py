"""The registrations of newsdesk's own content types (``publishing.registry``)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone

from . import keys
from .registry import ContentType, register


def _published_flag(obj) -> bool:
    return bool(obj.is_published)


def _article_public(article) -> bool:
    from newsdesk.articles.models import Article

    live = article.status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED)
    return live and article.published_at is not None and article.published_at <= timezone.now()


def _unpublish_article(article, user) -> None:
    from newsdesk.articles.services import unpublish_article

    unpublish_article(article, user)


def _clear_published_flag(obj, user) -> None:
    """Galleries, products and videos are public by one flag; the pipeline follows the save."""
    obj.is_published = False
    obj.save(update_fields=["is_published"])


def _article_listings(article) -> set[str]:
    """Every listing the article appears in or may now appear in."""
    found = {keys.HOME, keys.FEEDS, keys.kind(article.kind)}
    if article.pk:
        for name in ("topics", "authors", "products"):
            model_name = name[:-1]
            ids = getattr(article, name).values_list("pk", flat=True)
            found |= {keys.listing(model_name, pk) for pk in ids}
    return found


def _article_paths() -> Iterator[str]:
    from newsdesk.pagecache import bake

    yield from bake.article_pages()


def _topic_paths() -> Iterator[str]:
    from newsdesk.articles.models import Article, Topic

    for topic in Topic.objects.filter(articles__in=Article.objects.published()).distinct():
        yield topic.get_absolute_url()


def _author_paths() -> Iterator[str]:
    from newsdesk.articles.models import Article, Author

    for author in Author.objects.filter(articles__in=Article.objects.published()).distinct():
        yield author.get_absolute_url()


def _product_paths() -> Iterator[str]:
    from newsdesk.pagecache import bake

    yield from bake.product_pages()


def _gallery_paths() -> Iterator[str]:
    from newsdesk.pagecache import bake

    yield from bake.gallery_pages()


def _page_paths() -> Iterator[str]:
    from newsdesk.pagecache import bake

    yield from bake.standing_pages()


def register_newsdesk_types() -> None:
    from newsdesk.articles.models import Article, Author, Topic
    from newsdesk.commerce.models import Product
    from newsdesk.galleries.models import Gallery
    from newsdesk.pages.models import Page
    from newsdesk.videos.models import Video

    register(
        ContentType(
            Article,
            is_public=_article_public,
            listing_keys=_article_listings,
            sitemap="articles",
            search_kind="article",
            structured_data="NewsArticle",
            in_feeds=True,
            embed_kind="article",
            bake_paths=_article_paths,
            unpublish=_unpublish_article,
        )
    )
    register(
        ContentType(
            Topic,
            is_public=lambda topic: True,
            sitemap="themen",
            search_kind="topic",
            in_feeds=True,
            redirects=True,
            bake_paths=_topic_paths,
        )
    )
    register(
        ContentType(
            Author,
            is_public=lambda author: True,
            sitemap="autoren",
            structured_data="Person",
            in_feeds=True,
            redirects=True,
            bake_paths=_author_paths,
        )
    )
    register(
        ContentType(
            Product,
            is_public=_published_flag,
            sitemap="produkte",
            search_kind="product",
            structured_data="Product",
            in_feeds=True,
            embed_kind="product",
            redirects=True,
            bake_paths=_product_paths,
            extra=("product-terms",),
            unpublish=_clear_published_flag,
        )
    )
    register(
        ContentType(
            Gallery,
            is_public=_published_flag,
            sitemap="bilderstrecken",
            search_kind="gallery",
            structured_data="ImageGallery",
            embed_kind="gallery",
            redirects=True,
            bake_paths=_gallery_paths,
            unpublish=_clear_published_flag,
        )
    )
    register(
        ContentType(
            Video,
            is_public=_published_flag,
            url=lambda video: "",  # shown only where a text embeds it
            structured_data="VideoObject",
            embed_kind="video",
            unpublish=_clear_published_flag,
        )
    )
    register(
        ContentType(
            Page,
            is_public=lambda page: True,
            object_keys=lambda page: {keys.of(page), keys.FOOTER},
            sitemap="seiten",
            redirects=True,
            bake_paths=_page_paths,
            extra=("footer",),
        )
    )
