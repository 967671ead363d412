#!/usr/bin/env python3
"""How long the bake's manifest takes to read and write for a site of ``--pages`` pages.

    .venv/bin/python bench/manifest_size.py DIR/.newsdesk-bake.json --pages 100000

Takes the manifest of a real bake (``bench/bake.py --keep`` or ``--baked DIR`` leaves one) and
repeats its pages, with the article keys renumbered, up to ``--pages``; then saves and loads it
three times with ``pagecache.bake.Manifest``, as every ``bake --changed`` does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")
django.setup()

from newsdesk.pagecache.bake import Manifest  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifest", help="the manifest of a real bake")
    parser.add_argument("--pages", type=int, default=100_000)
    options = parser.parse_args()
    pages = list(json.loads(Path(options.manifest).read_text())["pages"].items())
    grown: dict[str, list[str]] = {}
    for number in range(options.pages):
        path, keys = pages[number % len(pages)]
        grown[f"{path}{number}/"] = [
            key.replace("article-", f"article-{number}", 1) if key.startswith("article-") else key
            for key in keys
        ]
    generations = {key: 1.0 for keys in grown.values() for key in keys}
    manifest = Manifest(grown, generations, time.time())
    file = Path(tempfile.mkdtemp()) / "manifest.json"
    saves, loads = [], []
    for _ in range(3):
        started = time.perf_counter()
        manifest.save(file)
        saves.append(round(time.perf_counter() - started, 2))
        started = time.perf_counter()
        Manifest.load(file)
        loads.append(round(time.perf_counter() - started, 2))
    print(
        json.dumps(
            {
                "pages": options.pages,
                "keys": len(generations),
                "megabytes": round(file.stat().st_size / 1e6, 1),
                "save_s": saves,
                "load_s": loads,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
