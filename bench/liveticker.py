"""Liveticker bench: polling readers on loopback against the entries fragment, while a reporter
posts, through the app's page cache, or through Varnish in front of it (``--varnish``).

    .venv/bin/python bench/liveticker.py --readers 300 --duration 60 --every 5
    .venv/bin/python bench/liveticker.py --varnish --readers 10000 --duration 300 --every 5

What it does: builds a throwaway SQLite database (migrate) in a temporary folder, starts
gunicorn (sync workers, production settings, page cache on, Redis for the cache) on
127.0.0.1, creates one running ticker, then runs ``--readers`` simulated readers in one asyncio
loop: each polls ``/liveticker/<slug>/eintraege/`` every ``--interval`` seconds (jittered) with
``If-None-Match``, as liveticker.js does. A reporter process (forked from this one) posts one
entry every ``--every`` seconds through ``liveticker.services.post_entry`` (same database, same
cache), so the page cache is invalidated exactly as in production.

Figures: origin renders of the fragment per new entry (responses marked ``X-Cache: MISS``),
errors (anything but 200/304, and connection failures), and post-to-visible (from the commit of
an entry to the moment a reader's poll returned it) as p50/p95/max over every (entry, reader)
pair. Safety: only 127.0.0.1; gunicorn runs in its own process group and is stopped on exit;
the Redis database (``--redis``, default db 12) is not flushed, keys carry this run's port.

``--varnish``: varnishd with deploy/varnish.vcl (xkey soft purges, its "http" and "purge"
listeners on ``--port`` + 1 and + 2) in front of gunicorn, and one task worker (``newsdesk
worker``) that sends the purges, as in production. Readers keep their connection open
(keep-alive) and poll Varnish. Origin figures come from Varnish's counters: ``origin_fetches``
is every request that reached gunicorn while the reporter posted (each at most one render; the
app's page cache may still answer it), so ``origin_fetches_per_entry`` bounds the renders.
``reader_lag_p95_s`` says how late the generator itself ran its polls: above a few hundred
milliseconds the machine, not the server, bounds post-to-visible.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"
VCL = ROOT / "deploy" / "varnish.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"nothing answers on port {port}")


def start_varnish(work: Path, backend_port: int, port: int, purge_port: int) -> subprocess.Popen:
    """deploy/varnish.vcl, pointed at the bench's gunicorn, with its two listeners."""
    folder = work / "varnish"
    folder.mkdir()
    for path in (work, folder):
        path.chmod(0o755)  # varnishd's worker runs as its own unprivileged user
    vcl = folder / "newsdesk.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    vcl.chmod(0o644)
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",
            "-n",
            str(folder / "n"),
            "-a",
            f"http={HOST}:{port}",
            "-a",
            f"purge={HOST}:{purge_port}",
            "-f",
            str(vcl),
            "-s",
            "malloc,256m",
            "-T",
            "none",
            # Thousands of readers keep a connection open each.
            "-p",
            "thread_pool_max=2000",
            "-p",
            "timeout_idle=30",
        ],
        stdout=(work / "varnishd.log").open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port)
    except SystemExit:
        os.killpg(process.pid, signal.SIGTERM)
        print((work / "varnishd.log").read_text(errors="replace")[-2000:])
        raise
    return process


def varnish_counters(work: Path) -> dict[str, int]:
    """Varnish's own counts of backend fetches, hits and misses."""
    result = subprocess.run(
        [
            "varnishstat",
            "-n",
            str(work / "varnish" / "n"),
            "-1",
            "-f",
            "MAIN.backend_req",
            "-f",
            "MAIN.cache_hit",
            "-f",
            "MAIN.cache_miss",
            "-f",
            "MAIN.cache_hit_grace",
            "-f",
            "MAIN.sess_dropped",
            "-f",
            "MAIN.sess_queued",
            "-f",
            "MAIN.sess_fail",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    counters = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            counters[parts[0].removeprefix("MAIN.")] = int(parts[1])
    return counters


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
        # How late each poll started against its plan: the generator's own lag.
        self.lag: list[float] = []

    def merge(self, other: dict, other_seen: dict, seen: dict) -> None:
        """Add another reader process's figures (``vars`` of its Stats) to these."""
        for name in ("status", "cache"):
            for key, count in other[name].items():
                getattr(self, name)[key] = getattr(self, name).get(key, 0) + count
        self.errors += other["errors"]
        self.error_samples = (self.error_samples + other["error_samples"])[:5]
        self.requests += other["requests"]
        self.lag += other["lag"]
        for entry_id, times in other_seen.items():
            seen.setdefault(entry_id, []).extend(times)


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


class KeepAlive:
    """One reader's connection, kept open between polls as a browser keeps it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, port: int, path: str, etag: str | None) -> tuple[int, dict, bytes]:
        reused = self.streams is not None
        try:
            return await self._get(path, etag)
        except (OSError, asyncio.IncompleteReadError):
            self.close()
            if not reused:
                raise
            # The server closed the idle connection (Varnish's timeout_idle): a browser sends
            # the GET again on a new one, and so does this reader, once.
            return await self._get(path, etag)
        except (ValueError, IndexError):
            self.close()
            raise

    async def _get(self, path: str, etag: str | None) -> tuple[int, dict, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(HOST, self.port)
        reader, writer = self.streams
        head = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n"
        if etag:
            head += f"If-None-Match: {etag}\r\n"
        writer.write((head + "\r\n").encode())
        await writer.drain()
        header_part = await reader.readuntil(b"\r\n\r\n")
        lines = header_part.decode("latin-1").rstrip("\r\n").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
                chunk = await reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = await reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def reader_loop(
    port: int,
    path: str,
    interval: float,
    stop: float,
    stats: Stats,
    seen: dict,
    keep_alive: bool = False,
) -> None:
    etag = None
    known: set[int] = set()
    fetch = KeepAlive(port).get if keep_alive else get
    await asyncio.sleep(random.uniform(0, interval))
    planned = time.monotonic()
    while time.monotonic() < stop:
        started = time.monotonic()
        stats.lag.append(started - planned)
        try:
            status, headers, body = await fetch(port, path, etag)
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
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError) as error:
            stats.errors += 1
            if len(stats.error_samples) < 5:
                stats.error_samples.append(repr(error))
        pause = interval * random.uniform(0.9, 1.1)
        planned = started + pause
        await asyncio.sleep(max(0.0, planned - time.monotonic()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=300)
    parser.add_argument("--duration", type=float, default=60, help="seconds of posting")
    parser.add_argument("--every", type=float, default=5, help="seconds between two entries")
    parser.add_argument("--interval", type=float, default=2, help="seconds between two polls")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/12")
    parser.add_argument(
        "--port", type=int, default=0, help="gunicorn's port (Varnish: +1 and +2); 0: any free"
    )
    parser.add_argument(
        "--varnish", action="store_true", help="readers poll Varnish (deploy/varnish.vcl)"
    )
    parser.add_argument(
        "--processes", type=int, default=1, help="reader processes (one event loop each)"
    )
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-ticker-"))
    port = options.port or free_port()
    varnish_port, purge_port = port + 1, port + 2
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
    if options.varnish:
        env["NEWSDESK_PURGE_BACKEND"] = "varnish"
        env["NEWSDESK_PURGE_URLS"] = f"http://{HOST}:{purge_port}/"
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
    from django.core.cache import caches
    from django.db import connections
    from django.test import override_settings

    # Before Varnish runs: nothing to purge yet (a refused purge would be retried mid-run).
    with override_settings(NEWSDESK_PURGE_BACKEND="none"):
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
    counters: dict[str, dict[str, int]] = {}
    helpers: list[subprocess.Popen] = []
    try:
        wait_for_port(port)
        target = port
        if options.varnish:
            helpers.append(start_varnish(work, port, varnish_port, purge_port))
            # The purges go out through the task queue, as in production.
            helpers.append(
                subprocess.Popen(
                    [str(BIN / "newsdesk"), "worker", "--publish-due-every", "0"],
                    env=env,
                    cwd=ROOT,
                    start_new_session=True,
                )
            )
            target = varnish_port
        path = f"/liveticker/{ticker.slug}/eintraege/"
        # Varnish counts the app healthy after its probes (a few seconds): readers start then.
        deadline = time.monotonic() + 120
        while asyncio.run(get(target, path, None))[0] != 200:
            if time.monotonic() > deadline:
                raise SystemExit("the fragment does not answer 200")
            time.sleep(0.5)
        stats = Stats()
        seen: dict[int, list[float]] = {}
        warmup = 2 * options.interval
        stop = time.monotonic() + warmup + options.duration + 2 * options.interval

        def reporter(found: multiprocessing.Queue) -> None:
            # A process of its own: in a thread, the readers' event loop would hold the GIL
            # and the reporter's own cache and database calls would queue behind thousands of
            # polls (the first 10,000-reader run timed out on Redis that way).
            for cache in caches.all():
                cache.close()
            time.sleep(warmup)
            if options.varnish:
                found.put(("counters", "start", varnish_counters(work)))
            end = time.monotonic() + options.duration
            number = 0
            while time.monotonic() < end:
                number += 1
                entry = services.post_entry(ticker, f"Eintrag {number}: Neues von der Bühne.")
                found.put(("posted", entry.pk, time.time()))
                time.sleep(options.every)
            # The last entry's purge and fetch are in the counts too.
            time.sleep(2 * options.interval)
            if options.varnish:
                found.put(("counters", "end", varnish_counters(work)))
            found.put(("done", None, None))

        connections.close_all()  # the forked reporter opens its own
        found: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()
        thread = multiprocessing.get_context("fork").Process(target=reporter, args=(found,))
        print(
            f"{options.readers} readers polling {'Varnish' if options.varnish else 'gunicorn'} "
            f"every {options.interval} s, one entry every {options.every} s for "
            f"{options.duration} s ...",
            flush=True,
        )
        thread.start()

        async def run_readers(count: int, stats: Stats, seen: dict) -> None:
            await asyncio.gather(
                *(
                    reader_loop(target, path, options.interval, stop, stats, seen, options.varnish)
                    for _ in range(count)
                )
            )

        def reader_process(count: int) -> None:
            share, share_seen = Stats(), {}
            asyncio.run(run_readers(count, share, share_seen))
            found.put(("readers", None, (vars(share), share_seen)))

        shares = [options.readers // options.processes] * options.processes
        shares[0] += options.readers - sum(shares)
        fork = multiprocessing.get_context("fork")
        readers = [fork.Process(target=reader_process, args=(n,)) for n in shares[1:]]
        for process in readers:
            process.start()
        asyncio.run(run_readers(shares[0], stats, seen))
        waiting = 1 + len(readers)
        while waiting:
            kind, key, value = found.get(timeout=300)
            if kind in ("done", "readers"):
                waiting -= 1
            if kind == "readers":
                stats.merge(*value, seen)
            elif kind != "done":
                (posted if kind == "posted" else counters)[key] = value
        for process in readers:
            process.join()
        thread.join()
    finally:
        for process in [*helpers, server]:
            os.killpg(process.pid, signal.SIGTERM)
        for process in [*helpers, server]:
            process.wait(timeout=30)

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
        "reader_lag_p95_s": round(percentile(stats.lag, 0.95), 2) if stats.lag else None,
        "errors": stats.errors,
        "error_samples": stats.error_samples,
        "visible_pairs": f"{len(delays)} of {expected_pairs}",
        "post_to_visible_p50_s": round(statistics.median(delays), 2) if delays else None,
        "post_to_visible_p95_s": round(percentile(delays, 0.95), 2) if delays else None,
        "post_to_visible_max_s": round(max(delays), 2) if delays else None,
        "load_average_1min": os.getloadavg()[0],
        "cpus": os.cpu_count(),
    }
    if options.varnish:
        # Counted by the readers, the app's X-Cache of Varnish's copies says nothing of renders.
        del figures["origin_renders"], figures["origin_renders_per_entry"]
        start, end = counters.get("start", {}), counters.get("end", {})
        moved = {name: end.get(name, 0) - start.get(name, 0) for name in end}
        figures["varnish_while_posting"] = moved
        figures["origin_fetches"] = moved.get("backend_req")
        figures["origin_fetches_per_entry"] = round(
            moved.get("backend_req", 0) / max(len(posted), 1), 2
        )
    print(json.dumps(figures, indent=2))
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if stats.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
