"""RSS 2.0 and Atom writers with the lead image, full text and no XML-breaking characters.

Django's generators refuse control characters with ``UnserializableContentError`` (a 500 for
the reader). Articles are cleaned on save already; these writers clean every string again on
output, so older rows or a topic name pasted with "\\x0b" cannot break a feed (TRUST.md F2).
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from newsdesk.core.text import strip_control_characters

# Django dates a feed without items "now", so an empty feed (a new kind, a topic whose last
# article went) would differ on every render: a new ETag for readers, a rewritten baked file.
EMPTY_FEED_DATE = datetime(2000, 1, 1, tzinfo=UTC)
MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


def _clean(value):
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_clean(each) for each in value)
    if isinstance(value, dict):
        return {key: _clean(each) for key, each in value.items()}
    return value


class CleanFeedMixin:
    """Strips control characters from the feed's and every item's strings."""

    def __init__(self, *args, **kwargs):
        super().__init__(*_clean(args), **_clean(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*_clean(args), **_clean(kwargs))

    def latest_post_date(self):
        if not self.items:
            return EMPTY_FEED_DATE
        return super().latest_post_date()

    def add_media(self, handler, item) -> None:
        image = item.get("image")
        if not image:
            return
        handler.addQuickElement(
            "media:content",
            None,
            {
                "url": image["url"],
                "type": "image/jpeg",
                "medium": "image",
                "width": str(image["width"]),
                "height": str(image["height"]),
            },
        )
        if image.get("credit"):
            handler.addQuickElement("media:credit", image["credit"])


class ArticleRssFeed(CleanFeedMixin, Rss201rev2Feed):
    def rss_attributes(self) -> dict:
        attributes = super().rss_attributes()
        attributes["xmlns:media"] = MEDIA_NS
        attributes["xmlns:content"] = CONTENT_NS
        return attributes

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])
        self.add_media(handler, item)


class ArticleAtomFeed(CleanFeedMixin, Atom1Feed):
    def root_attributes(self) -> dict:
        attributes = super().root_attributes()
        attributes["xmlns:media"] = MEDIA_NS
        return attributes

    def add_item_elements(self, handler, item) -> None:
        authors = item.get("authors") or []
        if authors:
            # One <author> per person, each with its own profile (RFC 4287 allows several),
            # rather than Django's single one: "A, B" linked to A's page would credit B wrongly.
            item = {**item, "author_name": None, "author_link": None, "author_email": None}
        super().add_item_elements(handler, item)
        for name, link in authors:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if link:
                handler.addQuickElement("uri", link)
            handler.endElement("author")
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
        image = item.get("image")
        if image:
            # Atom's enclosure link; its length is optional (RFC 4287, 4.2.7.6).
            handler.addQuickElement(
                "link", "", {"rel": "enclosure", "href": image["url"], "type": "image/jpeg"}
            )
        self.add_media(handler, item)
