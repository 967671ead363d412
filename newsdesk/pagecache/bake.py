"""Static export: the public site as files that nginx or an object store behind a CDN serve.

Each page is rendered through the whole Django stack (as a reader would get it), written as
``<path>/index.html`` with ``.gz`` and ``.br`` twins, and listed in a manifest with the surrogate
keys it showed. The manifest also holds the generation of every key as the bake read it, so
``--changed`` finds the keys that moved on since (one query for the keys invalidated lately),
re-renders exactly the pages that showed one of them, adds new pages and deletes pages that are
gone. A full bake renders in parallel worker processes (``jobs``), each with its own database
connection.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connections
from django.test import override_settings

from newsdesk.publishing import keys as surrogate_keys

from .bakepages import (
    BakedPage,
    PageBaker,
    bake_in_worker,
    file_for,
    remove_page,
    start_worker,
)
from .manifest import Manifest, baked_paths

# Held while a bake writes into a folder: a --changed run from cron waits for no one and
# never interleaves its writes and manifest with a full bake that is still running.
LOCK = ".newsdesk-bake.lock"
# Forking workers and opening their connections costs about a tenth of a second: below this many
# pages to render, one process is faster.
PARALLEL_MINIMUM = 100
# Pages per task handed to a worker: large enough that passing tasks costs nothing, small enough
# that both workers finish together and the progress bar moves.
CHUNK = 20
# A generation is the invalidating process's clock at the time of the change, and reaches the
# database a moment after. Keys are looked up as changed from this long before the previous bake
# read them, so neither a late write nor clocks a little apart between machines hide a change.
CLOCK_MARGIN = 600.0
# Keys an edit of one article's content changes (``publishing.keys.ARTICLE_CONTENT``). A change
# to only these cannot add or remove a page, unless the article's own address moved (a new
# slug), which its re-render reveals (it answers 301). A new month's sitemap only appears with a
# new publication time, which also changes the listings' keys.


# -- What is public ------------------------------------------------------------------------------


def home_and_sections() -> Iterator[str]:
    from newsdesk.articles.models import Article

    yield "/"
    for path in Article.KIND_PATHS.values():
        yield f"/{path}/"


def article_pages() -> Iterator[str]:
    from newsdesk.articles.addresses import detail_formatter
    from newsdesk.articles.models import Article

    detail_path = detail_formatter()
    rows = Article.objects.published().values_list("kind", "slug", "pk").iterator(2000)
    for kind, slug, pk in rows:
        yield detail_path(Article.KIND_PATHS[kind], slug, pk)


def product_pages() -> Iterator[str]:
    from newsdesk.commerce.models import Product

    for product in Product.objects.published():
        yield product.get_absolute_url()


def gallery_pages() -> Iterator[str]:
    from newsdesk.galleries.models import Gallery

    for gallery in Gallery.objects.published().prefetch_related("items"):
        yield gallery.get_absolute_url()
        for number in range(1, len(gallery.items.all()) + 1):
            yield gallery.get_slide_url(number)


def standing_pages() -> Iterator[str]:
    from newsdesk.pages.models import Page

    for page in Page.objects.all():
        yield page.get_absolute_url()


def distribution_pages() -> Iterator[str]:
    from newsdesk.seo.paths import distribution_paths  # feeds, sitemaps, robots.txt

    yield from distribution_paths()


def content_pages() -> Iterator[str]:
    """The pages of every registered content type (``publishing.registry``)."""
    from newsdesk.publishing import registry

    for content_type in registry.content_types():
        if content_type.bake_paths is not None:
            yield from content_type.bake_paths()


# Every kind of public page, one function each that yields its addresses (without query
# strings). A new content type is one registration (``publishing.registry``); another kind of
# page (feeds, sitemaps, ...) is one more function in this list.
PATH_SOURCES: list[Callable[[], Iterable[str]]] = [
    home_and_sections,
    content_pages,
    distribution_pages,
]


def changed_article_pages(keys: Iterable[str], limit: int = 50) -> list[str]:
    """The addresses of the published articles whose own keys are among ``keys`` (none when
    more than ``limit`` changed at once: an import, say, where the order does not matter)."""
    from newsdesk.articles.addresses import detail_formatter
    from newsdesk.articles.models import Article

    ids = {surrogate_keys.article_id(key) for key in keys} - {None}
    if not ids or len(ids) > limit:
        return []
    detail_path = detail_formatter()
    rows = Article.objects.published().filter(pk__in=ids).values_list("kind", "slug", "pk")
    return sorted(detail_path(Article.KIND_PATHS[kind], slug, pk) for kind, slug, pk in rows)


def public_paths() -> Iterator[str]:
    """Every public page that has an address without a query string."""
    for source in PATH_SOURCES:
        yield from source()


# -- Key generations ---------------------------------------------------------------------------


def read_generations(since: float | None = None, keys: Iterable[str] | None = None) -> dict:
    """Key generations as the database has them: all, those changed after ``since``, or ``keys``.

    The database, not the cache: the bake may run where the app's cache is not shared.
    """
    from .models import KeyGeneration

    rows = KeyGeneration.objects.all()
    if since is not None:
        rows = rows.filter(generation__gt=since)
    if keys is None:
        return dict(rows.values_list("key", "generation"))
    keys = sorted(set(keys))
    found: dict[str, float] = {}
    for start in range(0, len(keys), 5000):  # stay below SQLite's bound-parameter limit
        chunk = rows.filter(key__in=keys[start : start + 5000])
        found.update(chunk.values_list("key", "generation"))
    return found


# -- Baking --------------------------------------------------------------------------------------


class BakeInProgress(Exception):
    """Another bake is writing into the same folder."""


@contextmanager
def exclusive(target: Path) -> Iterator[None]:
    target.mkdir(parents=True, exist_ok=True)
    with open(target / LOCK, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BakeInProgress(f"Another bake is writing into {target}.") from None
        yield  # the lock goes with the file's closing (and with the workers, which share it)


def is_for_machines(path: str) -> bool:
    """Feeds, sitemaps and robots.txt: files that feed readers and crawlers fetch on their own
    schedule, minutes apart, as opposed to the pages a reader opens."""
    return path.endswith((".xml", ".txt", "/feed/", "/feed/atom/"))


def readers_first(
    stale: list[str],
    pages: dict[str, list[str]],
    changed: set[str],
    new: Iterable[str] = (),
) -> list[str]:
    """The order to render pages again after a change: the changed articles' own pages and
    pages that are new (a published article's), then the other pages readers open, then feeds
    and sitemaps.

    Pages are written as they are rendered, so nginx serves the edited article after one
    render instead of after all of them (26 after a headline edit at 10,000 articles, the
    article among the last). An article's own page is the one that shows its related box.
    """
    edited = {surrogate_keys.article_id(key) for key in changed} - {None}
    own = {surrogate_keys.related_box(pk) for pk in edited}

    new = set(new)

    def rank(path: str) -> int:
        if is_for_machines(path):
            return 2
        return 0 if path in new or not own.isdisjoint(pages.get(path, ())) else 1

    return sorted(stale, key=rank)


@dataclass
class BakeReport:
    rendered: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, int]] = field(default_factory=list)
    seconds: float = 0.0
    # Whether the addresses of all public pages were listed (always on a full bake).
    listed: bool = False

    @property
    def pages_per_second(self) -> float:
        return self.rendered / self.seconds if self.seconds else 0.0


def default_jobs() -> int:
    """One worker per CPU this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover (not Linux)
        return os.cpu_count() or 1


class Baker:
    def __init__(
        self,
        target: Path,
        progress: Callable[[int], None] | None = None,
        jobs: int = 1,
    ):
        self.target = target
        self.progress = progress or (lambda n: None)
        self.jobs = max(1, jobs)
        self.host = urlsplit(settings.NEWSDESK_BASE_URL).hostname or "localhost"
        # Called with the number of pages about to be rendered (a progress bar's total grows).
        self.planned: Callable[[int], None] = lambda count: None

    def file_for(self, path: str) -> Path:
        return file_for(self.target, path)

    def bake(self, paths: list[str] | None = None, only_changed: bool = False) -> BakeReport:
        """Bake ``paths`` (default: every public page), or only what changed since last time.

        Without a usable manifest in the target (first bake, older format), ``only_changed``
        bakes everything.
        """
        started = time.perf_counter()
        report = BakeReport()
        allowed = [*settings.ALLOWED_HOSTS, self.host]
        # Rendered without the page cache, so that every render collects its keys here.
        with (
            exclusive(self.target),
            override_settings(NEWSDESK_PAGE_CACHE=False, ALLOWED_HOSTS=allowed),
        ):
            previous = Manifest.open(self.target) if only_changed else None
            manifest = Manifest.create(self.target) if previous is None else previous
            try:
                if previous is None:
                    self.bake_all(manifest, paths, report)
                else:
                    self.bake_changed(manifest, paths, report)
            except BaseException:
                manifest.abandon()
                raise
            manifest.commit()
        report.seconds = time.perf_counter() - started
        return report

    def bake_all(self, manifest: Manifest, paths: list[str] | None, report: BakeReport) -> None:
        # A full bake renders from the database alone, also after changes that bypassed the
        # publishing pipeline: kept fragments are not used, and the app's are renewed too.
        from . import fragments

        fragments.forget_all()
        manifest.read_at = time.time()
        manifest.generations = read_generations()
        wanted = list(public_paths()) if paths is None else paths
        report.listed = True
        self.planned(len(wanted))
        # Nor does it keep the fragments it renders: storing five or so per page that nobody
        # reads cost about a tenth of a full bake (51 against 57 pages/s at 10,000 articles,
        # old and new code in turn); the app renders its own again when readers ask. (Workers
        # are forked inside, with this setting.)
        with override_settings(NEWSDESK_FRAGMENT_CACHE=False):
            for page in self.render(wanted):
                self.record(page, manifest, report)
        if paths is None:
            # Pages an earlier bake wrote into this folder that are no longer public.
            for path in baked_paths(self.target) - set(wanted):
                remove_page(self.target, path)
                report.removed += 1

    def bake_changed(self, manifest: Manifest, paths: list[str] | None, report: BakeReport) -> None:
        read_at = time.time()
        current = read_generations(since=manifest.read_at - CLOCK_MARGIN)
        changed = manifest.changed_keys(current)
        # Keys that appear for the first time in this bake's renders hold the generation read
        # here (or none): any later change gives them one that differs, which is all --changed
        # compares.
        manifest.generations = current
        manifest.update_generations(current)
        manifest.read_at = read_at
        showing = manifest.pages_showing(changed)
        stale = readers_first(list(showing), showing, changed)
        done: list[BakedPage] = []
        if paths is None and all(surrogate_keys.is_article_content(key) for key in changed):
            # Only articles' own content changed: the same pages exist as before, unless an
            # article moved or went, which its re-render shows. Listing every address (a second
            # at 100,000 articles) is only needed then. (A scheduled article that falls due
            # changes no key until ``publish-due`` publishes it; that save invalidates its
            # listings, and the next --changed adds its page and updates them together.)
            self.planned(len(stale))
            done = list(self.render(stale))
            if all(page.written for page in done):
                for page in done:
                    self.record(page, manifest, report)
                report.unchanged = manifest.page_count() - report.rendered
                return
        if paths is None and not done:
            # Listing every address takes most of a second at 100,000 articles: the pages of
            # the articles that changed (one just published, say) and the pages readers open
            # that showed a changed key (the home page, a topic's) are written before it; new
            # pages, feeds and sitemaps after. A page that is gone answers 404 here and is
            # removed below, not reported.
            early = changed_article_pages(changed)
            early += [p for p in stale if not is_for_machines(p) and p not in early]
            self.planned(len(early))
            done = list(self.render(early))
        wanted = set(public_paths()) if paths is None else set(paths)
        report.listed = True
        for page in done:
            if page.path in wanted:
                self.record(page, manifest, report)
        rendered = {page.path for page in done}
        baked = manifest.paths()
        new = [
            path for path in (paths or sorted(wanted)) if path not in baked and path not in rendered
        ]
        # A published article's page before the listings that now link to it.
        to_render = readers_first(
            [path for path in stale if path in wanted and path not in rendered] + new,
            showing,
            changed,
            new,
        )
        self.planned(len(to_render))
        for page in self.render(to_render):
            self.record(page, manifest, report)
        for path in baked - wanted:
            manifest.forget(path)
            remove_page(self.target, path)
            report.removed += 1
        report.unchanged = manifest.page_count() - report.rendered

    @staticmethod
    def record(page: BakedPage, manifest: Manifest, report: BakeReport) -> None:
        """Enter the outcome of a page that should exist into the manifest and the report."""
        if page.written:
            manifest.record(page.path, page.keys)
            report.rendered += 1
        else:
            # Out of the manifest, so the next --changed tries again; the last good copy stays
            # on disk meanwhile (better than a hole in the site after a passing error).
            manifest.forget(page.path)
            report.failed.append((page.path, page.status))

    def render(self, paths: list[str]) -> Iterator[BakedPage]:
        """Bake ``paths`` in this process or in ``jobs`` workers; yields each page's outcome."""
        if not paths:
            return
        if self.jobs == 1 or len(paths) < PARALLEL_MINIMUM or not self.workers_see_the_data():
            baker = PageBaker(self.target, self.host)
            for path in paths:
                yield baker.bake(path)
                self.progress(1)
            return
        # Workers are forked, so they start with the settings overridden above and the code
        # loaded; they must not share this process's database connections.
        connections.close_all()
        context = multiprocessing.get_context("fork")
        chunks = [paths[start : start + CHUNK] for start in range(0, len(paths), CHUNK)]
        with context.Pool(self.jobs, start_worker, (self.target, self.host)) as pool:
            for pages in pool.imap_unordered(bake_in_worker, chunks):
                yield from pages
                self.progress(len(pages))
            # Let the workers end on their own and close their connections (leaving the block
            # early, on an error, terminates them instead).
            pool.close()
            pool.join()

    @staticmethod
    def workers_see_the_data() -> bool:
        """Whether forked workers, each with a connection of its own, read what this process does.

        Not inside a transaction that is still open here (a caller's, a test's), and not from an
        in-memory SQLite database, which exists only in this process's connection.
        """
        for connection in connections.all():
            if connection.in_atomic_block:
                return False
            if connection.vendor == "sqlite" and connection.is_in_memory_db():
                return False
        return True

    def copy_assets(self) -> int:
        """Static files and locally stored media beside the pages. Returns files copied."""
        copied = 0
        static_root = Path(settings.STATIC_ROOT)
        if static_root.is_dir():
            copied += _sync_tree(static_root, self.target / settings.STATIC_URL.strip("/"))
        media_root = Path(settings.MEDIA_ROOT)
        if settings.NEWSDESK_SERVE_MEDIA and media_root.is_dir():
            copied += _sync_tree(media_root, self.target / settings.MEDIA_URL.strip("/"))
        return copied


def _sync_tree(source: Path, target: Path) -> int:
    """Copy files that are new or changed (by size and time); returns how many."""
    import shutil

    copied = 0
    for file in source.rglob("*"):
        if not file.is_file():
            continue
        destination = target / file.relative_to(source)
        stat = file.stat()
        if destination.exists():
            existing = destination.stat()
            if existing.st_size == stat.st_size and existing.st_mtime >= stat.st_mtime:
                continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(file, destination)
        copied += 1
    return copied
