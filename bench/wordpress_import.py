"""Benchmark: WordPress import speed (posts per second) and peak memory, at two export sizes.

    .venv/bin/python bench/wordpress_import.py [--posts 10000] [--comments 4]
        [--database-url postgres://...]

Generates a WXR export of N generated German posts with comments (newsdesk.importers
.synthetic_wxr), imports it into an empty database in a fresh process, and reports the import's
posts per second, comments per second and the process's peak RSS; then runs the same import
again (nothing changed: the idempotent path). The same is done at a quarter of the size, so that
the two peaks show whether memory grows with the export. Each import runs in its own process
(its own peak RSS). Without --database-url every size gets its own SQLite file; with a
PostgreSQL URL that database is migrated and flushed before each size (its data is lost).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "wordpress_import.json"

CHILD = r"""
import json, os, resource, sys, time
import django
django.setup()
from newsdesk.importers.wordpress import Options, WordPressImport
from newsdesk.comments.models import Comment

def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

export = sys.argv[1]
before = rss_mb()
started, cpu_started = time.perf_counter(), time.process_time()
report = WordPressImport(export, Options()).run()
seconds = time.perf_counter() - started
print(json.dumps({
    "seconds": seconds,
    # CPU time of the import process alone: on a shared machine the wall clock also counts
    # the time other processes held the cores (SQLite's own work runs in this process too).
    "cpu_seconds": time.process_time() - cpu_started,
    "posts": report.total("Artikel"),
    "new_posts": report.counts["Artikel"]["neu"],
    "unchanged_posts": report.counts["Artikel"]["unverändert"],
    "comments": Comment.objects.count(),
    "rss_before_mb": before,
    "peak_rss_mb": rss_mb(),
}))
"""


def environment(var: Path, database_url: str | None) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base"}
    env["NEWSDESK_VAR_DIR"] = str(var)
    env["DATABASE_URL"] = database_url or f"sqlite:///{var / 'bench.sqlite3'}"
    env["CACHE_URL"] = env.get("CACHE_URL", "locmem://")
    env["SECRET_KEY"] = "bench-only-secret-key-not-for-production-use-000"
    env["LOG_LEVEL"] = "WARNING"
    return env


def newsdesk(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-c", "from newsdesk.cli import main; main()", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure(export: Path, var: Path, database_url: str | None) -> dict:
    env = environment(var, database_url)
    newsdesk(env, "migrate", "-v0")
    if database_url:
        newsdesk(env, "flush", "--no-input", "-v0")
    runs = []
    for _ in range(2):  # first import, then the same export again
        output = subprocess.run(
            [sys.executable, "-c", CHILD, str(export)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        result["posts_per_second"] = round(result["posts"] / result["seconds"], 1)
        result["comments_per_second"] = round(result["comments"] / result["seconds"], 1)
        result["posts_per_cpu_second"] = round(result["posts"] / result["cpu_seconds"], 1)
        runs.append(result)
    return {"first": runs[0], "again": runs[1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=4, help="average comments per post")
    parser.add_argument("--database-url", default="")
    arguments = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
    from newsdesk.importers.synthetic_wxr import write_export

    results = {
        "machine": (
            f"{os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}"
        ),
        "database": "postgresql" if arguments.database_url else "sqlite",
        "sizes": [],
    }
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-wp-") as temporary:
        for posts in (arguments.posts // 4, arguments.posts):
            export = write_export(
                Path(temporary) / f"export-{posts}.xml", posts, arguments.comments
            )
            var = Path(temporary) / f"var-{posts}"
            var.mkdir()
            measured = measure(export, var, arguments.database_url or None)
            size = {
                "posts": posts,
                "export_mb": round(export.stat().st_size / 1_048_576, 1),
                **measured,
            }
            results["sizes"].append(size)
            first, again = measured["first"], measured["again"]
            print(
                f"{posts} posts ({size['export_mb']} MB, {first['comments']} comments): "
                f"{first['posts_per_second']} posts/s, {first['comments_per_second']} comments/s, "
                f"{first['seconds']:.1f} s ({first['posts_per_cpu_second']} posts per CPU-second), "
                f"peak RSS {first['peak_rss_mb']:.0f} MB "
                f"(before import {first['rss_before_mb']:.0f} MB); "
                f"again: {again['posts_per_second']} posts/s, peak {again['peak_rss_mb']:.0f} MB",
                flush=True,
            )
    results["load_average_after"] = os.getloadavg()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
