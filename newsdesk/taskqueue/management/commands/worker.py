"""``newsdesk worker``: run tasks from the database queue until stopped."""

from __future__ import annotations

import logging

from django.core.management.base import BaseCommand, CommandError

from newsdesk.taskqueue.operations import is_database_queue
from newsdesk.taskqueue.worker import Worker


class Command(BaseCommand):
    help = (
        "Runs queued tasks (related recompute, purges, mails) and, every minute, publish-due. "
        "Run one or more per machine under systemd (deploy/newsdesk-worker@.service); `make run` "
        "starts one beside the app server. SIGTERM lets the running task finish first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--queue",
            default="default",
            help="Queues to take tasks from, comma-separated; * for all.",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at an empty queue."
        )
        parser.add_argument(
            "--lease",
            type=float,
            default=None,
            help="Seconds without a heartbeat after which a worker counts as dead "
            "(default NEWSDESK_WORKER_LEASE).",
        )
        parser.add_argument("--batch", action="store_true", help="Run what is due now, then exit.")
        parser.add_argument("--max-tasks", type=int, default=None, help="Exit after N tasks.")
        parser.add_argument("--worker-id", default=None, help="Unique name (default: random).")
        parser.add_argument(
            "--publish-due-every",
            type=float,
            default=None,
            help="Seconds between runs of publish-due (default NEWSDESK_WORKER_PUBLISH_DUE; "
            "0 leaves it to cron).",
        )

    def handle(self, *args, **options) -> None:
        if not is_database_queue():
            raise CommandError(
                "NEWSDESK_TASKS_BACKEND is not 'database': tasks run where they are enqueued, "
                "there is no queue to work on."
            )
        if not logging.getLogger().handlers:
            logging.basicConfig(level=logging.INFO)
        worker = Worker(
            queue_names=options["queue"].split(","),
            interval=options["interval"],
            lease=options["lease"],
            batch=options["batch"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            publish_due_every=options["publish_due_every"],
        )
        worker.handle_signals()
        worker.run()
