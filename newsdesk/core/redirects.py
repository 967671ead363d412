"""Keep old addresses alive: when an object's URL changes, the old path answers with a 301.

Rows go into ``django.contrib.redirects``; its fallback middleware answers them on a 404. The
publishing pipeline (``newsdesk.publishing.follow``) calls ``redirect_moved`` when a save of a
content type with ``redirects=True`` changed its address.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.redirects.models import Redirect


def redirect_moved(old_path: str, new_path: str) -> None:
    """Answer ``old_path`` with a 301 to ``new_path`` from now on."""
    if not old_path or old_path == new_path:
        return
    # Earlier redirects that pointed at the old path now go straight to the new one.
    Redirect.objects.filter(site_id=settings.SITE_ID, new_path=old_path).update(new_path=new_path)
    Redirect.objects.filter(site_id=settings.SITE_ID, old_path=new_path).delete()
    Redirect.objects.update_or_create(
        site_id=settings.SITE_ID, old_path=old_path, defaults={"new_path": new_path}
    )
