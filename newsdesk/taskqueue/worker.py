"""The worker loop behind ``newsdesk worker``.

django-tasks-db stores tasks and claims them (``SELECT … FOR UPDATE SKIP LOCKED`` on
PostgreSQL, an exclusive transaction on SQLite); this loop adds what a newsroom needs on top:

- a heartbeat per worker, the lease on the task it runs: a task whose worker stopped reporting
  (killed with SIGKILL, machine gone) goes back in line for another worker;
- retries with doubling waits up to a task's maximum attempts, then it stays failed and visible;
- the loop outlives a database restart: it waits, reconnects and goes on;
- SIGTERM lets the running task finish, then the worker exits (a second SIGTERM puts the task
  back in line and exits at once);
- every ``NEWSDESK_WORKER_PUBLISH_DUE`` seconds it runs publish-due, so a site with a worker
  needs no cron.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import (
    close_old_connections,
    connections,
    transaction,
)
from django.utils import timezone
from django_tasks.base import TaskContext, TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks.utils import get_exception_traceback, get_module_path, get_random_id
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from newsdesk.core.database_away import DATABASE_AWAY

from . import wakeup
from .models import CompletedStep, WorkerProcess
from .queue import policy_for

logger = logging.getLogger(__name__)

# The longest pause between two tries to reach a database that is away.
MAX_RECONNECT_WAIT = 5.0
# Housekeeping once an hour: finished tasks and done steps are kept a week (long after any retry
# could need a step), failed tasks a month for operators to look into.
HOUSEKEEPING_EVERY = 3600.0
KEEP_FINISHED = timedelta(days=7)
KEEP_FAILED = timedelta(days=30)


class WorkerLost(Exception):
    """Recorded on a task whose worker stopped reporting while it ran."""


class Worker:
    def __init__(
        self,
        *,
        backend_name: str = "default",
        queue_names: list[str] | None = None,
        interval: float = 1.0,
        lease: float | None = None,
        batch: bool = False,
        max_tasks: int | None = None,
        worker_id: str | None = None,
        publish_due_every: float | None = None,
    ):
        self.backend_name = backend_name
        self.queue_names = queue_names or ["default"]
        self.interval = interval
        self.lease = float(lease if lease is not None else settings.NEWSDESK_WORKER_LEASE)
        self.batch = batch
        self.max_tasks = max_tasks
        self.worker_id = worker_id or get_random_id()
        if publish_due_every is None:
            publish_due_every = settings.NEWSDESK_WORKER_PUBLISH_DUE
        self.publish_due_every = publish_due_every
        self.running = True
        self.tasks_run = 0
        self._in_task = False
        self._wake = threading.Event()
        self._listener: wakeup.Listener | None = None
        self._beat_stop = threading.Event()
        self._next_recovery = 0.0
        self._next_publish = 0.0
        self._next_housekeeping = 0.0
        self._database_away_since: float | None = None

    # Signals -------------------------------------------------------------------------------

    def handle_signals(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._shutdown)

    def _shutdown(self, signum: int, frame: Any) -> None:
        if not self.running and self._in_task:
            logger.warning(
                "Second %s: the running task goes back in line.", signal.strsignal(signum)
            )
            raise SystemExit(1)
        logger.info("%s: stopping after the running task.", signal.strsignal(signum))
        self.running = False
        self._wake.set()

    # The loop ------------------------------------------------------------------------------

    def run(self) -> None:
        logger.info(
            "Worker %s on %s (pid %s) takes tasks from %s.",
            self.worker_id,
            socket.gethostname(),
            os.getpid(),
            ",".join(self.queue_names),
        )
        self._persist(self.report_in)
        beat = threading.Thread(target=self._heartbeat, name="heartbeat", daemon=True)
        beat.start()
        try:
            while self.running:
                try:
                    self.periodic()
                    db_result = self.claim_next()
                    self._database_back()
                except DATABASE_AWAY as error:
                    self._database_down(error)
                    continue
                if db_result is not None:
                    self.run_task(db_result)
                    if self.max_tasks is not None and self.tasks_run >= self.max_tasks:
                        break
                elif self.batch:
                    break
                else:
                    self._wait_for_work()
                close_old_connections()
        finally:
            self._beat_stop.set()
            beat.join(timeout=5)
            try:
                WorkerProcess.objects.filter(pk=self.worker_id).update(stopped_at=timezone.now())
            except DATABASE_AWAY:
                pass  # the heartbeat stops anyway; the row ages out
            logger.info("Worker %s stopped after %d tasks.", self.worker_id, self.tasks_run)

    def periodic(self) -> None:
        now = time.monotonic()
        if now >= self._next_recovery:
            self._next_recovery = now + self.lease / 4
            self.recover_lost_tasks()
        if now >= self._next_housekeeping:
            self._next_housekeeping = now + HOUSEKEEPING_EVERY
            self.housekeeping()
        self.run_due_invalidations()
        if self.publish_due_every and now >= self._next_publish:
            from newsdesk.articles.services import publish_due

            self._next_publish = now + self.publish_due_every
            try:
                published = publish_due()
            except DATABASE_AWAY:
                self._next_publish = now  # again as soon as the database is back
                raise
            except Exception:
                # One article that cannot be published must not stop the tasks; it is tried
                # again next time and the log says why.
                logger.exception("publish-due failed")
                return
            if published:
                logger.info("publish-due: %d articles published.", len(published))

    def run_due_invalidations(self) -> None:
        """Scheduled invalidations whose time has come (a ticker entry scheduled for 20:00):
        pages served by Varnish alone never reach the page cache that would notice."""
        from newsdesk.pagecache.scheduled import run_if_due

        try:
            run_if_due()
        except DATABASE_AWAY:
            raise
        except Exception:
            # A cache hiccup must not stop the tasks; the page cache runs them on its next look-up.
            logger.exception("Scheduled invalidations failed")

    def _wait_for_work(self) -> None:
        """Idle: until a task is enqueued (PostgreSQL tells at once) or ``interval`` passed."""
        if self._listener is None:
            self._listener = wakeup.Listener(self.ready_tasks().db, self._wake)
        self._listener.wait(self.interval)

    def ready_tasks(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if "*" not in self.queue_names:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        return tasks

    def claim_next(self) -> DBTaskResult | None:
        tasks = self.ready_tasks()
        # A plain look first: the exclusive transaction below blocks writers on SQLite, and an
        # idle worker looks once a second (on PostgreSQL also when told of a new task).
        if not tasks.exists():
            return None
        with exclusive_transaction(tasks.db):
            db_result = tasks.get_locked()
            if db_result is not None:
                db_result.claim(self.worker_id)
        return db_result

    # Running a task ------------------------------------------------------------------------

    def run_task(self, db_result: DBTaskResult) -> None:
        self._in_task = True
        try:
            task = db_result.task
            task_result = db_result.task_result
            task_started.send(sender=type(task.get_backend()), task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            json.dumps(value)  # a value the row cannot store fails here, as a task error
        except BaseException as error:
            interrupted = isinstance(error, (KeyboardInterrupt, SystemExit))
            failure = error  # the name `error` is unbound once the except block ends
            self._persist(lambda: self.settle_failure(db_result, failure, interrupted))
            if interrupted:
                raise
        else:
            self._persist(lambda: self.settle_success(db_result, value))
        finally:
            self._in_task = False
            self.tasks_run += 1

    def _owned(self, db_result: DBTaskResult) -> DBTaskResult | None:
        """The task's row, locked, if this worker still runs it (its lease may have run out
        while the database was away, and another worker taken the task over)."""
        row = DBTaskResult.objects.select_for_update().filter(pk=db_result.pk).first()
        if row is None or row.status != TaskResultStatus.RUNNING:
            return None
        if row.worker_ids[-1:] != [self.worker_id]:
            return None
        return row

    def settle_success(self, db_result: DBTaskResult, value: Any) -> None:
        with transaction.atomic():
            row = self._owned(db_result)
            if row is None:
                logger.warning("Task %s was taken over; its result here is dropped.", db_result.pk)
                return
            row.status = TaskResultStatus.SUCCESSFUL
            row.finished_at = timezone.now()
            row.return_value = value
            row.exception_class_path = row.traceback = ""
            row.save(
                update_fields=[
                    "status",
                    "finished_at",
                    "return_value",
                    "exception_class_path",
                    "traceback",
                ]
            )
        self._send_finished(row)

    def settle_failure(
        self, db_result: DBTaskResult, error: BaseException, interrupted: bool
    ) -> None:
        with transaction.atomic():
            row = self._owned(db_result)
            if row is None:
                return
            row.exception_class_path = get_module_path(type(error))
            row.traceback = get_exception_traceback(error)
            retry_in = self._retry_in(row, interrupted)
            self._reschedule_or_fail(row, retry_in)
        if retry_in is None:
            logger.error("Task %s (%s) failed for good: %r", row.pk, row.task_path, error)
            self._send_finished(row)
        else:
            logger.warning(
                "Task %s (%s) failed (%r), attempt %d; again in %.0f s.",
                row.pk,
                row.task_path,
                error,
                len(row.worker_ids),
                retry_in,
            )

    def _retry_in(self, row: DBTaskResult, interrupted: bool) -> float | None:
        """Seconds until the next attempt, or None when the task has had its attempts."""
        attempts = len(row.worker_ids)
        policy = policy_for(row.task_path)
        if interrupted:
            return 0.0  # not the task's fault: straight back in line
        if attempts >= policy.attempts:
            return None
        return policy.delay(attempts)

    @staticmethod
    def _reschedule_or_fail(row: DBTaskResult, retry_in: float | None) -> None:
        if retry_in is None:
            row.status = TaskResultStatus.FAILED
            row.finished_at = timezone.now()
        else:
            row.status = TaskResultStatus.READY
            row.run_after = timezone.now() + timedelta(seconds=retry_in)
        row.return_value = None
        row.save(
            update_fields=[
                "status",
                "finished_at",
                "run_after",
                "return_value",
                "exception_class_path",
                "traceback",
            ]
        )

    @staticmethod
    def _send_finished(row: DBTaskResult) -> None:
        try:
            task_finished.send(sender=type(row.task.get_backend()), task_result=row.task_result)
        except ImportError:
            logger.exception("Task %s points to code that is gone", row.pk)

    def housekeeping(self) -> int:
        """Drop old finished tasks and done steps; returns how many rows went."""
        now = timezone.now()
        tasks = DBTaskResult.objects.filter(backend_name=self.backend_name)
        removed = tasks.successful().filter(finished_at__lt=now - KEEP_FINISHED).delete()[0]
        removed += tasks.failed().filter(finished_at__lt=now - KEEP_FAILED).delete()[0]
        removed += CompletedStep.objects.filter(completed_at__lt=now - KEEP_FINISHED).delete()[0]
        removed += WorkerProcess.objects.filter(heartbeat_at__lt=now - KEEP_FINISHED).delete()[0]
        return removed

    # Leases --------------------------------------------------------------------------------

    def report_in(self) -> None:
        WorkerProcess.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "queues": ",".join(self.queue_names)[:255],
                "heartbeat_at": timezone.now(),
                "stopped_at": None,
            },
        )

    def _heartbeat(self) -> None:
        """Thread: renews this worker's lease a few times per lease period."""
        while not self._beat_stop.wait(self.lease / 4):
            try:
                updated = WorkerProcess.objects.filter(pk=self.worker_id).update(
                    heartbeat_at=timezone.now()
                )
                if not updated:
                    self.report_in()
            except DATABASE_AWAY:
                connections.close_all()  # this thread's connection; the next beat reconnects
        connections.close_all()

    def recover_lost_tasks(self) -> list[str]:
        """Put back in line (or fail, after their last attempt) the running tasks whose worker
        has not reported within the lease."""
        cutoff = timezone.now() - timedelta(seconds=self.lease)
        alive = set(
            WorkerProcess.objects.filter(
                heartbeat_at__gte=cutoff, stopped_at__isnull=True
            ).values_list("worker_id", flat=True)
        )
        running = (
            DBTaskResult.objects.running()
            .filter(backend_name=self.backend_name, started_at__lt=cutoff)
            .values_list("pk", "worker_ids")
        )
        lost = [pk for pk, worker_ids in running if worker_ids[-1:] and worker_ids[-1] not in alive]
        recovered = []
        for pk in lost:
            with transaction.atomic():
                row = (
                    DBTaskResult.objects.select_for_update(skip_locked=True)
                    .filter(pk=pk, status=TaskResultStatus.RUNNING)
                    .first()
                )
                if row is None or row.worker_ids[-1] in alive:
                    continue
                error = WorkerLost(f"worker {row.worker_ids[-1]} stopped reporting during the task")
                row.exception_class_path = get_module_path(WorkerLost)
                row.traceback = f"{row.exception_class_path}: {error}"
                attempts = len(row.worker_ids)
                retry_in = 0.0 if attempts < policy_for(row.task_path).attempts else None
                self._reschedule_or_fail(row, retry_in)
            logger.warning(
                "Task %s (%s): %s; %s.",
                pk,
                row.task_path,
                error,
                "back in line" if retry_in is not None else "failed for good",
            )
            recovered.append(str(pk))
        return recovered

    # A database that goes away -------------------------------------------------------------

    def _database_down(self, error: Exception) -> None:
        connections.close_all()
        now = time.monotonic()
        if self._database_away_since is None:
            self._database_away_since = now
            logger.error("Database unreachable (%s); the worker waits and retries.", error)
        waited = now - self._database_away_since
        self._wake.wait(min(MAX_RECONNECT_WAIT, 0.2 + waited / 2))

    def _database_back(self) -> None:
        if self._database_away_since is not None:
            away = time.monotonic() - self._database_away_since
            logger.info("Database reachable again after %.1f s.", away)
            self._database_away_since = None

    def _persist(self, write: Callable[[], None]) -> None:
        """Run a write of the queue's own bookkeeping until the database takes it: a task's
        outcome must not be lost because the database restarted as it finished."""
        while True:
            try:
                write()
            except DATABASE_AWAY as error:
                self._database_down(error)
                self._wake.clear()
                continue
            self._database_back()
            return
