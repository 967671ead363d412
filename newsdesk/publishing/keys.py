"""Every surrogate key and cache key of published content, built in this one module.

A page records the keys of what it shows (``pagecache.dependencies.record``); a change
invalidates the keys of what changed (``publishing.follow``). Both sides, the bake's
``--changed`` shortcut and the sitemaps build them here, so a key is spelled in one place.

Naming: ``<model>-<pk>`` for an object, ``<model>-<pk>-articles`` for its list of articles,
``<name>`` for listings without an object (``home``, ``feeds``), ``sitemap-...`` for sitemaps.
"""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Model

# Listings that have no object of their own.
HOME = "home"
FOOTER = "footer"  # every page shows the footer's standing pages
FEEDS = "feeds"  # every feed, and the sitemaps' view of which listings have articles
ROBOTS = "robots"
# The "Meistgelesen" box (on the home page and every article): one key for the box, moved when
# its ranking changes or an article in it leaves public view, not by every edit of those articles.
MOST_READ = "most-read"

# Sitemaps.
SITEMAP_INDEX = "sitemap-index"
SITEMAP_NEWS = "sitemap-news"
SITEMAP_SECTIONS = {
    "themen": "sitemap-topics",
    "autoren": "sitemap-authors",
    "produkte": "sitemap-products",
    "bilderstrecken": "sitemap-galleries",
    "seiten": "sitemap-pages",
    # Liveticker: a section of its own until the registry lists the ticker as a type.
    "liveticker": "sitemap-livetickers",
}

# Low-level cache entries (not surrogate keys) that describe content.
FOOTER_PAGES_CACHE = "newsdesk:footer-pages"
SHOP_DOMAINS_CACHE = "newsdesk:shop-domains"


def of(obj: Model | str) -> str:
    """The key of one object (``article-12``); a string is taken as a key already."""
    if isinstance(obj, str):
        return obj
    return obj_key(obj._meta.model_name, obj.pk)


def obj_key(model_name: str, pk: int) -> str:
    return f"{model_name}-{pk}"


def article(pk: int) -> str:
    return obj_key("article", pk)


ARTICLE = re.compile(r"article-(\d+)")


def article_id(key: str) -> int | None:
    """The pk of an article's own key (``article(pk)``), or None for any other key."""
    found = ARTICLE.fullmatch(key)
    return int(found.group(1)) if found else None


def listing(obj: Model | str, pk: int | None = None) -> str:
    """The list of articles of a topic, author or product, as opposed to the object itself.

    A topic's name shows on every article about it; its list of articles only on its own page.
    Publishing an article into the topic changes the list, not the name. Called with a model
    name and a pk, or with the object.
    """
    if isinstance(obj, str):
        return f"{obj_key(obj, pk)}-articles"
    return f"{of(obj)}-articles"


def kind(article_kind: str) -> str:
    """The section listing of an article kind (``/news/``, ``/tests/``)."""
    return f"kind-{article_kind}"


def embed(embed_kind: str, slug: str) -> str:
    """An embed in a text, by its reference: recorded even while the object is hidden or
    missing, so that publishing it re-renders the texts that embed it."""
    return f"embed-{embed_kind}-{slug}"


def related_box(article_id: int) -> str:
    """An article's related box: new suggestions re-render its page only, not every listing
    that shows the article."""
    return f"related-box-{article_id}"


def shop(pk: int) -> str:
    return obj_key("shop", pk)


def sitemap_month(month: date) -> str:
    return f"sitemap-articles-{month:%Y-%m}"


def sitemap_section(section: str) -> str:
    """The key of a section file; a section registered later is keyed by its own name."""
    return SITEMAP_SECTIONS.get(section, f"sitemap-{section}")


# Keys an edit of one article's content changes: its own, its embed reference, and the
# sitemaps that carry its headline and lastmod; and the related boxes its new suggestions
# change (each shows on its own article's page only). A change to only these cannot add or
# remove a page (the bake's ``--changed`` shortcut relies on it): without the boxes, the bake
# that follows the suggestions' refresh after every edit listed every address of the site.
ARTICLE_CONTENT = re.compile(
    r"article-\d+|embed-article-[-\w]+|related-box-\d+"
    r"|sitemap-index|sitemap-news|sitemap-articles-\d{4}-\d{2}"
)


def is_article_content(key: str) -> bool:
    return ARTICLE_CONTENT.fullmatch(key) is not None
