"""Sitemap index, sitemaps and robots.txt. All go through the page cache like any page."""

from __future__ import annotations

import io
import re
from datetime import date

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.xmlutils import SimplerXMLGenerator

from newsdesk.core.text import strip_control_characters
from newsdesk.pagecache.dependencies import record
from newsdesk.publishing import keys

from . import sitemaps
from .jsonld import absolute, iso

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"

# The section names come from the registry (``sitemaps.sections``); "news" is its own file.
SECTION = re.compile(
    r"^(?:(?P<month>artikel-(?P<year>\d{4})-(?P<mon>\d{2}))|(?P<name>[a-z]+))"
    r"(?:-(?P<number>[2-9]|[1-9]\d+))?$"
)


class _Writer(SimplerXMLGenerator):
    def element(self, name: str, value: str | None = None, attrs: dict | None = None) -> None:
        # Control characters would make the whole file unreadable (TRUST.md F2).
        text = strip_control_characters(value) if value is not None else None
        self.addQuickElement(name, text, attrs or {})


def _xml(write) -> HttpResponse:
    buffer = io.StringIO()
    writer = _Writer(buffer, "utf-8", short_empty_elements=True)
    writer.startDocument()
    write(writer)
    writer.endDocument()
    return HttpResponse(buffer.getvalue(), content_type="application/xml; charset=utf-8")


def index(request: HttpRequest) -> HttpResponse:
    files = sitemaps.sitemap_files()

    def write(xml: _Writer) -> None:
        xml.startElement("sitemapindex", {"xmlns": SITEMAP_NS})
        for file in files:
            xml.startElement("sitemap", {})
            xml.element("loc", absolute(file.url))
            if file.lastmod:
                xml.element("lastmod", iso(file.lastmod))
            xml.endElement("sitemap")
        xml.endElement("sitemapindex")

    return _xml(write)


def sitemap(request: HttpRequest, section: str) -> HttpResponse:
    match = SECTION.match(section)
    if match is None or match["name"] not in (None, "news", *sitemaps.sections()):
        raise Http404("Diese Sitemap gibt es nicht.")
    number = int(match["number"] or 1)
    if match["month"]:
        month_number = int(match["mon"])
        # Years the site can have published in; year 1 or 9999 would overflow the month's
        # bounds in Berlin time.
        if not 1 <= month_number <= 12 or not 1990 <= int(match["year"]) <= 2100:
            raise Http404("Diese Sitemap gibt es nicht.")
        entries = sitemaps.month_entries(date(int(match["year"]), month_number, 1), number)
    elif match["name"] == "news":
        entries = sitemaps.news_entries(number)
    else:
        entries = sitemaps.section_entries(match["name"], number)
    if entries is None:
        raise Http404("Diese Sitemap ist leer.")
    is_news = match["name"] == "news"

    def write(xml: _Writer) -> None:
        namespaces = {"xmlns": SITEMAP_NS}
        if is_news:
            namespaces["xmlns:news"] = NEWS_NS
        else:
            namespaces["xmlns:image"] = IMAGE_NS
        xml.startElement("urlset", namespaces)
        for entry in entries:
            xml.startElement("url", {})
            xml.element("loc", absolute(entry.loc))
            if entry.lastmod:
                xml.element("lastmod", iso(entry.lastmod))
            for image in entry.images:
                xml.startElement("image:image", {})
                xml.element("image:loc", absolute(image["loc"]))
                xml.endElement("image:image")
            if entry.news:
                xml.startElement("news:news", {})
                xml.startElement("news:publication", {})
                xml.element("news:name", settings.NEWSDESK_SITE_NAME)
                xml.element("news:language", settings.LANGUAGE_CODE.split("-")[0])
                xml.endElement("news:publication")
                xml.element("news:publication_date", iso(entry.news["publication_date"]))
                xml.element("news:title", entry.news["title"])
                xml.endElement("news:news")
            xml.endElement("url")
        xml.endElement("urlset")

    return _xml(write)


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl everything readers see; not the newsroom, the offer redirects or comment forms."""
    record(keys.ROBOTS)
    lines = [
        "User-agent: *",
        "Disallow: /newsroom/",
        "Disallow: /go/",
        "Disallow: /kommentare/",
        "",
        f"Sitemap: {absolute(reverse('seo:index'))}",
        f"Sitemap: {absolute(reverse('seo:sitemap', kwargs={'section': 'news'}))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
