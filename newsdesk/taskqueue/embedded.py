"""Gunicorn hooks for `make run`: one task worker beside the app server, started with it,
started again if it dies, stopped with it.

Used as ``gunicorn -c python:newsdesk.taskqueue.embedded``. Production runs workers as their
own services instead (deploy/systemd/newsdesk-worker@.service), on as many machines as needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

# Not sooner than this after the last start: a worker that dies at once (a broken setting)
# must not be restarted in a tight loop.
RESTART_AFTER = 5.0

_state: dict = {"process": None, "stopping": False}


def _start(server) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "newsdesk.cli", "worker"])
    server.log.info("Task worker started (pid %s).", process.pid)
    return process


def _watch(server) -> None:
    while not _state["stopping"]:
        started = time.monotonic()
        code = _state["process"].wait()
        if _state["stopping"]:
            return
        server.log.warning("Task worker exited with %s; starting another.", code)
        time.sleep(max(0.0, RESTART_AFTER - (time.monotonic() - started)))
        if not _state["stopping"]:
            _state["process"] = _start(server)


def on_starting(server) -> None:
    if os.environ.get("NEWSDESK_TASKS_BACKEND", "database") != "database":
        return  # tasks run where they are enqueued: nothing to work on
    _state["process"] = _start(server)
    threading.Thread(target=_watch, args=(server,), name="task-worker", daemon=True).start()


def on_exit(server) -> None:
    _state["stopping"] = True
    process = _state["process"]
    if process is None or process.poll() is not None:
        return
    process.terminate()  # the running task finishes first
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()  # its task goes back in line once the lease runs out
