"""Django's Redis cache, made an accelerator rather than a dependency.

With Redis down or slow, every operation of ``RedisCache`` would raise (after the socket
timeout) and every page would be a 500. ``ResilientCache`` wraps each operation in a circuit
breaker:

- sockets time out after tens of milliseconds, not the operating system's default;
- the first failure opens the circuit: for ``RETRY_INTERVAL`` seconds no request waits for
  Redis, then one request tries again (and closes the circuit when Redis answers);
- while the circuit is open, reads answer from a small per-process copy of recently used
  values (``LOCAL_COPIES`` entries; 0 for none) or as a miss, writes land in that copy;
- with ``STRICT`` (the rate-limit counters), every operation raises ``CacheUnavailable``
  instead, so that callers can fail in the safe direction;
- the outage and the recovery are logged once each, not per request, and ``ON_RECOVERY`` (a
  dotted path) is called with the time the outage began, to repair what was missed meanwhile.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.utils.module_loading import import_string

logger = logging.getLogger("newsdesk.cache")

# Seconds. A loopback Redis answers in well under a millisecond; a page render costs tens of
# milliseconds, so waiting longer than that for a cache is worse than having none.
DEFAULT_SOCKET_TIMEOUT = 0.05
DEFAULT_RETRY_INTERVAL = 2.0
# How long a value copied from Redis stays in the local copy, at most.
LOCAL_COPY_SECONDS = 3600


class CacheUnavailable(Exception):
    """A strict cache (the rate-limit counters) could not be reached."""


def _failures() -> tuple[type[BaseException], ...]:
    import redis

    # RedisError covers refused connections, timeouts, and "OOM command not allowed" of a full
    # Redis with maxmemory-policy noeviction; OSError what a socket raises on its own.
    return (redis.RedisError, OSError)


class CircuitBreaker:
    """Open after a failure, half-open after ``retry_interval``, closed again on success."""

    def __init__(self, name: str, retry_interval: float, on_recovery: Callable | None = None):
        self.name = name
        self.retry_interval = retry_interval
        self.on_recovery = on_recovery
        self.down_since: float | None = None
        self._next_try = 0.0
        self._lock = threading.Lock()

    @property
    def is_closed(self) -> bool:
        return self.down_since is None

    def allows(self) -> bool:
        """Whether this call may try the backend: always when closed, one call per interval
        when open."""
        if self.down_since is None:
            return True
        with self._lock:
            now = time.monotonic()
            if now < self._next_try:
                return False
            self._next_try = now + self.retry_interval
            return True

    def failed(self, error: BaseException) -> None:
        with self._lock:
            self._next_try = time.monotonic() + self.retry_interval
            if self.down_since is not None:
                return
            self.down_since = time.time()
        logger.warning(
            "Cache %r unreachable (%s: %s); pages are served without it until it answers "
            "again (next try in %.0f s).",
            self.name,
            type(error).__name__,
            error,
            self.retry_interval,
        )

    def succeeded(self) -> None:
        if self.down_since is None:
            return
        with self._lock:
            since, self.down_since = self.down_since, None
        if since is None:
            return  # another thread reported the recovery
        logger.warning(
            "Cache %r reachable again after %.1f s.", self.name, max(0.0, time.time() - since)
        )
        if self.on_recovery is not None:
            try:
                self.on_recovery(since)
            except Exception:  # a repair that fails must not fail the request that noticed
                logger.exception("Repairing cache %r after its outage failed.", self.name)


class ResilientCache(RedisCache):
    """``RedisCache`` behind a circuit breaker; see the module docstring for the options."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.strict = bool(options.pop("STRICT", False))
        local_copies = int(options.pop("LOCAL_COPIES", 0))
        retry_interval = float(options.pop("RETRY_INTERVAL", DEFAULT_RETRY_INTERVAL))
        on_recovery = options.pop("ON_RECOVERY", None)
        name = options.pop("NAME", None) or str(server)
        options.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("retry", _no_retries())
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = _breaker(name, retry_interval, on_recovery)
        self.local = (
            LocMemCache(
                f"resilient:{name}",
                {"TIMEOUT": LOCAL_COPY_SECONDS, "OPTIONS": {"MAX_ENTRIES": local_copies}},
            )
            if local_copies > 0
            else None
        )

    @property
    def is_available(self) -> bool:
        """False while the circuit is open: callers may then take another source of truth."""
        return self.breaker.is_closed

    def _call(self, operation: Callable[[], Any], fallback: Callable[[], Any]) -> Any:
        if self.breaker.allows():
            try:
                result = operation()
            except _failures() as error:
                self.breaker.failed(error)
            else:
                self.breaker.succeeded()
                return result
        if self.strict:
            raise CacheUnavailable(f"cache {self.breaker.name!r} is unreachable")
        return fallback()

    # Reads -------------------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        missing = object()

        def remote():
            value = super(ResilientCache, self).get(key, missing, version)
            if self.local is not None:
                if value is missing:
                    self.local.delete(key, version)
                else:
                    self.local.set(key, value, LOCAL_COPY_SECONDS, version)
            return default if value is missing else value

        def local():
            return default if self.local is None else self.local.get(key, default, version)

        return self._call(remote, local)

    def get_many(self, keys, version=None):
        keys = list(keys)

        def remote():
            found = super(ResilientCache, self).get_many(keys, version)
            if self.local is not None and found:
                self.local.set_many(found, LOCAL_COPY_SECONDS, version)
            return found

        def local():
            return {} if self.local is None else self.local.get_many(keys, version)

        return self._call(remote, local)

    def has_key(self, key, version=None):
        return self._call(
            lambda: super(ResilientCache, self).has_key(key, version),
            lambda: self.local is not None and self.local.has_key(key, version),
        )

    # Writes ------------------------------------------------------------------------------

    def _copy(self, key, value, timeout, version) -> None:
        if self.local is not None:
            self.local.set(key, value, self._local_timeout(timeout), version)

    def _local_timeout(self, timeout):
        if timeout is DEFAULT_TIMEOUT or timeout is None:
            return LOCAL_COPY_SECONDS
        return min(timeout, LOCAL_COPY_SECONDS)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        def remote():
            super(ResilientCache, self).set(key, value, timeout, version)
            self._copy(key, value, timeout, version)

        self._call(remote, lambda: self._copy(key, value, timeout, version))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        def remote():
            failed = super(ResilientCache, self).set_many(data, timeout, version)
            if self.local is not None:
                self.local.set_many(data, self._local_timeout(timeout), version)
            return failed

        def local():
            if self.local is not None:
                self.local.set_many(data, self._local_timeout(timeout), version)
            return []

        return self._call(remote, local)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        def local():
            # Without a local copy there is nothing to hold a lock or a counter in: "added",
            # so that a render lock never blocks a page.
            if self.local is None:
                return True
            return self.local.add(key, value, self._local_timeout(timeout), version)

        return self._call(
            lambda: super(ResilientCache, self).add(key, value, timeout, version), local
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: super(ResilientCache, self).touch(key, timeout, version), bool)

    def incr(self, key, delta=1, version=None):
        def local():
            if self.local is None:
                raise ValueError(f"Key {key!r} not found while the cache is unreachable.")
            return self.local.incr(key, delta, version)

        return self._call(lambda: super(ResilientCache, self).incr(key, delta, version), local)

    def delete(self, key, version=None):
        if self.local is not None:
            self.local.delete(key, version)
        return self._call(lambda: super(ResilientCache, self).delete(key, version), bool)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        if self.local is not None:
            self.local.delete_many(keys, version)
        return self._call(lambda: super(ResilientCache, self).delete_many(keys, version), bool)

    def clear(self):
        """Empty the cache; unlike every other operation, this one fails loudly: a restore or
        a deploy that empties the cache must not believe it did when Redis was away."""
        if self.local is not None:
            self.local.clear()
        # ASYNC: Redis answers at once and frees the memory in the background, so emptying a
        # large database stays within the short socket timeout.
        return self._cache.get_client(None, write=True).flushdb(asynchronous=True)


def is_available(cache) -> bool:
    """Whether ``cache`` answers; always True for backends without a circuit breaker."""
    return getattr(cache, "is_available", True)


def _no_retries():
    # redis-py retries a failed command on its own; with a breaker in front that would only
    # multiply the wait of the one request that finds Redis gone.
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return Retry(NoBackoff(), 0)


# Django builds a backend per thread; the state of the connection is one per process.
_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def _breaker(name: str, retry_interval: float, on_recovery: str | None) -> CircuitBreaker:
    with _breakers_lock:
        if name not in _breakers:
            _breakers[name] = CircuitBreaker(
                name, retry_interval, _lazy(on_recovery) if on_recovery else None
            )
        return _breakers[name]


def _lazy(path: str) -> Callable:
    def call(*args):
        return import_string(path)(*args)

    return call
