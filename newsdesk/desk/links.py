"""Where "Auf der Website anzeigen" leads: the real public address, and only when public.

Django's admin builds the link from ``django.contrib.sites`` (``example.com`` on a fresh
install); the site's address is ``NEWSDESK_BASE_URL``.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Model

# Objects whose address is not a page: an offer's address is a counted click to the shop.
NOT_PAGES = {"commerce.offer"}


def is_visible_to_readers(obj: Model) -> bool:
    """Whether readers can open the object's page now (drafts, scheduled and hidden: no)."""
    manager = type(obj)._default_manager
    published = getattr(manager, "published", None)
    if published is not None:
        return published().filter(pk=obj.pk).exists()
    return getattr(obj, "is_published", True)


def public_url(obj: Model) -> str | None:
    """The object's address on the website, or None when readers cannot open it."""
    if obj is None or obj.pk is None or not hasattr(obj, "get_absolute_url"):
        return None
    if obj._meta.label_lower in NOT_PAGES or not is_visible_to_readers(obj):
        return None
    return settings.NEWSDESK_BASE_URL + obj.get_absolute_url()
