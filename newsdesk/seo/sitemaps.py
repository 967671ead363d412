"""Which URLs each sitemap lists, and which sitemap files exist.

Files (all under the site root, so robots.txt and Search Console accept them):

- ``/sitemap.xml``: the index of every file below, each with its ``lastmod``
- ``/sitemap-artikel-2026-11.xml``: the articles published in a month (Berlin time), with the
  lead image; a month with more than ``URLS_PER_FILE`` articles continues in ``-2``, ``-3`` ...
- ``/sitemap-themen.xml``, ``-autoren``, ``-produkte``, ``-bilderstrecken`` (with every image),
  ``-seiten`` (home, sections, standing pages)
- ``/sitemap-news.xml`` (+ ``-2`` ...): Google News, the last two days, ``NEWS_PER_FILE`` each.

Which section files exist comes from the registry (``publishing.registry``: a type's
``sitemap``); a registered type without a shaping of its own below is listed by its public
objects, each with its address and ``modified_at``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles.models import Article, Author, Topic
from newsdesk.commerce.models import Product
from newsdesk.galleries.models import Gallery, GalleryImage
from newsdesk.pagecache.dependencies import record
from newsdesk.pages.models import Page
from newsdesk.publishing import keys, registry
from newsdesk.publishing.keys import FEEDS

# The sitemaps.org limit is 50,000 URLs per file; Google News allows 1,000 news entries.
URLS_PER_FILE = 50_000
NEWS_PER_FILE = 1_000
NEWS_MAX_AGE = timedelta(days=2)
# Google reads at most 1,000 images per URL.
IMAGES_PER_URL = 1_000

# Surrogate keys of the sitemaps (``publishing.follow.sitemap_keys`` says what invalidates them).
INDEX_KEY = keys.SITEMAP_INDEX
NEWS_KEY = keys.SITEMAP_NEWS
month_key = keys.sitemap_month
# The monthly article files and the news files are shaped apart from the section files.
ARTICLES = "articles"


def sections() -> dict[str, registry.ContentType]:
    """Section files by name ("themen", ...), in the order of registration."""
    found = {}
    for content_type in registry.content_types():
        if content_type.sitemap not in (None, ARTICLES):
            found.setdefault(content_type.sitemap, content_type)
    return found


@dataclass
class Entry:
    loc: str
    lastmod: datetime | None = None
    images: list[dict] = field(default_factory=list)  # {"loc", "caption"?}
    news: dict | None = None  # {"title", "publication_date"}


@dataclass
class SitemapFile:
    url: str
    lastmod: datetime | None


def _pages(count: int, per_file: int) -> int:
    return max(1, math.ceil(count / per_file))


def _numbered(name: str, number: int) -> str:
    suffix = "" if number == 1 else f"-{number}"
    return reverse("seo:sitemap", kwargs={"section": f"{name}{suffix}"})


def _later(*values: datetime | None) -> datetime | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _image_entry(image) -> dict:
    entry = {"loc": image.url_for(1920)}
    return entry


# -- the index ---------------------------------------------------------------------------


def article_months() -> list[dict]:
    """Months with published articles: {"month": date, "count", "modified"}; newest first.

    One range query per month on the publication-time index: cheaper than grouping every row by
    its month in the site's time zone, which SQLite does row by row in Python.
    """
    published = Article.objects.published()
    first = published.order_by("published_at").values_list("published_at", flat=True).first()
    if first is None:
        return []
    month = timezone.localtime(first).date().replace(day=1)
    last = timezone.localtime().date().replace(day=1)
    months = []
    while month <= last:
        start, end = month_bounds(month)
        row = published.filter(published_at__gte=start, published_at__lt=end).aggregate(
            count=Count("id"), modified=Max("updated_note_at"), published=Max("published_at")
        )
        if row["count"]:
            modified = _later(row["modified"], row["published"])
            months.append({"month": month, "count": row["count"], "modified": modified})
        month = end.date()
    months.reverse()
    return months


def sitemap_files() -> list[SitemapFile]:
    """Every file the index lists, newest articles first."""
    record(INDEX_KEY, FEEDS)
    files = []
    news = list(news_articles().values_list("updated_note_at", "published_at"))
    news_lastmod = _later(*(_later(m, p) for m, p in news))
    for number in range(1, _pages(len(news), NEWS_PER_FILE) + 1):
        files.append(SitemapFile(_numbered("news", number), news_lastmod))
    for row in article_months():
        name = f"artikel-{row['month']:%Y-%m}"
        for number in range(1, _pages(row["count"], URLS_PER_FILE) + 1):
            files.append(SitemapFile(_numbered(name, number), row["modified"]))
    for section in sections():
        entries_count, lastmod = section_summary(section)
        for number in range(1, math.ceil(entries_count / URLS_PER_FILE) + 1):
            files.append(SitemapFile(_numbered(section, number), lastmod))
    return files


# -- article months ----------------------------------------------------------------------


def month_bounds(month: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime(month.year, month.month, 1, tzinfo=tz)
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return start, datetime(following.year, following.month, 1, tzinfo=tz)


def month_entries(month: date, number: int) -> list[Entry] | None:
    start, end = month_bounds(month)
    record(month_key(month))
    articles = list(
        Article.objects.published()
        .filter(published_at__gte=start, published_at__lt=end)
        .select_related("lead_image")
        .only("pk", "slug", "kind", "published_at", "updated_note_at", "lead_image")
        .order_by("published_at", "pk")[(number - 1) * URLS_PER_FILE : number * URLS_PER_FILE]
    )
    if not articles:
        return None
    entries = []
    for article in articles:
        # No per-article keys: up to 50,000 of them would not fit a Surrogate-Key header. Every
        # article save invalidates its month's key instead (publishing.follow).
        # lastmod is the article's dateModified (its visible update note, else publication):
        # silent saves (a typo, a topic) are no news to crawlers, and the two must agree.
        entry = Entry(article.get_absolute_url(), article.date_modified)
        if article.lead_image:
            entry.images.append(_image_entry(article.lead_image))
        entries.append(entry)
    return entries


# -- Google News -------------------------------------------------------------------------


def in_news_window(published_at: datetime | None) -> bool:
    return published_at is not None and published_at >= timezone.now() - NEWS_MAX_AGE


def news_articles():
    """Articles for Google News: published in the last two days; never paid content."""
    since = timezone.now() - NEWS_MAX_AGE
    return (
        Article.objects.published()
        .filter(published_at__gte=since, is_sponsored=False)
        .order_by("-published_at", "-pk")
    )


def news_entries(number: int) -> list[Entry] | None:
    """One file of the news sitemap. The first file always exists, even with no news."""
    record(NEWS_KEY, FEEDS)
    articles = list(
        news_articles().only("pk", "slug", "kind", "headline", "published_at", "updated_note_at")[
            (number - 1) * NEWS_PER_FILE : number * NEWS_PER_FILE
        ]
    )
    if not articles and number > 1:
        return None
    entries = []
    for article in articles:
        entries.append(
            Entry(
                article.get_absolute_url(),
                article.date_modified,
                # The original publication time, even after updates and corrections.
                news={"title": article.headline, "publication_date": article.published_at},
            )
        )
    if number == 1:
        # Other types' news of the last two days (live tickers), in the first file.
        for content_type in registry.content_types():
            if content_type.news_entries is None:
                continue
            for item in content_type.news_entries():
                news = {"title": item.news_title, "publication_date": item.published_at}
                entries.append(Entry(item.path, item.changed, news=news))
    if not entries:
        # The sitemaps.org schema wants at least one <url>: the home page, without news data.
        entries.append(Entry(reverse("articles:home")))
    return entries


# -- topics, authors, products, galleries, pages ------------------------------------------


def section_summary(section: str) -> tuple[int, datetime | None]:
    """How many URLs a section lists and when the newest of them changed."""
    published = Article.objects.published()
    if section in ("themen", "autoren"):
        model, field = (Topic, "topics") if section == "themen" else (Author, "authors")
        through = getattr(Article, field).through.objects.filter(
            **{model._meta.model_name: OuterRef("pk")}, article__in=published
        )
        listed = model.objects.filter(Exists(through))
        # The newest article with a topic (an author) is the newest one on any listed page.
        newest = (
            published.filter(**{f"{field}__isnull": False})
            .order_by("-published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        return listed.count(), _later(newest, listed.aggregate(m=Max("modified_at"))["m"])
    if section == "produkte":
        qs = Product.objects.published()
        return qs.count(), qs.aggregate(m=Max("modified_at"))["m"]
    if section == "bilderstrecken":
        qs = Gallery.objects.published()
        return qs.count(), qs.aggregate(m=Max("modified_at"))["m"]
    if section == "seiten":
        return 1 + len(Article.KIND_PATHS) + Page.objects.count(), _newest_article()
    content_type = sections()[section]
    if content_type.sitemap_entries is not None:
        rows = content_type.sitemap_entries()
        return len(rows), _later(*(row.changed for row in rows))
    listed = content_type.public_objects()
    return listed.count(), _newest_change(listed)


def _newest_change(queryset) -> datetime | None:
    if not any(f.name == "modified_at" for f in queryset.model._meta.get_fields()):
        return None
    return queryset.aggregate(m=Max("modified_at"))["m"]


def _newest_article() -> datetime | None:
    return Article.objects.published().aggregate(m=Max("published_at"))["m"]


def section_entries(section: str, number: int) -> list[Entry] | None:
    """One file of a section, or None when it is empty (or no such section exists)."""
    if section not in sections():
        return None
    record(keys.sitemap_section(section))
    if section in ("themen", "autoren", "seiten"):
        record(FEEDS)  # which topics and authors have articles, and the newest article
    window = slice((number - 1) * URLS_PER_FILE, number * URLS_PER_FILE)
    published = Article.objects.published()
    entries = []
    if section in ("themen", "autoren"):
        model = Topic if section == "themen" else Author
        objects = (
            model.objects.filter(articles__in=published)
            .annotate(newest=Max("articles__published_at"))
            .order_by("pk")[window]
        )
        for obj in objects:
            entries.append(Entry(obj.get_absolute_url(), _later(obj.newest, obj.modified_at)))
    elif section == "produkte":
        for product in Product.objects.published().select_related("image").order_by("pk")[window]:
            entry = Entry(product.get_absolute_url(), product.modified_at)
            if product.image:
                entry.images.append(_image_entry(product.image))
            entries.append(entry)
    elif section == "bilderstrecken":
        galleries = list(Gallery.objects.published().order_by("pk")[window])
        items = GalleryImage.objects.filter(gallery__in=galleries).select_related("image")
        by_gallery: dict[int, list] = {}
        for item in items.order_by("position", "id"):
            by_gallery.setdefault(item.gallery_id, []).append(item.image)
        for gallery in galleries:
            record(gallery)
            images = by_gallery.get(gallery.pk, [])
            changed = _later(gallery.modified_at, *(image.modified_at for image in images))
            entry = Entry(gallery.get_absolute_url(), changed)
            entry.images = [_image_entry(image) for image in images[:IMAGES_PER_URL]]
            entries.append(entry)
    elif section == "seiten":
        newest = _newest_article()
        entries.append(Entry(reverse("articles:home"), newest))
        for kind, path in Article.KIND_PATHS.items():
            kind_newest = published.filter(kind=kind).aggregate(m=Max("published_at"))["m"]
            entries.append(Entry(reverse("articles:kind", kwargs={"kind_path": path}), kind_newest))
        for page in Page.objects.order_by("pk"):
            record(page)
            entries.append(Entry(page.get_absolute_url(), page.modified_at))
        entries = entries[window]
    elif (content_type := sections()[section]).sitemap_entries is not None:
        record(FEEDS)  # shaped by the type: which objects are listed may change with any of them
        rows = content_type.sitemap_entries()[window]
        entries = [Entry(row.path, row.changed) for row in rows]
    else:
        for obj in content_type.public_objects().order_by("pk")[window]:
            entries.append(Entry(content_type.url(obj), getattr(obj, "modified_at", None)))
    return entries or None
