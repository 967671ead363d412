"""Small readers for settings that come from environment variables (12-factor).

Every variable read here is listed in ``.env.example`` and the README's configuration table.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _without_prefix(url: str) -> str:
    """The Redis URL without ``prefix=``: it names the cache's key prefix; redis-py would take it
    for an argument of its connections and fail on the first request."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "prefix"]
    return urlunsplit(parts._replace(query=urlencode(query)))


def cache_from_url(
    url: str,
    *,
    name: str = "default",
    strict: bool = False,
    local_copies: int = 0,
    on_recovery: str | None = None,
    socket_timeout_ms: int = 50,
) -> dict:
    """Turn ``CACHE_URL`` into a CACHES entry.

    Supported: ``locmem://[name]``, ``dummy://``, ``redis://host:port/db`` (also ``rediss://``,
    several URLs separated by commas for a primary and replicas) and ``file:///path``.
    Redis comes behind a circuit breaker (``newsdesk.core.resilient_cache``): ``strict`` makes
    an outage raise instead of answering "miss", ``local_copies`` keeps that many recent values
    per process to serve while Redis is away, ``on_recovery`` repairs what the outage missed.
    """
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": url.split("://", 1)[1] or "newsdesk",
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme in {"redis", "rediss"}:
        prefix = parse_qs(urlsplit(url.split(",")[0]).query).get("prefix", ["newsdesk"])[0]
        return {
            "BACKEND": "newsdesk.core.resilient_cache.ResilientCache",
            "LOCATION": [_without_prefix(part) for part in url.split(",")],
            "KEY_PREFIX": prefix,
            "OPTIONS": {
                "NAME": name,
                "STRICT": strict,
                "LOCAL_COPIES": local_copies,
                "ON_RECOVERY": on_recovery,
                "socket_connect_timeout": socket_timeout_ms / 1000,
                "socket_timeout": socket_timeout_ms / 1000,
            },
        }
    if scheme == "file":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": urlsplit(url).path,
            # Django's default of 300 entries would cull cached pages of any real site.
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        }
    raise ImproperlyConfigured(
        f"CACHE_URL {url!r} is not understood: use locmem://, redis://host:6379/0, "
        "file:///path or dummy://."
    )


def local_secret_key(var_dir: Path) -> str:
    """A secret key kept in ``var/`` so that a local install keeps its sessions across runs."""
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
