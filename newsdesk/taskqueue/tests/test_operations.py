"""Operators see the queue in German in the newsroom and in the shell, and retry by hand."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsdesk.newsroom.groups import ADMIN, EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user
from newsdesk.taskqueue.models import WorkerProcess
from newsdesk.taskqueue.tasks import ping

pytestmark = pytest.mark.django_db


def failed_task() -> DBTaskResult:
    result = ping.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        worker_ids=["w1", "w2"],
        exception_class_path="newsdesk.pagecache.purge.PurgeFailed",
        traceback="Traceback …\nnewsdesk.pagecache.purge.PurgeFailed: http://varnish: refused",
    )
    return DBTaskResult.objects.get(pk=result.id)


def test_the_newsroom_lists_failed_tasks_with_their_error_in_german(client, real_queue):
    task = failed_task()
    client.force_login(newsroom_user(ADMIN))
    response = client.get(reverse("admin:taskqueue_queuedtask_changelist"), {"zustand": "FAILED"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "fehlgeschlagen" in page
    assert "PurgeFailed: http://varnish: refused" in page
    assert str(task.pk) in page
    detail = client.get(reverse("admin:taskqueue_queuedtask_change", args=[task.pk]))
    assert detail.status_code == 200
    assert "Versuche" in detail.content.decode()


def test_editors_do_not_see_the_queue(client):
    client.force_login(newsroom_user(EDITOR))
    response = client.get(reverse("admin:taskqueue_queuedtask_changelist"))
    assert response.status_code == 403


def test_an_operator_retries_a_failed_task_from_the_newsroom(client, real_queue):
    task = failed_task()
    client.force_login(newsroom_user(ADMIN))
    response = client.post(
        reverse("admin:taskqueue_queuedtask_changelist"),
        {"action": "retry", "_selected_action": [str(task.pk)]},
        follow=True,
    )
    assert "1 Aufgabe wird erneut versucht." in response.content.decode()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert task.worker_ids == []  # a fresh set of attempts


def test_the_worker_list_shows_who_reports(client):
    WorkerProcess.objects.create(
        worker_id="app1-1", hostname="app1", pid=42, queues="default", heartbeat_at=timezone.now()
    )
    client.force_login(newsroom_user(ADMIN))
    response = client.get(reverse("admin:taskqueue_workerprocess_changelist"))
    assert "app1-1" in response.content.decode()


def test_tasks_list_and_retry_in_the_shell(real_queue):
    task = failed_task()
    out = StringIO()
    call_command("tasks", "list", "--failed", stdout=out)
    listing = out.getvalue()
    assert str(task.pk) in listing
    assert "Versuche=2" in listing and "PurgeFailed" in listing
    assert "fehlgeschlagen 1" in listing

    out = StringIO()
    call_command("tasks", "retry", "--all-failed", stdout=out)
    assert "1 Aufgaben wieder eingereiht." in out.getvalue()
    assert DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.READY


def test_tasks_and_worker_refuse_without_a_database_queue():
    with pytest.raises(CommandError, match="NEWSDESK_TASKS_BACKEND"):
        call_command("tasks", "list")
    with pytest.raises(CommandError, match="NEWSDESK_TASKS_BACKEND"):
        call_command("worker", "--batch")
