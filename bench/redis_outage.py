"""Readers while Redis goes away: how many answers are not 200 (issue 15, goal 0).

    .venv/bin/python bench/redis_outage.py [--readers 8] [--outage 6] [--postgres URL]

Builds the demo newsroom in a scratch folder and the PostgreSQL database ``newsdesk_bench_redis``
(dropped and recreated), starts a Redis of its own on a free port (``--save ''``) and gunicorn
(sync, 2 workers) with the production settings of docs/deploy.md on 127.0.0.1. Readers load
the showcase article and the home page without pause (and, from the moment Redis goes away, a
page nobody read before) while, in turn:

1. Redis is stopped for ``--outage`` seconds (the process ends) and started again, empty;
2. Redis hangs for ``--outage`` seconds (SIGSTOP: connections are accepted, nothing answers;
   the data stay) and resumes.

It prints, per phase, the answers by status and X-Cache and the median and p95 latency, and
writes ``bench/results/redis_outage.json``. It touches no other Redis, database or port, and
stops everything it started on exit.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
SHOWCASE_SLUG = "wird-das-lumio-aurora-x3-zum-preisbrecher"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Redis:
    def __init__(self, port: int):
        self.port = port
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(250):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def freeze(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)


def run(args: list, env: dict) -> str:
    result = subprocess.run(
        [str(a) for a in args], env=env, capture_output=True, text=True, timeout=1800
    )
    if result.returncode != 0:
        raise RuntimeError(f"{args} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def fetch(url: str) -> tuple[int, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status, response.headers.get("X-Cache", "-"), started
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache", "-"), started
    except OSError:
        return 0, "-", started  # no answer at all


class Readers:
    """``count`` threads loading ``urls`` in turn; every answer is recorded with its phase."""

    def __init__(self, urls: list[str], count: int):
        self.urls = urls
        self.count = count
        self.phase = "before"
        self.answers: list[tuple[str, int, str, float]] = []
        self.stopping = threading.Event()
        self.lock = threading.Lock()

    def reader(self, offset: int) -> None:
        n = offset
        while not self.stopping.is_set():
            phase = self.phase
            status, cache, started = fetch(self.urls[n % len(self.urls)])
            with self.lock:
                self.answers.append((phase, status, cache, time.monotonic() - started))
            n += 1

    def __enter__(self):
        self.threads = [
            threading.Thread(target=self.reader, args=(i,), daemon=True) for i in range(self.count)
        ]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def summary(self) -> dict:
        phases: dict[str, dict] = {}
        for phase in dict.fromkeys(a[0] for a in self.answers):
            rows = [a for a in self.answers if a[0] == phase]
            latencies = sorted(a[3] * 1000 for a in rows)
            phases[phase] = {
                "answers": len(rows),
                "non_200": sum(1 for a in rows if a[1] != 200),
                "status": dict(Counter(str(a[1]) for a in rows)),
                "x_cache": dict(Counter(a[2] for a in rows)),
                "p50_ms": round(statistics.median(latencies), 1),
                "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 1),
            }
        return phases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--outage", type=float, default=6.0, help="seconds Redis is away")
    parser.add_argument("--calm", type=float, default=4.0, help="seconds before and after")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--reuse",
        metavar="SCRATCH",
        help="the scratch folder of an earlier run: keep its database and demo newsroom",
    )
    options = parser.parse_args()

    scratch = Path(options.reuse or tempfile.mkdtemp(prefix="newsdesk-redis-outage-"))
    redis = Redis(free_port())
    app_port = free_port()
    database = f"{options.postgres}/newsdesk_bench_redis"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
        "SECRET_KEY": "bench-redis-outage-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "NEWSDESK_VAR_DIR": str(scratch),
        "STATIC_ROOT": str(scratch / "static"),
        "MEDIA_ROOT": str(scratch / "media"),
        "NEWSDESK_SERVE_MEDIA": "true",
        "NEWSDESK_BASE_URL": f"http://127.0.0.1:{app_port}",
        "DATABASE_URL": database,
        "CACHE_URL": f"redis://127.0.0.1:{redis.port}/0",
        "RATELIMIT_CACHE_URL": f"file://{scratch / 'ratelimit'}",
        "LOG_LEVEL": "WARNING",
    }
    server = None
    try:
        log(f"Scratch {scratch}, database {database}, Redis on port {redis.port}")
        redis.start()
        if not options.reuse:
            run(
                [
                    BIN / "python",
                    "-c",
                    "import psycopg, sys; c = psycopg.connect(sys.argv[1], autocommit=True);"
                    "c.execute('DROP DATABASE IF EXISTS newsdesk_bench_redis');"
                    "c.execute('CREATE DATABASE newsdesk_bench_redis')",
                    f"{options.postgres}/postgres",
                ],
                env,
            )
            run([BIN / "newsdesk", "migrate", "--noinput", "-v0"], env)
            run([BIN / "newsdesk", "demo"], env)
            run([BIN / "newsdesk", "collectstatic", "--noinput", "-v0"], env)
        showcase = (
            run(
                [
                    BIN / "newsdesk",
                    "shell",
                    "-v0",
                    "-c",
                    "from newsdesk.articles.models import Article;"
                    f"print(Article.objects.get(slug='{SHOWCASE_SLUG}').get_absolute_url())",
                ],
                env,
            )
            .strip()
            .splitlines()[-1]
        )
        server_log = (scratch / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [
                BIN / "gunicorn",
                "newsdesk.wsgi:application",
                "--bind",
                f"127.0.0.1:{app_port}",
                "--workers",
                "2",
            ],
            env=env,
            cwd=ROOT,
            start_new_session=True,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{app_port}"
        urls = [base + showcase, base + "/"]
        for _ in range(300):
            if fetch(urls[1])[0] == 200:
                break
            time.sleep(0.1)
        for url in urls * 3:
            fetch(url)  # warm: both pages in Redis and in both workers' local copies
        # Pages nobody has read yet join as Redis goes away: they must render from the database.
        unread = {"stopped": base + "/news/", "hung": base + "/impressum/"}

        results = {}
        for fault in ("stopped", "hung"):
            log(f"Readers: {options.readers}; Redis {fault} for {options.outage} s")
            with Readers(urls, options.readers) as readers:
                time.sleep(options.calm)
                readers.phase = f"redis {fault}"
                readers.urls.append(unread[fault])
                if fault == "stopped":
                    redis.stop()
                else:
                    redis.freeze()
                time.sleep(options.outage)
                readers.phase = "after"
                if fault == "stopped":
                    redis.start()
                else:
                    redis.thaw()
                time.sleep(options.calm)
            results[fault] = readers.summary()
            for phase, row in results[fault].items():
                log(f"  {phase:14} {json.dumps(row, ensure_ascii=False)}")
        logged = (scratch / "gunicorn.log").read_text()
        # Once per worker process and outage: 2 workers, 2 outages.
        results["log_lines"] = {
            "unreachable": logged.count("unreachable"),
            "reachable_again": logged.count("reachable again"),
            "tracebacks": logged.count("Traceback"),
        }
        log(f"gunicorn log: {results['log_lines']}")
        results["setup"] = {
            "readers": options.readers,
            "outage_seconds": options.outage,
            "pages": [showcase, "/", "/news/ and /impressum/ from the outage on, unread before"],
            "workers": 2,
            "cpus": os.cpu_count(),
        }
        out = ROOT / "bench" / "results" / "redis_outage.json"
        out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        log(f"Written: {out.relative_to(ROOT)}")
        failures = sum(
            row["non_200"] for fault in ("stopped", "hung") for row in results[fault].values()
        )
        return 0 if failures == 0 else 1
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        redis.stop()


if __name__ == "__main__":
    sys.exit(main())
