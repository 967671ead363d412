"""A streaming reader for WordPress's export format (WXR 1.0 to 1.2).

The file is read with ``iterparse`` and every top-level element of ``<channel>`` is dropped once
read, so memory stays flat however large the export. The parser refuses DTDs and entities
(defusedxml): an export never needs them, and they are how "billion laughs" and XXE attacks work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from pyexpat import ErrorString, ExpatError, ParserCreate
from typing import BinaryIO
from xml.etree.ElementTree import Element

from defusedxml import DTDForbidden
from defusedxml.ElementTree import iterparse

# Namespace URIs of the versions WordPress has written, to the prefixes used below.
NAMESPACES = {
    "http://wordpress.org/export/1.2/": "wp",
    "http://wordpress.org/export/1.1/": "wp",
    "http://wordpress.org/export/1.0/": "wp",
    "http://wordpress.org/export/1.2/excerpt/": "excerpt",
    "http://wordpress.org/export/1.1/excerpt/": "excerpt",
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
ZERO_DATE = "0000-00-00 00:00:00"


@lru_cache(maxsize=512)
def short_name(tag: str) -> str:
    """``{http://wordpress.org/export/1.2/}post_id`` -> ``wp:post_id``."""
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        prefix = NAMESPACES.get(uri)
        return f"{prefix}:{local}" if prefix else local
    return tag


def _text(element: Element, name: str) -> str:
    for child in element:
        if short_name(child.tag) == name:
            return child.text or ""
    return ""


def parse_date(value: str, tz: dt.tzinfo | None = None) -> dt.datetime | None:
    """A WXR date ("2016-07-12 08:30:00"), in UTC when ``tz`` is None; None for WordPress's zero
    date, which drafts carry in their ``post_date_gmt``."""
    value = (value or "").strip()
    if not value or value == ZERO_DATE:
        return None
    try:
        # The zone is not in the text: it is UTC for *_gmt fields, the site's zone otherwise.
        parsed = dt.datetime.fromisoformat(value)  # "2016-07-12 08:30:00"; fast, unlike strptime
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz or dt.UTC)


@dataclass
class WxrAuthor:
    author_id: str
    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str


@dataclass
class WxrTerm:
    kind: str  # "category" or "tag"
    term_id: str
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass
class WxrComment:
    comment_id: str
    author: str
    author_email: str
    author_url: str
    date: str
    date_gmt: str
    content: str
    approved: str
    comment_type: str
    parent_id: str
    user_id: str


@dataclass
class WxrItem:
    post_id: str
    post_type: str
    title: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    post_date: str
    post_date_gmt: str
    post_name: str
    status: str
    parent_id: str
    menu_order: int
    password: str
    is_sticky: bool
    comment_status: str
    attachment_url: str
    terms: list[tuple[str, str, str]] = field(default_factory=list)  # (domain, slug, name)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[WxrComment] = field(default_factory=list)

    @property
    def label(self) -> str:
        """How the report names the item: type, WordPress id and title."""
        return f"{self.post_type} {self.post_id} „{self.title[:60]}“"


def _item(element: Element) -> WxrItem:
    # One look at the children instead of a search per field: items have ~30 children.
    text: dict[str, str] = {}
    for child in element:
        text.setdefault(short_name(child.tag), child.text or "")
    item = WxrItem(
        post_id=text.get("wp:post_id", "").strip(),
        post_type=text.get("wp:post_type", "").strip(),
        title=text.get("title", ""),
        link=text.get("link", "").strip(),
        guid=text.get("guid", "").strip(),
        creator=text.get("dc:creator", "").strip(),
        content=text.get("content:encoded", ""),
        excerpt=text.get("excerpt:encoded", ""),
        post_date=text.get("wp:post_date", ""),
        post_date_gmt=text.get("wp:post_date_gmt", ""),
        post_name=text.get("wp:post_name", "").strip(),
        status=text.get("wp:status", "").strip(),
        parent_id=text.get("wp:post_parent", "").strip() or "0",
        menu_order=int(text.get("wp:menu_order", "").strip() or 0),
        password=text.get("wp:post_password", ""),
        is_sticky=text.get("wp:is_sticky", "").strip() == "1",
        comment_status=text.get("wp:comment_status", "").strip(),
        attachment_url=text.get("wp:attachment_url", "").strip(),
    )
    for child in element:
        name = short_name(child.tag)
        if name == "category":
            item.terms.append(
                (child.get("domain", ""), child.get("nicename", ""), (child.text or "").strip())
            )
        elif name == "wp:postmeta":
            item.meta[_text(child, "wp:meta_key")] = _text(child, "wp:meta_value")
        elif name == "wp:comment":
            item.comments.append(
                WxrComment(
                    comment_id=_text(child, "wp:comment_id").strip(),
                    author=_text(child, "wp:comment_author"),
                    author_email=_text(child, "wp:comment_author_email").strip(),
                    author_url=_text(child, "wp:comment_author_url").strip(),
                    date=_text(child, "wp:comment_date"),
                    date_gmt=_text(child, "wp:comment_date_gmt"),
                    content=_text(child, "wp:comment_content"),
                    approved=_text(child, "wp:comment_approved").strip(),
                    comment_type=_text(child, "wp:comment_type").strip(),
                    parent_id=_text(child, "wp:comment_parent").strip() or "0",
                    user_id=_text(child, "wp:comment_user_id").strip() or "0",
                )
            )
    return item


@dataclass
class Channel:
    """What the export says about the site it came from."""

    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""


class WxrReader:
    """Iterates over the authors, terms and items of an export, in file order."""

    def __init__(
        self,
        path: Path,
        progress: Callable[[int], None] | None = None,
        keep_item: Callable[[str], bool] | None = None,
    ):
        self.path = Path(path)
        self.progress = progress
        # Items whose post type this refuses are skipped before their fields are read.
        self.keep_item = keep_item
        self.channel = Channel()

    def __iter__(self) -> Iterator[WxrAuthor | WxrTerm | WxrItem]:
        with self.path.open("rb") as stream:
            yield from self._read(stream)

    def _read(self, stream: BinaryIO) -> Iterator[WxrAuthor | WxrTerm | WxrItem]:
        depth = 0
        channel_element: Element | None = None
        reported = 0
        events = iterparse(stream, events=("start", "end"), forbid_dtd=True, forbid_entities=True)
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 2:
                    channel_element = element
                continue
            depth -= 1
            if depth != 2:
                continue
            # A direct child of <channel> is complete.
            name = short_name(element.tag)
            record = self._record(name, element)
            if channel_element is not None:
                channel_element.clear()  # drops what was read: memory stays flat
            if self.progress is not None:
                position = stream.tell()
                if position > reported:
                    self.progress(position - reported)
                    reported = position
            if record is not None:
                yield record

    def _record(self, name: str, element: Element) -> WxrAuthor | WxrTerm | WxrItem | None:
        if name == "item":
            if self.keep_item and not self.keep_item(_text(element, "wp:post_type").strip()):
                return None
            return _item(element)
        if name == "wp:author":
            return WxrAuthor(
                author_id=_text(element, "wp:author_id").strip(),
                login=_text(element, "wp:author_login").strip(),
                email=_text(element, "wp:author_email").strip(),
                display_name=_text(element, "wp:author_display_name").strip(),
                first_name=_text(element, "wp:author_first_name").strip(),
                last_name=_text(element, "wp:author_last_name").strip(),
            )
        if name == "wp:category":
            return WxrTerm(
                kind="category",
                term_id=_text(element, "wp:term_id").strip(),
                slug=_text(element, "wp:category_nicename").strip(),
                name=_text(element, "wp:cat_name").strip(),
                parent_slug=_text(element, "wp:category_parent").strip(),
                description=_text(element, "wp:category_description").strip(),
            )
        if name == "wp:tag":
            return WxrTerm(
                kind="tag",
                term_id=_text(element, "wp:term_id").strip(),
                slug=_text(element, "wp:tag_slug").strip(),
                name=_text(element, "wp:tag_name").strip(),
                description=_text(element, "wp:tag_description").strip(),
            )
        channel_fields = {
            "title": "title",
            "link": "link",
            "wp:base_site_url": "base_site_url",
            "wp:base_blog_url": "base_blog_url",
            "wp:wxr_version": "wxr_version",
        }
        if name in channel_fields:
            setattr(self.channel, channel_fields[name], (element.text or "").strip())
        return None


class WxrUnreadable(Exception):
    """The export is not a whole, well-formed UTF-8 file; the message says why, in German."""


def check_whole(path: Path, progress: Callable[[int], None] | None = None) -> None:
    """Read the whole file once with expat, building nothing, before anything is written.

    A cut-off download or a file an editor saved again in another encoding would otherwise
    break the import half-way, after authors, topics and pictures from its first part were
    already stored. Expat without handlers reads hundreds of megabytes a second.
    """
    parser = ParserCreate()

    def refuse_dtd(name, sysid, pubid, has_internal_subset):
        raise DTDForbidden(name, sysid, pubid)

    parser.StartDoctypeDeclHandler = refuse_dtd
    at_end = False
    try:
        with Path(path).open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                parser.Parse(block, False)
                if progress is not None:
                    progress(len(block))
            at_end = True
            parser.Parse(b"", True)
    except ExpatError as error:
        raise WxrUnreadable(_explain(path, error, at_end)) from error


def _explain(path: Path, error: ExpatError, at_end: bool) -> str:
    line = error.lineno
    if _line_is_not_utf8(path, line):
        return (
            f"Die Datei ist nicht UTF-8-kodiert (Zeile {line}), obwohl WordPress UTF-8 "
            "exportiert: wurde sie in einem anderen Programm neu gespeichert? Bitte die "
            "Originaldatei aus „Werkzeuge > Daten exportieren“ nehmen (oder umwandeln, z. B. "
            "iconv -f WINDOWS-1252 -t UTF-8). Nichts wurde importiert."
        )
    if at_end:
        return (
            f"Die Datei ist unvollständig: sie bricht in Zeile {line} ab "
            f"({ErrorString(error.code)}). Wurde der Download oder das Kopieren "
            "unterbrochen? Nichts wurde importiert."
        )
    return (
        f"Die Datei ist kein gültiges XML (Zeile {line}, Spalte {error.offset + 1}: "
        f"{ErrorString(error.code)}). Nichts wurde importiert."
    )


def _line_is_not_utf8(path: Path, number: int) -> bool:
    with Path(path).open("rb") as stream:
        for index, line in enumerate(stream, start=1):
            if index == number:
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError:
                    return True
                return False
    return False
