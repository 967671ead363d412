"""`make run` starts a task worker with gunicorn and stops it with gunicorn."""

from __future__ import annotations

import logging
import subprocess
import time

from newsdesk.taskqueue import embedded


class FakeArbiter:
    log = logging.getLogger("gunicorn-test")


def test_no_worker_when_tasks_run_where_they_are_enqueued(monkeypatch):
    monkeypatch.setenv("NEWSDESK_TASKS_BACKEND", "immediate")
    monkeypatch.setitem(embedded._state, "process", None)
    embedded.on_starting(FakeArbiter())
    assert embedded._state["process"] is None


def test_the_worker_starts_with_gunicorn_and_stops_with_it(monkeypatch):
    monkeypatch.setenv("NEWSDESK_TASKS_BACKEND", "database")
    monkeypatch.setattr(embedded, "_start", lambda server: subprocess.Popen(["sleep", "60"]))
    monkeypatch.setitem(embedded._state, "stopping", False)
    embedded.on_starting(FakeArbiter())
    process = embedded._state["process"]
    assert process.poll() is None
    started = time.monotonic()
    embedded.on_exit(FakeArbiter())
    assert process.wait(timeout=5) != 0  # terminated, not left behind
    assert time.monotonic() - started < 5
