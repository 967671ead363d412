"""Who may post to a ticker and change which entry, in the shape of ``newsroom.permissions``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .models import TickerEntry


def may_post(user: User) -> bool:
    return user.has_perm("liveticker.add_tickerentry")


def may_change_entry(user: User, entry: TickerEntry) -> bool:
    """The Redaktion changes every entry; a reporter (Autor) only her own."""
    if user.has_perm("liveticker.change_any_tickerentry"):
        return True
    return user.has_perm("liveticker.change_tickerentry") and entry.created_by_id == user.pk
