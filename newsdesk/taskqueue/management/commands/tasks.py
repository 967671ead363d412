"""``newsdesk tasks``: the queue from the shell (list, retry, ping)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsdesk.taskqueue import operations
from newsdesk.taskqueue.admin import STATUS_LABELS


class Command(BaseCommand):
    help = (
        "Shows the task queue (`list`, `list --failed`), puts failed tasks back in line "
        "(`retry ID…` or `retry --all-failed`) and checks that a worker answers (`ping`, "
        "exit status 1 if none does: fit for a monitoring check)."
    )

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help="The newest tasks, with state and last error.")
        listing.add_argument(
            "--status",
            choices=[s.lower() for s in TaskResultStatus.values],
            help="Only tasks in this state.",
        )
        listing.add_argument("--failed", action="store_true", help="Same as --status failed.")
        listing.add_argument("--limit", type=int, default=30)
        retry = actions.add_parser("retry", help="Failed tasks back in line, with fresh attempts.")
        retry.add_argument("ids", nargs="*")
        retry.add_argument("--all-failed", action="store_true")
        ping = actions.add_parser("ping", help="Enqueue a ping and wait for a worker to run it.")
        ping.add_argument("--timeout", type=float, default=10.0)

    def handle(self, *args, action: str, **options) -> None:
        if not operations.is_database_queue():
            raise CommandError("NEWSDESK_TASKS_BACKEND is not 'database': there is no queue.")
        getattr(self, f"do_{action}")(**options)

    def do_list(self, status: str | None, failed: bool, limit: int, **options) -> None:
        rows = DBTaskResult.objects.order_by("-enqueued_at")
        if failed:
            status = "failed"
        if status:
            rows = rows.filter(status=status.upper())
        for row in rows[:limit]:
            when = row.finished_at or operations.next_attempt(row) or row.enqueued_at
            state = str(STATUS_LABELS.get(row.status, row.status))
            line = (
                f"{row.pk}  {state:<14}  {row.task_path.rsplit('.', 1)[-1]:<24}  "
                f"{_('Versuche')}={len(row.worker_ids)}  "
                f"{timezone.localtime(when):%Y-%m-%d %H:%M:%S}"
            )
            error = operations.last_error(row)
            self.stdout.write(f"{line}  {error}" if error else line)
        summary = ", ".join(
            f"{label} {DBTaskResult.objects.filter(status=status).count()}"
            for status, label in STATUS_LABELS.items()
        )
        workers = operations.live_workers().count()
        self.stdout.write(
            _("%(summary)s; Arbeitsprozesse: %(workers)d")
            % {"summary": summary, "workers": workers}
        )

    def do_retry(self, ids: list[str], all_failed: bool, **options) -> None:
        if all_failed:
            ids = list(DBTaskResult.objects.failed().values_list("pk", flat=True))
        elif not ids:
            raise CommandError("Name task ids or pass --all-failed.")
        count = operations.retry_tasks(ids)
        self.stdout.write(
            self.style.SUCCESS(_("%(count)d Aufgaben wieder eingereiht.") % {"count": count})
        )

    def do_ping(self, timeout: float, **options) -> None:
        seconds = operations.ping(timeout)
        if seconds is None:
            live = operations.live_workers().count()
            raise CommandError(
                _("Kein Arbeitsprozess hat in %(timeout).0f s geantwortet (laufend: %(live)d).")
                % {"timeout": timeout, "live": live}
            )
        self.stdout.write(self.style.SUCCESS(_("pong nach %(ms).0f ms") % {"ms": seconds * 1000}))
