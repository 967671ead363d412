"""An idle worker hears of a new task at once on PostgreSQL, instead of at its next look.

Enqueueing sends ``NOTIFY`` on the task's database; PostgreSQL delivers it when the enqueueing
transaction commits (never for one rolled back). A worker with nothing to do ``LISTEN``s on its
own connection and wakes on the first notice or after its interval, whichever comes first, so a
purge queued by a save reaches Varnish within milliseconds rather than up to a second later.

Everything else falls back to looking every ``interval`` seconds: SQLite (one machine, the
embedded worker), and a PostgreSQL connection behind a transaction-pooling proxy such as
PgBouncer, which does not pass notices on (then the notice is lost, the next look finds the task).
"""

from __future__ import annotations

import logging
import threading

from django.db import connections

from newsdesk.core.database_away import DATABASE_AWAY

logger = logging.getLogger(__name__)

CHANNEL = "newsdesk_tasks"


def announce(alias: str) -> None:
    """Tell listening workers that a task is queued in ``alias``'s database."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"NOTIFY {CHANNEL}")


class Listener:
    """Waits on ``alias``'s connection for the next notice, or ``interval`` seconds."""

    def __init__(self, alias: str, wake: threading.Event) -> None:
        self.alias = alias
        self.wake = wake  # set on shutdown; the plain wait below returns at once then
        self._listening_on: object | None = None

    def wait(self, interval: float) -> None:
        connection = connections[self.alias]
        if connection.vendor != "postgresql" or self.wake.is_set():
            self.wake.wait(interval)
            return
        try:
            if self._listening_on is not connection.connection or connection.connection is None:
                with connection.cursor() as cursor:  # opens the connection when closed
                    cursor.execute(f"LISTEN {CHANNEL}")
                self._listening_on = connection.connection
            # One notice is enough: the loop then takes every task that is ready. Django's
            # wrapper turns a dropped connection into its own error and marks the connection
            # unusable, so the loop's close_old_connections() replaces it.
            with connection.wrap_database_errors:
                for _notice in connection.connection.notifies(timeout=interval, stop_after=1):
                    pass
        except DATABASE_AWAY:
            # The loop's next look meets the same fault and handles it (waits, logs once).
            self._listening_on = None
