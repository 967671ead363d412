"""Render cost of feeds and sitemaps in a big newsroom (issue 6).

    .venv/bin/python bench/distribution.py [--articles 20000] [--repeat 5]

Generates a synthetic newsroom into a temporary folder (SQLite, its own media), then renders
every feed and sitemap kind in process with the page cache off, as a cache miss would: the
median wall time of ``--repeat`` renders, the number of queries, and the size of the answer.
Writes ``bench/results/distribution.json`` and prints a Markdown table for docs/performance.md.
Touches nothing outside the temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "distribution.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-distribution-") as folder:
        env = {
            **os.environ,
            "NEWSDESK_VAR_DIR": folder,
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "CACHE_URL": "locmem://",
            "NEWSDESK_PAGE_CACHE": "false",
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
        }
        newsdesk = str(ROOT / ".venv" / "bin" / "newsdesk")
        subprocess.run([newsdesk, "migrate", "--noinput", "-v", "0"], env=env, check=True)
        started = time.perf_counter()
        subprocess.run(
            [newsdesk, "generate", "--articles", str(options.articles)], env=env, check=True
        )
        print(f"generated {options.articles} articles in {time.perf_counter() - started:.0f} s")
        os.environ.update(env)
        results = measure(options.repeat)
    results["articles"] = options.articles
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)


def measure(repeat: int) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from newsdesk.articles.models import Topic

    month = timezone.localtime().strftime("%Y-%m")
    topic = Topic.objects.order_by("pk").first()
    urls = {
        "sitemap index": "/sitemap.xml",
        "article sitemap (this month)": f"/sitemap-artikel-{month}.xml",
        "news sitemap": "/sitemap-news.xml",
        "topic sitemap": "/sitemap-themen.xml",
        "site feed (RSS)": "/feed/",
        "site feed (Atom)": "/feed/atom/",
        "topic feed": f"/thema/{topic.slug}/feed/",
        "robots.txt": "/robots.txt",
    }
    client = Client(SERVER_NAME="127.0.0.1")
    pages = {}
    for name, url in urls.items():
        client.get(url)  # warm imports and templates
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        pages[name] = {
            "url": url,
            "median_ms": round(statistics.median(times) * 1000, 1),
            "queries": len(queries),
            "bytes": len(response.content),
        }
    return {"python": sys.version.split()[0], "pages": pages}


def print_table(results: dict) -> None:
    print(f"\n{results['articles']:,} articles, page cache off (every request renders):\n")
    print("| Page | Median render | Queries | Size |")
    print("|---|---:|---:|---:|")
    for name, page in results["pages"].items():
        print(
            f"| {name} (`{page['url']}`) | {page['median_ms']} ms | {page['queries']} | "
            f"{page['bytes'] / 1024:.0f} KB |"
        )


if __name__ == "__main__":
    main()
