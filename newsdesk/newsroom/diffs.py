"""Readable before/after views of article changes, for edit conflicts and revision diffs."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from newsdesk.articles.models import Article, Author, Topic
from newsdesk.articles.services import FieldChange
from newsdesk.commerce.models import Product
from newsdesk.galleries.models import Image

# Text longer than this, or with line breaks, is shown as a line diff instead of before/after.
LONG_TEXT = 120

CHOICE_LABELS = {"kind": Article.Kind, "status": Article.Status}
RELATED_MODELS = {"authors": Author, "topics": Topic, "products": Product, "related": Article}


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "context"
    text: str


def display_value(name: str, value: object) -> str:
    """A field value of a snapshot as an editor reads it."""
    if value is None or value == "" or value == []:
        return _("(leer)")
    if name in CHOICE_LABELS:
        choices = dict(CHOICE_LABELS[name].choices)
        return str(choices.get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if name == "lead_image_id":
        image = Image.objects.filter(pk=value).first()
        return image.title if image else _("(gelöschtes Bild)")
    if name in RELATED_MODELS:
        objects = RELATED_MODELS[name].objects.in_bulk(value)
        return ", ".join(str(objects.get(pk, f"#{pk}")) for pk in value)
    if name == "sources":
        return ", ".join(
            f"{source['name']} ({source['url']})" if source["url"] else source["name"]
            for source in value
        )
    return str(value)


def is_long(value: object) -> bool:
    return isinstance(value, str) and (len(value) > LONG_TEXT or "\n" in value)


def text_diff(before: str, after: str) -> list[DiffLine]:
    """Changed lines of two texts with one line of context, without the unified-diff headers."""
    lines = difflib.unified_diff(
        (before or "").splitlines(), (after or "").splitlines(), lineterm="", n=1
    )
    result = []
    for line in lines:
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            result.append(DiffLine("context", "…"))
        elif line.startswith("+"):
            result.append(DiffLine("added", line[1:]))
        elif line.startswith("-"):
            result.append(DiffLine("removed", line[1:]))
        else:
            result.append(DiffLine("context", line[1:]))
    return result


@dataclass(frozen=True)
class DisplayedChange:
    label: str
    before: str
    after: str
    lines: list[DiffLine]  # set for long text, empty otherwise


def displayed_changes(changes: list[FieldChange]) -> list[DisplayedChange]:
    shown = []
    for change in changes:
        if is_long(change.before) or is_long(change.after):
            lines = text_diff(str(change.before or ""), str(change.after or ""))
            shown.append(DisplayedChange(change.label, "", "", lines))
        else:
            shown.append(
                DisplayedChange(
                    change.label,
                    display_value(change.field, change.before),
                    display_value(change.field, change.after),
                    [],
                )
            )
    return shown


def changes_html(changes: list[FieldChange]) -> SafeString:
    """The changes as an HTML list; every value is escaped."""
    items = []
    for change in displayed_changes(changes):
        if change.lines:
            body = format_html(
                '<pre class="newsroom-diff">{}</pre>',
                format_html_join(
                    "\n",
                    '<span class="diff-{}">{} {}</span>',
                    (
                        (line.kind, {"added": "+", "removed": "−"}.get(line.kind, " "), line.text)
                        for line in change.lines
                    ),
                ),
            )
        else:
            body = format_html(_("vorher: „{}“ – jetzt: „{}“"), change.before, change.after)
        items.append(format_html("<li><strong>{}</strong>: {}</li>", change.label, body))
    return format_html("<ul>{}</ul>", SafeString("".join(items)))
