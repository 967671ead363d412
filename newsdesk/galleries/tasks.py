"""Slow image work, run off the request through Django's Tasks API (``django_tasks``).

Settings choose the backend: the immediate one runs a task inline, a database-backed worker runs
it later. Either way a task gets only an image's id and reads the row itself, so it works on
what is stored when it runs, not on what was in memory when it was queued.

A full media disk fails an attempt without leaving a partial file (newsdesk.core.storage); the
renditions are written again from the start on the next one. Their attempts span about five
hours (waits of 30 s doubling up to an hour), time for an operator to free space; after that the
task stays failed in the newsroom's task list, where it can be retried.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction

from newsdesk.taskqueue.queue import task

from .models import Image
from .renditions import make_crops, make_renditions

# Waits of 30 s, 1, 2, 4 ... 32 min, then an hour each: about five hours in all.
DISK_ATTEMPTS = {"max_attempts": 12, "retry_delay": 30}


@task(**DISK_ATTEMPTS)
def make_image_renditions(image_id: int) -> int:
    """Write every width rendition and the focal-point crops of an image; returns the count."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None or not image.file:
        return 0  # deleted before the task ran: nothing to render
    return len(make_renditions(image.file.name, focal=image.focal_point))


@task(**DISK_ATTEMPTS)
def make_image_crops(image_id: int) -> int:
    """Rewrite only the 16:9, 4:3 and 1:1 crops, after the focal point changed."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None or not image.file:
        return 0
    return len(make_crops(image.file.name, focal=image.focal_point))


def enqueue_after_commit(image_task, image_id: int) -> None:
    """Queue ``image_task`` once the row it reads is committed (a worker would not see it
    earlier, and a rolled-back upload must not be rendered at all)."""
    transaction.on_commit(partial(image_task.enqueue, image_id))
