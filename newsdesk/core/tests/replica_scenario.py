"""An editor's change and a reader's next page, against a real primary and a delayed standby.

Run by ``test_replica_lag.py`` in a process of its own, configured only by the environment as a
production server is (``DATABASE_URL``, ``DATABASE_REPLICA_URLS``). Prints one JSON object.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
django.setup()

from django.conf import settings  # noqa: E402

# Static files are not collected for this run: plain URLs instead of the hashed manifest.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.core.cache import cache  # noqa: E402
from django.db import ProgrammingError, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils.html import escape  # noqa: E402

from newsdesk.articles.tests.factories import (  # noqa: E402
    ArticleFactory,
    AuthorFactory,
    TopicFactory,
)
from newsdesk.core import replicas  # noqa: E402


def replica_has(article_id: int, headline: str, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with connections["replica_0"].cursor() as cursor:
                cursor.execute("SELECT headline FROM articles_article WHERE id = %s", [article_id])
                row = cursor.fetchone()
        except ProgrammingError:  # the standby has not replayed the migrations yet
            connections["replica_0"].close()
            row = None
        if row and row[0] == headline:
            return True
        time.sleep(0.2)
    return False


def read(client: Client, url: str) -> dict:
    with CaptureQueriesContext(connections["replica_0"]) as on_replica:
        response = client.get(url)
    return {
        "status": response.status_code,
        "body": response.content.decode(),
        "replica_queries": len(on_replica),
    }


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    result: dict = {}
    article = ArticleFactory(headline="Wann kommt das neue Tablet?")
    result["replica_caught_up"] = replica_has(article.pk, article.headline)
    client = Client()
    url = article.get_absolute_url()

    before = read(client, url)
    result["before"] = {
        "status": before["status"],
        "old_headline": escape("Wann kommt das neue Tablet?") in before["body"],
        "replica_queries": before["replica_queries"],
    }

    # The editor's save, as the newsroom makes it: the change commits on the primary and the
    # pipeline invalidates the page; the write request then marks the primary's WAL position.
    article.headline = "Das neue Tablet kommt im März"
    article.save()
    replicas.note_change()

    after = read(client, url)
    result["right_after_change"] = {
        "status": after["status"],
        "new_headline": escape(article.headline) in after["body"],
        "replica_queries": after["replica_queries"],
    }
    result["replica_still_old"] = not replica_has(article.pk, article.headline, timeout=0.01)

    # Once the standby has replayed the change, readers are served from it again.
    replica_has(article.pk, article.headline)
    time.sleep(1)
    cache.clear()
    later = read(client, url)
    result["after_replay"] = {
        "status": later["status"],
        "new_headline": escape(article.headline) in later["body"],
        "replica_queries": later["replica_queries"],
    }

    # A standby further behind than the lag limit leaves the rotation, and comes back by itself.
    settings.NEWSDESK_REPLICA_MAX_LAG = 1
    settings.NEWSDESK_REPLICA_RETRY_AFTER = 2
    settings.NEWSDESK_REPLICA_CHECK_INTERVAL = 0
    article.headline = "Das neue Tablet kommt im April"
    article.save()
    time.sleep(1.5)
    cache.clear()  # no change mark: only the lag check protects this reader
    lagging = read(client, url)
    result["while_lagging"] = {
        "new_headline": escape(article.headline) in lagging["body"],
        "replica_queries": lagging["replica_queries"],
        "in_rotation": replicas.in_rotation("replica_0"),
    }
    replica_has(article.pk, article.headline)
    time.sleep(2.5)
    cache.clear()
    back = read(client, url)
    result["back"] = {
        "new_headline": escape(article.headline) in back["body"],
        "replica_queries": back["replica_queries"],
    }
    print(json.dumps(result))


def outage() -> None:
    """Readers while the standby is down: every page answers, the log says it once."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger("newsdesk.replicas").addHandler(handler)
    client = Client()
    statuses = []
    # Another process made rows with the factories' first numbers in this database already.
    for factory_class in (ArticleFactory, AuthorFactory, TopicFactory):
        factory_class.reset_sequence(1000)
    for article in ArticleFactory.create_batch(3):
        statuses.append(client.get(article.get_absolute_url()).status_code)
    statuses.append(client.get("/").status_code)
    taken_out = [r for r in records if "taken out of the rotation" in r.getMessage()]
    print(json.dumps({"statuses": statuses, "taken_out_logged": len(taken_out)}))


if __name__ == "__main__":
    outage() if sys.argv[1:] == ["outage"] else main()
