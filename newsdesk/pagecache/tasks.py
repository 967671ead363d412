"""Purges of the caches in front (Varnish) go through the task queue: an editor's save never
waits on Varnish, and a purge Varnish did not take is tried again until it does."""

from __future__ import annotations

from collections.abc import Iterable

from newsdesk.taskqueue.queue import task

from .purge import PurgeFailed, get_purger, purges_anything


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
