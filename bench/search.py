#!/usr/bin/env python3
"""Search and related-article benchmarks: ``.venv/bin/python bench/search.py``.

For each backend (SQLite FTS5 in a temporary file, PostgreSQL in ``--postgres``, which is
dropped and recreated) it loads the demo newsroom and a synthetic newsroom of
``--judged-articles`` articles, builds the index, and measures

- relevance over the judged queries of ``bench/search_judged.json`` (demo and synthetic):
  MRR and nDCG@10 of newsdesk search, and of a WordPress-style SQL LIKE baseline;
- related articles: the share of sampled product articles whose product's review is among
  their top 3 suggestions;

then grows the synthetic newsroom to ``--articles`` and measures search and suggest latency
(p50/p95 over the judged queries and their typed prefixes) and the index update on publish.
Prints every figure and writes ``bench/results/search.json`` and ``bench/results/search.md``.
Only local databases are touched; nothing listens on the network.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
NEWSDESK = ROOT / ".venv" / "bin" / "newsdesk"
PYTHON = ROOT / ".venv" / "bin" / "python"
JUDGED = BENCH / "search_judged.json"
RESULTS = BENCH / "results"


# ---------------------------------------------------------------------------------------------
# Orchestration (outside Django)


def run(args: list[str], env: dict) -> None:
    print("$", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], env=env, cwd=ROOT, check=True, timeout=7200)


def recreate_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def orchestrate(options: argparse.Namespace) -> None:
    results = {}
    with keep_or_temporary(options.keep) as folder:
        for backend in options.backends.split(","):
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
                "NEWSDESK_VAR_DIR": folder,
                "CACHE_URL": "locmem://",
                "NEWSDESK_PAGE_CACHE": "false",
            }
            if backend == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{folder}/search-bench.sqlite3"
            else:
                recreate_postgres(options.postgres)
                env["DATABASE_URL"] = options.postgres
            run([NEWSDESK, "migrate", "--noinput", "-v0"], env)
            run([NEWSDESK, "demo"], env)
            run([NEWSDESK, "generate", "--articles", options.judged_articles, "-v0"], env)
            run([NEWSDESK, "search-reindex", "-v0"], env)
            output = Path(folder) / f"{backend}.json"
            run(
                [
                    PYTHON,
                    __file__,
                    "--measure",
                    "relevance",
                    "--output",
                    output,
                    "--related-sample",
                    options.related_sample,
                ],
                env,
            )
            relevance = json.loads(output.read_text())
            if options.articles > options.judged_articles:
                started = time.perf_counter()
                run([NEWSDESK, "generate", "--articles", options.articles, "-v0"], env)
                run([NEWSDESK, "search-reindex", "-v0"], env)
                relevance["grow_seconds"] = round(time.perf_counter() - started, 1)
            run(
                [PYTHON, __file__, "--measure", "speed", "--output", output]
                + ["--rounds", options.rounds],
                env,
            )
            results[backend] = {**relevance, **json.loads(output.read_text())}
    RESULTS.mkdir(exist_ok=True)
    report = {
        "articles": options.articles,
        "judged_articles": options.judged_articles,
        "backends": results,
    }
    (RESULTS / f"{options.results}.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / f"{options.results}.md").write_text(markdown(report))
    print(markdown(report))


@contextlib.contextmanager
def keep_or_temporary(keep: str | None):
    """The databases' folder: kept for re-measuring (``--keep``) or thrown away after."""
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="newsdesk-search-bench-") as folder:
        yield folder


def markdown(report: dict) -> str:
    lines = [
        f"Relevance over the judged set (synthetic newsroom of {report['judged_articles']:,} "
        "articles plus the demo newsroom); speed at "
        f"{report['articles']:,} synthetic articles.",
        "",
        "| backend | queries | MRR | nDCG@10 | LIKE MRR | LIKE nDCG@10 | search p50 / p95 ms "
        "| suggest p50 / p95 ms | index update p95 ms | review in top 3 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in report["backends"].items():
        lines.append(
            f"| {name} | {r['queries']} | {r['mrr']:.3f} | {r['ndcg10']:.3f} | "
            f"{r['like_mrr']:.3f} | {r['like_ndcg10']:.3f} | "
            f"{r['search_p50_ms']:.1f} / {r['search_p95_ms']:.1f} | "
            f"{r['suggest_p50_ms']:.1f} / {r['suggest_p95_ms']:.1f} | "
            f"{r['index_update_p95_ms']:.1f} | "
            f"{r['review_top3_share']:.1%} of {r['review_top3_sample']} |"
        )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Measurements (inside Django)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def judged_queries() -> list[dict]:
    return json.loads(JUDGED.read_text())["queries"]


def ndcg(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    gain = sum(
        (2 ** grades.get(slug, 0) - 1) / math.log2(position + 2)
        for position, slug in enumerate(ranked[:k])
    )
    ideal_grades = sorted(grades.values(), reverse=True)[:k]
    ideal = sum((2**g - 1) / math.log2(p + 2) for p, g in enumerate(ideal_grades))
    return gain / ideal if ideal else 0.0


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    for position, slug in enumerate(ranked):
        if grades.get(slug, 0) > 0:
            return 1 / (position + 1)
    return 0.0


def like_baseline(text: str, limit: int = 10) -> list[str]:
    """WordPress core search: every word in title, excerpt or content (LIKE), title matches
    of the whole phrase first, then newest first."""
    from django.db.models import Case, IntegerField, Q, Value, When

    from newsdesk.articles.models import Article

    queryset = Article.objects.published()
    for word in text.split():
        queryset = queryset.filter(
            Q(headline__icontains=word) | Q(teaser__icontains=word) | Q(body__icontains=word)
        )
    queryset = queryset.annotate(
        title_match=Case(
            When(headline__icontains=text, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("-title_match", "-published_at")
    return list(queryset.values_list("slug", flat=True)[:limit])


def measure_relevance(options: argparse.Namespace) -> dict:
    from newsdesk.search import service

    mrr, ndcgs, like_mrr, like_ndcgs = [], [], [], []
    for item in judged_queries():
        grades = item["relevant"]
        results = service.search(item["query"])
        top = service.SearchResults.articles_for(results.ranked[:10])
        ranked = [r.article.slug for r in top]
        baseline = like_baseline(item["query"])
        mrr.append(reciprocal_rank(ranked, grades))
        ndcgs.append(ndcg(ranked, grades))
        like_mrr.append(reciprocal_rank(baseline, grades))
        like_ndcgs.append(ndcg(baseline, grades))
    return {
        "queries": len(mrr),
        "mrr": statistics.mean(mrr),
        "ndcg10": statistics.mean(ndcgs),
        "like_mrr": statistics.mean(like_mrr),
        "like_ndcg10": statistics.mean(like_ndcgs),
        **measure_related(options.related_sample),
    }


def measure_related(sample: int) -> dict:
    """Share of product articles whose product's review is in their top 3 suggestions."""
    from newsdesk.articles.models import Article
    from newsdesk.related import scoring

    reviews: dict[int, set[int]] = {}
    for pk, product in (
        Article.objects.published().filter(kind=Article.Kind.REVIEW).values_list("pk", "products")
    ):
        if product:
            reviews.setdefault(product, set()).add(pk)
    candidates = list(
        Article.objects.published()
        .exclude(kind=Article.Kind.REVIEW)
        .filter(products__in=list(reviews))
        .values_list("pk", "products")
    )
    rng = random.Random(2026)
    chosen = rng.sample(candidates, min(sample, len(candidates)))
    hits, seconds = 0, []
    for pk, product in chosen:
        started = time.perf_counter()
        rows = scoring.refresh(pk)
        seconds.append(time.perf_counter() - started)
        top3 = {row.candidate_id for row in rows[:3]}
        hits += bool(top3 & reviews[product])
    return {
        "review_top3_share": hits / len(chosen) if chosen else 0.0,
        "review_top3_sample": len(chosen),
        "related_refresh_p95_ms": percentile(seconds, 0.95) * 1000 if seconds else 0.0,
    }


def measure_speed(rounds: int = 1) -> dict:
    from django.db import connection

    from newsdesk.articles.models import Article
    from newsdesk.search import indexing, service

    queries = [item["query"] for item in judged_queries()]

    def first_page(text: str) -> None:
        results = service.search(text)
        service.SearchResults.articles_for(results.ranked[:20])

    for text in queries[:10]:  # warm caches (synonyms, products, vocabulary, page cache of DB)
        first_page(text)
    # Each query is asked ``rounds`` times, the rounds one after another, so that a burst of
    # load from elsewhere on the machine falls on different queries each round.
    search_times = []
    for _round in range(rounds):
        for text in queries:
            started = time.perf_counter()
            first_page(text)
            search_times.append(time.perf_counter() - started)
    prefixes = [text[:length] for text in queries for length in range(3, len(text) + 1, 2)]
    suggest_times = []
    for prefix in prefixes:
        started = time.perf_counter()
        service.suggest(prefix)
        suggest_times.append(time.perf_counter() - started)
    # Index update on publish: what the publishing pipeline does for a saved article
    # (publishing.follow.update_search: analysis and entry write).
    article_type = next(ct for ct in indexing.searchable_types() if ct.model is Article)
    update_times = []
    for pk in Article.objects.published().order_by("?").values_list("pk", flat=True)[:50]:
        started = time.perf_counter()
        indexing.index(article_type, pk)
        update_times.append(time.perf_counter() - started)
    return {
        "vendor": connection.vendor,
        "indexed_articles": Article.objects.published().count(),
        "search_rounds": rounds,
        "search_p50_ms": statistics.median(search_times) * 1000,
        "search_p95_ms": percentile(search_times, 0.95) * 1000,
        "suggest_requests": len(suggest_times),
        "suggest_p50_ms": statistics.median(suggest_times) * 1000,
        "suggest_p95_ms": percentile(suggest_times, 0.95) * 1000,
        "index_update_p50_ms": statistics.median(update_times) * 1000,
        "index_update_p95_ms": percentile(update_times, 0.95) * 1000,
    }


def measure(options: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if options.measure == "relevance":
        result = measure_relevance(options)
    else:
        result = measure_speed(options.rounds)
    print(json.dumps(result, indent=2), flush=True)
    Path(options.output).write_text(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--articles", type=int, default=100_000, help="Size for the speed runs.")
    parser.add_argument(
        "--judged-articles",
        type=int,
        default=20_000,
        help="Size the judged set was made for (do not change without re-judging).",
    )
    parser.add_argument("--related-sample", type=int, default=300)
    parser.add_argument(
        "--rounds", type=int, default=3, help="Times each search query is timed (default 3)."
    )
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="Keep the SQLite database in DIR (PostgreSQL keeps its own), to re-measure with "
        "--measure speed after a change.",
    )
    parser.add_argument(
        "--results", default="search", help="Name of the files in bench/results/ (default search)."
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "SEARCH_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/newsdesk_5"
        ),
        help="Dropped and recreated!",
    )
    parser.add_argument(
        "--measure",
        choices=["relevance", "speed"],
        help="Only measure, in the database of DATABASE_URL (e.g. one kept by --keep); "
        "needs DJANGO_SETTINGS_MODULE=newsdesk.settings.base and --output.",
    )
    parser.add_argument("--output", help="Where --measure writes its JSON.")
    options = parser.parse_args()
    if options.measure:
        measure(options)
    else:
        orchestrate(options)


if __name__ == "__main__":
    main()
