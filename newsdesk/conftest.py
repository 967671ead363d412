"""Fixtures shared by every app's tests."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from newsdesk.core.testing.browser import chromium_path, launch_chromium


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test starts with empty caches: rows it cached must not outlive its transaction.

    Rate-limit counters too: a test's logins and comments must not throttle the next test.
    """
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    yield


@pytest.fixture
def steady_comment_form(monkeypatch) -> None:
    """Holds the comment form's signed render time still.

    It is the one part of a page that differs between two renders by design; tests that
    compare whole pages (bake, restore) compare content, not the second they were rendered in.
    """
    monkeypatch.setattr(
        "newsdesk.comments.forms.form_timestamp", lambda: "MTc5NTk4NDUxNw:steady:signature"
    )


class BrowserPage:
    """A Playwright page that records, and blocks, every request to another host."""

    def __init__(self, page, allowed_host: str):
        self.page = page
        self.allowed_host = allowed_host
        self.foreign_requests: list[str] = []
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == self.allowed_host or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort()


@pytest.fixture
def browser_page(live_server, monkeypatch) -> Iterator[BrowserPage]:
    """A headless Debian Chromium page pointed at the live test server."""
    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed (make test installs it as root)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself are still synchronous and safe here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
        page = context.new_page()
        yield BrowserPage(page, urlsplit(live_server.url).netloc)
        context.close()
        browser.close()


@pytest.fixture
def real_queue(settings):
    """Tasks go to the database queue and wait there for a worker (every other test runs them
    at once, where they are enqueued). ``real_queue.drain()`` runs what is due, as a worker
    would, in this process."""
    from newsdesk.taskqueue.worker import Worker

    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}

    class Queue:
        @staticmethod
        def drain(**options) -> Worker:
            worker = Worker(batch=True, publish_due_every=0, **options)
            worker.run()
            return worker

    return Queue()
