"""Four clients searching without pause: what a reader of a cached page notices (issue 10).

    .venv/bin/python bench/search_flood.py --reuse SCRATCH [--seconds 15]

Uses the scratch folder and database of ``bench/redis_outage.py`` (run that first). Starts
gunicorn (sync, 2 workers, production settings) twice: with the per-client limit of uncached
pages off (``NEWSDESK_UNCACHED_RATE=""``) and at its default (20/m). Each time, one reader
loads the cached home page one request after the other while four clients (four addresses, in
``X-Forwarded-For`` behind one trusted proxy) send ``/suche/?q=Galaxy&x=N`` as fast as they
are answered. Prints the reader's median and p95 and what the searching clients got, and
writes ``bench/results/search_flood.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from redis_outage import BIN, ROOT, Redis, free_port, log  # noqa: E402


def get(url: str, forwarded: str | None = None) -> tuple[int, float]:
    request = urllib.request.Request(url, headers={"X-Forwarded-For": forwarded or "127.0.0.1"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return status, (time.monotonic() - started) * 1000


def measure(base: str, seconds: float) -> dict:
    stopping = threading.Event()
    searches: Counter = Counter()
    lock = threading.Lock()

    def searcher(number: int) -> None:
        n = 0
        while not stopping.is_set():
            status, _ = get(f"{base}/suche/?q=Galaxy&x={number}-{n}", f"198.51.100.{number}")
            with lock:
                searches[str(status)] += 1
            n += 1

    def reader() -> list[float]:
        latencies = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            status, ms = get(base + "/")
            if status == 200:
                latencies.append(ms)
        return latencies

    alone = reader() if seconds else []
    threads = [threading.Thread(target=searcher, args=(i,), daemon=True) for i in range(1, 5)]
    for thread in threads:
        thread.start()
    loaded = reader()
    stopping.set()
    for thread in threads:
        thread.join(timeout=60)

    def stats(values: list[float]) -> dict:
        values = sorted(values)
        return {
            "requests": len(values),
            "p50_ms": round(statistics.median(values), 1),
            "p95_ms": round(values[int(len(values) * 0.95) - 1], 1),
        }

    return {
        "reader_alone": stats(alone),
        "reader_with_4_searchers": stats(loaded),
        "searches": dict(searches),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuse", required=True, metavar="SCRATCH")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    options = parser.parse_args()
    scratch = Path(options.reuse)
    redis = Redis(free_port())
    redis.start()
    results = {}
    try:
        for label, rate in (("limit off", ""), ("limit 20/m (default)", "20/m")):
            port = free_port()
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
                "SECRET_KEY": "bench-search-flood-" + "x" * 40,
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "false",
                "NEWSDESK_VAR_DIR": str(scratch),
                "STATIC_ROOT": str(scratch / "static"),
                "MEDIA_ROOT": str(scratch / "media"),
                "NEWSDESK_BASE_URL": f"http://127.0.0.1:{port}",
                "DATABASE_URL": f"{options.postgres}/newsdesk_bench_redis",
                "CACHE_URL": f"redis://127.0.0.1:{redis.port}/0",
                "RATELIMIT_CACHE_URL": f"redis://127.0.0.1:{redis.port}/1",
                "NEWSDESK_TRUSTED_PROXIES": "1",
                "NEWSDESK_UNCACHED_RATE": rate,
                "LOG_LEVEL": "WARNING",
            }
            server = subprocess.Popen(
                [
                    BIN / "gunicorn",
                    "newsdesk.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                ],
                env=env,
                cwd=ROOT,
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                base = f"http://127.0.0.1:{port}"
                for _ in range(300):
                    if get(base + "/")[0] == 200:
                        break
                    time.sleep(0.1)
                for _ in range(5):
                    get(base + "/")
                results[label] = measure(base, options.seconds)
                log(f"{label}: {json.dumps(results[label])}")
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
    finally:
        redis.stop()
    out = ROOT / "bench" / "results" / "search_flood.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    log(f"Written: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
