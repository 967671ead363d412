"""What operators do with the queue, from the newsroom or the shell: look, retry, ping."""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import WorkerProcess


def is_database_queue(backend_name: str = "default") -> bool:
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends[backend_name], DatabaseBackend)


def next_attempt(row: DBTaskResult):
    """When a waiting task runs next; None for "as soon as a worker is free"."""
    return None if row.run_after == get_date_max() else row.run_after


def last_error(row: DBTaskResult) -> str:
    lines = [line for line in row.traceback.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


@transaction.atomic
def retry_tasks(ids) -> int:
    """Put failed tasks back in line with a fresh set of attempts; returns how many."""
    rows = DBTaskResult.objects.select_for_update().filter(
        pk__in=list(ids), status=TaskResultStatus.FAILED
    )
    return rows.update(
        status=TaskResultStatus.READY,
        run_after=get_date_max(),
        finished_at=None,
        worker_ids=[],
    )


def live_workers():
    cutoff = timezone.now() - timedelta(seconds=settings.NEWSDESK_WORKER_LEASE)
    return WorkerProcess.objects.filter(heartbeat_at__gte=cutoff, stopped_at__isnull=True)


def ping(timeout: float = 10.0) -> float | None:
    """Seconds a worker took to answer a ping task, or None when none did within ``timeout``."""
    from .tasks import ping as ping_task

    started = time.monotonic()
    result = ping_task.enqueue()
    while time.monotonic() - started < timeout:
        if result.status == TaskResultStatus.SUCCESSFUL:
            return time.monotonic() - started
        if result.status == TaskResultStatus.FAILED:
            return None
        time.sleep(0.1)
        result.refresh()
    DBTaskResult.objects.filter(pk=result.id, status=TaskResultStatus.READY).delete()
    return None
