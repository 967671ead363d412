"""How each content type's page describes itself to search engines and social networks.

The content-type registry (``publishing.types``) names one of these per type as its
``describe_page``; ``seo.meta.page_meta`` calls the one whose object the view rendered. Each
fills in the ``PageMeta`` and returns True, or returns False when the context is not its page
(a comment reply page names an article, but shows no body).
"""

from __future__ import annotations

from django.core.paginator import Page as PaginatorPage
from django.urls import reverse
from django.utils.translation import gettext as _

from newsdesk.core.markup import Embed
from newsdesk.pagecache.dependencies import record

from . import jsonld
from .jsonld import text
from .meta import PageMeta, feed_for, social_image


def article(meta: PageMeta, context, article, path: str) -> bool:
    if "blocks" not in context:
        return False
    authors = context.get("authors") or article.ordered_authors()
    topics = context.get("topics") or []
    sources = context.get("sources") or []
    meta.title = text(article.og_title) or text(article.headline)
    meta.description = text(article.og_description) or text(article.teaser)
    meta.og_type = "article"
    meta.published = jsonld.iso(article.published_at)
    meta.modified = jsonld.iso(article.date_modified)
    image = article.og_image if article.og_image_id else article.lead_image
    if article.og_image_id:
        record(article.og_image)
    meta.image = social_image(image)
    meta.json_ld.append(jsonld.news_article(article, authors, topics, sources))
    if article.is_review:
        from newsdesk.commerce.models import Product

        product = (
            Product.objects.published().filter(articles=article).select_related("image").first()
        )
        record(product)
        review = jsonld.review(article, authors, product)
        if review:
            meta.json_ld.append(review)
    for block in context.get("blocks") or []:
        if isinstance(block.embed, Embed) and block.embed.kind == "video":
            meta.json_ld.append(jsonld.video_object(block.obj, article.published_at))
    from newsdesk.articles.views import KIND_TITLES

    kind_url = reverse("articles:kind", kwargs={"kind_path": article.KIND_PATHS[article.kind]})
    trail = [jsonld.home_trail(), (str(KIND_TITLES[article.kind]), kind_url)]
    if topics:
        trail.append((topics[0].name, topics[0].get_absolute_url()))
    trail.append((article.headline, article.get_absolute_url()))
    meta.json_ld.append(jsonld.breadcrumbs(trail))
    return True


def gallery(meta: PageMeta, context, gallery, path: str) -> bool:
    items = context.get("items") or getattr(gallery, "ordered_items", [])
    trail = [jsonld.home_trail(), (gallery.title, gallery.get_absolute_url())]
    meta.title = text(gallery.title)
    meta.description = text(gallery.intro) or _("Bilderstrecke „%(title)s“") % {"title": meta.title}
    item = context.get("item")
    if item is not None:  # one slide
        trail.append((_("Bild %(n)s") % {"n": context.get("number")}, path))
        meta.image = social_image(item.image)
        meta.json_ld.append({"@context": jsonld.CONTEXT, **jsonld.image_object(item.image)})
    else:
        meta.image = social_image(items[0].image) if items else None
        meta.json_ld.append(jsonld.image_gallery(gallery, items))
    meta.json_ld.append(jsonld.breadcrumbs(trail))
    return True


def product(meta: PageMeta, context, product, path: str) -> bool:
    if "offers" not in context:
        return False
    meta.title = text(product.full_name)
    meta.description = text(product.description) or meta.title
    meta.og_type = "product"
    meta.image = social_image(product.image)
    meta.json_ld.append(jsonld.product_page(product, context["offers"], context.get("test")))
    meta.json_ld.append(jsonld.breadcrumbs([jsonld.home_trail(), (product.full_name, path)]))
    meta.feeds.append(
        feed_for("product", _("Artikel zu %(name)s") % {"name": meta.title}, slug=product.slug)
    )
    return True


def topic(meta: PageMeta, context, topic, path: str) -> bool:
    meta.title = text(topic.name)
    meta.description = text(topic.description) or meta.title
    meta.json_ld.append(
        jsonld.breadcrumbs([jsonld.home_trail(), (topic.name, topic.get_absolute_url())])
    )
    meta.feeds.append(
        feed_for("topic", _("Thema %(name)s") % {"name": meta.title}, slug=topic.slug)
    )
    return True


def author(meta: PageMeta, context, author, path: str) -> bool:
    meta.title = text(author.name)
    meta.description = text(author.bio) or meta.title
    meta.og_type = "profile"
    meta.image = social_image(author.photo)
    meta.json_ld.append(jsonld.profile_page(author))
    meta.json_ld.append(
        jsonld.breadcrumbs([jsonld.home_trail(), (author.name, author.get_absolute_url())])
    )
    meta.feeds.append(
        feed_for("author", _("Artikel von %(name)s") % {"name": meta.title}, slug=author.slug)
    )
    return True


def standing_page(meta: PageMeta, context, page, path: str) -> bool:
    # Listings name their paginator's page "page" too.
    if isinstance(page, PaginatorPage) or not hasattr(page, "title"):
        return False
    meta.title = text(page.title)
    meta.json_ld.append(jsonld.breadcrumbs([jsonld.home_trail(), (page.title, path)]))
    return True


def live_ticker(meta: PageMeta, context, ticker, path: str) -> bool:
    """Title, teaser and image for link previews; its ``LiveBlogPosting`` is written by the
    ticker's own template, beside the entries it lists."""
    meta.title = text(ticker.title)
    meta.description = text(ticker.teaser) or meta.title
    meta.og_type = "article"
    meta.published = jsonld.iso(ticker.starts_at)
    meta.image = social_image(ticker.lead_image)
    return True
