"""`make run` keeps answering while browsers hold idle keep-alive connections open.

Browsers open spare connections and leave them idle; gunicorn's sync workers each wait on one
such connection until their 30 s timeout, so with two workers the newsroom stalled. The serve
target runs gthread workers, which park idle connections and go on answering.
"""

import os
import shlex
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_command(port: int) -> list[str]:
    """The gunicorn line of `make serve`, as make would run it."""
    dry_run = subprocess.run(
        ["make", "-n", "-s", "serve", f"PORT={port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("\\\n", " ")
    (line,) = [line for line in dry_run.splitlines() if "gunicorn " in line]
    return shlex.split(line)


def test_make_serve_answers_while_idle_keep_alive_connections_are_open(tmp_path):
    port = free_port()
    command = gunicorn_command(port)
    # As on a fresh clone: SQLite and the file cache in tmp_path, whatever this test run uses.
    own = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CACHE_URL", "DATABASE_REPLICA_URLS"}
    env = {k: v for k, v in os.environ.items() if k not in own}
    # An empty database in tmp_path: no task worker beside the server (its own tests cover it).
    env |= {
        "NEWSDESK_VAR_DIR": str(tmp_path),
        "CACHE_URL": "locmem://",
        "NEWSDESK_TASKS_BACKEND": "immediate",
    }
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    idle: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                assert server.poll() is None, "gunicorn exited"
                time.sleep(0.2)
        # Four browser tabs' spare connections: open, nothing sent.
        for _ in range(4):
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        time.sleep(0.5)
        started = time.monotonic()
        for _ in range(3):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
                assert response.read() == b"ok\n"
        assert time.monotonic() - started < 5
    finally:
        for connection in idle:
            connection.close()
        server.terminate()
        server.wait(timeout=15)
