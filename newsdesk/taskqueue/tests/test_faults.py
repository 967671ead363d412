"""Real worker processes on PostgreSQL (issue 15): a worker killed mid-task, the database
dropping every connection, two workers publishing on schedule, a graceful stop.

Skipped on SQLite: the test database there lives in this process's memory, where no other
process can reach it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsdesk.articles.models import Article, ArticleRevision
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.taskqueue.models import CompletedStep
from newsdesk.taskqueue.tasks import ping

from .probe_tasks import two_steps

pytestmark = [pytest.mark.real_queue, pytest.mark.django_db(transaction=True)]

LEASE = "2"  # seconds: a killed worker's task is taken over quickly


def wait_for(condition, timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def status(result) -> str:
    return DBTaskResult.objects.get(pk=result.id).status


# The workers' sessions carry this name, so that a "restart" cuts them and nothing else: the
# test run's own connections of this database (a live server's, a replica alias's) stay usable.
WORKER_APP_NAME = "newsdesk-fault-test-worker"


def drop_every_other_connection() -> int:
    """What the workers see of a database restart: every session they hold is cut."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND application_name = %s",
            [WORKER_APP_NAME],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def worker_env(real_queue, tmp_path) -> dict[str, str]:
    if connection.vendor != "postgresql":
        pytest.skip("worker processes need a database server; this run uses in-memory SQLite")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": "60",  # persistent connections, as in production
        "NEWSDESK_TASKS_BACKEND": "database",
        "CACHE_URL": "locmem://",
        "NEWSDESK_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": "test-only-" + "x" * 50,
        "PGAPPNAME": WORKER_APP_NAME,  # read by libpq, so psycopg names every worker session
    }


@pytest.fixture
def workers(worker_env, tmp_path):
    """Starts ``newsdesk worker`` processes; each is killed at the end if still running."""
    started: list[subprocess.Popen] = []

    def start(name: str, *options: str) -> subprocess.Popen:
        log = (tmp_path / f"{name}.log").open("w")
        process = subprocess.Popen(
            [sys.executable, "-m", "newsdesk.cli", "worker", "--worker-id", name]
            + ["--interval", "0.1", "--lease", LEASE, "--publish-due-every", "0", *options],
            env=worker_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def test_a_task_whose_worker_is_killed_mid_task_is_done_exactly_once_by_another(workers, tmp_path):
    log = tmp_path / "steps.log"
    hold = Path(f"{log}.hold")
    hold.touch()
    result = two_steps.enqueue("killed", str(log))
    first = workers("first")
    wait_for(lambda: CompletedStep.objects.filter(key="killed:1").exists(), what="step 1")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    hold.unlink()

    workers("second")
    wait_for(lambda: status(result) == TaskResultStatus.SUCCESSFUL, what="the task")

    assert log.read_text() == "1\n2\n"
    assert DBTaskResult.objects.get(pk=result.id).worker_ids == ["first", "second"]


def test_a_worker_goes_on_after_the_database_dropped_its_connections(workers):
    worker = workers("steady")
    before = ping.enqueue()
    wait_for(lambda: status(before) == TaskResultStatus.SUCCESSFUL, what="the first ping")

    assert drop_every_other_connection() >= 1  # the worker's loop and its heartbeat
    after = ping.enqueue()
    wait_for(lambda: status(after) == TaskResultStatus.SUCCESSFUL, 20, "a ping after the drop")
    assert worker.poll() is None


def test_an_idle_worker_takes_a_new_task_at_once_not_at_its_next_look(workers):
    # A purge queued by an editor's save should reach Varnish now, not a look later.
    workers("listening", "--interval", "60")
    first = ping.enqueue()
    wait_for(lambda: status(first) == TaskResultStatus.SUCCESSFUL, what="the first ping")
    time.sleep(0.5)  # the worker is waiting for its next look, a minute away
    second = ping.enqueue()
    wait_for(lambda: status(second) == TaskResultStatus.SUCCESSFUL, 15, "the second ping")
    # Still heard after the database cut its connection (the worker listens again).
    assert drop_every_other_connection() >= 1
    time.sleep(0.5)
    third = ping.enqueue()
    wait_for(lambda: status(third) == TaskResultStatus.SUCCESSFUL, 20, "a ping after the drop")


def test_a_task_running_while_the_database_drops_connections_is_finished_once(workers, tmp_path):
    log = tmp_path / "steps.log"
    hold = Path(f"{log}.hold")
    hold.touch()
    result = two_steps.enqueue("dropped", str(log))
    worker = workers("steady")
    wait_for(lambda: CompletedStep.objects.filter(key="dropped:1").exists(), what="step 1")
    drop_every_other_connection()
    hold.unlink()
    # Step 2 meets a dead connection: the attempt fails and comes back after its wait.
    wait_for(lambda: status(result) != TaskResultStatus.RUNNING, 20, "the attempt to end")
    DBTaskResult.objects.filter(pk=result.id, status=TaskResultStatus.READY).update(
        run_after=timezone.now()
    )
    wait_for(lambda: status(result) == TaskResultStatus.SUCCESSFUL, 20, "the task")
    assert log.read_text() == "1\n2\n"
    assert worker.poll() is None


def test_a_scheduled_article_is_published_once_by_two_workers_after_a_database_drop(workers):
    article = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(seconds=4)
    )
    workers("a", "--publish-due-every", "0.2")
    workers("b", "--publish-due-every", "0.2")
    time.sleep(2)
    drop_every_other_connection()

    wait_for(
        lambda: Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED,
        20,
        "the article to go live",
    )
    time.sleep(1)  # both workers run publish-due a few more times
    flips = ArticleRevision.objects.filter(article=article, action="planmäßig veröffentlicht")
    assert flips.count() == 1


def test_sigterm_lets_the_running_task_finish_before_the_worker_exits(workers, tmp_path):
    log = tmp_path / "steps.log"
    hold = Path(f"{log}.hold")
    hold.touch()
    result = two_steps.enqueue("graceful", str(log))
    worker = workers("graceful")
    wait_for(lambda: CompletedStep.objects.filter(key="graceful:1").exists(), what="step 1")
    worker.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    assert worker.poll() is None  # still finishing the task
    hold.unlink()
    assert worker.wait(timeout=20) == 0
    assert status(result) == TaskResultStatus.SUCCESSFUL
    assert log.read_text() == "1\n2\n"


def test_tasks_ping_answers_when_a_worker_runs(workers, worker_env):
    workers("pinged")
    answer = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "tasks", "ping", "--timeout", "20"],
        env=worker_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert answer.returncode == 0, answer.stdout + answer.stderr
    assert "pong nach" in answer.stdout
