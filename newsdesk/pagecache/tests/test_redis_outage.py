"""Issue 15: readers get pages while Redis is stopped, slow, or back after an outage.

Each test starts a Redis of its own on a free port (``redis-server --save ''``), never the
machine's, and stops it at the end, whatever happened.
"""

from __future__ import annotations

import logging
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.test import override_settings

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.core.resilient_cache import _breakers
from newsdesk.settings.env import cache_from_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """A throwaway redis-server that a test may stop, start, freeze and thaw."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=2)

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(200):
            try:
                self.client().ping()
                return
            except redis.ConnectionError:
                time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def freeze(self) -> None:
        """Hang: connections are accepted by the kernel, nothing answers; data stays."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.thaw()
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def own_redis():
    server = OwnRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def site_on(own_redis, client):
    """The site with its page cache in ``own_redis``; the breaker retries on every request,
    so that the tests need not wait for its interval."""
    config = cache_from_url(
        own_redis.url,
        name=f"outage-{own_redis.port}",
        local_copies=50,
        on_recovery="newsdesk.pagecache.store.repair_after_outage",
        # Long enough that a busy test machine is not taken for an outage, short enough that
        # the frozen Redis costs a few seconds.
        socket_timeout_ms=300,
    )
    config["OPTIONS"]["RETRY_INTERVAL"] = 0
    caches = {
        "default": config,
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    _breakers.clear()
    with override_settings(CACHES=caches, NEWSDESK_PAGE_CACHE=True):
        yield client
    _breakers.clear()


def read(client, path: str) -> tuple[int, str, str]:
    response = client.get(path)
    return response.status_code, response.get("X-Cache", ""), response.content.decode()


def test_readers_get_pages_while_redis_is_stopped_and_after_it_restarts(
    site_on, own_redis, caplog, django_capture_on_commit_callbacks
):
    article = ArticleFactory(headline="Lumio Aurora X3 im Test")
    url = article.get_absolute_url()
    read(site_on, url)
    assert read(site_on, "/")[0] == 200
    assert read(site_on, url)[1] == "HIT"

    own_redis.stop()
    with caplog.at_level(logging.WARNING, logger="newsdesk.cache"):
        answers = [read(site_on, url) for _ in range(20)] + [read(site_on, "/")]
        # The page this process saw before is served from its local copy; the rest render.
        assert {status for status, _, _ in answers} == {200}
        assert answers[0][1] == "HIT"
        assert all("Lumio Aurora X3 im Test" in page for _, _, page in answers[:-1])

        # An edit while Redis is away reaches readers at once.
        with django_capture_on_commit_callbacks(execute=True):
            article.headline = "Lumio Aurora X3: Nachtest"
            article.save()
        assert "Lumio Aurora X3: Nachtest" in read(site_on, url)[2]

        own_redis.start()
        assert read(site_on, url)[0] == 200
        assert read(site_on, url)[1] == "HIT"  # stored in Redis again
    messages = [record.getMessage() for record in caplog.records]
    assert len([m for m in messages if "unreachable" in m]) == 1
    assert len([m for m in messages if "reachable again" in m]) == 1


def test_an_edit_made_while_redis_hung_is_not_undone_when_it_answers_again(
    site_on, own_redis, django_capture_on_commit_callbacks
):
    """Redis keeps its data through a hang; the page it holds from before must not return."""
    article = ArticleFactory(headline="Alte Überschrift")
    url = article.get_absolute_url()
    read(site_on, url)
    assert read(site_on, url)[1] == "HIT"

    own_redis.freeze()
    try:
        assert read(site_on, url)[0] == 200  # a short socket timeout, then the local copy
        with django_capture_on_commit_callbacks(execute=True):
            article.headline = "Neue Überschrift"
            article.save()
        status, _, page = read(site_on, url)
        assert status == 200 and "Neue Überschrift" in page
    finally:
        own_redis.thaw()

    status, _, page = read(site_on, url)
    assert status == 200
    assert "Neue Überschrift" in page and "Alte Überschrift" not in page
