"""Tasks of the queue itself."""

from __future__ import annotations

from .queue import task


@task(max_attempts=1)
def ping() -> str:
    """Answers ``newsdesk tasks ping``: proves a worker takes tasks from this queue."""
    return "pong"
