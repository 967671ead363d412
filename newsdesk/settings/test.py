"""Test settings: the base settings with fast password hashing and an isolated media folder."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

# Hashing strength is not under test; MD5 makes creating users in tests cheap.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test run writes images into its own throwaway folder, never into var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsdesk-test-media-"))
# Hashed static names need collectstatic; tests render templates without running it.
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
NEWSDESK_BASE_URL = "http://testserver"
# WhiteNoise warns when STATIC_ROOT does not exist; tests never collect static files.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="newsdesk-test-static-"))
# A replica alias that mirrors the test database, as a streaming replica would, so the router
# can be tested with two aliases. Routing is off unless a test switches it on.
DATABASES["replica_0"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
DATABASE_ROUTERS: list[str] = []
# Most tests look at what views render; the page cache has its own tests that switch it on.
NEWSDESK_PAGE_CACHE = False
# Kept fragments likewise: many tests change rows inside their transaction, where no commit runs
# the pipeline that moves the keys fragments follow (``pagecache/tests/test_fragments.py`` and
# the tests of pages kept as fragments switch them on and commit their changes).
NEWSDESK_FRAGMENT_CACHE = False
# Persistent connections from the live-server thread would keep PostgreSQL from dropping the
# test database at the end of the run.
for _alias in DATABASES.values():  # noqa: F405
    _alias["CONN_MAX_AGE"] = 0
# One process per test run: the fast in-memory cache is enough (the PostgreSQL run uses Redis).
# Rate-limit counters: in memory, whatever CACHE_URL says (each test starts with none).
_RATELIMIT_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"}
if not os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": _RATELIMIT_CACHE,
    }
else:
    _cache_url = os.environ["CACHE_URL"]
    if _xdist_worker := os.environ.get("PYTEST_XDIST_WORKER"):
        # Parallel runs (pytest-xdist): every test empties the cache, so each worker process
        # gets a Redis database of its own, counting down from the one CACHE_URL names (gw0
        # keeps it).
        _base_url, _, _db = _cache_url.rpartition("/")
        _cache_url = f"{_base_url}/{int(_db or 0) - int(_xdist_worker.removeprefix('gw'))}"
    CACHES = {
        "default": cache_from_url(  # noqa: F405
            _cache_url,
            local_copies=300,
            on_recovery="newsdesk.pagecache.store.repair_after_outage",
            # The shared test Redis stalls while other runs empty their databases; these tests
            # are not about outages (those bring a Redis of their own), so a stall must not
            # count as one.
            socket_timeout_ms=2000,
        ),
        "ratelimit": _RATELIMIT_CACHE,
    }
# Tasks run inside the test that enqueues them; the `real_queue` fixture switches to the
# database queue for the tests of the queue itself.
TASKS = {"default": {"BACKEND": TASK_BACKENDS["immediate"]}}  # noqa: F405

# The live server's in-memory SQLite cannot take two writes at once (a table lock, no waiting):
# browser tests send one autosave at a time.
NEWSDESK_AUTOSAVE_IN_FLIGHT = 1
