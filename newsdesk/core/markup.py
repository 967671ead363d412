"""Article bodies: CommonMark with pipe tables and block embeds, sanitised by an allow-list.

A body is split into blocks. Text blocks become Markdown HTML passed through nh3 (no script, no
event handlers, no ``javascript:`` links, no iframes); embed lines such as ``[[gallery:slug]]``
become ``Embed`` blocks that templates render from trusted markup of our own. Sanitised HTML and
our embed markup therefore never mix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

from .text import normalise_line_endings

EMBED_KINDS = ("gallery", "video", "product", "article")
EMBED_LINE = re.compile(r"^[ \t]*\[\[(?P<kind>[a-z]+):(?P<slug>[^\]\s]+)\]\][ \t]*$", re.MULTILINE)

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Dropped together with their content, not just unwrapped: their text is never article prose.
CLEAN_CONTENT_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "svg",
    "math",
    "form",
    "textarea",
    "select",
    "button",
}

# CommonMark plus GitHub's pipe tables (spec sheets); the body editor reads and writes the same
# dialect (frontend/src/markdown.js).
_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable(
    "table"
)


def own_image_source(tag: str, attribute: str, value: str) -> str | None:
    """Images only from this site: an image from another host would be a request to a third
    party before the reader asked for anything (and a tracking pixel in the making)."""
    if tag != "img" or attribute != "src":
        return value
    return own_image_url(value)


# Browsers drop tabs and line breaks anywhere in a URL and read "\" as "/" in http(s) URLs:
# "/\evil.example/x.png" and "/\t/evil.example" load from evil.example.
_URL_IGNORED = str.maketrans({"\t": None, "\n": None, "\r": None, "\\": "/"})


def own_image_url(value: str) -> str | None:
    """``value`` as a browser would read it, if that is an address on this site; else None."""
    from django.conf import settings

    # As the WHATWG URL parser: leading and trailing C0 controls and spaces are stripped.
    url = value.translate(_URL_IGNORED).strip("".join(map(chr, range(0x21))))
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme and not parts.netloc and url.startswith("/"):
        return url  # a path on this site
    own_origins = {_origin(settings.NEWSDESK_BASE_URL)}
    for prefix in (settings.MEDIA_URL, settings.STATIC_URL):
        if "://" in str(prefix):  # media or static files on a host of their own (S3, CDN)
            own_origins.add(_origin(str(prefix)))
    if parts.scheme in ("http", "https") and _origin(url) in own_origins:
        return url
    return None


def _origin(url: str) -> tuple[str, str]:
    try:
        parts = urlsplit(url)
        return parts.scheme.lower(), f"{parts.username or ''}{parts.hostname or ''}:{parts.port}"
    except ValueError:
        return "", ""


def sanitize_html(html: str) -> str:
    """Allow-list sanitiser shared by every piece of editor HTML. Idempotent."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=own_image_source,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@lru_cache(maxsize=2048)
def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML. Cached: the same body renders the same HTML."""
    return sanitize_html(_markdown.render(text))


@dataclass(frozen=True)
class Embed:
    kind: str
    slug: str

    @property
    def token(self) -> str:
        return f"[[{self.kind}:{self.slug}]]"


@dataclass
class Block:
    """One piece of a rendered body: sanitised ``html``, or an ``embed`` with its object."""

    html: str = ""
    embed: Embed | None = None
    obj: object | None = None
    extra: dict = field(default_factory=dict)

    @property
    def template(self) -> str:
        assert self.embed is not None
        return f"embeds/{self.embed.kind}.html"


def split_body(text: str) -> list[str | Embed]:
    """The body as alternating Markdown chunks and embeds, in reading order.

    Unknown embed kinds stay in the text, where the editor sees them. Line endings are
    normalised first: an embed line posted with CRLF is still an embed line (checks, previews
    and the reader page must all see the same embeds).
    """
    text = normalise_line_endings(text)
    parts: list[str | Embed] = []
    position = 0
    for match in EMBED_LINE.finditer(text):
        if match.group("kind") not in EMBED_KINDS:
            continue
        chunk = text[position : match.start()]
        if chunk.strip():
            parts.append(chunk)
        parts.append(Embed(match.group("kind"), match.group("slug")))
        position = match.end()
    rest = text[position:]
    if rest.strip():
        parts.append(rest)
    return parts


def find_embeds(text: str) -> list[Embed]:
    return [part for part in split_body(text) if isinstance(part, Embed)]
