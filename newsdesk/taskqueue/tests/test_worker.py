"""The worker in this process: tasks run once, failures come back later, then stay failed and
visible; a task whose worker stopped reporting runs again elsewhere, without repeating a step."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsdesk.taskqueue.models import CompletedStep, WorkerProcess
from newsdesk.taskqueue.queue import RetryPolicy
from newsdesk.taskqueue.tasks import ping

from .probe_tasks import flaky, two_steps

# The worker claims tasks in transactions of its own (an exclusive one on SQLite).
pytestmark = pytest.mark.django_db(transaction=True)


def row(result) -> DBTaskResult:
    return DBTaskResult.objects.get(pk=result.id)


def make_due(result) -> None:
    """Skip the wait before the next attempt."""
    DBTaskResult.objects.filter(pk=result.id).update(run_after=timezone.now())


def test_an_enqueued_task_waits_for_a_worker_and_runs_once(real_queue):
    result = ping.enqueue()
    assert row(result).status == TaskResultStatus.READY
    worker = real_queue.drain()
    done = row(result)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == "pong"
    assert done.worker_ids == [worker.worker_id]
    assert worker.tasks_run == 1


def test_a_failed_attempt_comes_back_after_a_doubling_wait(real_queue):
    result = flaky.enqueue("flaky-a", failures=2)
    before = timezone.now()
    real_queue.drain()
    first = row(result)
    assert first.status == TaskResultStatus.READY
    assert "attempt 1 fails on purpose" in first.traceback  # visible while it waits
    wait = (first.run_after - before).total_seconds()
    assert 27 <= wait <= 34  # 30 s, give or take the jitter
    make_due(result)
    before = timezone.now()
    real_queue.drain()
    second = row(result)
    assert second.status == TaskResultStatus.READY
    assert 54 <= (second.run_after - before).total_seconds() <= 67  # doubled
    make_due(result)
    real_queue.drain()
    third = row(result)
    assert third.status == TaskResultStatus.SUCCESSFUL
    assert third.return_value == 3
    assert len(third.worker_ids) == 3


def test_a_task_that_keeps_failing_stays_failed_after_its_last_attempt(real_queue):
    result = flaky.enqueue("flaky-b", failures=10)
    for _attempt in range(3):
        make_due(result)
        real_queue.drain()
    failed = row(result)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path.endswith("ProbeFailure")
    assert "attempt 3 fails on purpose" in failed.traceback
    make_due(result)
    real_queue.drain()
    assert CompletedStep.objects.filter(key__startswith="flaky-b:attempt:").count() == 3


def test_retry_waits_double_up_to_an_hour():
    policy = RetryPolicy(max_attempts=20, retry_delay=10)
    assert 9 <= policy.delay(1) <= 11
    assert 36 <= policy.delay(3) <= 44
    assert policy.delay(15) <= 3600 * 1.1


def test_a_task_whose_worker_stopped_reporting_runs_again_on_another_worker(real_queue, tmp_path):
    log = tmp_path / "steps.log"
    result = two_steps.enqueue("lost", str(log))
    # A worker claimed it, did step 1 and died (no heartbeat for longer than the lease).
    long_ago = timezone.now() - timedelta(minutes=5)
    WorkerProcess.objects.create(
        worker_id="dead", hostname="gone", pid=1, queues="default", heartbeat_at=long_ago
    )
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=["dead"], started_at=long_ago
    )
    log.write_text("1\n")
    CompletedStep.objects.create(key="lost:1")

    worker = real_queue.drain(lease=60)

    done = row(result)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.worker_ids == ["dead", worker.worker_id]
    assert log.read_text() == "1\n2\n"  # step 1 not repeated


def test_a_running_task_of_a_live_worker_is_left_alone(real_queue):
    result = ping.enqueue()
    WorkerProcess.objects.create(
        worker_id="busy", hostname="here", pid=1, queues="default", heartbeat_at=timezone.now()
    )
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=["busy"],
        started_at=timezone.now() - timedelta(minutes=5),
    )
    real_queue.drain(lease=60)
    assert row(result).status == TaskResultStatus.RUNNING


def test_a_task_lost_on_its_last_attempt_stays_failed(real_queue):
    result = flaky.enqueue("flaky-c", failures=0)
    long_ago = timezone.now() - timedelta(minutes=5)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=["a", "b", "c"], started_at=long_ago
    )
    real_queue.drain(lease=60)
    failed = row(result)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "newsdesk.taskqueue.worker.WorkerLost"


def test_a_worker_reports_in_and_out(real_queue):
    worker = real_queue.drain()
    process = WorkerProcess.objects.get(pk=worker.worker_id)
    assert process.stopped_at is not None


def test_old_finished_tasks_and_steps_are_dropped_failed_ones_kept_longer(real_queue):
    old, recent = ping.enqueue(), ping.enqueue()
    failed = flaky.enqueue("old-failure", failures=9)
    ten_days_ago = timezone.now() - timedelta(days=10)
    DBTaskResult.objects.filter(pk__in=[old.id, recent.id]).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=timezone.now()
    )
    DBTaskResult.objects.filter(pk=old.id).update(finished_at=ten_days_ago)
    DBTaskResult.objects.filter(pk=failed.id).update(
        status=TaskResultStatus.FAILED, finished_at=ten_days_ago
    )
    CompletedStep.objects.create(key="old-step")
    CompletedStep.objects.filter(key="old-step").update(completed_at=ten_days_ago)
    CompletedStep.objects.create(key="new-step")

    real_queue.drain()  # a worker starts with its housekeeping

    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {
        uuid.UUID(recent.id),
        uuid.UUID(failed.id),
    }
    assert list(CompletedStep.objects.values_list("key", flat=True)) == ["new-step"]
