"""Liveticker bench: polling readers on loopback against the entries fragment, while a reporter
posts, through the app's page cache.

    .venv/bin/python bench/liveticker.py --readers 300 --duration 60 --every 5

What it does: builds a throwaway SQLite database (migrate) in a temporary folder, starts
gunicorn (sync workers, production settings, page cache on, Redis for the cache) on
127.0.0.1, creates one running ticker, then runs ``--readers`` simulated readers in one asyncio
loop: each polls ``/liveticker/<slug>/eintraege/`` every ``--interval`` seconds (jittered) with
``If-None-Match``, as liveticker.js does. A reporter thread in this process posts one entry every
``--every`` seconds through ``liveticker.services.post_entry`` (same database, same cache), so
the page cache is invalidated exactly as in production.

Figures: origin renders of the fragment per new entry (responses marked ``X-Cache: MISS``),
errors (anything but 200/304, and connection failures), and post-to-visible (from the commit of
an entry to the moment a reader's poll returned it) as p50/p95/max over every (entry, reader)
pair. Safety: only 127.0.0.1; gunicorn runs in its own process group and is stopped on exit;
the Redis database (``--redis``, default db 12) is not flushed, keys carry this run's port.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Stats:
    def __init__(self) -> None:
        self.status: dict[str, int] = {}
        self.cache: dict[str, int] = {}
        self.errors = 0
        self.error_samples: list[str] = []
        self.requests = 0


async def get(port: int, path: str, etag: str | None) -> tuple[int, dict, bytes]:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        head = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n"
        if etag:
            head += f"If-None-Match: {etag}\r\n"
        writer.write((head + "\r\n").encode())
        await writer.drain()
        data = await reader.read()
    finally:
        writer.close()
    header_part, _, body = data.partition(b"\r\n\r\n")
    lines = header_part.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


async def reader_loop(
    port: int, path: str, interval: float, stop: float, stats: Stats, seen: dict
) -> None:
    etag = None
    known: set[int] = set()
    await asyncio.sleep(random.uniform(0, interval))
    while time.monotonic() < stop:
        started = time.monotonic()
        try:
            status, headers, body = await get(port, path, etag)
            stats.requests += 1
            stats.status[str(status)] = stats.status.get(str(status), 0) + 1
            state = headers.get("x-cache", "-")
            stats.cache[state] = stats.cache.get(state, 0) + 1
            if status == 200:
                etag = headers.get("etag")
                now = time.time()
                for entry in json.loads(body)["entries"]:
                    if entry["id"] not in known:
                        known.add(entry["id"])
                        seen.setdefault(entry["id"], []).append(now)
            elif status != 304:
                stats.errors += 1
                if len(stats.error_samples) < 5:
                    stats.error_samples.append(f"HTTP {status}")
        except (OSError, ValueError, IndexError) as error:
            stats.errors += 1
            if len(stats.error_samples) < 5:
                stats.error_samples.append(repr(error))
        await asyncio.sleep(
            max(0.0, interval * random.uniform(0.9, 1.1) - (time.monotonic() - started))
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=300)
    parser.add_argument("--duration", type=float, default=60, help="seconds of posting")
    parser.add_argument("--every", type=float, default=5, help="seconds between two entries")
    parser.add_argument("--interval", type=float, default=2, help="seconds between two polls")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-ticker-"))
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "NEWSDESK"))},
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": HOST,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "CACHE_URL": options.redis,
        "NEWSDESK_VAR_DIR": str(work / "var"),
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "NEWSDESK_BASE_URL": f"http://{HOST}:{port}",
        "NEWSDESK_PAGE_CACHE": "true",
        "LOG_LEVEL": "WARNING",
    }
    print(f"work folder {work}; migrating ...", flush=True)
    subprocess.run(
        [str(BIN / "newsdesk"), "migrate", "--noinput", "-v0"], env=env, check=True, timeout=900
    )
    os.environ.update(env)
    import django

    django.setup()
    from django.utils import timezone

    from newsdesk.liveticker import services
    from newsdesk.liveticker.models import LiveTicker

    ticker = LiveTicker.objects.create(
        title="Bench-Keynote im Liveticker",
        slug="bench-keynote",
        teaser="Viele Leser, ein Ticker.",
        state=LiveTicker.State.LIVE,
        is_published=True,
        starts_at=timezone.now(),
    )
    services.post_entry(ticker, "Der Ticker beginnt.")

    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "newsdesk.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(options.workers),
            "--backlog",
            "4096",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    posted: dict[int, float] = {}
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, port), timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        path = f"/liveticker/{ticker.slug}/eintraege/"
        stats = Stats()
        seen: dict[int, list[float]] = {}
        warmup = 2 * options.interval
        stop = time.monotonic() + warmup + options.duration + 2 * options.interval

        def reporter() -> None:
            time.sleep(warmup)
            end = time.monotonic() + options.duration
            number = 0
            while time.monotonic() < end:
                number += 1
                entry = services.post_entry(ticker, f"Eintrag {number}: Neues von der Bühne.")
                posted[entry.pk] = time.time()
                time.sleep(options.every)

        thread = threading.Thread(target=reporter, daemon=True)
        print(
            f"{options.readers} readers polling every {options.interval} s, one entry every "
            f"{options.every} s for {options.duration} s ...",
            flush=True,
        )
        thread.start()

        async def run_readers() -> None:
            await asyncio.gather(
                *(
                    reader_loop(port, path, options.interval, stop, stats, seen)
                    for _ in range(options.readers)
                )
            )

        asyncio.run(run_readers())
        thread.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    delays = [
        seen_at - posted[entry_id]
        for entry_id, times in seen.items()
        if entry_id in posted
        for seen_at in times
    ]
    expected_pairs = len(posted) * options.readers
    renders = stats.cache.get("MISS", 0)
    figures = {
        "readers": options.readers,
        "poll_interval_s": options.interval,
        "entries_posted": len(posted),
        "requests": stats.requests,
        "requests_per_s": round(stats.requests / (options.duration + 4 * options.interval), 1),
        "status": stats.status,
        "x_cache": stats.cache,
        "origin_renders": renders,
        # The first render of the run (before any entry) is not caused by an entry.
        "origin_renders_per_entry": round(max(renders - 1, 0) / max(len(posted), 1), 2),
        "errors": stats.errors,
        "error_samples": stats.error_samples,
        "visible_pairs": f"{len(delays)} of {expected_pairs}",
        "post_to_visible_p50_s": round(statistics.median(delays), 2) if delays else None,
        "post_to_visible_p95_s": round(percentile(delays, 0.95), 2) if delays else None,
        "post_to_visible_max_s": round(max(delays), 2) if delays else None,
        "load_average_1min": os.getloadavg()[0],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(figures, indent=2))
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if stats.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
