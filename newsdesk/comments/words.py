"""Word matching that holds against the usual tricks: case, Unicode, spacing and substitutions.

Both the list entries and the comment go through the same normalisation, so an editor writes
``arschloch`` once and it also catches ``ARSCHL0CH``, ``аrschloch`` (Cyrillic а),
``arsch\u200dloch`` (zero-width joiner), ``a r s c h l o c h`` and ``@rschl0ch``. Matching
is by whole word, so a banned ``ass`` does not hit ``class``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Letters from other scripts that look like Latin ones (the ones spammers use); NFKC leaves
# them alone because they are different letters, not different forms of the same one.
LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "ɡ": "g",
        "һ": "h",
        "ӏ": "l",
        # Greek
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ω": "w",
    }
)
# Capitals that look like a Latin capital while their small letter looks like another one
# (Greek "Η" is an H, its "η" an n): mapped before case folding, which would lose that.
CAPITAL_LOOK_ALIKES = str.maketrans(
    {
        "Η": "h",
        "Ν": "n",
        "Μ": "m",
        "Ζ": "z",
        "Υ": "y",
    }
)
# Digits and symbols written for letters ("$hit", "a$$", "h4ck3r", "@rsch").
SUBSTITUTES = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "9": "g",
        "$": "s",
        "@": "a",
        "€": "e",
        "!": "i",
        "|": "i",
        "+": "t",
    }
)
WORD = re.compile(r"[^\W_]+")
# Single letters separated by spaces, dots, dashes or underscores: "w t f", "s.h.i.t".
SPACED_LETTERS = re.compile(r"(?<![^\W_])(?:[^\W_][\s._\-*]+){2,}[^\W_](?![^\W_])")
REPEATS = re.compile(r"(.)\1+")
MIN_SPLIT_LENGTH = 5


def _fold(text: str) -> str:
    """Case, compatibility forms, invisible characters and look-alike letters folded away."""
    text = unicodedata.normalize("NFKC", text).translate(CAPITAL_LOOK_ALIKES).casefold()
    # Zero-width joiners, soft hyphens, direction marks: format characters nobody sees.
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = text.translate(LOOK_ALIKES)
    # Accents off (é → e), but German umlauts stay letters of their own after NFKC + casefold.
    decomposed = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn" or ch == "\u0308")
    return unicodedata.normalize("NFC", text)


def _squash(word: str) -> str:
    """Substitutions undone and letter runs shortened: "shiiiit" and "$h1t" both give "shit"."""
    return REPEATS.sub(r"\1", word.translate(SUBSTITUTES))


@lru_cache(maxsize=20_000)
def normalise_entry(entry: str) -> str:
    """A list entry as it is compared: words folded and squashed, joined by single spaces."""
    return " ".join(_squash(word) for word in _fold(entry).split())


def _words(text: str) -> list[str]:
    folded = _fold(text)
    # Spaced-out letters are joined first, so "w t f" becomes the word "wtf".
    folded = SPACED_LETTERS.sub(lambda m: re.sub(r"[\s._\-*]+", "", m.group()), folded)
    # Substitution symbols count as letters inside words ("a$$", "$hit"), so split on the rest.
    tokens = re.findall(r"[^\s.,;:?\"'()\[\]{}<>/\\=~^#%&–—]+", folded)
    # "!" and "|" stand for letters only inside a word: "Mist!" ends with punctuation.
    tokens = [token.strip("!|+") for token in tokens]
    return [_squash(token) for token in tokens if token]


def find_words(text: str, entries: Iterable[str]) -> list[str]:
    """The entries (as given) that occur in ``text`` as whole words or word sequences."""
    words = _words(text)
    if not words:
        return []
    joined = f" {' '.join(words)} "
    single = set(words)
    # A word split in two ("Arsch loch"): neighbours joined, for entries long enough that two
    # innocent words rarely add up to one of them.
    pairs = {_squash(a + b) for a, b in zip(words, words[1:], strict=False)}
    found = []
    for entry in entries:
        needle = normalise_entry(entry)
        if not needle:
            continue
        if " " in needle:
            hit = f" {needle} " in joined
        else:
            hit = needle in single or (len(needle) >= MIN_SPLIT_LENGTH and needle in pairs)
        if hit:
            found.append(entry)
    return found
