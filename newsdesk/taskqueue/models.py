"""What the queue keeps beside django-tasks-db's task rows: workers that report in, and steps
of tasks that are done.

The task rows themselves are ``django_tasks_db.DBTaskResult``; ``QueuedTask`` shows them in the
newsroom under a German name.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class QueuedTask(DBTaskResult):
    """A task row of the database queue, as operators see it in the newsroom."""

    class Meta:
        proxy = True
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")


class WorkerProcess(models.Model):
    """A running ``newsdesk worker``; its heartbeat is its lease on the task it runs.

    A worker killed without a word (SIGKILL, power loss) stops reporting; once its heartbeat is
    older than ``NEWSDESK_WORKER_LEASE``, another worker puts its running task back in line.
    """

    worker_id = models.CharField(_("Kennung"), max_length=64, primary_key=True)
    hostname = models.CharField(_("Rechner"), max_length=255)
    pid = models.PositiveIntegerField(_("Prozess"))
    queues = models.CharField(_("Warteschlangen"), max_length=255)
    started_at = models.DateTimeField(_("gestartet"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(_("zuletzt gemeldet"), db_index=True)
    stopped_at = models.DateTimeField(_("beendet"), null=True, blank=True)

    class Meta:
        verbose_name = _("Arbeitsprozess")
        verbose_name_plural = _("Arbeitsprozesse")
        ordering = ["-heartbeat_at"]

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid} ({self.worker_id})"


class CompletedStep(models.Model):
    """A side effect of a task that is done and must not be repeated when the task runs again
    (a retry after a later step failed, or after its worker was killed)."""

    key = models.CharField(_("Schritt"), max_length=255, unique=True)
    completed_at = models.DateTimeField(_("erledigt"), auto_now_add=True)

    class Meta:
        verbose_name = _("Erledigter Schritt")
        verbose_name_plural = _("Erledigte Schritte")

    def __str__(self) -> str:
        return self.key
