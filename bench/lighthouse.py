"""Lighthouse (mobile) and the Nu HTML Checker over every reader page type of a fresh demo.

    .venv/bin/python bench/lighthouse.py [--port 8710] [--lighthouse all|key|none] [--runs 1]

Like ``make run``: migrate and ``newsdesk demo`` into a temporary folder (its own SQLite
database, file cache and media), then gunicorn as ``make run`` starts it, but with the
production settings (``newsdesk.settings.production``; no TLS on 127.0.0.1, so
``SECURE_SSL_REDIRECT=false``; media served by the app). It touches nothing else.

The tools are bench-only npm packages in ``bench/lighthouse/`` (``npm ci`` there; the lock file
pins them): ``lighthouse`` drives Debian's ``/usr/bin/chromium`` (``CHROME_PATH``, headless, no
sandbox; no browser is ever downloaded) and ``vnu-jar`` is the Nu HTML Checker (Java 17).

The Nu checker reads the HTML each page type sends (fetched once, checked in one run of the
checker). Lighthouse runs on home, article and a gallery slide by default (``--lighthouse key``,
the pages of the acceptance goal), on every page type with ``--lighthouse all``. With ``--runs
N`` each Lighthouse page is measured N times and the median score is kept (the machine is
shared; performance varies from run to run). Prints a table and writes
``bench/results/lighthouse.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import makeserve

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
TOOLS = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOAL = 98
CLS_GOAL = 0.05
KEY_PAGES = {"home", "article", "gallery-slide"}

# The address of one page of each type in the demo data, printed as JSON by `newsdesk shell`.
PAGES = """
import json
from django.urls import reverse
from newsdesk.articles.models import Article, Author, Topic
from newsdesk.comments.models import Comment
from newsdesk.commerce.models import Product
from newsdesk.demo.content import SHOWCASE_SLUG
from newsdesk.galleries.models import Gallery
from newsdesk.liveticker.models import LiveTicker
from newsdesk.pages.models import Page

published = Article.objects.published()
showcase = published.filter(slug=SHOWCASE_SLUG).first() or published.order_by("-published_at")[0]
reviews = published.filter(kind=Article.Kind.REVIEW, score__isnull=False)
review = reviews.order_by("-published_at")[0]
comments = Comment.objects.filter(status=Comment.Status.APPROVED, article__in=published)
comment = comments.order_by("pk")[0]
gallery = Gallery.objects.order_by("pk")[0]
pages = {
    "home": "/",
    "article": showcase.get_absolute_url(),
    "review": review.get_absolute_url(),
    "gallery-slide": gallery.get_slide_url(2),
    "topic": Topic.objects.order_by("pk")[0].get_absolute_url(),
    "product": Product.objects.filter(is_published=True).order_by("pk")[0].get_absolute_url(),
    "author": Author.objects.order_by("pk")[0].get_absolute_url(),
    "search": "/suche/?q=Display",
    "liveticker": LiveTicker.objects.order_by("pk")[0].get_absolute_url(),
    "impressum": reverse("pages:detail", args=["impressum"]),
    "comment-reply": reverse("comments:reply", args=[comment.article_id, comment.pk]),
    "not-found": "/gibt-es-nicht/",
}
print(json.dumps(pages))
"""


def newsdesk(env: dict, *args: str) -> str:
    return subprocess.run(
        [str(BIN / "newsdesk"), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def check_html(files: dict[str, Path]) -> dict[str, list[dict]]:
    """The Nu checker's errors and warnings per page (one Java start for all pages)."""
    run = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, files.values()),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    by_file = {str(path): name for name, path in files.items()}
    found: dict[str, list[dict]] = {name: [] for name in files}
    for message in json.loads(run.stderr or run.stdout)["messages"]:
        path = message.get("url", "").removeprefix("file:")
        name = by_file.get(path)
        if name is not None:
            found[name].append(
                {
                    "type": message.get("subType") or message["type"],
                    "line": message.get("lastLine"),
                    "message": message["message"],
                    "extract": (message.get("extract") or "").strip()[:160],
                }
            )
    return found


def lighthouse(url: str, out: Path, cpu_slowdown: float | None = None) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    extra = [] if cpu_slowdown is None else [f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}"]
    finished = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            *extra,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
            "--disable-background-networking --disable-component-update --disable-sync",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if finished.returncode:
        raise RuntimeError(f"Lighthouse failed on {url}:\n{finished.stderr[-2000:]}")
    report = json.loads(out.read_text())
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = report["audits"]
    scores["cls"] = round(audits["cumulative-layout-shift"]["numericValue"], 3)
    scores["lcp_ms"] = round(audits["largest-contentful-paint"]["numericValue"])
    scores["tbt_ms"] = round(audits["total-blocking-time"]["numericValue"])
    # Lighthouse's own measure of this machine's speed at the time (a quiet desktop: 1500+).
    scores["benchmark_index"] = round(report["environment"]["benchmarkIndex"])
    scores["cpu_slowdown"] = report["configSettings"]["throttling"]["cpuSlowdownMultiplier"]
    # What kept a category below 100: the failing audits by their title.
    scores["failing"] = sorted(
        {
            audits[ref["id"]]["title"]
            for name in CATEGORIES
            for ref in report["categories"][name]["auditRefs"]
            if ref.get("weight", 0) > 0
            and audits[ref["id"]].get("score") is not None
            and audits[ref["id"]]["score"] < 0.9
        }
    )
    return scores


def calibrated_slowdown(benchmark_index: float) -> float:
    """The CPU slowdown that brings this machine near the phone Lighthouse emulates.

    Lighthouse's default 4x assumes a fast desktop (benchmark index around 1500 and more); on a
    shared, loaded machine the index drops far below that, and a 4x slowdown on top emulates a
    phone several times slower than the one meant. Scaled linearly, between 1x and 4x.
    """
    return round(min(4.0, max(1.0, 4.0 * benchmark_index / 1500)), 2)


def median_scores(runs: list[dict]) -> dict:
    if len(runs) == 1:
        return runs[0]
    merged = {key: statistics.median(run[key] for run in runs) for key in [*CATEGORIES, "cls"]}
    merged["lcp_ms"] = statistics.median(run["lcp_ms"] for run in runs)
    merged["tbt_ms"] = statistics.median(run["tbt_ms"] for run in runs)
    merged["benchmark_index"] = statistics.median(run["benchmark_index"] for run in runs)
    merged["cpu_slowdown"] = statistics.median(run["cpu_slowdown"] for run in runs)
    merged["failing"] = sorted({title for run in runs for title in run["failing"]})
    merged["runs"] = [{key: run[key] for key in [*CATEGORIES, "cls"]} for run in runs]
    return merged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8710)
    parser.add_argument("--lighthouse", choices=["all", "key", "none"], default="key")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument(
        "--cpu-slowdown",
        default="4",
        help="Lighthouse's CPU slowdown: a number (4 is its default), or 'auto' to scale it to "
        "the benchmark index Lighthouse measures on this machine (see calibrated_slowdown)",
    )
    parser.add_argument("--keep", help="write the fetched pages and reports into this folder")
    parser.add_argument(
        "--var",
        help="the demo's folder (database, media, cache); kept, and reused when it exists: "
        "a second run skips migrate and demo",
    )
    parser.add_argument(
        "--output",
        default=str(ROOT / "bench" / "results" / "lighthouse.json"),
        help="the JSON results",
    )
    args = parser.parse_args()
    if not VNU.exists() or not LIGHTHOUSE.exists():
        sys.exit("Install the tools first: cd bench/lighthouse && npm ci")

    with tempfile.TemporaryDirectory(prefix="newsdesk-lighthouse-") as tmp:
        reuse = bool(args.var) and Path(args.var, "newsdesk.sqlite3").exists()
        if args.var:
            tmp = args.var
            Path(tmp).mkdir(parents=True, exist_ok=True)
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        url = f"http://127.0.0.1:{args.port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
            "NEWSDESK_VAR_DIR": tmp,
            "NEWSDESK_BASE_URL": url,
            "SECRET_KEY": "lighthouse-bench-only",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "NEWSDESK_SERVE_MEDIA": "true",
            "CACHE_URL": f"file://{tmp}/cache",
            "STATIC_ROOT": f"{tmp}/static",
            "MEDIA_ROOT": f"{tmp}/media",
        }
        env.pop("DATABASE_URL", None)
        if not reuse:
            print("migrating and loading the demo data ...", flush=True)
            newsdesk(env, "migrate", "--noinput", "-v0")
            newsdesk(env, "demo")
        # Pages rendered by an earlier run may show older templates.
        shutil.rmtree(Path(tmp, "cache"), ignore_errors=True)
        newsdesk(env, "collectstatic", "--noinput", "-v0")
        pages = json.loads(newsdesk(env, "shell", "-c", PAGES).strip().splitlines()[-1])
        server = makeserve.start(args.port, env)
        results: dict[str, dict] = {}
        try:
            makeserve.wait_until_healthy(url)
            files = {}
            for name, path in pages.items():
                status, body = fetch(url + path)
                files[name] = folder / f"{name}.html"
                files[name].write_bytes(body)
                results[name] = {"path": path, "status": status}
            print(f"Nu HTML Checker over {len(files)} pages ...", flush=True)
            for name, messages in check_html(files).items():
                results[name]["nu_errors"] = [
                    m for m in messages if m["type"] in ("error", "fatal")
                ]
                results[name]["nu_warnings"] = [m for m in messages if m["type"] == "warning"]
            measured = [
                name
                for name in pages
                if args.lighthouse == "all" or (args.lighthouse == "key" and name in KEY_PAGES)
            ]
            for name in measured:
                print(f"Lighthouse (mobile) on {name} ...", flush=True)
                runs = []
                for run in range(args.runs):
                    report = folder / f"{name}-{run}.json"
                    if args.cpu_slowdown == "auto":
                        probe = lighthouse(url + pages[name], report)
                        slowdown = calibrated_slowdown(probe["benchmark_index"])
                        result = (
                            probe
                            if slowdown == 4
                            else lighthouse(url + pages[name], report, slowdown)
                        )
                    else:
                        result = lighthouse(url + pages[name], report, float(args.cpu_slowdown))
                    runs.append(result)
                results[name]["lighthouse"] = median_scores(runs)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)

    load = os.getloadavg()
    summary = {
        "load_average": [round(x, 2) for x in load],
        "cpu_slowdown": args.cpu_slowdown,
        "pages": results,
    }
    out = Path(args.output)
    out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")

    print(f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'page':<15} {'HTTP':>4} {'Nu err':>6} {'warn':>4}  perf a11y  bp  seo   CLS")
    met = True
    for name, result in results.items():
        line = f"{name:<15} {result['status']:>4} {len(result['nu_errors']):>6} "
        line += f"{len(result['nu_warnings']):>4}"
        met &= not result["nu_errors"]
        scores = result.get("lighthouse")
        if scores:
            line += "  " + " ".join(f"{scores[c]:>4}" for c in CATEGORIES)
            line += f" {scores['cls']:>5}  (CPU {scores['cpu_slowdown']}x, "
            line += f"index {scores['benchmark_index']}, TBT {scores['tbt_ms']} ms)"
            met &= all(scores[c] >= GOAL for c in CATEGORIES) and scores["cls"] < CLS_GOAL
        print(line)
        for message in result["nu_errors"]:
            print(f"    Nu error, line {message['line']}: {message['message']}")
            print(f"        {message['extract']}")
        for title in (scores or {}).get("failing", []):
            print(f"    Lighthouse: {title}")
    print(
        "\ngoals "
        + ("met" if met else "NOT met")
        + f" (each category >= {GOAL}, CLS < {CLS_GOAL}, no Nu error)"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
