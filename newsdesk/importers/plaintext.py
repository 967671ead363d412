"""Reads an article saved as plain text from a tech portal page.

Such a text starts with the headline and (usually) the author's name, then paragraphs with short
question-like subheadings. Around and inside the article sits the portal's furniture: gallery
teasers ("Bilderstrecke starten(9 Bilder)" and the gallery's title), related links
("Auch interessant: …"), shop links ("… bei Amazon kaufen*"), the ad footnote ("* Werbung"),
a source line ("Quelle: …"), calls to comment and share, the comment header and comments, and
video captions. ``parse_text`` sorts each line into article text or one of those kinds; it
touches no database, so every rule is testable on its own. German and English portals are
both recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

GALLERY_TEASER = re.compile(
    r"^(?:Bilderstrecke starten|Zur Bilderstrecke|Start gallery|View gallery)\s*"
    r"\(\s*(?P<count>\d+)\s*(?:Bilder|Fotos|images|photos)\s*\)$",
    re.I,
)
RELATED = re.compile(
    r"^(?:Auch interessant|Lesen Sie auch|Mehr zum Thema|Also read|Read more|Related)\s*:\s*"
    r"(?P<headline>.+)$",
    re.I,
)
SHOP_LINKS = [
    re.compile(r"^(?P<product>.+?) mit Vertrag bei (?P<shop>.+?)\s*\*$", re.I),
    re.compile(
        r"^(?P<product>.+?)(?: ab (?P<price>[\d.,]+) (?:Euro|€))? (?:bei|im|über) "
        r"(?P<shop>.+?) kaufen\s*\*$",
        re.I,
    ),
    re.compile(r"^Buy (?P<product>.+?) (?:at|on|from) (?P<shop>.+?)\s*\*$", re.I),
    # A price and a shop without "kaufen": "Pixel 9 Pro ab 899 Euro bei MediaMarkt*".
    re.compile(
        r"^(?P<product>.+?) (?:ab|für) (?P<price>[\d.,]+) (?:Euro|€) (?:bei|im|über) "
        r"(?P<shop>.+?)\s*\*$",
        re.I,
    ),
]
AD_FOOTNOTE = re.compile(r"^\*\s*(?:Werbung|Anzeige|Affiliate-Link|Advertisement|Ad)\.?$", re.I)
SOURCE = re.compile(r"^(?:Quelle|Quellen|Source|Sources)\s*:\s*(?P<sources>.+)$", re.I)
SOURCE_URL = re.compile(r"^(?P<name>.*?)\s*\(?(?P<url>https?://[^\s)]+)\)?$")
CALLS = re.compile(
    r"(?:jetzt kommentieren|was meinen sie|diskutieren sie mit|ihre meinung|artikel teilen|"
    r"^teilen\b|leave a comment|share this article|^share\b|what do you think|"
    # Other wordings portals use; only short lines are tested, so prose that mentions
    # comments in passing stays.
    r"(?:schreiben|sagen|verraten) sie (?:es |uns )?(?:in|unten in) (?:die|den) kommentar|"
    r"kommentieren sie|was halten sie davon|was denken sie|in the comments|"
    r"^jetzt teilen\b|^(?:hier |jetzt )?teilen auf\b|^share on\b|"
    # The same, written to the reader in the informal "du" form.
    r"was (?:meinst|denkst|hältst|sagst) du|wie findest du|"
    r"(?:schreib|sag|verrat)e? (?:es |uns )?(?:gerne? )?(?:in|unten in) (?:die|den) kommentar|"
    r"kommentier(?:e)? (?:jetzt|gerne?|fleißig)|diskutier(?:e)? mit|deine meinung|"
    r"teil(?:e)? (?:den|diesen) (?:artikel|beitrag)|"
    # The link line down to the comments ("Zu den Kommentaren (12)").
    r"^(?:direkt |hier |springe? )?(?:zu|zum) (?:den )?kommentar(?:en|bereich)?(?:\s*\(\d+\))?\W*$|"
    r"^(?:\d+ )?kommentare? (?:lesen|anzeigen|ansehen)\W*$)",
    re.I,
)
COMMENT_HEADER = re.compile(
    r"^(?:(?:\d+\s+)?(?:Kommentare?|Leserkommentare|Comments?)(?:\s*\(\d+\))?|"
    r"Kommentare anzeigen|Show comments|"
    # The heading portals put over the thread.
    r"(?:Kommentare|Leserkommentare|Diskussion) (?:zu(?:m| diesem) (?:Artikel|Beitrag|Test))"
    r"(?:\s*\(\d+\))?|Diskussion(?:\s*\(\d+\))?)$",
    re.I,
)
VIDEO_CAPTION = re.compile(
    r"^(?:(?:Video|Im Video)\s*:\s*(?P<caption>.+)|(?P<caption2>.+?)\s*\((?:Video)\)|"
    # The caption line under an embedded video: "Pixel 9 Pro im Hands-On."
    r"(?P<caption3>.{3,80}? im (?:Hands-On|Hands-on|Kurztest|Video-Test|Videotest))\.?)$",
    re.I,
)
BYLINE_PREFIX = re.compile(r"^(?:Von|By)\s+", re.I)
NAME_WORD = re.compile(r"^[A-ZÄÖÜ][\w'’.-]*$")
NAME_JOINERS = re.compile(r"\s*(?:,|\bund\b|\band\b|&)\s*")
MAX_SUBHEADING = 80


@dataclass
class Finding:
    """Something recognised in the text, for the report and for the importer."""

    kind: str  # author, subheading, gallery, related, shop, ad_note, source, call, comments,
    # video, dropped
    text: str
    detail: dict = field(default_factory=dict)


@dataclass
class ParsedText:
    headline: str = ""
    authors: list[str] = field(default_factory=list)
    teaser: str = ""
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("p"|"h2"|"gallery"|"video")
    findings: list[Finding] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)

    def found(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]


def looks_like_names(line: str) -> list[str] | None:
    """The names in a byline ("Von Ben Muster und Clara Schreiber"), or None."""
    text = BYLINE_PREFIX.sub("", line.strip())
    if not text or len(text) > 80 or text[-1] in ".:!?":
        return None
    names = [n for n in NAME_JOINERS.split(text) if n]
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 4 or not all(NAME_WORD.match(w) for w in words):
            return None
    return names


def is_subheading(block: list[str], following: list[str] | None) -> tuple[bool, bool]:
    """(is a subheading, sure about it). A one-line block, short, followed by a paragraph;
    a question is sure, a short line without closing punctuation is a guess."""
    if len(block) != 1 or following is None:
        return False, False
    line = block[0]
    if len(line) > MAX_SUBHEADING:
        return False, False
    if line.endswith("?"):
        return True, True
    if line[-1] not in ".:!;,*)" and len(line.split()) <= 8 and line[0].isupper():
        return True, False
    return False, False


def parse_text(text: str) -> ParsedText:
    result = ParsedText()
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    # Blocks of consecutive non-empty lines.
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    if not blocks:
        result.unsure.append("Die Datei ist leer.")
        return result
    result.headline = blocks[0][0]
    rest_of_first = blocks[0][1:]
    if rest_of_first and (names := looks_like_names(rest_of_first[0])):
        result.authors = names
        result.findings.append(Finding("author", ", ".join(names)))
        rest_of_first = rest_of_first[1:]
    elif len(blocks) > 1 and len(blocks[1]) == 1 and (names := looks_like_names(blocks[1][0])):
        result.authors = names
        result.findings.append(Finding("author", ", ".join(names)))
        blocks = [blocks[0], *blocks[2:]]
    else:
        result.unsure.append("Keine Autorenzeile erkannt: Autor bitte ergänzen.")
    body_blocks = ([rest_of_first] if rest_of_first else []) + blocks[1:]
    _sort_blocks(body_blocks, result)
    paragraphs = [text for kind, text in result.blocks if kind == "p"]
    if paragraphs:
        result.teaser = paragraphs[0]
        result.blocks.remove(("p", paragraphs[0]))
    else:
        result.unsure.append("Kein Absatz gefunden: Vorspann bitte ergänzen.")
    return result


def _sort_blocks(blocks: list[list[str]], result: ParsedText) -> None:
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        index += 1
        kept: list[str] = []
        line_index = 0
        while line_index < len(block):
            line = block[line_index]
            line_index += 1
            if COMMENT_HEADER.match(line):
                after = sum(len(b) for b in blocks[index:]) + len(block) - line_index
                result.findings.append(Finding("comments", line, {"dropped_lines": after}))
                _flush(kept, following, result)
                return  # the comment section ends the article
            match = GALLERY_TEASER.match(line)
            if match:
                title = ""
                if line_index < len(block):
                    title, line_index = block[line_index], line_index + 1
                elif following is not None and len(following) == 1:
                    title = following[0]
                    blocks.pop(index)
                    following = blocks[index] if index < len(blocks) else None
                _flush(kept, following, result)
                kept = []
                count = int(match.group("count"))
                result.findings.append(Finding("gallery", title, {"count": count}))
                result.blocks.append(("gallery", title))
                if not title:
                    result.unsure.append(f"Bilderstrecke ({count} Bilder) ohne Titel.")
                continue
            if (found := _furniture(line, result)) is not None:
                if found == "video":
                    _flush(kept, following, result)
                    kept = []
                continue
            kept.append(line)
        _flush(kept, following, result)


def _shop_link(line: str) -> re.Match | None:
    for pattern in SHOP_LINKS:
        if match := pattern.match(line):
            return match
    return None


def _furniture(line: str, result: ParsedText) -> str | None:
    """Records ``line`` if it is portal furniture; returns its kind, or None for article text."""
    if match := RELATED.match(line):
        result.findings.append(Finding("related", match.group("headline").strip()))
        return "related"
    # Two or more shop links on one line with nothing between them but the asterisk:
    # "Pixel 9 bei Amazon kaufen* Pixel 9 bei MediaMarkt kaufen*" is two links, not one whose
    # product runs across both.
    parts = re.split(r"(?<=\*)\s+(?=\S)", line)
    matches = [_shop_link(part) for part in parts]
    if all(matches):
        for part, match in zip(parts, matches, strict=True):
            detail = {
                "product": match.group("product").strip(),
                "shop": match.group("shop").strip(),
            }
            result.findings.append(Finding("shop", part, detail))
        return "shop"
    if AD_FOOTNOTE.match(line):
        result.findings.append(Finding("ad_note", line))
        return "ad_note"
    if match := SOURCE.match(line):
        for part in re.split(r"\s*[,;]\s*(?![^()]*\))", match.group("sources")):
            url_match = SOURCE_URL.match(part)
            name, url = (
                (url_match.group("name") or url_match.group("url"), url_match.group("url"))
                if url_match
                else (part, "")
            )
            result.findings.append(Finding("source", name.strip(), {"url": url}))
        return "source"
    if len(line) <= 120 and CALLS.search(line):
        result.findings.append(Finding("call", line))
        return "call"
    if match := VIDEO_CAPTION.match(line):
        caption = (
            match.group("caption") or match.group("caption2") or match.group("caption3")
        ).strip()
        result.findings.append(Finding("video", caption))
        result.blocks.append(("video", caption))
        return "video"
    if line.endswith("*") and len(line) <= 120:
        # Starred like a shop link, but not in a shape we know.
        result.findings.append(Finding("dropped", line))
        result.unsure.append(f"Zeile mit * sieht nach Werbelink aus, entfernt: „{line}“")
        return "dropped"
    return None


def _flush(kept: list[str], following: list[str] | None, result: ParsedText) -> None:
    if not kept:
        return
    heading, sure = is_subheading(kept, following)
    if heading:
        result.blocks.append(("h2", kept[0]))
        result.findings.append(Finding("subheading", kept[0]))
        if not sure:
            result.unsure.append(f"Als Zwischenüberschrift gelesen: „{kept[0]}“")
    else:
        result.blocks.append(("p", " ".join(kept)))
