#!/usr/bin/env python3
"""What the bake's record costs a ``bake --changed`` on a site of ``--pages`` pages.

    .venv/bin/python bench/manifest_size.py DIR --pages 100000

Takes the record of a real bake in DIR (``bench/bake.py --keep`` or ``--baked DIR`` leaves one)
and repeats its pages, with the article keys renumbered, up to ``--pages``, into a new record
(``pagecache.manifest``). Then, ``--repeat`` times, does with it what a ``--changed`` bake does
after one headline edit, apart from rendering: opens it, compares the generations of the keys
an edit changes, finds the pages that showed the article, records them again and commits.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")
django.setup()

from newsdesk.pagecache.manifest import FILENAME, Manifest  # noqa: E402


def grown_pages(source: Path, count: int) -> dict[str, list[str]]:
    manifest = Manifest.open(source)
    if manifest is None:
        raise SystemExit(f"No bake record in {source}")
    pages = [(path, manifest.keys_of(path)) for path in sorted(manifest.paths())]
    manifest.abandon()
    grown: dict[str, list[str]] = {}
    for number in range(count):
        path, keys = pages[number % len(pages)]
        grown[f"{path}{number}/"] = [
            key.replace("article-", f"article-{number}", 1) if key.startswith("article-") else key
            for key in keys
        ]
    return grown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("baked", help="a folder a real bake wrote")
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    pages = grown_pages(Path(options.baked), options.pages)
    folder = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    manifest = Manifest.create(folder)
    for path, keys in pages.items():
        manifest.record(path, keys)
    manifest.read_at = time.time()
    manifest.commit()
    written = time.perf_counter() - started

    # One edit's keys: an article's own (shown on its page and a few more) and the listings
    # of its kind, topic and author, as a headline edit changes them.
    article = next(key for key in pages[next(iter(pages))] if key.startswith("article-"))
    listing = [key for key in pages[next(iter(pages))] if not key.startswith("article-")][:6]
    cycles = []
    for number in range(options.repeat):
        current = {key: time.time() + number for key in [article, *listing, "nie-gezeigt"]}
        started = time.perf_counter()
        manifest = Manifest.open(folder)
        manifest.generations = current
        changed = manifest.changed_keys(current)
        manifest.update_generations(current)
        showing = manifest.pages_showing([article])
        for path, keys in showing.items():
            manifest.record(path, keys)
        manifest.read_at = time.time()
        manifest.commit()
        cycles.append(round((time.perf_counter() - started) * 1000, 1))
    print(
        json.dumps(
            {
                "pages": options.pages,
                "megabytes": round((folder / FILENAME).stat().st_size / 1e6, 1),
                "full_write_s": round(written, 2),
                "changed_keys": len(changed),
                "pages_rerecorded": len(showing),
                "changed_cycle_ms": cycles,
                "changed_cycle_median_ms": statistics.median(cycles),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
