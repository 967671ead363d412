"""Cursor pagination: a page ends with an opaque cursor that points behind its last item.

Cursors survive new items arriving at the top (unlike page numbers) and cost one indexed range
query at any depth. A cursor holds the sort values of the last item, base64url-encoded JSON.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja.errors import HttpError

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def encode(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode(cursor: str) -> list:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        values = None
    if not isinstance(values, list):
        raise HttpError(400, "The cursor is not valid: pass on the next_cursor of a response.")
    return values


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise HttpError(400, f"limit must lie between 1 and {MAX_LIMIT}.")
    return limit


def next_link(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    params = {k: v for k, v in request.GET.items() if k != "cursor"}
    params["cursor"] = cursor
    return f"{request.path}?{urlencode(params)}"


def newest_first(qs: QuerySet, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """Articles by publication time, newest first (the site's listing order and index)."""
    qs = qs.order_by("-published_at", "-id")
    if cursor:
        values = decode(cursor)
        try:
            published_at, pk = dt.datetime.fromisoformat(values[0]), int(values[1])
        except (IndexError, TypeError, ValueError):
            raise HttpError(400, "The cursor is not valid.") from None
        qs = qs.filter(Q(published_at__lt=published_at) | Q(published_at=published_at, id__lt=pk))
    items = list(qs[: limit + 1])
    if len(items) <= limit:
        return items, None
    items = items[:limit]
    last = items[-1]
    return items, encode([last.published_at.isoformat(), last.pk])


def by_id(qs: QuerySet, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """Anything else, oldest first by id: stable and cheap."""
    qs = qs.order_by("id")
    if cursor:
        values = decode(cursor)
        try:
            qs = qs.filter(id__gt=int(values[0]))
        except (IndexError, TypeError, ValueError):
            raise HttpError(400, "The cursor is not valid.") from None
    items = list(qs[: limit + 1])
    if len(items) <= limit:
        return items, None
    items = items[:limit]
    return items, encode([items[-1].pk])


def by_offset(ids: list[int], cursor: str | None, limit: int) -> tuple[list[int], str | None]:
    """A ranked list (search results) in its own order."""
    start = 0
    if cursor:
        values = decode(cursor)
        try:
            start = max(0, int(values[0]))
        except (IndexError, TypeError, ValueError):
            raise HttpError(400, "The cursor is not valid.") from None
    page = ids[start : start + limit]
    more = start + limit < len(ids)
    return page, encode([start + limit]) if more else None
