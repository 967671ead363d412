"""Suggestions are recomputed by the task queue, out of the editor's request.

``schedule_refresh`` is what the publishing pipeline calls once a change is noted: the ids of
one transaction are collected and enqueued as one task when it commits, so a save that touches
an article five times recomputes it once.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from newsdesk.taskqueue.queue import task

from . import scoring


class _PendingRefresh:
    """The on-commit callback of one transaction, holding the ids noted so far."""

    def __init__(self) -> None:
        self.article_ids: set[int] = set()
        self.sent = False

    def __call__(self) -> None:
        self.sent = True
        refresh_articles.enqueue(sorted(self.article_ids))


def schedule_refresh(article_ids: Iterable[int]) -> None:
    """Recompute these articles' suggestions, and their neighbours', after the commit."""
    ids = {int(pk) for pk in article_ids if pk is not None}
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        refresh_articles.enqueue(sorted(ids))
        return
    # Join the batch already waiting for this commit. Django drops a rolled-back transaction's
    # callbacks from run_on_commit, so a batch found there belongs to a live transaction.
    # (A batch already sent stays listed where tests run callbacks inside an outer transaction.)
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _PendingRefresh) and not callback.sent:
            callback.article_ids |= ids
            return
    pending = _PendingRefresh()
    pending.article_ids |= ids
    transaction.on_commit(pending)


@task(retry_delay=5)
def refresh_articles(article_ids: list[int]) -> int:
    """Refresh the articles, then the neighbours whose boxes they may enter or leave, each
    once; returns how many were refreshed. Safe to repeat: a refresh recomputes from scratch."""
    done: set[int] = set()
    for article_id in article_ids:
        if article_id not in done:
            scoring.refresh(article_id)
            done.add(article_id)
    for article_id in article_ids:
        for neighbour in scoring.affected_by(article_id):
            if neighbour not in done:
                scoring.refresh(neighbour)
                done.add(neighbour)
    return len(done)
