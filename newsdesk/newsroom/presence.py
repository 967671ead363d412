"""Who has an article open: every open form sends a heartbeat, kept briefly in the cache.

No locks: presence only informs. An entry not refreshed within ``PRESENCE_TTL`` seconds is
gone (a closed laptop does not block anyone, TRUST.md G2).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from django.core.cache import cache

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The browser beats every 2 s while the form is visible; a few missed beats are tolerated.
HEARTBEAT_SECONDS = 2
PRESENCE_TTL = 12


def _key(article_id: int) -> str:
    return f"newsroom:presence:{article_id}"


def display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _current(article_id: int, now: float) -> dict[str, list]:
    entries = cache.get(_key(article_id)) or {}
    return {uid: entry for uid, entry in entries.items() if now - entry[1] < PRESENCE_TTL}


def beat(article_id: int, user: User, *, leaving: bool = False) -> list[str]:
    """Record that ``user`` has the article open (or left it); the others who have it open.

    Two beats at the same moment may overwrite each other; the next beat repairs that.
    """
    now = time.time()
    entries = _current(article_id, now)
    if leaving:
        entries.pop(str(user.pk), None)
    else:
        entries[str(user.pk)] = [display_name(user), now]
    cache.set(_key(article_id), entries, timeout=PRESENCE_TTL * 2)
    return others(entries, user)


def others(entries: dict[str, list], user: User) -> list[str]:
    return sorted(name for uid, (name, _at) in entries.items() if uid != str(user.pk))


def who_else(article_id: int, user: User) -> list[str]:
    return others(_current(article_id, time.time()), user)
