"""WordPress post HTML to a newsdesk body: sanitised HTML blocks and block embeds.

WordPress stores the editor's HTML with its own conventions: blank lines are paragraphs (its
``wpautop`` adds the ``<p>`` at display time), shortcodes such as ``[caption]`` and
``[gallery ids=...]`` stand for markup, a YouTube address alone on a line becomes a player, and
Gutenberg wraps blocks in ``<!-- wp:... -->`` comments. Here each of those becomes what newsdesk
has for it: paragraphs become ``<p>`` blocks, captions ``<figure>``, galleries and videos embed
lines (``[[gallery:slug]]``, ``[[video:slug]]``), images point at the imported picture. Every
HTML block then goes through the project's sanitiser. Keeping HTML (as CommonMark HTML blocks)
instead of converting to Markdown keeps WordPress's meaning exactly: no ``*`` or ``1.`` in a
sentence turns into emphasis or a list.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import nh3

from newsdesk.core.markup import sanitize_html
from newsdesk.videos.models import VIMEO_URL, YOUTUBE_URL

# Shortcodes WordPress itself ships; others (from plugins) are left in the text and reported.
CORE_SHORTCODES = {"caption", "wp_caption", "gallery", "embed", "video", "audio", "playlist"}
BLOCK_TAGS = "address|blockquote|dl|div|figure|h[1-6]|hr|ol|p|section|table|ul|aside|details|pre"
IMG = re.compile(r"<img\b[^>]*>", re.I)
ATTRIBUTE = re.compile(r"([a-zA-Z_:][-\w:.]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
SHORTCODE_ATTRIBUTE = re.compile(r"([\w-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|(\S+))")
CAPTION = re.compile(r"\[(?:wp_)?caption([^\]]*)\](.*?)\[/(?:wp_)?caption\]", re.I | re.S)
GALLERY = re.compile(r"\[gallery([^\]]*)\]", re.I)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.I | re.S)
VIDEO_SHORTCODE = re.compile(r"\[video([^\]]*)\](?:\s*\[/video\])?", re.I)
BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
GUTENBERG_EMBED = re.compile(
    r"<!-- wp:(?:core-)?embed(?:/[\w-]+)?\s+(\{.*?\})\s*-->.*?<!-- /wp:(?:core-)?embed[^>]*-->",
    re.S,
)
GUTENBERG_GALLERY = re.compile(r"<!-- wp:gallery\b.*?-->(.*?)<!-- /wp:gallery -->", re.S)
WP_IMAGE_CLASS = re.compile(r"wp-image-(\d+)")
ANY_SHORTCODE = re.compile(r"\[/?([a-zA-Z_][\w-]*)(?:\s[^\]]*)?\]")
HEADING_ONE = re.compile(r"<(/?)h1\b", re.I)
PLACEHOLDER = "\x00embed{}\x00"
PLACEHOLDER_LINE = re.compile(r"^\x00embed(\d+)\x00$")


def html_attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in ATTRIBUTE.finditer(tag)
    }


def shortcode_attributes(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
        for m in SHORTCODE_ATTRIBUTE.finditer(text)
    }


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(fragment.split())
    stripped = nh3.clean(fragment, tags=set(), clean_content_tags={"script", "style"})
    return " ".join(html.unescape(stripped).split())


def video_reference(url: str) -> tuple[str, str] | None:
    """("youtube", id) or ("vimeo", id) for a provider address, else None."""
    match = YOUTUBE_URL.search(url)
    if match:
        return "youtube", match.group(1)
    match = VIMEO_URL.search(url)
    if match:
        return "vimeo", match.group(1)
    return None


@dataclass
class ImageTarget:
    """What an ``<img>`` becomes: an address on this site and the picture's alt text."""

    src: str
    alt: str


@dataclass
class Resolver:
    """How the converter reaches the rest of the import (set by the importer, faked in tests)."""

    image: Callable[[str | None, str], ImageTarget | None]  # (attachment id, src) -> target
    gallery: Callable[[list[str]], str | None]  # attachment ids -> gallery slug
    video: Callable[[str, str], str | None]  # (provider, id) -> video slug
    attached: Callable[[], list[str]] = lambda: []  # attachments of this post, for [gallery]


@dataclass
class Converted:
    body: str
    warnings: list[str] = field(default_factory=list)


class Converter:
    def __init__(self, resolver: Resolver):
        self.resolver = resolver
        self.embeds: list[str] = []
        self.warnings: list[str] = []

    def convert(self, content: str) -> Converted:
        text = content.replace("\r\n", "\n").replace("\r", "\n")
        text = GUTENBERG_EMBED.sub(self._gutenberg_embed, text)
        text = GUTENBERG_GALLERY.sub(self._gutenberg_gallery, text)
        text = CAPTION.sub(self._caption, text)
        text = GALLERY.sub(self._gallery, text)
        text = EMBED.sub(lambda m: self._url_embed(m.group(1).strip()), text)
        text = VIDEO_SHORTCODE.sub(self._video_shortcode, text)
        text = BARE_URL_LINE.sub(lambda m: self._url_embed(m.group(1)), text)
        text = IMG.sub(self._image, text)
        text = HEADING_ONE.sub(r"<\1h2", text)  # the headline is the page's only h1
        for name in sorted({m.group(1).lower() for m in ANY_SHORTCODE.finditer(text)}):
            if name not in CORE_SHORTCODES:
                self.warnings.append(f"Shortcode [{name}] ist unbekannt und bleibt im Text.")
        return Converted(body=self._blocks(text), warnings=self.warnings)

    # Embeds are parked as placeholders on a line of their own until the blocks are built.
    def _park(self, token: str) -> str:
        self.embeds.append(token)
        return "\n\n" + PLACEHOLDER.format(len(self.embeds) - 1) + "\n\n"

    def _gallery_of(self, ids: list[str]) -> str:
        ids = [i for i in ids if i]
        if not ids:
            self.warnings.append("Bilderstrecke ohne Bilder ausgelassen.")
            return ""
        slug = self.resolver.gallery(ids)
        if slug is None:
            self.warnings.append("Bilderstrecke ausgelassen: keines ihrer Bilder wurde importiert.")
            return ""
        return self._park(f"[[gallery:{slug}]]")

    def _gallery(self, match: re.Match) -> str:
        attributes = shortcode_attributes(match.group(1))
        ids = [i.strip() for i in attributes.get("ids", "").split(",") if i.strip()]
        if not ids and "include" in attributes:
            ids = [i.strip() for i in attributes["include"].split(",")]
        if not ids:
            ids = self.resolver.attached()
        return self._gallery_of(ids)

    def _gutenberg_gallery(self, match: re.Match) -> str:
        return self._gallery_of(WP_IMAGE_CLASS.findall(match.group(1)))

    def _url_embed(self, url: str) -> str:
        url = html.unescape(url)
        reference = video_reference(url)
        if reference is not None:
            slug = self.resolver.video(*reference)
            if slug:
                return self._park(f"[[video:{slug}]]")
        # Anything else WordPress would have embedded (a post, a tweet) stays a plain link:
        # newsdesk loads nothing from third parties.
        escaped = html.escape(url)
        return f'<p><a href="{escaped}">{escaped}</a></p>'

    def _gutenberg_embed(self, match: re.Match) -> str:
        url_match = re.search(r'"url"\s*:\s*"([^"]+)"', match.group(1))
        if not url_match:
            return ""
        return self._url_embed(url_match.group(1).replace("\\/", "/"))

    def _video_shortcode(self, match: re.Match) -> str:
        attributes = shortcode_attributes(match.group(1))
        url = attributes.get("src") or attributes.get("mp4") or attributes.get("webm") or ""
        if video_reference(url):
            return self._url_embed(url)
        self.warnings.append(f"Video-Datei {url or '(ohne Adresse)'} nicht übernommen.")
        return ""

    def _image(self, match: re.Match) -> str:
        attributes = html_attributes(match.group(0))
        src = attributes.get("src", "")
        class_match = WP_IMAGE_CLASS.search(attributes.get("class", ""))
        target = self.resolver.image(class_match.group(1) if class_match else None, src)
        if target is None:
            self.warnings.append(f"Bild {src or '(ohne Adresse)'} nicht gefunden, ausgelassen.")
            return ""
        alt = attributes.get("alt") or target.alt
        return f'<img src="{html.escape(target.src)}" alt="{html.escape(alt)}">'

    def _caption(self, match: re.Match) -> str:
        attributes = shortcode_attributes(match.group(1))
        inner = match.group(2)
        images = list(IMG.finditer(inner))
        if not images:
            return inner
        last = images[-1]
        picture = self._image(last)
        # The caption is the text after the image (and after a link around it).
        caption_html = re.sub(r"^\s*</a>", "", inner[last.end() :]).strip()
        caption = plain_text(caption_html) or plain_text(attributes.get("caption", ""))
        if not picture:
            return f"<p>{html.escape(caption)}</p>" if caption else ""
        figcaption = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
        # Parked as a finished block, so that the later pass over <img> leaves it alone.
        return self._park(sanitize_html(f"<figure>{picture}{figcaption}</figure>"))

    def _blocks(self, text: str) -> str:
        """Blank-line separated blocks: each top-level HTML element one block, bare text in
        ``<p>`` per paragraph (as ``wpautop`` would), embed lines on their own."""
        text = COMMENT.sub("", text)
        blocks: list[str] = []
        for kind, piece in _top_level(text):
            if kind == "block":
                if not piece.lstrip().lower().startswith("<pre"):
                    # A blank line would end the CommonMark HTML block half-way.
                    piece = re.sub(r"\n[ \t]*\n+", "\n", piece)
                self._add(blocks, sanitize_html(piece).strip())
                continue
            for chunk in re.split(r"\n[ \t]*\n", piece):
                chunk = chunk.strip()
                embed = PLACEHOLDER_LINE.match(chunk)
                if embed:
                    blocks.append(self.embeds[int(embed.group(1))])
                elif chunk:
                    lines = "<br>\n".join(line.strip() for line in chunk.split("\n"))
                    if "<" in chunk or ">" in chunk or "&" in chunk:
                        self._add(blocks, sanitize_html(f"<p>{lines}</p>").strip())
                    else:
                        blocks.append(f"<p>{lines}</p>")  # plain text: nothing to sanitise
        return "\n\n".join(blocks)

    @staticmethod
    def _add(blocks: list[str], clean: str) -> None:
        """Keeps a block unless sanitising left nothing a reader would see."""
        if plain_text(clean) or re.search(r"<(?:img|hr)\b", clean):
            blocks.append(clean)


COMMENT = re.compile(r"<!--.*?-->", re.S)
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)\b[^>]*?(/?)>")
BLOCK_NAMES = re.compile(rf"^(?:{BLOCK_TAGS})$", re.I)


def _top_level(text: str) -> list[tuple[str, str]]:
    """The text as ("inline", text) and ("block", html) pieces at the top level."""
    pieces: list[tuple[str, str]] = []
    depth = 0
    start = 0  # where the current piece began
    for match in TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2), match.group(3)
        if not BLOCK_NAMES.match(name):
            continue
        if not closing:
            if depth == 0:
                if match.start() > start:
                    pieces.append(("inline", text[start : match.start()]))
                start = match.start()
            if name.lower() == "hr" or self_closing:
                if depth == 0:
                    pieces.append(("block", text[start : match.end()]))
                    start = match.end()
                continue
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                pieces.append(("block", text[start : match.end()]))
                start = match.end()
    rest = text[start:]
    if rest.strip():
        pieces.append(("block" if depth else "inline", rest))
    return pieces


def convert(content: str, resolver: Resolver) -> Converted:
    return Converter(resolver).convert(content)
