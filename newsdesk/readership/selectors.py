"""The "Meistgelesen" lists: ranked from the hourly counts a few times an hour, never per page.

The ranking (article ids only) is kept in the default cache with the time it was made; a page
rendered after ``REFRESH_SECONDS`` asks for a new one, and exactly one worker makes it (a lock
in the cache) while every other page uses the previous ranking. The articles themselves are
read fresh at render time, published ones only, so a taken-down article leaves the box with
the next render of the page. A cached page shows the box as it was when the page was rendered.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.pagecache.dependencies import record

from .models import HourlyReads

BOX_SIZE = 5
REFRESH_SECONDS = 5 * 60
# Rows older than the longest window are not needed for any list; a refresh deletes them.
KEEP_DAYS = 8
PRUNE_SECONDS = 6 * 3600
# The windows the box shows and their length in hours.
WINDOWS: dict[str, int] = {"day": 24, "week": 7 * 24}
CACHE_KEY = "readership:ranking:v1"
LOCK_KEY = "readership:ranking:lock"
PRUNED_KEY = "readership:pruned"


@dataclass(frozen=True)
class MostRead:
    day: list[Article]
    week: list[Article]

    def __bool__(self) -> bool:
        return bool(self.day or self.week)


def rank(hours: int, size: int = BOX_SIZE) -> list[int]:
    """Ids of the most read published articles of the last ``hours``, most read first."""
    since = timezone.now() - timedelta(hours=hours)
    rows = (
        HourlyReads.objects.filter(hour__gte=since, article__in=Article.objects.published())
        .values("article")
        .annotate(total=Sum("reads"))
        .order_by("-total", "-article")[:size]
    )
    return [row["article"] for row in rows]


def refresh() -> dict[str, list[int]]:
    """Rank every window now, keep the result for the pages, and delete rows no list needs."""
    ranking = {name: rank(hours) for name, hours in WINDOWS.items()}
    cache.set(CACHE_KEY, {"at": time.time(), "ranking": ranking}, timeout=None)
    if cache.add(PRUNED_KEY, 1, timeout=PRUNE_SECONDS):
        HourlyReads.objects.filter(hour__lt=timezone.now() - timedelta(days=KEEP_DAYS)).delete()
    return ranking


def current_ranking() -> dict[str, list[int]]:
    stored = cache.get(CACHE_KEY)
    if stored is not None and time.time() - stored["at"] < REFRESH_SECONDS:
        return stored["ranking"]
    # One worker refreshes; the others answer with the previous ranking (or none yet).
    if cache.add(LOCK_KEY, 1, timeout=60):
        try:
            return refresh()
        finally:
            cache.delete(LOCK_KEY)
    return stored["ranking"] if stored is not None else {name: [] for name in WINDOWS}


def most_read() -> MostRead:
    """The box's two lists with their articles, in one query; notes them for the page cache."""
    ranking = current_ranking()
    wanted = {pk for ids in ranking.values() for pk in ids}
    if not wanted:
        return MostRead(day=[], week=[])
    articles = Article.objects.published().filter(pk__in=wanted).in_bulk()
    record(articles.values())
    lists = {
        name: [articles[pk] for pk in ranking.get(name, []) if pk in articles] for name in WINDOWS
    }
    return MostRead(day=lists["day"], week=lists["week"])
