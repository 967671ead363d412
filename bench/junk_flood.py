#!/usr/bin/env python3
"""A flood of distinct junk addresses against a real app server (issue 10).

gunicorn with production settings and the page cache on Redis as docs/deploy.md sets it up
(``CACHE_URL`` on ``--redis``, login counters in ``RATELIMIT_CACHE_URL``, a folder of their own),
on a newsroom in PostgreSQL (``--database``, reused; generated with ``--articles`` if missing).
A few pages are cached first and a client is locked out of the newsroom login by failed
attempts; then ``--requests`` distinct junk addresses are sent, ``--concurrency`` at a time:
unknown parameters, invalid ``seite`` values, page numbers past the end or on an article (which
has no numbered pages), unknown paths, the
site's host name with any port or spelling, foreign host names. Each request comes from another
client address (``X-Forwarded-For``, as nginx passes it on), so that the per-client limit of
uncached pages is not what stops them.

Before and after: the keys in the page cache's Redis database (``DBSIZE``, and by prefix with
``SCAN``), its memory, the login throttle's counters of the locked-out client, whether that client
is still refused, and whether the cached pages are still hits. Writes
``bench/results/junk_flood.json``. Deletes the keys with its prefix (``junkflood:``) in the Redis
database of ``--redis`` first.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import http.client
import json
import re
import signal
import sys
import time
from pathlib import Path

from frontkit import (
    SITE,
    commit,
    dump,
    http_get,
    load_average,
    prepare_newsroom,
    production_env,
    start_gunicorn,
)
from run import HOST, PYTHON, ROOT, Processes, log, run

GUESSER = "203.0.113.10"  # the client locked out of the login before the flood
ACCOUNT = "chefin"


def request(port: int, method: str, path: str, headers: dict | None = None, body: str = ""):
    connection = http.client.HTTPConnection(HOST, port, timeout=180)
    try:
        connection.request(
            method, path, body=body or None, headers={"Host": SITE, **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def failed_login(port: int) -> int:
    """One wrong password for ACCOUNT from GUESSER, through the newsroom's login form."""
    forwarded = {"X-Forwarded-For": GUESSER}
    status, headers, body = request(port, "GET", "/newsroom/login/", forwarded)
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not (cookie and token):
        raise RuntimeError(f"login form without CSRF token ({status})")
    form = (
        f"csrfmiddlewaretoken={token.group(1).decode()}&username={ACCOUNT}"
        "&password=falsch-geraten&next=/newsroom/"
    )
    status, _, _ = request(
        port,
        "POST",
        "/newsroom/login/",
        {
            **forwarded,
            "Cookie": f"csrftoken={cookie.group(1)}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{SITE}/newsroom/login/",
        },
        form,
    )
    return status


def redis_state(url: str, prefix: str) -> dict:
    """Keys of this bench's cache (by its key prefix, with SCAN), grouped by their kind;
    DBSIZE of the whole database beside it."""
    script = (
        "import json, redis\n"
        f"r = redis.Redis.from_url({url!r})\n"
        "groups = {}\n"
        f"for key in r.scan_iter(match={prefix + ':*'!r}, count=1000):\n"
        "    name = key.decode(errors='replace')\n"
        "    parts = name.split(':')\n"
        "    group = ':'.join(parts[2:4]) if len(parts) > 3 else name\n"
        "    groups[group] = groups.get(group, 0) + 1\n"
        "print(json.dumps({'keys': sum(groups.values()), 'dbsize': r.dbsize(),"
        " 'used_memory': r.info('memory')['used_memory'],"
        " 'by_prefix': dict(sorted(groups.items()))}))\n"
    )
    return json.loads(run([PYTHON, "-c", script], {}))


def junk(number: int, pages: dict) -> tuple[str, str, str]:
    """The number-th junk request: (kind, path, Host header), each address distinct."""
    article, topic = pages["article"], pages["topic"]
    kinds = [
        ("unknown parameter", f"{article}?x={number}", SITE),
        ("invalid seite", f"{topic}?seite=0{number}", SITE),
        ("invalid seite", f"/?seite={number}abc", SITE),
        ("page past the end", f"{topic}?seite={number + 10_000}", SITE),
        ("seite on an article", f"{article}?seite={2 + number % 99_998}", SITE),
        ("unknown path", f"/thema/gibt-es-nicht-{number}/", SITE),
        ("host with port", article, f"{SITE}:{1 + number % 65535}"),
        ("host spelling", article, f"WWW.TechnikBlatt.Example:{1 + number % 65535}"),
        ("foreign host", article, f"junk-{number}.example"),
    ]
    kind, path, host = kinds[number % len(kinds)]
    if kind in ("host with port", "host spelling"):
        # A distinct address each time: the port and the spelling repeat, so add a parameter
        # the site ignores as well, every eighth host variant (the rest stays a pure variant).
        if (number // len(kinds)) % 8 == 0:
            path = f"{path}?ref={number}"
    return kind, path, host


async def flood(port: int, pages: dict, requests: int, concurrency: int, budget: float) -> dict:
    queue = iter(range(requests))
    stop_at = time.perf_counter() + budget
    counts: dict[str, dict[str, int]] = {}
    done = 0
    started = time.perf_counter()
    seen: set[tuple[str, str]] = set()

    async def client() -> None:
        nonlocal done
        for number in queue:
            if time.perf_counter() > stop_at:
                return
            kind, path, host = junk(number, pages)
            seen.add((host.lower() if kind != "host spelling" else host, path))
            forwarded = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
            status, _, _ = await http_get(
                port, path, host=host, headers={"X-Forwarded-For": forwarded}
            )
            per_kind = counts.setdefault(kind, {})
            per_kind[str(status)] = per_kind.get(str(status), 0) + 1
            done += 1
            if done % 5000 == 0:
                rate = done / (time.perf_counter() - started)
                log(f"  {done:,}/{requests:,} sent, {rate:.0f} req/s, load {load_average()}")

    await asyncio.gather(*(client() for _ in range(concurrency)))
    seconds = time.perf_counter() - started
    return {
        "requests": done,
        "planned": requests,
        "distinct": len(seen),
        "seconds": round(seconds, 1),
        "rps": round(done / seconds, 1),
        "statuses_by_kind": counts,
    }


def cached_states(port: int, pages: dict) -> dict:
    return {path: request(port, "GET", path)[1].get("x-cache") for path in pages.values()}


def clear_prefix(url: str, prefix: str) -> None:
    script = (
        "import redis\n"
        f"r = redis.Redis.from_url({url!r})\n"
        f"for key in r.scan_iter(match={prefix + ':*'!r}, count=1000):\n"
        "    r.delete(key)\n"
    )
    run([PYTHON, "-c", script], {})


def throttle(env: dict) -> dict:
    return json.loads(run([PYTHON, ROOT / "bench" / "probe.py", "throttle", GUESSER, ACCOUNT], env))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=3600,
        help="stop sending after this long (the figures say how many were sent)",
    )
    parser.add_argument(
        "--articles",
        type=int,
        default=1000,
        help="generated only if the database has fewer published articles",
    )
    parser.add_argument("--database", default="newsdesk_pipebench")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/11",
        help="the page cache's Redis database; its keys get the prefix junkflood",
    )
    parser.add_argument("--port", type=int, default=8111, help="gunicorn")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench-junk"))
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "junk_flood.json"))
    options = parser.parse_args()

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    workdir = Path(options.workdir).resolve()
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    # A key prefix of its own: the page cache's keys are counted by it (SCAN), so another run on
    # the same Redis database does not blur the count.
    prefix = "junkflood"
    separator = "&" if "?" in options.redis else "?"
    cache_url = f"{options.redis}{separator}prefix={prefix}"
    env = {
        **production_env(options, workdir),
        "CACHE_URL": cache_url,
        "NEWSDESK_TRUSTED_PROXIES": "1",
    }
    processes = Processes()
    r: dict = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": commit(),
        "options": vars(options),
        "load_average_start": load_average(),
    }
    try:
        r["newsroom"] = prepare_newsroom(options, env)
        info = json.loads(run([PYTHON, ROOT / "bench" / "probe.py", "front-pages", "1"], env))
        pages = {
            "home": "/",
            "article": info["articles"][0]["path"],
            "topic": info["topic"],
            "topic page 2": info["topic"] + "?seite=2",
        }
        clear_prefix(options.redis, prefix)
        start_gunicorn(processes, env, options.port, options.workers, logs)
        for path in pages.values():
            for _ in range(2):
                request(options.port, "GET", path)
        r["cached_before"] = cached_states(options.port, pages)
        log(f"Cached pages: {r['cached_before']}")
        logins = [failed_login(options.port) for _ in range(12)]
        r["login_attempts"] = logins
        log(f"Failed logins of {GUESSER}: {logins}")
        r["before"] = {"redis": redis_state(options.redis, prefix), "throttle": throttle(env)}
        log(f"Before: {r['before']}")
        log(f"Flood: {options.requests:,} junk addresses, {options.concurrency} at a time")
        r["load_average_flood_start"] = load_average()
        r["flood"] = asyncio.run(
            flood(options.port, pages, options.requests, options.concurrency, options.max_seconds)
        )
        r["load_average_flood_end"] = load_average()
        r["after"] = {"redis": redis_state(options.redis, prefix), "throttle": throttle(env)}
        r["cached_after"] = cached_states(options.port, pages)
        r["login_after"] = failed_login(options.port)
        r["throttle_after_login"] = throttle(env)
        before, after = r["before"]["redis"], r["after"]["redis"]
        r["summary"] = {
            "requests": r["flood"]["requests"],
            "distinct": r["flood"]["distinct"],
            "rps": r["flood"]["rps"],
            "cache_keys_before": before["keys"],
            "cache_keys_after": after["keys"],
            "page_keys_before": before["by_prefix"].get("pc:page", 0),
            "page_keys_after": after["by_prefix"].get("pc:page", 0),
            "used_memory_before": before["used_memory"],
            "used_memory_after": after["used_memory"],
            "throttle_before": r["before"]["throttle"],
            "throttle_after": r["after"]["throttle"],
            "login_after_flood": r["login_after"],
            "cached_after": r["cached_after"],
        }
        r["load_average_end"] = load_average()
        dump(Path(options.output), r)
        print(json.dumps(r["summary"], indent=2))
        log(f"Written: {options.output}")
        return 0
    except KeyboardInterrupt:
        log("Interrupted: stopping everything started")
        return 130
    finally:
        processes.stop_all()


if __name__ == "__main__":
    sys.exit(main())
