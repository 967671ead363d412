"""The queue's backend: django-tasks' database backend, announcing each new task to idle
workers (``wakeup.announce``)."""

from __future__ import annotations

from typing import Any

from django.db import router
from django_tasks.base import Task, TaskResult
from django_tasks_db import DatabaseBackend as BaseDatabaseBackend
from django_tasks_db.models import DBTaskResult

from . import wakeup


class DatabaseBackend(BaseDatabaseBackend):
    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        result = super().enqueue(task, args, kwargs)
        wakeup.announce(router.db_for_write(DBTaskResult))
        return result
