#!/usr/bin/env python3
"""newsdesk's pages beside a real WordPress on the same machine, in one run (issue 14).

    .venv/bin/python bench/wordpress_peer.py --wordpress-article URL [--rounds 2] [--seconds 10]

Set the peer up first as ``/work/shared/wordpress-peer/README.md`` writes it (Debian's
WordPress 6.1 on PHP-FPM, nginx and MariaDB on :8081, 1,000 posts); its install script prints
the ``ARTICLE_URL`` to pass here.

newsdesk is served as ``make run`` serves it (migrate and ``newsdesk demo`` into a throwaway
folder: its own SQLite database, file cache and media; gunicorn with two gthread workers), with
the page cache off (``NEWSDESK_PAGE_CACHE=false``), so every request renders: the figure is a
cache miss. What a render may keep (the fragment cache, on as in production) is warmed by a
few requests first, as any page in use has it. WordPress runs as installed, without a page
cache (it has none by default).

Each page pair is loaded with the same wrk settings (``-t1 -c16``), alternating WordPress and
newsdesk page by page and round by round, because the speed of a shared machine drifts between
runs and a ratio within one run does not. Pairs: the article (newsdesk's showcase article
against the peer's article with 20 comments), home, a topic against a category archive, a
product page against a tag archive (the nearest WordPress has: every post about one thing),
and search. The gallery slide has no peer and is measured alone. Writes
``bench/results/wordpress_peer.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import makeserve
from run import HOST, ROOT, log, wrk

BIN = ROOT / ".venv" / "bin"
CONNECTIONS = 16

# The address of each page type in the demo, printed as JSON by `newsdesk shell`.
DEMO_PAGES = """
import json
from newsdesk.articles.models import Article, Topic
from newsdesk.commerce.models import Product
from newsdesk.demo.content import SHOWCASE_SLUG
from newsdesk.galleries.models import Gallery

showcase = Article.objects.published().get(slug=SHOWCASE_SLUG)
print(json.dumps({
    "article": showcase.get_absolute_url(),
    "home": "/",
    "topic": showcase.topics.order_by("pk")[0].get_absolute_url(),
    "product": Product.objects.filter(is_published=True).order_by("pk")[0].get_absolute_url(),
    "search": "/suche/?q=Display",
    "gallery-slide": Gallery.objects.order_by("pk")[0].get_slide_url(2),
}))
"""


def newsdesk(env: dict, *args: str) -> str:
    return subprocess.run(
        [str(BIN / "newsdesk"), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def peer_pages(article_url: str, wordpress: str) -> dict[str, str | None]:
    """WordPress's page for each newsdesk page type; None where it has none."""
    return {
        "article": article_url,
        "home": f"{wordpress}/",
        "topic": f"{wordpress}/category/netzpolitik/",
        "product": f"{wordpress}/tag/bsi/",
        "search": f"{wordpress}/?s=Display",
        "gallery-slide": None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--wordpress-article",
        default=os.environ.get("ARTICLE_URL"),
        help="the peer's article (ARTICLE_URL, printed by 20-install-wordpress.sh)",
    )
    parser.add_argument("--port", type=int, default=8720)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "wordpress_peer.json"))
    args = parser.parse_args()
    if not args.wordpress_article:
        sys.exit("Say which WordPress article to load: --wordpress-article URL (ARTICLE_URL).")
    wordpress = args.wordpress_article.split("/", 3)[:3]
    wordpress_root = "/".join(wordpress)
    if not wordpress_root.startswith(f"http://{HOST}:"):
        sys.exit(f"The peer must run on {HOST} (it is a load target): {wordpress_root}")
    try:
        status_of(args.wordpress_article)
    except OSError as error:
        sys.exit(f"WordPress does not answer at {args.wordpress_article}: {error}")

    tmp = tempfile.mkdtemp(prefix="newsdesk-wordpress-peer-")
    url = f"http://{HOST}:{args.port}"
    env = {
        **os.environ,
        "NEWSDESK_VAR_DIR": tmp,
        "NEWSDESK_BASE_URL": url,
        "NEWSDESK_PAGE_CACHE": "false",
    }
    for name in ("DATABASE_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    server = None
    try:
        log("migrate and newsdesk demo, as make run does ...")
        newsdesk(env, "migrate", "--noinput", "-v0")
        newsdesk(env, "demo")
        newsdesk(env, "collectstatic", "--noinput", "-v0")
        ours = json.loads(newsdesk(env, "shell", "-c", DEMO_PAGES).strip().splitlines()[-1])
        theirs = peer_pages(args.wordpress_article, wordpress_root)
        server = makeserve.start(args.port, env)
        makeserve.wait_until_healthy(url)
        for name, path in ours.items():
            for _ in range(4):  # each worker renders and keeps the page's fragments
                if status_of(url + path) != 200:
                    sys.exit(f"newsdesk answered {name} ({path}) with an error")
            if theirs[name] and status_of(theirs[name]) != 200:
                # Seen on a fresh peer: its data script adds terms after the rewrite rules
                # were built, so archives 404 until WordPress rebuilds them.
                sys.exit(
                    f"WordPress answered {name} ({theirs[name]}) with an error; if archives "
                    'are 404, let it rebuild its rewrite rules: mysql wordpress -e "DELETE '
                    "FROM wp_options WHERE option_name='rewrite_rules'\""
                )

        runs: dict[str, dict[str, list[dict]]] = {
            name: {"newsdesk": [], "wordpress": []} for name in ours
        }
        for round_number in range(1, args.rounds + 1):
            for name, path in ours.items():
                if theirs[name]:
                    result = wrk(theirs[name], args.seconds, CONNECTIONS, threads=1)
                    runs[name]["wordpress"].append(result)
                    log(f"round {round_number} {name:<14} WordPress {result['rps']:8.1f} req/s")
                result = wrk(url + path, args.seconds, CONNECTIONS, threads=1)
                runs[name]["newsdesk"].append(result)
                log(f"round {round_number} {name:<14} newsdesk  {result['rps']:8.1f} req/s")
    finally:
        if server is not None:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    pages = {}
    for name, by_engine in runs.items():
        row: dict = {"newsdesk_path": ours[name], "wordpress_url": theirs[name]}
        for engine, results in by_engine.items():
            if results:
                row[engine] = {
                    "rps": [r["rps"] for r in results],
                    "rps_median": round(statistics.median(r["rps"] for r in results), 1),
                    "p99_ms": [r["p99_ms"] for r in results],
                    "errors": [r["errors"] for r in results],
                }
        if by_engine["wordpress"]:
            # Round by round: each ratio compares two loads a few seconds apart.
            ratios = [
                ours_run["rps"] / theirs_run["rps"]
                for ours_run, theirs_run in zip(
                    by_engine["newsdesk"], by_engine["wordpress"], strict=True
                )
                if theirs_run["rps"]
            ]
            row["ratio"] = [round(r, 1) for r in ratios]
        pages[name] = row
    summary = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "wrk": f"-t1 -c{CONNECTIONS} -d{args.seconds}s, {args.rounds} rounds, alternating",
        "pages": pages,
    }
    Path(args.output).write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\n{'page':<14} {'WordPress':>10} {'newsdesk':>10}  ratio per round")
    for name, row in pages.items():
        theirs_rps = row.get("wordpress", {}).get("rps_median")
        print(
            f"{name:<14} {theirs_rps if theirs_rps is not None else '-':>10} "
            f"{row['newsdesk']['rps_median']:>10}  {row.get('ratio', '-')}"
        )
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
