"""An article planned for a moment the database is down goes live once, as soon as the database
is back, without anyone restarting the worker (issue 15).

A PostgreSQL server of the test's own (core/tests/pgcluster.py, spare ports) is really stopped
across the planned time and started again; a real ``newsdesk worker`` runs through it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import psycopg
import pytest

from newsdesk.core.tests import pgcluster

PRIMARY_PORT, STANDBY_PORT = 16010, 16011

pytestmark = pgcluster.OWN_CLUSTER_MARKS

# Runs in a process of the server's own settings: a scheduled article, due in N seconds.
PLAN_ARTICLE = """
import sys
from datetime import timedelta
import django
django.setup()
from django.utils import timezone
from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
article = ArticleFactory(
    status=Article.Status.SCHEDULED,
    published_at=timezone.now() + timedelta(seconds=float(sys.argv[1])),
)
print(article.pk, article.published_at.isoformat())
"""


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture(scope="module")
def own_database() -> Iterator[tuple[pgcluster.PrimaryWithStandby, dict[str, str]]]:
    with pgcluster.PrimaryWithStandby(PRIMARY_PORT, STANDBY_PORT) as cluster:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
            "DATABASE_URL": cluster.url("primary"),
            "DATABASE_CONN_MAX_AGE": "60",  # persistent connections, as in production
            "NEWSDESK_TASKS_BACKEND": "database",
            "CACHE_URL": "locmem://",
            "NEWSDESK_VAR_DIR": str(cluster.workdir / "var"),
            "SECRET_KEY": "test-only-" + "x" * 50,
        }
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "--noinput"],
            env=env,
            check=True,
            capture_output=True,
            timeout=600,
        )
        yield cluster, env


def article_row(cluster: pgcluster.PrimaryWithStandby, pk: int) -> tuple[str, int] | None:
    """The article's status and its count of schedule flips, or None while the server is away."""
    try:
        with psycopg.connect(cluster.url("primary"), connect_timeout=2) as conn:
            return conn.execute(
                "SELECT a.status, (SELECT count(*) FROM articles_articlerevision r "
                "WHERE r.article_id = a.id AND r.action = 'planmäßig veröffentlicht') "
                "FROM articles_article a WHERE a.id = %s",
                [pk],
            ).fetchone()
    except psycopg.OperationalError:
        return None


def test_an_article_due_while_the_database_is_down_goes_live_once_when_it_is_back(
    own_database, tmp_path
):
    cluster, env = own_database
    planned = subprocess.run(
        [sys.executable, "-c", PLAN_ARTICLE, "4"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    pk = int(planned.stdout.split()[0])
    log_path = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "worker", "--interval", "0.1"]
        + ["--publish-due-every", "0.2", "--lease", "2"],
        env=env,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: "takes tasks" in log_path.read_text(), 60, "the worker to start")
        cluster.stop(cluster.primary)
        try:
            time.sleep(6)  # the planned moment passes while the database is down
            assert worker.poll() is None, log_path.read_text()  # the worker waits, alive
        finally:
            cluster.start(cluster.primary)
        # The worker's reconnect pause is at most MAX_RECONNECT_WAIT (5 s) plus publish-due's.
        wait_for(
            lambda: (article_row(cluster, pk) or ("", 0))[0] == "published",
            30,
            "the article to go live after the database came back",
        )
        time.sleep(1)  # publish-due runs a few more times: nothing flips twice
        assert article_row(cluster, pk) == ("published", 1)
        logged = log_path.read_text()
        assert logged.count("Database unreachable") == 1  # said once, not per retry
        assert "Database reachable again" in logged
    finally:
        worker.terminate()
        worker.wait(timeout=30)


# A reader's side of the same restart, in a process of the server's own settings: one request
# before, one while the primary is down, then three once it is back, on persistent connections.
# The feed: a page from the database that needs no collected static files. Django's test
# client would not do: it keeps connections open whatever happened to them.
READ_THROUGH_RESTART = """
import json
from wsgiref.util import setup_testing_defaults
from django.core.wsgi import get_wsgi_application
app = get_wsgi_application()  # as a WSGI server calls it: connections closed or kept per request

def get(path):
    environ = {"PATH_INFO": path}
    setup_testing_defaults(environ)
    answer = {}
    def start_response(status, headers, exc_info=None):
        answer.update(status=int(status.split()[0]), headers=dict(headers))
    result = app(environ, start_response)
    body = b"".join(result).decode()
    result.close()
    return answer["status"], answer["headers"], body

seen = {"before": get("/feed/")[0]}
print("ready", flush=True)
input()
status, headers, body = get("/feed/")
seen["away"] = [status, headers.get("Retry-After"), "gleich wieder da" in body]
print("away", flush=True)
input()
seen["back"] = [get("/feed/")[0] for _ in range(3)]
print(json.dumps(seen), flush=True)
"""


def test_readers_get_a_plain_503_while_the_primary_restarts_and_pages_at_once_after(
    own_database,
):
    cluster, env = own_database
    reader = subprocess.Popen(
        [sys.executable, "-c", READ_THROUGH_RESTART],
        env={**env, "NEWSDESK_PAGE_CACHE": "false"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "ready", reader.stderr.read()
        cluster.stop(cluster.primary)
        try:
            reader.stdin.write("\n")
            reader.stdin.flush()
            assert reader.stdout.readline().strip() == "away"
        finally:
            cluster.start(cluster.primary)
        reader.stdin.write("\n")
        reader.stdin.flush()
        seen = json.loads(reader.stdout.readline())
    finally:
        reader.kill()
        reader.wait(timeout=30)
    assert seen["before"] == 200
    assert seen["away"] == [503, "10", True]
    # The connection the restart broke is not reused: the first request after is a page.
    assert seen["back"] == [200, 200, 200]


def test_a_standby_restarted_beside_a_quiet_primary_is_not_taken_for_lagging(own_database):
    """After its restart the standby streams from the start of a WAL segment, behind what it has
    replayed; with no new writes the last replayed transaction ages, but nothing is missing."""
    from newsdesk.core.replicas import _LAG_SQL

    cluster, _env = own_database
    cluster.stop(cluster.standby)
    cluster.start(cluster.standby)
    time.sleep(7)  # longer than NEWSDESK_REPLICA_MAX_LAG (5 s) without a write on the primary
    with psycopg.connect(cluster.url("standby")) as standby:
        lag, replayed = standby.execute(_LAG_SQL, ["0/0"]).fetchone()
    assert float(lag) == 0 and replayed
