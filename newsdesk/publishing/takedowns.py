"""Taking an address out of public view everywhere at once (``newsdesk takedown``).

For a newsroom a takedown is often a legal duty: the object is unpublished through its
service, the app's cached copies of the address are dropped on every host name, Varnish is
purged hard by the object's keys with a purge that must be confirmed, the baked files are
removed, and a ``Takedown`` row records who asked, why and every place that was cleared.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.urls import Resolver404, resolve

from . import follow, registry
from .models import Takedown


class TakedownError(Exception):
    """The address cannot be taken down (nothing was changed)."""


@dataclass
class Target:
    """What an address stands for: a bare path, or the registered object published there."""

    path: str
    content_type: registry.ContentType | None = None
    obj: Model | None = None

    @property
    def label(self) -> str:
        if self.obj is None:
            return ""
        return f"{self.content_type.name} {self.obj.pk}: {self.obj}"[:200]


@dataclass
class Outcome:
    takedown: Takedown
    cleared: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def resolve_url(url: str, baked: Iterable[Path] = ()) -> Target:
    """The path of ``url`` (a full URL on one of the site's hosts, or a path) and its object.

    Raises ``TakedownError`` for anything that is not an address of this site, and for an
    address that shows no object, is not answered by the app and has no baked copy in
    ``baked``: a mistyped address would otherwise be recorded as taken down.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise TakedownError(f"{url!r} is not an http(s) address or a path.")
        hosts = {host.split(":")[0] for host in follow.site_hosts()}
        if parts.hostname not in hosts:
            raise TakedownError(
                f"{parts.hostname} is not a host name of this site ({', '.join(sorted(hosts))})."
            )
    path = parts.path
    if not path.startswith("/") or parts.query or parts.fragment:
        raise TakedownError(f"{url!r} is not an address without query: give its path, /a/b/.")
    try:
        resolve(path)
    except Resolver404:
        raise TakedownError(f"{path} is no address of this site (nothing answers it).") from None
    found = registry.find(path)
    if found is not None:
        return Target(path, *found)
    status = app_answer(path)
    if status in (404, 410) and not any(_baked_files(Path(d), path) for d in baked):
        folders = f" and no baked copy in {', '.join(str(d) for d in baked)}" if baked else ""
        raise TakedownError(
            f"{path} shows nothing on this site: the app answers {status}{folders}. "
            "Check the address (copy it from the reader's browser)."
        )
    return Target(path)


def app_answer(path: str) -> int:
    """The status the app answers ``path`` with, on the site's own host (cached copies count:
    a page a reader still gets is a page to take down)."""
    from django.conf import settings
    from django.core.handlers.base import BaseHandler
    from django.test import RequestFactory

    host = urlsplit(settings.NEWSDESK_BASE_URL).hostname or "localhost"
    handler = BaseHandler()
    handler.load_middleware()
    # Django logs every 404 as a warning ("Not Found: ..."): here the command says it itself.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    try:
        return handler.get_response(RequestFactory(SERVER_NAME=host).get(path)).status_code
    finally:
        request_log.setLevel(level)


def take_down(
    url: str, reason: str, user: Model | None = None, baked: Iterable[Path] = ()
) -> Outcome:
    """Take ``url`` out of public view everywhere and record it.

    Raises ``TakedownError`` before anything is written when the address or the reason is
    not usable. A Varnish purge that fails does not undo the rest: it is listed in
    ``Outcome.failures`` and the row is marked incomplete.
    """
    if not reason.strip():
        raise TakedownError("A reason is required.")
    baked = list(baked)
    target = resolve_url(url, baked)
    outcome = Outcome(takedown=Takedown(url=target.path, reason=reason, taken_down_by=user))
    cleared = outcome.cleared
    if target.obj is not None:
        _unpublish(target, user, cleared)
    _clear_app_cache(target, cleared)
    _purge_varnish(target, outcome)
    for directory in baked:
        _remove_baked(Path(directory), target.path, cleared)
    row = outcome.takedown
    row.content = target.label
    row.cleared = cleared
    row.complete = not outcome.failures
    row.save()
    return outcome


def _unpublish(target: Target, user: Model | None, cleared: list[str]) -> None:
    content_type, obj = target.content_type, target.obj
    if not content_type.is_public(obj):
        cleared.append(f"{target.label}: was not public")
    elif content_type.unpublish is None:
        cleared.append(f"{target.label}: has no unpublished state, the app still shows it")
    else:
        # The pipeline follows the change on commit (index, listings, a purge of its keys).
        try:
            with transaction.atomic():
                content_type.unpublish(obj, user)
        except PermissionDenied:
            raise TakedownError(f"{user} may not unpublish {target.label}.") from None
        cleared.append(f"{target.label}: unpublished")


def _clear_app_cache(target: Target, cleared: list[str]) -> None:
    from newsdesk.pagecache import store

    if target.obj is not None:
        store.invalidate(target.content_type.object_keys(target.obj))
    hosts = sorted(follow.site_hosts())
    follow.drop_cached_pages([target.path])
    cleared.append(f"app page cache: {target.path} on {', '.join(hosts) or 'no host'}")


def _purge_varnish(target: Target, outcome: Outcome) -> None:
    from newsdesk.pagecache.purge import PurgeFailed, get_purger, purges_anything

    if not purges_anything():
        outcome.cleared.append("Varnish: none configured (NEWSDESK_PURGE_BACKEND=none)")
        return
    if target.obj is None:
        # Varnish drops pages by the keys of what they show; a bare path names no object.
        outcome.failures.append(f"Varnish: {target.path} shows no registered object, no key")
        return
    found = sorted(target.content_type.object_keys(target.obj))
    try:
        get_purger(strict=True).purge(found, hard=True)
    except PurgeFailed as error:
        outcome.failures.append(f"Varnish: hard purge of {' '.join(found)} failed: {error}")
    else:
        outcome.cleared.append(f"Varnish: hard purge of {' '.join(found)}")


def _baked_files(directory: Path, path: str) -> list[Path]:
    from newsdesk.pagecache.bakepages import file_for

    file = file_for(directory, path)
    twins = (file, file.with_name(file.name + ".gz"), file.with_name(file.name + ".br"))
    return [twin for twin in twins if twin.exists()]


def _remove_baked(directory: Path, path: str, cleared: list[str]) -> None:
    from newsdesk.pagecache.bakepages import remove_page

    existed = _baked_files(directory, path)
    remove_page(directory, path)
    if existed:
        cleared.append(f"baked files: {', '.join(str(f) for f in existed)}")
    else:
        cleared.append(f"baked files: none under {directory}")
