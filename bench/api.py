"""Content API against the article page: requests per second and p95, cache miss and hit.

    .venv/bin/python bench/api.py                       # 2,000 articles, SQLite, 3 s per figure
    .venv/bin/python bench/api.py --articles 100000 --database postgres://postgres@127.0.0.1/x

Runs in one process through Django's test client (no HTTP server, no network): the figures are
what one worker's Python spends per request, the part the API adds or saves. It builds its own
newsroom in a temporary folder (``newsdesk generate``) unless ``--database`` names one, and
writes ``bench/results/api-latest.json``. Every loop is bounded by ``--seconds``.
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


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=3.0, help="per figure (default 3)")
    parser.add_argument("--database", default="", help="DATABASE_URL of a generated newsroom")
    return parser.parse_args()


def setup(args: argparse.Namespace) -> None:
    var = Path(tempfile.mkdtemp(prefix="newsdesk-bench-api-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
            "NEWSDESK_VAR_DIR": str(var),
            "MEDIA_ROOT": str(var / "media"),
            "STATIC_ROOT": str(var / "static"),
            "CACHE_URL": "locmem://bench",
            "SECRET_KEY": "bench-only-not-secret",
            "DATABASE_URL": args.database or f"sqlite:///{var / 'bench.sqlite3'}",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    if not args.database:
        call_command("migrate", verbosity=0)
        call_command("generate", articles=args.articles, verbosity=0)


def measure(client, url: str, seconds: float, expect: str | None) -> dict:
    """Requests per second and p95 of one URL for ``seconds`` (after one warming request)."""
    first = client.get(url)
    assert first.status_code == 200, (url, first.status_code)
    timings = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and len(timings) < 100_000:
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        if expect is not None:
            assert response.get("X-Cache") == expect, (url, response.get("X-Cache"))
    timings.sort()
    return {
        "requests": len(timings),
        "per_second": round(len(timings) / sum(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1] * 1000, 2),
        "median_ms": round(statistics.median(timings) * 1000, 2),
    }


def main() -> None:
    args = parse_args()
    setup(args)
    from django.core.cache import cache
    from django.test import Client, override_settings

    from newsdesk.articles.models import Article

    article = Article.objects.published().order_by("-published_at", "-pk").first()
    targets = {
        "article page": article.get_absolute_url(),
        "API article detail": f"/api/v1/articles/{article.pk}/",
        "API article list (20)": "/api/v1/articles/",
        "home page (list)": "/",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    results = {"articles": Article.objects.count(), "seconds": args.seconds, "figures": {}}
    for name, url in targets.items():
        with override_settings(NEWSDESK_PAGE_CACHE=False):
            miss = measure(client, url, args.seconds, None)
        cache.clear()
        with override_settings(NEWSDESK_PAGE_CACHE=True):
            hit = measure(client, url, args.seconds, "HIT")
        results["figures"][name] = {"url": url, "miss": miss, "hit": hit}
    out = Path(__file__).parent / "results" / "api-latest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"{results['articles']} articles, {args.seconds} s per figure, one process")
    print("| what | miss req/s | miss p95 ms | hit req/s | hit p95 ms |")
    print("|---|---|---|---|---|")
    for name, f in results["figures"].items():
        m, h = f["miss"], f["hit"]
        print(f"| {name} | {m['per_second']} | {m['p95_ms']} | {h['per_second']} | {h['p95_ms']} |")


if __name__ == "__main__":
    sys.exit(main())
