"""German text analysis shared by both search backends and by related-article scoring.

Text and queries go through the same steps, so whatever the database is, it only ever compares
plain ASCII terms (``[a-z0-9]+``):

1. lower case, Unicode letters and digits as words ("WH-1000XM5" is "wh" and "1000xm5");
2. words with digits are model names and stay whole, folded (``s7``, ``mi5``, ``1000xm5``);
   a short word followed by a number is joined as well ("Mi 5" also gives ``mi5``);
3. other words are Snowball-stemmed (German); the stemmer folds umlauts and ß, also when they
   are written out ("Größe" and "Groesse" both give ``gross``);
4. compounds split into their known parts ("Akkulaufzeit" gives ``akkulaufzeit``, ``akku``,
   ``laufzeit``), with linking elements ("Verkaufsstart" = "Verkauf" + s + "Start").

A query becomes groups that must all match; each group has alternatives (a compound or its
parts, a synonym, a model name written apart or together).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

from .stopwords import STOPWORDS

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
TERM_RE = re.compile(r"^[a-z0-9]+$")
# A query longer than this is cut: nobody types more, and a pasted text must stay cheap.
MAX_QUERY_CHARS = 200
MAX_QUERY_GROUPS = 12
# Compound parts are at least this long, and only words this long are split at all.
MIN_PART = 3
MIN_COMPOUND = 6
LINKING_ELEMENTS = ("", "s", "es", "n", "en", "e")
# Loanwords with an -s plural that the German stemmer keeps: "Akkus", "Handys", "Kameras".
LOANWORD_PLURAL = re.compile(r"(?<=[auoyp])s$")

_stemmer = snowballstemmer.stemmer("german")


def fold(text: str) -> str:
    """ASCII lower case with German umlauts written out (ä=ae, ß=ss), other accents dropped."""
    text = text.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum()))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word, folded to ASCII."""
    stemmed = _stemmer.stemWord(word)
    if len(stemmed) > 3:
        stemmed = LOANWORD_PLURAL.sub("", stemmed)
    return fold(stemmed)


@cache
def compound_parts() -> frozenset[str]:
    path = Path(__file__).with_name("compound_parts.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line) for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=100_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The known parts of a folded compound, fewest parts first; () when it does not split."""
    parts = compound_parts()
    if len(word) < MIN_COMPOUND:
        return ()
    # best[i]: the shortest split of word[i:], or None when word[i:] cannot be split.
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[len(word)] = ()
    for start in range(len(word) - MIN_PART, -1, -1):
        for end in range(len(word), start + MIN_PART - 1, -1):
            part = word[start:end]
            if part not in parts:
                continue
            for link in LINKING_ELEMENTS:
                rest = end + len(link)
                if word[end:rest] != link or best[rest] is None:
                    continue
                if link and rest == len(word):
                    continue  # a linking element never ends a word
                candidate = (part, *best[rest])
                if best[start] is None or len(candidate) < len(best[start]):
                    best[start] = candidate
    split = best[0]
    return split if split and len(split) > 1 else ()


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, lower-case word) for every word of ``text``."""
    for match in WORD_RE.finditer(text):
        yield match.start(), match.end(), match.group().lower()


def is_model_word(word: str) -> bool:
    return any(c.isdigit() for c in word)


@lru_cache(maxsize=500_000)
def word_terms(word: str) -> tuple[str, tuple[str, ...]]:
    """The term of one lower-case word and the terms of its compound parts."""
    if is_model_word(word):
        return fold(word), ()
    folded = fold(word)
    if not folded:
        return "", ()
    parts = split_compound(folded)
    return stem(word), tuple(stem(part) for part in parts)


def _joins(previous: str | None, word: str) -> str | None:
    """ "Mi 5" -> "mi5": a short word and the number after it name one model."""
    if previous and previous.isalpha() and len(previous) <= 8 and word[:1].isdigit():
        joined = fold(previous + word)
        return joined or None
    return None


def index_terms(text: str) -> list[str]:
    """Every term the text is found by, in text order (repeats kept for term frequency)."""
    terms: list[str] = []
    previous: str | None = None
    for _start, _end, word in words(text):
        if word in STOPWORDS:
            previous = None
            continue
        term, parts = word_terms(word)
        if term:
            terms.append(term)
            terms.extend(parts)
        joined = _joins(previous, word)
        if joined:
            terms.append(joined)
        previous = word
    return [t for t in terms if TERM_RE.match(t)]


# Queries


@dataclass
class Group:
    """One thing the reader asked for; any of its alternatives (each a set of terms) matches."""

    word: str
    alternatives: list[tuple[str, ...]] = field(default_factory=list)

    def add(self, *terms: str) -> None:
        terms = tuple(t for t in terms if TERM_RE.match(t))
        if terms and terms not in self.alternatives:
            self.alternatives.append(terms)

    def terms(self) -> set[str]:
        return {t for alternative in self.alternatives for t in alternative}


@dataclass
class Query:
    text: str
    groups: list[Group]

    def __bool__(self) -> bool:
        return bool(self.groups)

    def terms(self) -> set[str]:
        return {t for group in self.groups for t in group.terms()}


def parse_query(text: str, synonyms: dict[str, set[str]] | None = None) -> Query:
    """The reader's words as groups of alternatives; never raises, whatever the text."""
    text = (text or "")[:MAX_QUERY_CHARS]
    synonyms = synonyms or {}
    groups: list[Group] = []
    raw = [w for _s, _e, w in words(text) if w not in STOPWORDS]
    index = 0
    while index < len(raw) and len(groups) < MAX_QUERY_GROUPS:
        word = raw[index]
        following = raw[index + 1] if index + 1 < len(raw) else None
        joined = _joins(word, following) if following else None
        if joined:
            # "Mi 5" finds "Mi5" and "Mi 5".
            group = Group(f"{word} {following}")
            group.add(joined)
            group.add(word_terms(word)[0], fold(following))
            groups.append(group)
            index += 2
            continue
        term, parts = word_terms(word)
        if term:
            group = Group(word)
            group.add(term)
            if parts:
                group.add(*parts)
            for synonym in sorted(synonyms.get(term, ())):
                group.add(*synonym.split())
            groups.append(group)
        index += 1
    return Query(text, [g for g in groups if g.alternatives])


def unique(terms: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(terms))
