"""Rendering and writing single pages of the static export, in the baking process or a worker.

A page is rendered by Django's own request handler with the project's full middleware stack, as
the app server would run it, but without the test client around it: no cookie jar, no signals
that close the database connection after every page, no copies of the response for assertions.
The bytes are the same; ``tests/test_bake.py`` compares every baked page with the app's answer.
"""

from __future__ import annotations

import gzip
import logging
import os
from dataclasses import dataclass
from multiprocessing.util import Finalize
from pathlib import Path

from django.core.handlers.base import BaseHandler
from django.db import connections
from django.test import RequestFactory

from .dependencies import FOOTER, collecting

try:
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

logger = logging.getLogger(__name__)

# gzip 6 and brotli 5 are the levels of the page cache (``store.compress``), so a baked page and a
# cached one are the same size. Measured (docs/performance.md): an 11 KB article page takes
# 0.14 ms (gzip 6) and 0.2 ms (brotli 5), the 35 KB home page 0.5 and 0.6 ms, against 10-40 ms to
# render a page. Lower levels save a tenth of a millisecond for 5-8 % larger files; brotli 9 is
# 1 % smaller and 8-18 times slower, brotli 11 10 % smaller and 35 ms for the home page.
GZIP_LEVEL = 6
BROTLI_QUALITY = 5


@dataclass(frozen=True)
class BakedPage:
    """What baking one address gave: its status and, for a written page, the keys it showed."""

    path: str
    status: int
    keys: tuple[str, ...] = ()

    @property
    def written(self) -> bool:
        return self.status == 200


def file_for(target: Path, path: str) -> Path:
    """``/a/b/`` is written as ``a/b/index.html``; an address without the final slash
    (``/sitemap.xml``, ``/feed.rss``) as the file it names, so its suffix gives its type."""
    relative = path.strip("/")
    if not relative:
        return target / "index.html"
    return target / relative / "index.html" if path.endswith("/") else target / relative


def write_atomically(file: Path, data: bytes) -> None:
    """Readers (nginx, a sync to the object store) never see a half-written file."""
    temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(file)


def write_page(file: Path, body: bytes) -> None:
    """The page with ``.gz`` and ``.br`` twins for nginx's ``gzip_static`` and ``brotli_static``."""
    file.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(file, body)
    write_atomically(file.with_name(file.name + ".gz"), gzip.compress(body, GZIP_LEVEL, mtime=0))
    if brotli:
        write_atomically(
            file.with_name(file.name + ".br"), brotli.compress(body, quality=BROTLI_QUALITY)
        )


def remove_page(target: Path, path: str) -> None:
    file = file_for(target, path)
    for candidate in (file, file.with_name(file.name + ".gz"), file.with_name(file.name + ".br")):
        candidate.unlink(missing_ok=True)


class PageBaker:
    """Renders addresses through the middleware stack and writes the pages that answer 200.

    The caller turns the page cache off (``NEWSDESK_PAGE_CACHE=False``): each render must run the
    view, so that the keys the view records are collected here.
    """

    def __init__(self, target: Path, host: str):
        self.target = target
        self.requests = RequestFactory(SERVER_NAME=host)
        self.handler = BaseHandler()
        self.handler.load_middleware()

    def bake(self, path: str) -> BakedPage:
        request = self.requests.get(path)
        try:
            with collecting() as keys:
                response = self.handler.get_response(request)
        except Exception:
            # Django answers a view's error with the 500 page; this is an error in that answer
            # itself (a missing static manifest, say). Reported like any page that failed.
            logger.exception("Baking %s failed", path)
            return BakedPage(path, 500)
        if response.status_code != 200 or response.streaming:
            return BakedPage(path, response.status_code)
        write_page(file_for(self.target, path), response.content)
        # As in the page cache: every page shows the footer's links to the standing pages.
        keys.add(FOOTER)
        return BakedPage(path, 200, tuple(sorted(keys)))


# One PageBaker per worker process, made once when the pool starts it.
_worker: PageBaker | None = None


def start_worker(target: Path, host: str) -> None:
    """Pool initializer: runs in a freshly forked worker, which opens its own DB connection."""
    global _worker
    _worker = PageBaker(target, host)
    # A worker that ends normally says goodbye to PostgreSQL instead of dropping the socket.
    Finalize(None, connections.close_all, exitpriority=10)


def bake_in_worker(paths: list[str]) -> list[BakedPage]:
    assert _worker is not None, "start_worker() has not run in this process"
    return [_worker.bake(path) for path in paths]
