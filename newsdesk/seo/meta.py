"""What a reader page tells search engines and social networks about itself.

``page_meta(context)`` looks at the template context a view rendered with (the article, gallery,
product, topic, author ...) and returns the OpenGraph/Twitter values, the JSON-LD blocks and the
feeds of that page. Views stay unaware of it: ``base.html`` calls ``{% seo_tags %}`` once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.urls import reverse
from django.utils.translation import gettext as _

from newsdesk.core.markup import Embed
from newsdesk.galleries.renditions import crop_name, crop_size
from newsdesk.pagecache.dependencies import record

from . import jsonld
from .jsonld import absolute, text


@dataclass
class FeedLink:
    title: str
    rss: str
    atom: str


@dataclass
class PageMeta:
    title: str = ""
    description: str = ""
    og_type: str = "website"
    image: dict | None = None  # url, width, height, alt
    published: str | None = None
    modified: str | None = None
    json_ld: list[dict] = field(default_factory=list)
    feeds: list[FeedLink] = field(default_factory=list)


def social_image(image) -> dict | None:
    """The 16:9 crop (1200 x 675 at most) for link previews."""
    if image is None or not image.width:
        return None
    from django.core.files.storage import default_storage

    name = crop_name(image.file.name, "16x9")
    if default_storage.exists(name):
        width, height = crop_size(image.width, image.height, "16x9")
        url = default_storage.url(name)
    else:
        # Uploaded before crops were made (until `newsdesk make-crops`): a rendition that exists.
        fitting = [w for w in image.widths if w <= 1280]  # widths ascend
        width = fitting[-1] if fitting else image.widths[0]
        height = max(1, round(image.height * width / image.width))
        url = image.rendition_url(width)
    return {
        "url": absolute(url),
        "width": width,
        "height": height,
        "alt": text(image.alt_text or image.caption),
    }


def site_feed() -> FeedLink:
    return FeedLink(
        _("%(site)s: alle Artikel") % {"site": settings.NEWSDESK_SITE_NAME},
        reverse("feeds:site"),
        reverse("feeds:site-atom"),
    )


def feed_for(name: str, title: str, **kwargs) -> FeedLink:
    return FeedLink(
        title, reverse(f"feeds:{name}", kwargs=kwargs), reverse(f"feeds:{name}-atom", kwargs=kwargs)
    )


def page_meta(context) -> PageMeta:
    request = context.get("request")
    path = request.path if request is not None else "/"
    meta = PageMeta()
    home = jsonld.home_trail()
    article = context.get("article")
    if article is not None and "blocks" in context:
        _article(meta, context, article)
    elif context.get("gallery") is not None:
        gallery = context["gallery"]
        items = context.get("items") or getattr(gallery, "ordered_items", [])
        trail = [home, (_("Bilderstrecke"), gallery.get_absolute_url())]
        meta.title = text(gallery.title)
        meta.description = text(gallery.intro) or _("Bilderstrecke „%(title)s“") % {
            "title": meta.title
        }
        item = context.get("item")
        if item is not None:
            trail[-1] = (gallery.title, gallery.get_absolute_url())
            trail.append((_("Bild %(n)s") % {"n": context.get("number")}, path))
            meta.image = social_image(item.image)
            meta.json_ld.append({"@context": jsonld.CONTEXT, **jsonld.image_object(item.image)})
        else:
            trail[-1] = (gallery.title, gallery.get_absolute_url())
            meta.image = social_image(items[0].image) if items else None
            meta.json_ld.append(jsonld.image_gallery(gallery, items))
        meta.json_ld.append(jsonld.breadcrumbs(trail))
    elif context.get("product") is not None and "offers" in context:
        product = context["product"]
        meta.title = text(product.full_name)
        meta.description = text(product.description) or meta.title
        meta.og_type = "product"
        meta.image = social_image(product.image)
        meta.json_ld.append(jsonld.product_page(product, context["offers"], context.get("test")))
        meta.json_ld.append(jsonld.breadcrumbs([home, (product.full_name, path)]))
        meta.feeds.append(
            feed_for("product", _("Artikel zu %(name)s") % {"name": meta.title}, slug=product.slug)
        )
    elif context.get("topic") is not None:
        topic = context["topic"]
        meta.title = text(topic.name)
        meta.description = text(topic.description) or meta.title
        meta.json_ld.append(jsonld.breadcrumbs([home, (topic.name, topic.get_absolute_url())]))
        meta.feeds.append(
            feed_for("topic", _("Thema %(name)s") % {"name": meta.title}, slug=topic.slug)
        )
    elif context.get("author") is not None:
        author = context["author"]
        meta.title = text(author.name)
        meta.description = text(author.bio) or meta.title
        meta.og_type = "profile"
        meta.image = social_image(author.photo)
        meta.json_ld.append(jsonld.profile_page(author))
        meta.json_ld.append(jsonld.breadcrumbs([home, (author.name, author.get_absolute_url())]))
        meta.feeds.append(
            feed_for("author", _("Artikel von %(name)s") % {"name": meta.title}, slug=author.slug)
        )
    elif context.get("kind") is not None and context.get("title") is not None:
        from newsdesk.articles.models import Article

        kind_path = Article.KIND_PATHS[context["kind"]]
        meta.title = str(context["title"])
        meta.json_ld.append(jsonld.breadcrumbs([home, (meta.title, path)]))
        meta.feeds.append(feed_for("kind", meta.title, kind_path=kind_path))
    elif path == "/":
        meta.title = settings.NEWSDESK_SITE_NAME
        meta.json_ld.append(jsonld.website())
        meta.json_ld.append({"@context": jsonld.CONTEXT, **jsonld.organization()})
    else:
        page = context.get("page")
        if page is not None and not isinstance(page, PaginatorPage) and hasattr(page, "title"):
            meta.title = text(page.title)
            meta.json_ld.append(jsonld.breadcrumbs([home, (page.title, path)]))
    meta.feeds.insert(0, site_feed())
    return meta


def _article(meta: PageMeta, context, article) -> None:
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
