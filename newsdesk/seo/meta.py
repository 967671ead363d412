"""What a reader page tells search engines and social networks about itself.

``page_meta(context)`` looks at the template context a view rendered with (the article, gallery,
product, topic, author ...) and returns the OpenGraph/Twitter values, the JSON-LD blocks and the
feeds of that page. Each content type describes its own page through its registration
(``publishing.registry``: ``describe_page``, written in ``seo.describe``). Views stay unaware
of it: ``base.html`` calls ``{% seo_tags %}`` once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from newsdesk.galleries.renditions import crop_name, crop_size

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
    """The page's meta: described by the registered type whose object the view rendered, else
    by the kind listings, the home page or a plain page title."""
    from newsdesk.publishing import registry

    request = context.get("request")
    path = request.path if request is not None else "/"
    meta = PageMeta()
    for content_type in registry.content_types():
        if content_type.describe_page is None:
            continue
        obj = context.get(content_type.context_name or content_type.name)
        if obj is not None and content_type.describe_page(meta, context, obj, path):
            break
    else:
        _listing_or_home(meta, context, path)
    meta.feeds.insert(0, site_feed())
    return meta


def _listing_or_home(meta: PageMeta, context, path: str) -> None:
    home = jsonld.home_trail()
    if context.get("kind") is not None and context.get("title") is not None:
        from newsdesk.articles.models import Article

        kind_path = Article.KIND_PATHS[context["kind"]]
        meta.title = str(context["title"])
        meta.json_ld.append(jsonld.breadcrumbs([home, (meta.title, path)]))
        meta.feeds.append(feed_for("kind", meta.title, kind_path=kind_path))
    elif path == "/":
        meta.title = settings.NEWSDESK_SITE_NAME
        meta.json_ld.append(jsonld.website())
        meta.json_ld.append({"@context": jsonld.CONTEXT, **jsonld.organization()})
