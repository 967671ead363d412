#!/usr/bin/env python3
"""``newsdesk takedown`` from the shell: wall and CPU time per command, two checkouts in turn.

    .venv/bin/python bench/takedown_start.py --checkout /tmp/old --count 12

Run with the environment of the site to measure (``DATABASE_URL``, ``CACHE_URL``,
``DJANGO_SETTINGS_MODULE`` ...): it takes down ``--count`` published articles, the oldest first,
alternating between this checkout and ``--checkout`` (``git worktree add /tmp/old COMMIT``), and
prints the medians. The articles stay unpublished: use a benchmark database only.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDRESSES = """
import django, json, sys; django.setup()
from newsdesk.articles.models import Article
articles = Article.objects.published().order_by("pk")[: int(sys.argv[1])]
print(json.dumps([a.get_absolute_url() for a in articles]))
"""


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds of one command (CPU of the child, user and system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = os.times().elapsed
    subprocess.run(command, env=env, check=True, capture_output=True)
    wall = os.times().elapsed - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkout", required=True, help="the other checkout (old code)")
    parser.add_argument("--count", type=int, default=12, help="takedowns in all, half each")
    options = parser.parse_args()
    out = subprocess.run(
        [sys.executable, "-c", ADDRESSES, str(options.count)],
        capture_output=True,
        text=True,
        check=True,
    )
    addresses = json.loads(out.stdout)
    other = Path(options.checkout).resolve()
    sides = {
        "other": (other / "manage.py", {**os.environ, "PYTHONPATH": str(other)}),
        "this": (ROOT / "manage.py", dict(os.environ)),
    }
    figures: dict[str, list[tuple[float, float]]] = {"other": [], "this": []}
    for number, address in enumerate(addresses):
        side = "other" if number % 2 == 0 else "this"
        script, env = sides[side]
        command = [sys.executable, str(script), "takedown", address, "--reason", "Benchmark"]
        figures[side].append(timed(command, env))
    for side, rows in figures.items():
        print(
            json.dumps(
                {
                    "checkout": str(other if side == "other" else ROOT),
                    "wall_s_median": round(statistics.median(w for w, _ in rows), 3),
                    "cpu_s_median": round(statistics.median(c for _, c in rows), 3),
                    "runs": [[round(w, 3), round(c, 3)] for w, c in rows],
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
