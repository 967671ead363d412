"""Plain-text articles → draft articles, with a report of what was recognised per file."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Length

from newsdesk.articles.models import Article, ArticleAuthor, ArticleSource, Author, RelatedArticle
from newsdesk.articles.services import record_revision
from newsdesk.commerce.models import Product, Shop
from newsdesk.core.text import german_slugify
from newsdesk.galleries.models import Gallery
from newsdesk.videos.models import Video

from .mapping import Mapping, checksum
from .models import ImportedObject
from .plaintext import ParsedText, parse_text
from .wordpress import unique_slug

SOURCE = "text"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
LINE_START_SPECIAL = re.compile(r"^(#|>|[-+]\s|\d+[.)]\s)")


class _Rollback(Exception):
    pass


@dataclass
class FileReport:
    path: Path
    outcome: str = ""  # neu, aktualisiert, unverändert, abgelehnt
    article_id: int | None = None
    headline: str = ""
    recognised: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        title = f"„{self.headline}“" if self.headline else ""
        lines = [f"{self.path.name}: {self.outcome} {title}".rstrip()]
        lines += [f"  erkannt: {item}" for item in self.recognised]
        lines += [f"  unsicher: {item}" for item in self.unsure]
        return lines


def markdown_text(text: str) -> str:
    """Plain text as Markdown that renders as exactly that text."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return LINE_START_SPECIAL.sub(r"\\\1", escaped)


class TextUnreadable(Exception):
    """Why a file is not taken as an article text, in German."""


def read_text(path: Path) -> tuple[str, list[str]]:
    try:
        data = path.read_bytes()
    except OSError as error:  # permissions, a vanished file
        raise TextUnreadable(f"Die Datei ist nicht lesbar: {error.strerror}.") from error
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # What Windows editors call "Unicode".
        try:
            return data.decode("utf-16"), ["Als UTF-16 gelesen."]
        except UnicodeDecodeError:
            pass
    if b"\0" in data[:65536]:
        # Text never holds NUL bytes; a picture, PDF or word-processor file does.
        raise TextUnreadable("Keine Textdatei (Binärdaten). Bitte als reinen Text speichern.")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), ["Nicht UTF-8: als Windows-1252 gelesen."]


def import_text_file(path: Path, *, dry_run: bool = False) -> FileReport:
    report = FileReport(path=path)
    try:
        text, notes = read_text(path)
    except TextUnreadable as error:
        report.outcome = "abgelehnt"
        report.unsure.append(str(error))
        return report
    report.unsure += notes
    parsed = parse_text(text)
    report.headline = parsed.headline[:200]
    report.unsure += parsed.unsure
    if not parsed.headline:
        report.outcome = "abgelehnt"
        return report
    mapping = Mapping(SOURCE)
    digest = checksum(text)
    found = mapping.get(ImportedObject.Kind.TEXT, str(path.resolve()))
    if found and found.checksum == digest:
        report.outcome = "unverändert"
        report.article_id = found.object_id
        return report
    existing = Article.objects.filter(pk=found.object_id).first() if found else None
    if existing is not None and existing.status != Article.Status.DRAFT:
        report.outcome = "abgelehnt"
        report.unsure.append(
            "Der Artikel aus dieser Datei ist kein Entwurf mehr; er wird nicht überschrieben."
        )
        return report
    try:
        with transaction.atomic():
            article = _write(parsed, existing, report)
            mapping.save(ImportedObject.Kind.TEXT, str(path.resolve()), article, digest)
            report.article_id = article.pk
            report.outcome = "aktualisiert" if existing else "neu"
            if dry_run:
                raise _Rollback
    except _Rollback:
        report.outcome += " (Probelauf, nichts geschrieben)"
        report.article_id = None
    return report


def _write(parsed: ParsedText, article: Article | None, report: FileReport) -> Article:
    article = article or Article(kind=Article.Kind.NEWS, status=Article.Status.DRAFT)
    article.headline = parsed.headline[:200]
    if not article.pk:
        article.slug = unique_slug(Article, german_slugify(parsed.headline), 200)
    article.teaser = parsed.teaser[:600] or parsed.headline[:600]
    article.body = _body(parsed, report)
    if article.pk:
        article.version += 1
    article.save()
    _authors(article, parsed, report)
    _sources(article, parsed, report)
    _related(article, parsed, report)
    _products(article, parsed, report)
    headings = len(parsed.found("subheading"))
    if headings:
        report.recognised.append(f"{headings} Zwischenüberschriften")
    dropped = {
        "ad_note": "Werbehinweis",
        "call": "Aufruf zum Kommentieren oder Teilen",
        "comments": "Kommentarbereich",
        "dropped": "Werbezeile",
    }
    for kind, label in dropped.items():
        for finding in parsed.found(kind):
            extra = ""
            if kind == "comments" and finding.detail.get("dropped_lines"):
                extra = f" (mit {finding.detail['dropped_lines']} Zeilen Kommentaren)"
            report.recognised.append(f"entfernt: {label} „{finding.text}“{extra}")
    record_revision(article, None, "Text-Import")
    report.unsure = list(dict.fromkeys(report.unsure))  # one note per doubt
    return article


def _body(parsed: ParsedText, report: FileReport) -> str:
    parts = []
    for kind, text in parsed.blocks:
        if kind == "p":
            parts.append(markdown_text(text))
        elif kind == "h2":
            parts.append("## " + markdown_text(text))
        elif kind == "gallery":
            gallery = Gallery.objects.filter(title__iexact=text).first() if text else None
            if gallery is not None:
                parts.append(f"[[gallery:{gallery.slug}]]")
                report.recognised.append(f"Bilderstrecke „{text}“ eingebettet")
            else:
                # Invisible to readers (the sanitiser drops comments); the editor sees it.
                parts.append(f"<!-- Bilderstrecke für die Redaktion: {_comment(text)} -->")
                report.recognised.append(f"Bilderstrecke „{text}“ für die Redaktion markiert")
        elif kind == "video":
            video = (
                Video.objects.filter(caption__iexact=text).first()
                or Video.objects.filter(title__iexact=text).first()
            )
            if video is not None:
                parts.append(f"[[video:{video.slug}]]")
                report.recognised.append(f"Video „{text}“ eingebettet")
            else:
                parts.append(f"<!-- Video für die Redaktion: {_comment(text)} -->")
                report.recognised.append(f"Video „{text}“ für die Redaktion markiert")
    return "\n\n".join(parts)


def _comment(text: str) -> str:
    return text.replace("--", "–")


def _authors(article: Article, parsed: ParsedText, report: FileReport) -> None:
    ArticleAuthor.objects.filter(article=article).delete()
    for position, name in enumerate(parsed.authors):
        author = Author.objects.filter(name__iexact=name).first()
        if author is None:
            author = Author.objects.create(
                name=name[:120], slug=unique_slug(Author, german_slugify(name), 120)
            )
            report.recognised.append(f"Autor {name} (neu angelegt)")
        else:
            report.recognised.append(f"Autor {name}")
        ArticleAuthor.objects.get_or_create(
            article=article, author=author, defaults={"position": position}
        )


def _sources(article: Article, parsed: ParsedText, report: FileReport) -> None:
    article.sources.all().delete()
    for position, finding in enumerate(parsed.found("source")):
        ArticleSource.objects.create(
            article=article,
            name=finding.text[:200],
            url=finding.detail.get("url", "")[:1000],
            position=position,
        )
        report.recognised.append(f"Quelle: {finding.text}")
    if not parsed.found("source"):
        report.unsure.append("Keine Quellenzeile gefunden.")


def _related(article: Article, parsed: ParsedText, report: FileReport) -> None:
    article.related_links.all().delete()
    for position, finding in enumerate(parsed.found("related")):
        target = (
            Article.objects.filter(headline__iexact=finding.text).exclude(pk=article.pk).first()
        )
        if target is None:
            report.unsure.append(f"Auch interessant: „{finding.text}“ nicht gefunden, entfernt.")
            continue
        RelatedArticle.objects.get_or_create(
            from_article=article, to_article=target, defaults={"position": position}
        )
        report.recognised.append(f"Auch interessant: „{target.headline}“ verknüpft")


def _products(article: Article, parsed: ParsedText, report: FileReport) -> None:
    for finding in parsed.found("shop"):
        name, shop_name = finding.detail["product"], finding.detail["shop"]
        product = Product.objects.filter(name__iexact=name).first() or (
            # "Samsung Galaxy S24" in the text, "Galaxy S24" in the catalogue.
            Product.objects.annotate(line=Value(name))
            .filter(line__icontains=F("name"))
            .order_by(Length("name").desc())
            .first()
        )
        shop = Shop.objects.filter(name__iexact=shop_name).first()
        if product is not None:
            article.products.add(product)
        parts = [f"Produkt „{product.name}“ verknüpft" if product else ""]
        parts.append(f"Shop „{shop.name}“ bekannt" if shop else "")
        summary = ", ".join(p for p in parts if p)
        report.recognised.append(f"Shop-Link „{finding.text}“: {summary or 'entfernt'}")
        if product is None:
            report.unsure.append(f"Produkt „{name}“ nicht gefunden.")
        if shop is None:
            report.unsure.append(f"Shop „{shop_name}“ nicht gefunden.")
