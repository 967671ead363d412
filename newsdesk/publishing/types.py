"""The registrations of newsdesk's own content types (``publishing.registry``)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone

from . import keys
from .registry import ContentType, SearchDocument, register


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
        from newsdesk.readership.selectors import is_ranked

        if is_ranked(article.pk):  # "Meistgelesen" lists it
            found.add(keys.MOST_READ)
        for name in ("topics", "authors", "products"):
            model_name = name[:-1]
            ids = getattr(article, name).values_list("pk", flat=True)
            found |= {keys.listing(model_name, pk) for pk in ids}
    return found


# -- Search documents (``search.indexing``) -------------------------------------------------------


def _article_document(article) -> SearchDocument | None:
    """Expects ``topics`` and ``products`` prefetched or cheap to read."""
    from newsdesk.search.indexing import is_indexable, plain_text

    if not is_indexable(article):
        return None  # published, or scheduled with a time (the entry waits for its time)
    products = list(article.products.all())
    extra = [p.full_name for p in products] + [t.name for t in article.topics.all()]
    extra.append(str(article.get_kind_display()))
    body = [plain_text(article.body), article.verdict, article.pros, article.cons]
    return SearchDocument(
        title=article.headline,
        extra=" ".join(extra),
        teaser=article.teaser,
        body="\n".join(body),
        published_at=article.published_at,
        article_kind=article.kind,
        product_ids=sorted(p.pk for p in products),
        vocabulary=(article.headline, *(p.full_name for p in products)),
    )


def _indexable_articles():
    from newsdesk.articles.models import Article
    from newsdesk.search.indexing import for_index

    live = [Article.Status.PUBLISHED, Article.Status.SCHEDULED]
    return for_index(Article.objects.filter(status__in=live, published_at__isnull=False))


def _topic_document(topic) -> SearchDocument:
    return SearchDocument(title=topic.name, teaser=topic.description, vocabulary=(topic.name,))


def _product_document(product) -> SearchDocument | None:
    if not product.is_published:
        return None
    return SearchDocument(
        title=product.full_name,
        teaser=product.description,
        body=product.specs,
        vocabulary=(product.full_name,),
    )


def _gallery_document(gallery) -> SearchDocument | None:
    if not gallery.is_published:
        return None
    return SearchDocument(title=gallery.title, teaser=gallery.intro, vocabulary=(gallery.title,))


def _flagged(model):
    """The rows of a type that is public by its ``is_published`` flag."""
    return lambda: model.objects.filter(is_published=True)


# -- Pages for the bake ---------------------------------------------------------------------------


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


def _ticker_paths() -> Iterator[str]:
    from newsdesk.liveticker.models import LiveTicker

    for ticker in LiveTicker.objects.published().only("slug"):
        yield ticker.get_absolute_url()


def _ticker_listings(ticker) -> set[str]:
    from newsdesk.liveticker.services import ticker_keys

    return ticker_keys(ticker)


def _public_tickers():
    from newsdesk.liveticker.syndication import public_tickers

    return public_tickers()


def _ticker_sitemap_entries():
    from newsdesk.liveticker.syndication import sitemap_entries

    return sitemap_entries()


def _ticker_news_entries():
    from newsdesk.liveticker.syndication import news_entries

    return news_entries()


def _ticker_search_document(ticker) -> SearchDocument | None:
    from newsdesk.liveticker.search import search_document

    return search_document(ticker)


def _ticker_search_objects():
    from newsdesk.liveticker.search import search_objects

    return search_objects()


def _ticker_feed_items(limit: int) -> list:
    from newsdesk.liveticker.syndication import feed_items

    return feed_items(limit)


def _describer(name: str):
    """``seo.describe.<name>``, imported when a page is first described (the seo app imports
    models at its top)."""

    def describe(*args) -> bool:
        from newsdesk.seo import describe as module

        return getattr(module, name)(*args)

    return describe


def register_newsdesk_types() -> None:
    from newsdesk.articles.models import Article, Author, Topic
    from newsdesk.commerce.models import Product
    from newsdesk.galleries.models import Gallery
    from newsdesk.liveticker.models import LiveTicker
    from newsdesk.pages.models import Page
    from newsdesk.videos.models import Video

    register(
        ContentType(
            Article,
            describe_page=_describer("article"),
            is_public=_article_public,
            listing_keys=_article_listings,
            sitemap="articles",
            search_kind="article",
            structured_data="NewsArticle",
            in_feeds=True,
            embed_kind="article",
            bake_paths=_article_paths,
            published=lambda: Article.objects.published(),
            search_document=_article_document,
            search_objects=_indexable_articles,
            unpublish=_unpublish_article,
        )
    )
    register(
        ContentType(
            Topic,
            describe_page=_describer("topic"),
            is_public=lambda topic: True,
            sitemap="themen",
            search_kind="topic",
            search_document=_topic_document,
            in_feeds=True,
            redirects=True,
            bake_paths=_topic_paths,
        )
    )
    register(
        ContentType(
            Author,
            describe_page=_describer("author"),
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
            describe_page=_describer("product"),
            is_public=_published_flag,
            sitemap="produkte",
            search_kind="product",
            search_document=_product_document,
            search_objects=_flagged(Product),
            published=lambda: Product.objects.published(),
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
            describe_page=_describer("gallery"),
            is_public=_published_flag,
            sitemap="bilderstrecken",
            search_kind="gallery",
            search_document=_gallery_document,
            search_objects=_flagged(Gallery),
            published=lambda: Gallery.objects.published(),
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
            published=lambda: Video.objects.published(),
            structured_data="VideoObject",
            embed_kind="video",
            unpublish=_clear_published_flag,
        )
    )
    register(
        ContentType(
            Page,
            describe_page=_describer("standing_page"),
            is_public=lambda page: True,
            object_keys=lambda page: {keys.of(page), keys.FOOTER},
            sitemap="seiten",
            redirects=True,
            bake_paths=_page_paths,
            extra=("footer",),
        )
    )
    register(
        ContentType(
            LiveTicker,
            describe_page=_describer("live_ticker"),
            context_name="ticker",
            search_kind="liveticker",
            search_document=_ticker_search_document,
            search_objects=_ticker_search_objects,
            is_public=_published_flag,
            sitemap="liveticker",
            published=_public_tickers,
            sitemap_entries=_ticker_sitemap_entries,
            news_entries=_ticker_news_entries,
            feed_items=_ticker_feed_items,
            listing_keys=_ticker_listings,
            structured_data="LiveBlogPosting",
            redirects=False,
            bake_paths=_ticker_paths,
        )
    )
