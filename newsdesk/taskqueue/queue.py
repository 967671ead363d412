"""What code that defines or enqueues tasks needs from the queue: tasks with a retry policy,
enqueueing once the change commits, and steps that are done once however often a task runs.

A task runs at least once: a retry after a failure, or after its worker was killed, runs it
from the start again. Side effects that must not be repeated go through :func:`run_once`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django_tasks
from django.conf import settings
from django.db import transaction

from .models import CompletedStep

# The longest wait between two attempts, however many there were.
MAX_RETRY_DELAY = 3600


@dataclass(frozen=True)
class RetryPolicy:
    """How often a task is tried and how long it waits in between (doubling each time)."""

    max_attempts: int | None = None  # None: NEWSDESK_TASK_MAX_ATTEMPTS
    retry_delay: float | None = None  # None: NEWSDESK_TASK_RETRY_DELAY, in seconds

    @property
    def attempts(self) -> int:
        return self.max_attempts or settings.NEWSDESK_TASK_MAX_ATTEMPTS

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based), with a tenth of
        jitter so that tasks failing together do not come back together."""
        base = settings.NEWSDESK_TASK_RETRY_DELAY if self.retry_delay is None else self.retry_delay
        seconds = min(MAX_RETRY_DELAY, base * 2 ** (attempt - 1))
        return seconds * random.uniform(0.9, 1.1)  # noqa: S311 (not for security)


DEFAULT_POLICY = RetryPolicy()
POLICIES: dict[str, RetryPolicy] = {}


def task(
    *, max_attempts: int | None = None, retry_delay: float | None = None, **options: Any
) -> Callable[[Callable], django_tasks.base.Task]:
    """``django_tasks.task`` with a retry policy the worker reads when an attempt fails."""

    def wrapper(function: Callable) -> django_tasks.base.Task:
        defined = django_tasks.task(**options)(function)
        POLICIES[defined.module_path] = RetryPolicy(max_attempts, retry_delay)
        return defined

    return wrapper


def policy_for(task_path: str) -> RetryPolicy:
    return POLICIES.get(task_path, DEFAULT_POLICY)


def enqueue_on_commit(defined: django_tasks.base.Task, *args: Any, **kwargs: Any) -> None:
    """Enqueue once the current transaction commits (at once outside one), so the worker sees
    what the task is about and a rolled-back change enqueues nothing."""
    transaction.on_commit(lambda: defined.enqueue(*args, **kwargs))


def run_once(key: str, action: Callable[[], object]) -> bool:
    """Run ``action`` unless the step ``key`` is already done; True if it ran now.

    The step is recorded in the transaction the action runs in: a database side effect and its
    record commit together (exactly once). For an effect outside the database (a mail, an HTTP
    call) a crash between the effect and the commit repeats it on the next attempt, the only
    window left; two attempts at once are kept apart by the unique key.
    """
    if CompletedStep.objects.filter(key=key).exists():
        return False
    with transaction.atomic():
        CompletedStep.objects.create(key=key)
        action()
    return True
