"""Slow follow-up of changes to articles' suggestions.

``schedule_refresh`` is what the publishing pipeline calls after a commit. This body refreshes
synchronously; the task queue (``newsdesk.taskqueue``) replaces it with one that enqueues.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import scoring


def schedule_refresh(article_ids: Iterable[int]) -> None:
    """Recompute the suggestions of these articles and of the articles around them, each once."""
    done: set[int] = set()
    for article_id in article_ids:
        if article_id not in done:
            done.add(article_id)
            scoring.refresh(article_id)
        for pk in scoring.affected_by(article_id):
            if pk not in done:
                done.add(pk)
                scoring.refresh(pk)
