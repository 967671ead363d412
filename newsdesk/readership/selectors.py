"""The "Meistgelesen" lists: ranked from the hourly counts a few times an hour, never per page.

The ranking (article ids only) is kept in the default cache with the time it was made. The
beacon's request renews it once it is ``REFRESH_SECONDS`` old (one worker at a time, by a lock
in the cache), so ranking costs readers nothing; a page only reads it. A page renews it itself
only when it is more than ``STALE_SECONDS`` old (a process that got no beacon for that long),
and shows no box while no ranking was made yet. The articles are read fresh, published ones
only, when a page renders: a taken-down article leaves the box with the next render. A cached
page shows the box as it was when the page was rendered.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Q, Sum
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.pagecache.dependencies import record
from newsdesk.publishing import keys
from newsdesk.publishing.changes import note_keys

from .models import HourlyReads

BOX_SIZE = 5
REFRESH_SECONDS = 5 * 60
STALE_SECONDS = 15 * 60
# The windows the box shows and their length in hours.
WINDOWS: dict[str, int] = {"day": 24, "week": 7 * 24}
CACHE_KEY = "readership:ranking:v1"
LOCK_KEY = "readership:ranking:lock"


@dataclass(frozen=True)
class MostRead:
    day: list[Article]
    week: list[Article]

    def __bool__(self) -> bool:
        return bool(self.day or self.week)


def rank(size: int = BOX_SIZE) -> dict[str, list[int]]:
    """Ids of the most read published articles of each window, most read first (one query)."""
    now = timezone.now()
    sums = {
        name: Sum("reads", filter=Q(hour__gte=now - timedelta(hours=hours)))
        for name, hours in WINDOWS.items()
    }
    longest = max(WINDOWS.values())
    rows = list(
        HourlyReads.objects.filter(
            hour__gte=now - timedelta(hours=longest), article__in=Article.objects.published()
        )
        .values("article")
        .annotate(**sums)
    )
    ranking = {}
    for name in WINDOWS:
        read = [row for row in rows if row[name]]
        read.sort(key=lambda row: (-row[name], -row["article"]))
        ranking[name] = [row["article"] for row in read[:size]]
    return ranking


def refresh() -> dict[str, list[int]]:
    """Rank every window now and keep the result for the pages; pages showing the box are
    renewed when the ranking changed."""
    ranking = rank()
    stored = cache.get(CACHE_KEY)
    cache.set(CACHE_KEY, {"at": time.time(), "ranking": ranking}, timeout=None)
    if stored is None or stored["ranking"] != ranking:
        note_keys({keys.MOST_READ})
    return ranking


def is_ranked(article_id: int) -> bool:
    """Whether the box lists this article now (its leaving public view renews the box)."""
    stored = cache.get(CACHE_KEY)
    return stored is not None and any(article_id in ids for ids in stored["ranking"].values())


def renew_if_older_than(seconds: float) -> dict[str, list[int]] | None:
    """The stored ranking, renewed first when it is older than ``seconds`` (by one worker;
    the others go on with the stored one). None while no ranking was ever made."""
    stored = cache.get(CACHE_KEY)
    if stored is not None and time.time() - stored["at"] < seconds:
        return stored["ranking"]
    if cache.add(LOCK_KEY, 1, timeout=60):
        try:
            return refresh()
        finally:
            cache.delete(LOCK_KEY)
    return stored["ranking"] if stored is not None else None


def most_read() -> MostRead:
    """The box's two lists with their articles, in one query; notes them for the page cache."""
    stored = cache.get(CACHE_KEY)
    if stored is None:
        return MostRead(day=[], week=[])  # nothing read since the cache was emptied
    ranking = stored["ranking"]
    if time.time() - stored["at"] >= STALE_SECONDS:
        ranking = renew_if_older_than(STALE_SECONDS) or ranking
    wanted = {pk for ids in ranking.values() for pk in ids}
    if not wanted:
        return MostRead(day=[], week=[])
    articles = Article.objects.published().filter(pk__in=wanted).in_bulk()
    # One key for the box, not one per article in it: an edit of a much-read article would
    # otherwise renew every article page, all of which show the box.
    record(keys.MOST_READ)
    lists = {
        name: [articles[pk] for pk in ranking.get(name, []) if pk in articles] for name in WINDOWS
    }
    return MostRead(day=lists["day"], week=lists["week"])
