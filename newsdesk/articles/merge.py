"""Three-way merge of article text, paragraph by paragraph.

Two editors opened the same version (the base) and both changed a text. Paragraphs only one of
them changed, added or removed are merged; a paragraph both changed differently is an overlap
that a person decides. Nothing is dropped without that decision.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# A paragraph ends at a blank line, as in the stored Markdown.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
# What an editor may pick for an overlap.
CHOICES = ("mine", "theirs", "both")


def paragraphs(text: str) -> list[str]:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return [part for part in PARAGRAPH_BREAK.split(text) if part.strip()] if text else []


def join(parts: list[str]) -> str:
    return "\n\n".join(parts)


@dataclass(frozen=True)
class Overlap:
    """Paragraphs both editors changed, each in their own way."""

    base: tuple[str, ...]
    mine: tuple[str, ...]
    theirs: tuple[str, ...]

    def resolved(self, choice: str) -> list[str]:
        if choice == "mine":
            return list(self.mine)
        if choice == "theirs":
            return list(self.theirs)
        if choice == "both":
            return list(self.theirs) + [p for p in self.mine if p not in self.theirs]
        raise ValueError(f"unknown choice {choice!r}")


@dataclass(frozen=True)
class MergeResult:
    # Merged paragraphs (tuples of str) and overlaps, in text order.
    parts: tuple[tuple[str, ...] | Overlap, ...]

    @property
    def overlaps(self) -> list[Overlap]:
        return [part for part in self.parts if isinstance(part, Overlap)]

    @property
    def clean(self) -> bool:
        return not self.overlaps

    @property
    def fingerprint(self) -> str:
        """Identifies the overlaps, so a decision is only applied to what the editor saw."""
        digest = hashlib.sha256(repr(self.overlaps).encode()).hexdigest()
        return digest[:16]

    def text(self, choices: list[str] | None = None, default: str | None = None) -> str:
        """The merged text; overlap ``n`` as ``choices[n]`` decides (or ``default``)."""
        choices = list(choices or [])
        out: list[str] = []
        number = 0
        for part in self.parts:
            if isinstance(part, Overlap):
                choice = choices[number] if number < len(choices) else default
                if choice is None:
                    raise ValueError("an overlap has no decision")
                out.extend(part.resolved(choice))
                number += 1
            else:
                out.extend(part)
        return join(out)


def _hunks(base: list[str], other: list[str], side: str) -> list[tuple[int, int, list[str], str]]:
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    hunks = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            # Paragraphs edited in place: one hunk each, so that an edit of the paragraph next
            # to the colleague's is no overlap.
            hunks.extend((i1 + n, i1 + n + 1, [other[j1 + n]], side) for n in range(i2 - i1))
        else:
            hunks.append((i1, i2, other[j1:j2], side))
    return hunks


def _touch(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two changed base ranges collide: they intersect, or both insert at one point."""
    if a_start == a_end == b_start == b_end:
        return True
    return a_start < b_end and b_start < a_end


def _apply(base: list[str], start: int, end: int, hunks: list) -> tuple[str, ...]:
    """``base[start:end]`` with one side's hunks (all inside that range) applied."""
    out: list[str] = []
    position = start
    for h_start, h_end, lines, _side in sorted(hunks, key=lambda h: (h[0], h[1])):
        out.extend(base[position:h_start])
        out.extend(lines)
        position = h_end
    out.extend(base[position:end])
    return tuple(out)


def merge(base: str, mine: str, theirs: str) -> MergeResult:
    """Merge ``mine`` and ``theirs``, both edited from ``base``, paragraph by paragraph."""
    base_parts, mine_parts, theirs_parts = paragraphs(base), paragraphs(mine), paragraphs(theirs)
    if mine_parts == theirs_parts or theirs_parts == base_parts:
        return MergeResult((tuple(mine_parts),))
    if mine_parts == base_parts:
        return MergeResult((tuple(theirs_parts),))
    hunks = sorted(
        _hunks(base_parts, mine_parts, "mine") + _hunks(base_parts, theirs_parts, "theirs"),
        key=lambda h: (h[0], h[1]),
    )
    groups: list[list] = []
    for hunk in hunks:
        if groups:
            start = min(h[0] for h in groups[-1])
            end = max(h[1] for h in groups[-1])
            if any(_touch(h[0], h[1], hunk[0], hunk[1]) for h in groups[-1]) or (
                hunk[0] < end and start <= hunk[0]
            ):
                groups[-1].append(hunk)
                continue
        groups.append([hunk])

    parts: list[tuple[str, ...] | Overlap] = []
    position = 0
    for group in groups:
        start = min(h[0] for h in group)
        end = max(h[1] for h in group)
        if start > position:
            parts.append(tuple(base_parts[position:start]))
        mine_version = _apply(base_parts, start, end, [h for h in group if h[3] == "mine"])
        theirs_version = _apply(base_parts, start, end, [h for h in group if h[3] == "theirs"])
        sides = {h[3] for h in group}
        if len(sides) == 1:
            parts.append(mine_version if sides == {"mine"} else theirs_version)
        elif mine_version == theirs_version:
            parts.append(mine_version)
        else:
            parts.append(Overlap(tuple(base_parts[start:end]), mine_version, theirs_version))
        position = end
    if position < len(base_parts):
        parts.append(tuple(base_parts[position:]))
    return MergeResult(tuple(part for part in parts if part != ()))
