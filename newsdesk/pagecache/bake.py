"""Static export: the public site as files that nginx or an object store behind a CDN serve.

Each page is rendered through the whole Django stack (as a reader would get it), written as
``<path>/index.html`` with ``.gz`` and ``.br`` twins, and listed in a manifest with the
surrogate keys it showed and their generations. ``--changed`` re-renders only the pages whose keys
have moved on since, adds new pages and deletes pages that are gone.
"""

from __future__ import annotations

import gzip
import json
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client, override_settings

from . import store
from .dependencies import collecting

try:
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

MANIFEST = ".newsdesk-bake.json"
MANIFEST_VERSION = 1


def public_paths() -> Iterator[str]:
    """Every public page that has an address without a query string."""
    from newsdesk.articles.models import Article, Author, Topic
    from newsdesk.commerce.models import Product
    from newsdesk.galleries.models import Gallery
    from newsdesk.pages.models import Page

    yield "/"
    for path in Article.KIND_PATHS.values():
        yield f"/{path}/"
    for article in Article.objects.published().only("pk", "slug", "kind").iterator(2000):
        yield article.get_absolute_url()
    for topic in Topic.objects.filter(articles__in=Article.objects.published()).distinct():
        yield topic.get_absolute_url()
    for author in Author.objects.filter(articles__in=Article.objects.published()).distinct():
        yield author.get_absolute_url()
    for product in Product.objects.published():
        yield product.get_absolute_url()
    for gallery in Gallery.objects.published().prefetch_related("items"):
        yield gallery.get_absolute_url()
        for number in range(1, gallery.items.count() + 1):
            yield gallery.get_slide_url(number)
    for page in Page.objects.all():
        yield page.get_absolute_url()
    from newsdesk.seo.paths import distribution_paths  # feeds, sitemaps, robots.txt

    yield from distribution_paths()


@dataclass
class BakeReport:
    rendered: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, int]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def pages_per_second(self) -> float:
        return self.rendered / self.seconds if self.seconds else 0.0


class Baker:
    def __init__(self, target: Path, progress: Callable[[int], None] | None = None):
        self.target = target
        self.progress = progress or (lambda n: None)
        host = urlsplit(settings.NEWSDESK_BASE_URL).hostname or "localhost"
        self.client = Client(SERVER_NAME=host, raise_request_exception=False)
        self.host = host

    def manifest_path(self) -> Path:
        return self.target / MANIFEST

    def load_manifest(self) -> dict:
        try:
            data = json.loads(self.manifest_path().read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            return {}
        if data.get("version") != MANIFEST_VERSION:
            return {}
        return data.get("pages", {})

    def file_for(self, path: str) -> Path:
        relative = path.strip("/")
        if "." in relative.rsplit("/", 1)[-1]:  # robots.txt, sitemap.xml: a file, not a folder
            return self.target / relative
        return self.target / relative / "index.html" if relative else self.target / "index.html"

    def bake(self, paths: list[str] | None = None, only_changed: bool = False) -> BakeReport:
        started = time.perf_counter()
        report = BakeReport()
        self.target.mkdir(parents=True, exist_ok=True)
        previous = self.load_manifest() if only_changed else {}
        wanted = paths if paths is not None else list(public_paths())
        pages: dict[str, dict] = {}
        generations: dict[str, float] = {}
        if only_changed and previous:
            all_keys = {key for entry in previous.values() for key in entry["keys"]}
            generations = store.stored_generations(all_keys)
        to_render = []
        for path in wanted:
            entry = previous.get(path)
            if entry and all(generations.get(k, 0.0) == g for k, g in entry["generations"].items()):
                pages[path] = entry
                report.unchanged += 1
            else:
                to_render.append(path)
        allowed = [*settings.ALLOWED_HOSTS, self.host]
        # Rendered without the page cache, so that every render collects its keys here.
        with override_settings(NEWSDESK_PAGE_CACHE=False, ALLOWED_HOSTS=allowed):
            for path in to_render:
                entry = self.render(path, report)
                if entry is not None:
                    pages[path] = entry
                self.progress(1)
        for path in set(previous) - set(wanted):
            self.remove(path)
            report.removed += 1
        self.manifest_path().write_text(
            json.dumps({"version": MANIFEST_VERSION, "pages": pages}, separators=(",", ":"))
        )
        report.seconds = time.perf_counter() - started
        return report

    def render(self, path: str, report: BakeReport) -> dict | None:
        started = time.time()
        with collecting() as keys:
            response = self.client.get(path)
        if response.status_code != 200:
            report.failed.append((path, response.status_code))
            return None
        body = response.content
        self.write(self.file_for(path), body)
        report.rendered += 1
        generations = store.stored_generations(keys)
        # A change committed during the render: remember it as outdated, so the next
        # --changed run renders the page again.
        generations = {k: (g if g < started else -1.0) for k, g in generations.items()}
        return {"keys": sorted(keys), "generations": generations}

    @staticmethod
    def write(file: Path, body: bytes) -> None:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary = file.with_suffix(".tmp")
        temporary.write_bytes(body)
        temporary.replace(file)  # readers never see a half-written page
        file.with_name(file.name + ".gz").write_bytes(gzip.compress(body, 6, mtime=0))
        if brotli:
            file.with_name(file.name + ".br").write_bytes(brotli.compress(body, quality=5))

    def remove(self, path: str) -> None:
        file = self.file_for(path)
        for candidate in (
            file,
            file.with_name(file.name + ".gz"),
            file.with_name(file.name + ".br"),
        ):
            candidate.unlink(missing_ok=True)

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
