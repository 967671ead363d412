"""Counting one reading: which beacon requests count, and the one cheap write they cost.

Privacy: the reader is known only by the client address (IPv6 by its /64), hashed in the
rate-limit cache for at most an hour and never written to the database. The beacon carries no
cookie (the page sends it with ``credentials: "omit"``) and the answer sets none.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.commerce.services import BOT_AGENTS
from newsdesk.core import ratelimit

from .models import HourlyReads

# A reader who reloads the article, or comes back to it within this many seconds, is one
# reading: the same address and article are counted once per window.
REPEAT_WINDOW = 30 * 60
# At most this many counted readings per client address and hour over all articles. A reader
# rarely reads more; a script that sends beacons in a loop stops counting here.
READ_RATE = ratelimit.Rate(limit=60, window=3600)
# Counts older than the longest window of the box are deleted.
KEEP_DAYS = 8
PRUNE_SECONDS = 6 * 3600
PRUNED_KEY = "readership:pruned"


def is_countable(request: HttpRequest) -> bool:
    """Only a beacon a reader's browser sent from one of our own pages counts.

    Refused: anything but POST, a request another site made the browser send
    (``Sec-Fetch-Site`` other than same-origin), prefetches and prerenders, known bots.
    """
    if request.method != "POST":
        return False
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    purpose = (request.headers.get("Sec-Purpose") or request.headers.get("Purpose") or "").lower()
    if "prefetch" in purpose or "prerender" in purpose:
        return False
    agent = request.headers.get("User-Agent", "")
    return bool(agent) and not BOT_AGENTS.search(agent)


def is_first_reading(request: HttpRequest, article_id: int) -> bool:
    """False for a repeat within REPEAT_WINDOW and for every beacon of a client over READ_RATE.

    Not keyed on the User-Agent: a script rotating it would count every request.
    """
    try:
        return ratelimit.first_from_client(
            "read-beacon", request, article_id, repeat_window=REPEAT_WINDOW, rate=READ_RATE
        )
    except (ratelimit.CountersUnavailable, ValueError):
        # Counters away or an address that cannot be read: count nothing rather than
        # count without a limit.
        return False


def current_hour(now: datetime | None = None) -> datetime:
    return (now or timezone.now()).replace(minute=0, second=0, microsecond=0)


def record_reading(article_id: int, now: datetime | None = None) -> bool:
    """Add one reading of a published article to its row of this hour.

    One UPDATE of one row in the usual case; the hour's first reading inserts the row. False
    (nothing written) for an article readers cannot see.
    """
    if not Article.objects.published().filter(pk=article_id).exists():
        return False
    hour = current_hour(now)
    rows = HourlyReads.objects.filter(article_id=article_id, hour=hour)
    if rows.update(reads=F("reads") + 1):
        return True
    try:
        with transaction.atomic():
            HourlyReads.objects.create(article_id=article_id, hour=hour, reads=1)
    except IntegrityError:
        # Another worker inserted the hour's row between the UPDATE and the INSERT.
        rows.update(reads=F("reads") + 1)
    else:
        prune_now_and_then()
    return True


def prune_now_and_then() -> None:
    """Rows older than the longest window serve no list: deleted at most every PRUNE_SECONDS."""
    if cache.add(PRUNED_KEY, 1, timeout=PRUNE_SECONDS):
        HourlyReads.objects.filter(hour__lt=timezone.now() - timedelta(days=KEEP_DAYS)).delete()
