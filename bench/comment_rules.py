"""How long the comment rules take per comment: word matching against long word lists.

Run: .venv/bin/python bench/comment_rules.py
No database needed: word matching is the part whose cost grows with the lists (the other rules
are a few indexed queries). Figures go to docs/performance.md, section "Comment rules".
"""

from __future__ import annotations

import random
import statistics
import string
import time

from newsdesk.comments.words import find_words

SAMPLE = (
    "Der Akku hält im Test gut zwei Tage, das Display ist hell genug für die Sonne, nur der "
    "Preis von 1.199 Euro ist happig. Wer auf das Tele verzichten kann, nimmt das kleinere Modell. "
)
CASES = {
    "2 KB comment": SAMPLE * 10,
    "5,000 chars, one long word": "x" * 5000,
    "5,000 chars of spaced letters": "a " * 2500,
    "5,000 chars of two-letter words": "ab " * 1666,
}


def word_list(size: int) -> list[str]:
    rng = random.Random(size)
    return ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 10))) for _ in range(size)]


def median_ms(text: str, entries: list[str], runs: int = 30) -> float:
    find_words(text, entries)  # the entries' normal forms are cached from then on, as in a worker
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        find_words(text, entries)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    print("| Comment | 100 entries | 1,000 entries | 5,000 entries |")
    print("|---|---|---|---|")
    lists = {size: word_list(size) for size in (100, 1000, 5000)}
    for name, text in CASES.items():
        cells = [f"{median_ms(text, entries):.2f} ms" for entries in lists.values()]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
