"""Result snippets: a passage of the article around the reader's words, matches marked.

Every piece of text is escaped before it is joined with the ``<mark>`` tags, so a headline or
body containing HTML can never inject markup into the results page.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import word_terms, words

SNIPPET_CHARS = 220


def _matches(text: str, terms: set[str]) -> list[tuple[int, int]]:
    found = []
    for start, end, word in words(text):
        term, parts = word_terms(word)
        if term in terms or any(part in terms for part in parts):
            found.append((start, end))
    return found


def highlight(text: str, terms: set[str]) -> SafeString:
    """All of ``text``, escaped, with the words that match ``terms`` in ``<mark>``."""
    pieces, last = [], 0
    for start, end in _matches(text, terms):
        pieces += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece of text above is escaped


def snippet(text: str, terms: set[str], length: int = SNIPPET_CHARS) -> SafeString:
    """About ``length`` characters of ``text`` around its first match, matches marked."""
    text = " ".join(text.split())
    matches = _matches(text, terms)
    if not matches:
        cut = text[:length]
        return mark_safe(escape(cut) + ("…" if len(text) > length else ""))
    first = matches[0][0]
    start = max(0, first - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    passage = highlight(text[start:end], terms)
    return mark_safe(("… " if start else "") + passage + (" …" if end < len(text) else ""))
