"""Purges of the caches in front (Varnish) go through the task queue: an editor's save never
waits on Varnish, and a purge Varnish did not take is tried again until it does."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from newsdesk.taskqueue.queue import task

from .purge import PurgeFailed, get_purger, purges_anything

logger = logging.getLogger(__name__)


# A purge that keeps failing is retried for about three hours (10 s doubling, capped at an
# hour): longer than a page stays fresh in Varnish (NEWSDESK_SHARED_MAX_AGE, an hour).
@task(max_attempts=12, retry_delay=10)
def purge_keys(keys: list[str], hard: bool = False) -> None:
    """Purge these surrogate keys in every configured cache; raises PurgeFailed to retry."""
    get_purger(strict=True).purge(keys, hard=hard)


def schedule_purge(keys: Iterable[str], hard: bool = False) -> None:
    """Enqueue one purge for these keys, unless no cache in front is configured."""
    keys = sorted(set(keys))
    if keys and purges_anything():
        purge_keys.enqueue(keys, hard=hard)


def purge_now(keys: Iterable[str], hard: bool = False) -> None:
    """Purge at once (takedowns must not wait for a worker); a failure is retried by the queue."""
    keys = sorted(set(keys))
    if not keys or not purges_anything():
        return
    try:
        get_purger(strict=True).purge(keys, hard=hard)
    except PurgeFailed:
        purge_keys.enqueue(keys, hard=hard)


# -- The baked copy follows each change -------------------------------------------------------


@task(max_attempts=20, retry_delay=15)
def bake_changed() -> int:
    """Re-render the pages in ``NEWSDESK_BAKE_DIR`` whose content changed (``bake --changed``,
    pages only: nginx serves static files and media from their own folders). Returns how many
    pages were rendered. A bake already running into the folder makes this attempt fail and
    retry: that bake may have read the key generations before the change that asked for this.
    """
    from pathlib import Path

    from django.conf import settings

    from . import manifest
    from .bake import Baker

    target = Path(settings.NEWSDESK_BAKE_DIR)
    if not manifest.exists(target):
        # No first bake yet: --changed would render the whole site from inside a worker.
        logger.warning("No bake in %s yet: run `newsdesk bake %s` once.", target, target)
        return 0
    report = Baker(target).bake(only_changed=True)
    for path, status in report.failed:
        logger.warning("Not baked: %s answered %s.", path, status)
    return report.rendered


def schedule_bake() -> None:
    """Queue one ``bake_changed`` after a change, where the operator asked for it
    (``NEWSDESK_BAKE_ON_CHANGE`` with ``NEWSDESK_BAKE_DIR``) and none is waiting already: a bake
    reads every key changed since the last one, so one waiting task serves every change."""
    from django.conf import settings
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not (settings.NEWSDESK_BAKE_DIR and settings.NEWSDESK_BAKE_ON_CHANGE):
        return
    waiting = DBTaskResult.objects.filter(
        task_path=bake_changed.module_path, status=TaskResultStatus.READY
    )
    if not waiting.exists():
        bake_changed.enqueue()
