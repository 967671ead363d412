"""Tasks the queue's tests run, in this process or in real worker processes."""

from __future__ import annotations

import time
from pathlib import Path

from newsdesk.taskqueue.models import CompletedStep
from newsdesk.taskqueue.queue import run_once, task


class ProbeFailure(Exception):
    pass


@task(max_attempts=3, retry_delay=30)
def flaky(token: str, failures: int) -> int:
    """Fails its first ``failures`` attempts, then returns the attempt number."""
    attempt = CompletedStep.objects.filter(key__startswith=f"{token}:attempt:").count() + 1
    CompletedStep.objects.create(key=f"{token}:attempt:{attempt}")
    if attempt <= failures:
        raise ProbeFailure(f"attempt {attempt} fails on purpose")
    return attempt


def _append(path: Path, line: str) -> None:
    with path.open("a") as log:
        log.write(f"{line}\n")


@task()
def two_steps(token: str, log_path: str) -> str:
    """Appends "1" and "2" to a file, each once; between the two it waits while a file named
    ``<log>.hold`` exists (a test kills the worker there)."""
    log = Path(log_path)
    run_once(f"{token}:1", lambda: _append(log, "1"))
    hold = Path(f"{log_path}.hold")
    started = time.monotonic()
    while hold.exists() and time.monotonic() - started < 60:
        time.sleep(0.05)
    run_once(f"{token}:2", lambda: _append(log, "2"))
    return "done"
