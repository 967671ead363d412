"""In-process helpers for the benchmark: run with the bench environment, never on a real site.

    python bench/probe.py pages          the URLs the benchmark loads, as JSON
    python bench/probe.py queries URL..  queries and render time of pages without the page cache
    python bench/probe.py editor         reads "ARTICLE_ID TOKEN" lines, saves each edit as an
                                         editor would, answers one JSON line per edit; a line
                                         "unpublish ARTICLE_ID" unpublishes it as the newsroom does
    python bench/probe.py front-pages N  N published articles (newest first) and the pages
                                         showing the newest, for bench/front.py
    python bench/probe.py bake DIR [--changed] URL..  bakes these pages into DIR (``Baker``, as
                                         ``newsdesk bake [--changed]`` does, for these pages only)
    python bench/probe.py throttle IP USER  the login throttle's counters for that client
    python bench/probe.py clear-queue    deletes every task of the queue (an interrupted run's
                                         tasks would be taken up by the next run's worker)

The editor prefixes the article's headline with TOKEN through ``articles.services`` (version
check, row lock, revision, on-commit invalidation), exactly the path of the newsroom's save.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.production")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from newsdesk.articles import services  # noqa: E402
from newsdesk.articles.models import Article, RelatedArticle  # noqa: E402

TOKEN_SEPARATOR = " ~ "


def emit(data: dict) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def pages() -> None:
    """The newest article (lead of the home page, first on its topic page), its first topic,
    and an older article whose related box is made to show the newest one."""
    published = Article.objects.published().order_by("-published_at", "-pk")
    article = published.first()
    topic = article.topics.order_by("pk").first()
    neighbour = published.exclude(pk=article.pk)[50]
    RelatedArticle.objects.get_or_create(
        from_article=neighbour, to_article=article, defaults={"position": 0}
    )
    emit(
        {
            "article_id": article.pk,
            "article": article.get_absolute_url(),
            "topic": topic.get_absolute_url(),
            "home": "/",
            "related_id": neighbour.pk,
            "related": neighbour.get_absolute_url(),
            "articles": Article.objects.published().count(),
        }
    )


def queries(urls: list[str], repeat: int = 20) -> None:
    client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=True)
    result = {}
    with override_settings(NEWSDESK_PAGE_CACHE=False):
        for url in urls:
            counts, times = [], []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}")
                counts.append(len(captured.captured_queries))
            result[url] = {
                "queries_first": counts[0],
                "queries": counts[-1],
                "render_ms_p50": round(statistics.median(times[1:]) * 1000, 2),
                "bytes": len(response.content),
                "sql": [q["sql"][:160] for q in captured.captured_queries],
            }
    emit(result)


def with_token(article_id: int, token: str) -> Article:
    """The article with ``token`` in front of its headline (replacing an earlier token)."""
    article = Article.objects.get(pk=article_id)
    base = article.headline.split(TOKEN_SEPARATOR, 1)[-1]
    article.headline = f"{token}{TOKEN_SEPARATOR}{base}"[:200]
    return article


def edit(article_id: int, token: str) -> dict:
    started = time.time()
    with CaptureQueriesContext(connection) as captured:
        with transaction.atomic():
            article = with_token(article_id, token)
            services.save_article(article, None, "Benchmark")
            services.after_related_saved(article, None, "Benchmark")
        # on_commit callbacks (cache invalidation, purge) have run when atomic() returns.
    return {
        "token": token,
        "started": started,
        "committed": time.time(),
        "queries": len(captured.captured_queries),
    }


def unpublish(article_id: int) -> dict:
    """The newsroom's "Zurückziehen": back to draft through ``articles.services``."""
    started = time.time()
    with CaptureQueriesContext(connection) as captured:
        with transaction.atomic():
            article = Article.objects.get(pk=article_id)
            services.unpublish_article(article, None)
        # The follow-up (hard purge, cached pages, baked files) has run when atomic() returns.
    return {
        "unpublished": article_id,
        "started": started,
        "committed": time.time(),
        "queries": len(captured.captured_queries),
    }


def publish(article_id: int, token: str) -> dict:
    """A draft published now through ``articles.services``, its headline carrying ``token``."""
    from django.utils import timezone

    started = time.time()
    with CaptureQueriesContext(connection) as captured:
        with transaction.atomic():
            article = with_token(article_id, token)
            services.change_status(article, None, Article.Status.PUBLISHED, timezone.now())
    return {
        "published": article_id,
        "path": article.get_absolute_url(),
        "started": started,
        "committed": time.time(),
        "queries": len(captured.captured_queries),
    }


def editor() -> None:
    connection.ensure_connection()
    emit({"ready": True})
    for line in sys.stdin:
        if not line.strip():
            continue
        first, second = line.split()
        if first == "unpublish":
            emit(unpublish(int(second)))
        elif first == "publish":
            number, token = second.split(":", 1)
            emit(publish(int(number), token))
        else:
            emit(edit(int(first), second))


def front_pages(count: int) -> None:
    published = Article.objects.published().order_by("-published_at", "-pk")
    articles = list(published[:count])
    newest = articles[0]
    topic = newest.topics.order_by("pk").first()
    emit(
        {
            "articles": [
                {"id": a.pk, "path": a.get_absolute_url(), "headline": a.headline} for a in articles
            ],
            "topic": topic.get_absolute_url(),
            "home": "/",
            "published": Article.objects.published().count(),
        }
    )


def bake(directory: str, paths: list[str]) -> None:
    """``newsdesk bake`` (``--changed`` as the first argument: ``bake --changed``) limited to
    these pages: a site of 100,000 articles takes the better part of an hour to bake whole."""
    from pathlib import Path

    from newsdesk.pagecache.bake import Baker

    changed = paths[:1] == ["--changed"]
    paths = paths[1:] if changed else paths
    report = Baker(Path(directory), jobs=1).bake(paths=paths, only_changed=changed)
    emit(
        {
            "rendered": report.rendered,
            "unchanged": report.unchanged,
            "failed": report.failed,
            "seconds": round(report.seconds, 3),
        }
    )


def throttle(client: str, username: str) -> None:
    from django.conf import settings

    from newsdesk.core import ratelimit

    rates = {
        "login-ip": (client, settings.NEWSDESK_LOGIN_IP_RATE),
        "login-account": (username, settings.NEWSDESK_LOGIN_ACCOUNT_RATE),
        "login-account-ip": (f"{username}|{client}", settings.NEWSDESK_LOGIN_RATE),
    }
    emit(
        {
            scope: ratelimit.count(scope, ident, ratelimit.Rate.parse(rate))
            for scope, (ident, rate) in rates.items()
        }
    )


def clear_queue() -> None:
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.all().delete()
    emit({"deleted": deleted})


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "pages":
        pages()
    elif command == "queries":
        queries(sys.argv[2:])
    elif command == "editor":
        editor()
    elif command == "front-pages":
        front_pages(int(sys.argv[2]))
    elif command == "bake":
        bake(sys.argv[2], sys.argv[3:])
    elif command == "throttle":
        throttle(sys.argv[2], sys.argv[3])
    elif command == "clear-queue":
        clear_queue()
    else:
        raise SystemExit(f"unknown command {command}")
