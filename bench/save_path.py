"""What one editor save costs: queries, purges, search-index writes and related recomputes.

    .venv/bin/python bench/save_path.py [--articles 5] [--tasks database|immediate]

Builds a throwaway SQLite newsroom in a temporary folder (test settings, the page cache on,
purges recorded instead of sent), then saves one article through the newsroom's admin form as
an editor does: the headline edited and one of its topics swapped for another. The save runs
in autocommit, so the commit and everything that follows it (index, related refresh, purge)
is inside the measurement. With ``--tasks database`` (the default, as ``make run`` and
production run) the related refresh and the purge are queued for ``newsdesk worker`` and the
request only enqueues them; ``--tasks immediate`` runs them inside the request, as the test
settings do. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

VAR = tempfile.mkdtemp(prefix="newsdesk-save-path-")
os.environ["NEWSDESK_VAR_DIR"] = VAR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from newsdesk.pagecache.purge import Purger  # noqa: E402


class CountingPurger(Purger):
    sent: list[tuple[list[str], bool]] = []

    def purge(self, keys, *, hard=False) -> None:  # the signature of both pipeline versions
        CountingPurger.sent.append((sorted(set(keys)), hard))


def build(articles: int):
    from newsdesk.articles.models import Article
    from newsdesk.articles.tests.factories import ArticleFactory, TopicFactory
    from newsdesk.commerce.tests.factories import ProductFactory
    from newsdesk.newsroom.groups import EDITOR
    from newsdesk.newsroom.tests.helpers import newsroom_user

    phones, android, tablets = (TopicFactory(name=n) for n in ("Smartphones", "Android", "Tablets"))
    product = ProductFactory(name="Galaxy S7")
    made = []
    for number in range(articles):
        kind = Article.Kind.REVIEW if number % 2 else Article.Kind.NEWS
        article = ArticleFactory(
            headline=f"Galaxy S7: Folge {number}", kind=kind, topics=[phones, android]
        )
        article.products.add(product)
        made.append(article)
    return made[0], android, tablets, newsroom_user(EDITOR, "bench-editor")


def task_ids() -> set:
    from django_tasks_db.models import DBTaskResult

    return set(DBTaskResult.objects.values_list("pk", flat=True))


def queued(before: set, path: str) -> int:
    """Tasks of ``path`` enqueued in the database since ``before`` (none when immediate)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=path).exclude(pk__in=before).count()


def measure(articles: int) -> dict:
    from newsdesk.newsroom.tests.helpers import form_data
    from newsdesk.related import scoring
    from newsdesk.search import indexing

    call_command("migrate", verbosity=0)
    article, old_topic, new_topic, editor = build(articles)
    client = Client()
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(change).content.decode(), "article_form")
    topics = [t for t in data.get("topics", []) if t != str(old_topic.pk)]
    data.update(
        {"headline": "Galaxy S7 wird doch nicht teurer", "topics": [*topics, str(new_topic.pk)]}
    )

    counts = {"search_writes": 0, "related_recomputes": 0}
    store, remove, refresh = indexing.store, indexing.remove, scoring.refresh

    related_queries = [0]

    def counted(name, func):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            before = len(connection.queries_log)
            try:
                return func(*args, **kwargs)
            finally:
                if name == "related_recomputes":
                    related_queries[0] += len(connection.queries_log) - before

        return wrapper

    indexing.store = counted("search_writes", store)
    indexing.remove = counted("search_writes", remove)
    scoring.refresh = counted("related_recomputes", refresh)
    CountingPurger.sent.clear()
    start_tasks = task_ids()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(change, data)
    seconds = time.perf_counter() - started
    assert response.status_code == 302, response.content.decode()[:2000]
    if os.environ.get("SAVE_PATH_QUERIES"):  # every query, to see where they go
        for query in queries.captured_queries:
            print(query["sql"][:160], file=sys.stderr)
    return {
        "articles": articles,
        "queries": len(queries),
        # Queries of the related recompute, which the task queue moves out of the request.
        "related_queries": related_queries[0],
        "queries_without_related": len(queries) - related_queries[0],
        # Purges sent in the request, and purge tasks queued for the worker.
        "purges": len(CountingPurger.sent),
        "purges_queued": queued(start_tasks, "newsdesk.pagecache.tasks.purge_keys"),
        "related_refreshes_queued": queued(start_tasks, "newsdesk.related.tasks.refresh_articles"),
        "purged_keys": sum(len(keys) for keys, _hard in CountingPurger.sent),
        **counts,
        "seconds": round(seconds, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--tasks", choices=("database", "immediate"), default="database")
    args = parser.parse_args()
    setup_test_environment()  # the test client's host name, locmem mail
    from django.conf import settings

    with override_settings(
        NEWSDESK_PAGE_CACHE=True,
        NEWSDESK_PURGE_BACKEND="__main__.CountingPurger",
        TASKS={"default": {"BACKEND": settings.TASK_BACKENDS[args.tasks]}},
    ):
        print(json.dumps({"tasks": args.tasks, **measure(args.articles)}))


if __name__ == "__main__":
    main()
