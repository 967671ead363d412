"""The queue in the newsroom, for operators: what waits, runs, failed and why; retry by hand."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsdesk.newsroom.options import NewsroomModelAdmin

from . import operations
from .models import QueuedTask, WorkerProcess

STATUS_LABELS = {
    TaskResultStatus.READY: _("wartet"),
    TaskResultStatus.RUNNING: _("läuft"),
    TaskResultStatus.SUCCESSFUL: _("erledigt"),
    TaskResultStatus.FAILED: _("fehlgeschlagen"),
}

# django-tasks-db lists the same rows in English; the newsroom shows them once, in German.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class StatusFilter(admin.SimpleListFilter):
    title = _("Zustand")
    parameter_name = "zustand"

    def lookups(self, request, model_admin):
        return list(STATUS_LABELS.items())

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


class ReadOnlyAdmin(NewsroomModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(QueuedTask)
class QueuedTaskAdmin(ReadOnlyAdmin):
    list_display = ["name", "state", "attempts", "enqueued_at", "due", "finished_at", "error"]
    list_filter = [StatusFilter, "queue_name"]
    search_fields = ["task_path", "id"]
    ordering = ["-enqueued_at"]
    date_hierarchy = "enqueued_at"
    actions = ["retry"]
    fields = [
        "id",
        "task_path",
        "state",
        "attempts",
        "worker_ids",
        "args_kwargs",
        "queue_name",
        "enqueued_at",
        "started_at",
        "due",
        "finished_at",
        "return_value",
        "traceback",
    ]
    readonly_fields = fields

    @admin.display(description=_("Aufgabe"), ordering="task_path")
    def name(self, obj: QueuedTask) -> str:
        return obj.task_path.rsplit(".", 1)[-1]

    @admin.display(description=_("Zustand"), ordering="status")
    def state(self, obj: QueuedTask) -> str:
        return str(STATUS_LABELS.get(obj.status, obj.status))

    @admin.display(description=_("Versuche"))
    def attempts(self, obj: QueuedTask) -> int:
        return len(obj.worker_ids)

    @admin.display(description=_("nächster Versuch"), ordering="run_after")
    def due(self, obj: QueuedTask):
        if obj.status != TaskResultStatus.READY:
            return None
        return operations.next_attempt(obj) or _("sofort")

    @admin.display(description=_("letzter Fehler"))
    def error(self, obj: QueuedTask) -> str:
        return operations.last_error(obj)[:160]

    @admin.action(description=_("Fehlgeschlagene Aufgaben erneut versuchen"))
    def retry(self, request: HttpRequest, queryset) -> None:
        count = operations.retry_tasks(queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext(
                "%(count)d Aufgabe wird erneut versucht.",
                "%(count)d Aufgaben werden erneut versucht.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )


@admin.register(WorkerProcess)
class WorkerProcessAdmin(ReadOnlyAdmin):
    list_display = ["worker_id", "hostname", "pid", "queues", "started_at", "heartbeat_at", "alive"]
    ordering = ["-heartbeat_at"]

    @admin.display(description=_("meldet sich"), boolean=True)
    def alive(self, obj: WorkerProcess) -> bool:
        lease = timedelta(seconds=settings.NEWSDESK_WORKER_LEASE)
        return obj.stopped_at is None and obj.heartbeat_at >= timezone.now() - lease
