"""The app server as ``make serve`` starts it, for the benches that measure what a ``make run``
user gets (Lighthouse, the newsroom journey and soak, the WordPress comparison)."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path

BIN = Path(__file__).resolve().parent.parent / ".venv" / "bin"


def start(port: int, env: dict[str, str]) -> subprocess.Popen:
    """gunicorn with the Makefile's ``serve`` options (its access log left out), in a session of
    its own so that ``os.killpg`` stops its workers and the embedded task worker with it."""
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "newsdesk.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--keep-alive",
            "5",
            "--log-level",
            "warning",
            "--forwarded-allow-ips",
            "127.0.0.1",
            "-c",
            "python:newsdesk.taskqueue.embedded",
        ],
        env=env,
        start_new_session=True,
    )


def wait_until_healthy(url: str, seconds: float = 60) -> None:
    """Until ``url``/healthz answers (the server imports and migrates nothing before that)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer /healthz in {seconds:.0f} s")
