"""Which read replica may serve an anonymous request right now.

A replica is an accelerator: when it refuses connections or lags further behind the primary than
``NEWSDESK_REPLICA_MAX_LAG`` seconds, it is taken out of the rotation for
``NEWSDESK_REPLICA_RETRY_AFTER`` seconds and reads go to the primary; it comes back by itself.

A page re-rendered because of a change must never show older data than that change, or the page
cache would store the old page as fresh. Every write request therefore records the primary's WAL
position after its commit (``note_change``); for a while after that, a replica serves a request
only once it has replayed that position, otherwise the primary does.

The state is per process: each app server finds out for itself, and says so once in its log when
a replica goes out of the rotation and once when it comes back, not on every request.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import DatabaseError

logger = logging.getLogger("newsdesk.replicas")

LAST_CHANGE_KEY = "replicas:last-change"


@dataclass
class ReplicaState:
    out_until: float = 0.0  # monotonic time until which the replica stays out of the rotation
    checked_at: float = float("-inf")  # monotonic time of the last successful lag check
    reason: str = ""


_states: dict[str, ReplicaState] = {}
_lock = threading.Lock()


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def _state(alias: str) -> ReplicaState:
    with _lock:
        return _states.setdefault(alias, ReplicaState())


def in_rotation(alias: str) -> bool:
    return _state(alias).out_until <= time.monotonic()


def out_reason(alias: str) -> str:
    return _state(alias).reason


def take_out(alias: str, reason: str) -> None:
    state = _state(alias)
    was_in = state.out_until <= time.monotonic()
    state.out_until = time.monotonic() + settings.NEWSDESK_REPLICA_RETRY_AFTER
    state.reason = reason
    if was_in:
        logger.warning(
            "Read replica %s taken out of the rotation for %s s, reads go to the primary: %s",
            alias,
            settings.NEWSDESK_REPLICA_RETRY_AFTER,
            reason,
        )
    # A broken connection must not be reused when the replica is tried again.
    try:
        connections[alias].close()
    except DatabaseError:
        pass


def _back_in(alias: str) -> None:
    state = _state(alias)
    if state.reason:
        logger.warning("Read replica %s is back in the rotation (was out: %s)", alias, state.reason)
        state.reason = ""


def note_change() -> None:
    """Record the primary's WAL position after a committed change (PostgreSQL with replicas)."""
    if not replica_aliases() or connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        return
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            (lsn,) = cursor.fetchone()
        cache.set(LAST_CHANGE_KEY, {"lsn": lsn, "at": time.time()}, timeout=3600)
    except Exception:  # noqa: BLE001 - without the mark, recent_change() errs on the primary's side
        logger.exception("Could not record the primary's WAL position after a change")


def recent_change() -> tuple[str | None, bool]:
    """The WAL position of the last change still worth waiting for, and whether it is known.

    A change older than the lag limit plus one check interval has reached every replica still in
    the rotation, so it needs no position check. When the cache cannot say, the answer is
    "unknown" and the caller reads from the primary.
    """
    try:
        mark = cache.get(LAST_CHANGE_KEY)
    except Exception:  # noqa: BLE001 - a cache outage makes the primary serve, never an error
        return None, False
    if not mark:
        return None, True
    horizon = settings.NEWSDESK_REPLICA_MAX_LAG + settings.NEWSDESK_REPLICA_CHECK_INTERVAL
    if time.time() - mark["at"] > horizon:
        return None, True
    return mark["lsn"], True


# Lag: zero while the replica has replayed everything it received, else the age of the last
# transaction it replayed. The third column says whether a given change has been replayed.
# A standby that restarted streams again from the start of a WAL segment, so its receive
# position can lie *behind* what it replayed (and is NULL until streaming starts): on a quiet
# primary that is no lag, though the last transaction replayed may be minutes old.
_LAG_SQL = """
SELECT CASE WHEN pg_last_wal_receive_lsn() IS NULL
              OR pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END,
       pg_last_wal_replay_lsn() >= %s::pg_lsn
"""


def _usable(alias: str, required_lsn: str | None) -> bool:
    """Whether ``alias`` may serve this request; takes it out of the rotation when it fails."""
    state = _state(alias)
    connection = connections[alias]
    now = time.monotonic()
    check_due = now - state.checked_at >= settings.NEWSDESK_REPLICA_CHECK_INTERVAL
    try:
        connection.ensure_connection()
        if connection.vendor != "postgresql":
            lag, replayed = 0, True
        elif not (check_due or required_lsn):
            return True
        else:
            with connection.cursor() as cursor:
                cursor.execute(_LAG_SQL, [required_lsn or "0/0"])
                lag, replayed = cursor.fetchone()
    except DatabaseError as error:
        take_out(alias, f"{type(error).__name__}: {str(error).strip().splitlines()[0][:200]}")
        return False
    state.checked_at = now
    if lag is not None and float(lag) > settings.NEWSDESK_REPLICA_MAX_LAG:
        take_out(alias, f"{float(lag):.1f} s behind the primary")
        return False
    _back_in(alias)
    # NULL: the server is not in recovery (a primary named as a replica) and has everything.
    return replayed is None or bool(replayed)


def routing_active() -> bool:
    return bool(replica_aliases()) and any(
        router.endswith("ReplicaRouter") for router in settings.DATABASE_ROUTERS
    )


def choose_read_alias() -> str:
    """The database an anonymous request reads from: a usable replica, else the primary."""
    replicas = [alias for alias in replica_aliases() if in_rotation(alias)]
    if not replicas:
        return DEFAULT_DB_ALIAS
    required_lsn, known = recent_change()
    if not known:
        return DEFAULT_DB_ALIAS
    random.shuffle(replicas)
    for alias in replicas:
        if _usable(alias, required_lsn):
            return alias
    return DEFAULT_DB_ALIAS


def reset() -> None:
    """Forget every replica's state (tests)."""
    with _lock:
        _states.clear()
