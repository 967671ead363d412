"""Invalidations that fall due later, kept in the database (``ScheduledInvalidation``).

A scheduled article must enter its listings at its time, before any ``publish-due`` run saves
it. Each scheduled object has one row (its due time and the keys to invalidate then); a cache
hit compares only the cached "next due time" with the clock. The first request after that time
invalidates the due rows' keys the ordinary way (generations, and a purge of the caches in
front) and removes the rows, so nothing is unpickled or scanned on a hit, and two saves at once
cannot lose an entry: each is one upsert of its own row.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import time
from collections.abc import Iterable

from django.db.models import Min

from . import store
from .models import ScheduledInvalidation

# "article-12": the key of one object, as opposed to "topic-3-articles" or "home".
OBJECT_KEY = re.compile(r"[a-z_]+-\d+")

# This process's last reading of the next due time, for when the cache is away: (due, read at).
_memo: tuple[float, float] = (-math.inf, -math.inf)
_memo_lock = threading.Lock()


def owner_of(keys: Iterable[str]) -> str:
    """The object that a set of keys was scheduled for: its own key, when there is exactly one."""
    keys = sorted(set(keys))
    own = [key for key in keys if OBJECT_KEY.fullmatch(key)]
    if len(own) == 1:
        return own[0]
    return "keys:" + hashlib.sha256("\0".join(keys).encode()).hexdigest()[:40]


def schedule(due: float, keys: Iterable[str], owner: str | None = None) -> None:
    """Invalidate ``keys`` at ``due`` (a Unix time); replaces the owner's earlier entry."""
    global _memo
    keys = sorted(set(keys))
    if not keys:
        return
    ScheduledInvalidation.objects.bulk_create(
        [ScheduledInvalidation(owner=owner or owner_of(keys), due=due, keys=keys)],
        update_conflicts=True,
        unique_fields=["owner"],
        update_fields=["due", "keys"],
    )
    # Bring the next due time forward if this entry comes first. Two writers at once may leave
    # the later of their times here; the copy expires within a minute and is read anew.
    current = store.cache().get(store.NEXT_DUE_KEY)
    if current is None or due < current:
        store.cache().set(store.NEXT_DUE_KEY, due, timeout=store.NEXT_DUE_SECONDS)
    with _memo_lock:
        _memo = (min(_memo[0], due), _memo[1])


def cancel(owner: str) -> None:
    """Forget the owner's entry (an article unscheduled or deleted before its time)."""
    ScheduledInvalidation.objects.filter(owner=owner).delete()


def run_if_due(now: float | None = None) -> bool:
    """``run_due`` for a process that serves no pages (the task worker, once a second).

    Pages cached in Varnish never reach the page cache's look-up, so nothing there notices a
    scheduled time passing (a ticker entry scheduled for 20:00 would wait for the next purge).
    The worker reads the cached next due time, one cache read, and runs the due rows then.
    """
    now = time.time() if now is None else now
    if store.is_available(store.cache()):
        next_due = store.cache().get(store.NEXT_DUE_KEY)
        if next_due is not None and next_due > now:
            return False
    return run_due(now)


def run_due(now: float | None = None) -> bool:
    """Invalidate every entry whose time has come; True when there was one.

    The page cache calls this when the cached next due time has passed or expired. While the
    cache is away, this process's own reading stands in for it, renewed once a minute.
    """
    global _memo
    now = time.time() if now is None else now
    cache_up = store.is_available(store.cache())
    if not cache_up:
        due, read_at = _memo
        if due > now and now - read_at < store.NEXT_DUE_SECONDS:
            return False
    rows = list(ScheduledInvalidation.objects.filter(due__lte=now).values_list("pk", "keys"))
    if rows:
        from newsdesk.publishing.follow import invalidate

        invalidate(soft={key for _, keys in rows for key in keys}, hard=set(), paths=set())
        # Only rows still due: one moved to a later time meanwhile stays.
        ScheduledInvalidation.objects.filter(pk__in=[pk for pk, _ in rows], due__lte=now).delete()
    next_due = ScheduledInvalidation.objects.aggregate(next=Min("due"))["next"]
    next_due = math.inf if next_due is None else next_due
    with _memo_lock:
        _memo = (next_due, now)
    if cache_up:
        store.cache().set(store.NEXT_DUE_KEY, next_due, timeout=store.NEXT_DUE_SECONDS)
    return bool(rows)
