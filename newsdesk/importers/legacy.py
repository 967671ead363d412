"""Old WordPress addresses, and the redirect rows that keep them alive."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.utils.encoding import escape_uri_path

# Query-string addresses WordPress answers on its home page: /?p=123, /?page_id=7, ...
LEGACY_PARAMETERS = ("p", "page_id", "attachment_id", "cat", "tag", "author")
MAX_PATH = Redirect._meta.get_field("old_path").max_length


def old_path(url: str) -> str:
    """The path (and WordPress query) of an old address as Django's fallback compares it:
    percent-encoded the way ``request.get_full_path()`` writes it."""
    parts = urlsplit(url)
    path = escape_uri_path(unquote(parts.path or "/"))
    return f"{path}?{parts.query}" if parts.query else path


def wp_nicename(login: str) -> str:
    """The address form WordPress gives a login ("ben.muster" -> "ben-muster")."""
    name = re.sub(r"[^a-z0-9_-]+", "-", login.lower())
    return re.sub(r"-{2,}", "-", name).strip("-")


class RedirectBatch:
    """Collects old → new paths and writes them in one statement per batch."""

    def __init__(self) -> None:
        self.rows: dict[str, str] = {}
        self.too_long: list[str] = []

    def add(self, old: str, new: str) -> None:
        if not old or old == new:
            return  # the address did not change: a redirect would loop
        if len(old) > MAX_PATH or len(new) > MAX_PATH:
            self.too_long.append(old)
            return
        self.rows[old] = new

    def extend(self, olds: Iterable[str], new: str) -> None:
        for old in olds:
            self.add(old, new)

    def write(self) -> int:
        if not self.rows:
            return 0
        Redirect.objects.bulk_create(
            [
                Redirect(site_id=settings.SITE_ID, old_path=old, new_path=new)
                for old, new in self.rows.items()
            ],
            update_conflicts=True,
            unique_fields=["site", "old_path"],
            update_fields=["new_path"],
        )
        written = len(self.rows)
        self.rows = {}
        return written
