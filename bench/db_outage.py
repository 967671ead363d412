"""Readers while the read replica and then the primary PostgreSQL go away (issue 15).

    .venv/bin/python bench/db_outage.py [--readers 8] [--outage 8] [--page-cache]

Builds a PostgreSQL 15 primary with a streaming standby of its own (core/tests/pgcluster.py, as
root; ports 16001 and 16002), the demo newsroom on the primary, and gunicorn (sync, 2 workers,
on ``--port`` (8601) on 127.0.0.1) with the production settings of docs/deploy.md and
``DATABASE_REPLICA_URLS`` naming the standby; a second one without replica on the next port.
Readers load the showcase article, the home page and a topic page without pause while, in turn:

1. the replica is stopped (``pg_ctl -m fast``) for ``--outage`` seconds and started again
   (goal: no answer but 200);
2. the primary is stopped for ``--outage`` seconds and started again (goal: errors only while it
   is down, each a plain 503, and none once it is back);
3. the same, read through a second app server that has no replica (the one-machine setup).

The page cache is off unless ``--page-cache``: every answer is rendered from the database, the
worst case (with it on, cached pages keep being answered whatever the database does). The cache
is in-process (locmem), so Redis plays no part.

It prints, per phase, the answers by status, a timeline of status codes per second, and the
seconds from each restart until answers are back to normal (three seconds running with answers,
every one 200), with the load average, and writes
``bench/results/db_outage.json``. It touches no other database or port and stops everything it
started on exit.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.redis_outage import BIN, SHOWCASE_SLUG, fetch, log, run  # noqa: E402
from newsdesk.core.tests import pgcluster  # noqa: E402

PRIMARY_PORT, STANDBY_PORT = 16001, 16002


class Readers:
    """``count`` threads loading ``urls`` in turn; each answer is kept with its second and phase."""

    def __init__(self, urls: list[str], count: int):
        self.urls, self.count = urls, count
        self.phase = "before"
        self.started = time.monotonic()
        self.answers: list[tuple[str, int, int, float]] = []  # phase, second, status, latency
        self.stopping = threading.Event()
        self.lock = threading.Lock()

    def reader(self, offset: int) -> None:
        n = offset
        while not self.stopping.is_set():
            status, _cache, began = fetch(self.urls[n % len(self.urls)])
            now = time.monotonic()
            with self.lock:  # counted in the phase and second the answer came in
                self.answers.append((self.phase, int(now - self.started), status, now - began))
            n += 1

    def second(self) -> int:
        return int(time.monotonic() - self.started)

    def __enter__(self) -> Readers:
        self.threads = [
            threading.Thread(target=self.reader, args=(i,), daemon=True) for i in range(self.count)
        ]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def phases(self) -> dict:
        result = {}
        for phase in dict.fromkeys(a[0] for a in self.answers):
            rows = [a for a in self.answers if a[0] == phase]
            latencies = sorted(a[3] * 1000 for a in rows)
            result[phase] = {
                "answers": len(rows),
                "non_200": sum(1 for a in rows if a[2] != 200),
                "5xx": sum(1 for a in rows if a[2] >= 500),
                "no_answer": sum(1 for a in rows if a[2] == 0),
                "status": dict(Counter(str(a[2]) for a in rows)),
                "p50_ms": round(statistics.median(latencies), 1),
                "p95_ms": round(latencies[max(0, int(len(latencies) * 0.95) - 1)], 1),
            }
        return result

    def timeline(self) -> dict[int, dict[str, int]]:
        seconds: dict[int, Counter] = defaultdict(Counter)
        for _phase, second, status, _latency in self.answers:
            seconds[second][str(status)] += 1
        return {second: dict(seconds[second]) for second in sorted(seconds)}

    def recovery(self, since: int) -> int | None:
        """Seconds from ``since`` until three seconds running bring answers, all of them 200."""
        timeline = self.timeline()
        last = max(timeline, default=since)
        for start in range(since, last - 1):
            window = [timeline.get(s, {}) for s in range(start, start + 3)]
            if all(counts and set(counts) == {"200"} for counts in window):
                return start - since
        return None


def stop_server(server: subprocess.Popen | None) -> None:
    if server is not None and server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def start_server(env: dict, port: int, log_path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [BIN / "gunicorn", "newsdesk.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2"],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
    )


def standby_caught_up(cluster: pgcluster.PrimaryWithStandby, env: dict) -> None:
    """Wait until the standby has replayed everything the primary wrote (the demo newsroom)."""
    script = (
        "import psycopg, sys, time\n"
        "p = psycopg.connect(sys.argv[1], autocommit=True)\n"
        "s = psycopg.connect(sys.argv[2], autocommit=True)\n"
        "target = p.execute('SELECT pg_current_wal_lsn()').fetchone()[0]\n"
        "for _ in range(600):\n"
        "    if s.execute('SELECT pg_last_wal_replay_lsn() >= %s', (target,)).fetchone()[0]:\n"
        "        break\n"
        "    time.sleep(0.1)\n"
    )
    run([BIN / "python", "-c", script, cluster.url("primary"), cluster.url("standby")], env)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--outage", type=float, default=8.0, help="seconds a server is away")
    parser.add_argument("--calm", type=float, default=6.0, help="seconds before a fault")
    parser.add_argument("--after", type=float, default=15.0, help="seconds after a restart")
    parser.add_argument("--page-cache", action="store_true", help="keep the page cache on")
    parser.add_argument("--out", default="db_outage.json", help="file name in bench/results/")
    parser.add_argument(
        "--port", type=int, default=8601, help="the app server with a replica; +1 the other"
    )
    options = parser.parse_args()
    if not pgcluster.available():
        print("Needs root and PostgreSQL 15's server binaries (core/tests/pgcluster.py).")
        return 2

    scratch = Path(tempfile.mkdtemp(prefix="newsdesk-db-outage-"))
    app_port, alone_port = options.port, options.port + 1
    servers: list[subprocess.Popen] = []
    with pgcluster.PrimaryWithStandby(PRIMARY_PORT, STANDBY_PORT) as cluster:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
            "SECRET_KEY": "bench-db-outage-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "NEWSDESK_VAR_DIR": str(scratch),
            "STATIC_ROOT": str(scratch / "static"),
            "MEDIA_ROOT": str(scratch / "media"),
            "NEWSDESK_SERVE_MEDIA": "true",
            "NEWSDESK_BASE_URL": f"http://127.0.0.1:{app_port}",
            "DATABASE_URL": cluster.url("primary"),
            "DATABASE_REPLICA_URLS": cluster.url("standby"),
            "CACHE_URL": "locmem://bench",
            "RATELIMIT_CACHE_URL": f"file://{scratch / 'ratelimit'}",
            "NEWSDESK_PAGE_CACHE": "true" if options.page_cache else "false",
            "NEWSDESK_TASKS_BACKEND": "immediate",
            # A replica that was away is tried again after 10 s (30 by default), so that it is
            # back in the rotation when the primary goes away next.
            "NEWSDESK_REPLICA_RETRY_AFTER": "10",
            "LOG_LEVEL": "WARNING",
        }
        try:
            log(f"Scratch {scratch}; primary :{PRIMARY_PORT}, standby :{STANDBY_PORT}")
            run([BIN / "newsdesk", "migrate", "--noinput", "-v0"], env)
            run([BIN / "newsdesk", "demo"], env)
            run([BIN / "newsdesk", "collectstatic", "--noinput", "-v0"], env)
            paths = run(
                [
                    BIN / "newsdesk",
                    "shell",
                    "-v0",
                    "-c",
                    "from newsdesk.articles.models import Article;"
                    f"a = Article.objects.get(slug='{SHOWCASE_SLUG}');"
                    "t = a.topics.first();"
                    "print(a.get_absolute_url(), f'/thema/{t.slug}/')",
                ],
                env,
            )
            showcase, topic = paths.strip().splitlines()[-1].split()
            standby_caught_up(cluster, env)
            # The same site twice: one app server reads from the replica, one has none (the
            # one-machine setup of docs/deploy.md), both on the same primary.
            alone_env = {k: v for k, v in env.items() if k != "DATABASE_REPLICA_URLS"}
            alone_env["NEWSDESK_BASE_URL"] = f"http://127.0.0.1:{alone_port}"
            servers = [
                start_server(env, app_port, scratch / "gunicorn.log"),
                start_server(alone_env, alone_port, scratch / "gunicorn-alone.log"),
            ]
            sites = {}
            for port in (app_port, alone_port):
                base = f"http://127.0.0.1:{port}"
                sites[port] = [base + showcase, base + "/", base + topic]
                for _ in range(300):
                    if fetch(base + "/")[0] == 200:
                        break
                    time.sleep(0.1)
                for url in sites[port] * 3:
                    fetch(url)

            results: dict = {}
            faults = (
                ("replica", cluster.standby, app_port),
                ("primary", cluster.primary, app_port),
                ("primary, no replica", cluster.primary, alone_port),
            )
            for fault, data_dir, port in faults:
                log(f"Readers: {options.readers}; the {fault} away for {options.outage} s")
                with Readers(list(sites[port]), options.readers) as readers:
                    time.sleep(options.calm)
                    load_before = os.getloadavg()
                    normal = readers.phases()["before"]["answers"] / max(1, readers.second())
                    readers.phase = f"{fault} down"
                    down_at = readers.second()
                    cluster.stop(data_dir)
                    time.sleep(options.outage)
                    readers.phase = f"{fault} restarting"
                    cluster.start(data_dir)  # returns once it accepts connections
                    back_at = readers.second()
                    readers.phase = "after"
                    time.sleep(options.after)
                    load_after = os.getloadavg()
                results[fault] = {
                    "phases": readers.phases(),
                    "normal_rate_per_s": round(normal, 1),
                    "down_at_s": down_at,
                    "back_at_s": back_at,
                    "seconds_to_normal_after_restart": readers.recovery(back_at),
                    "timeline": readers.timeline(),
                    "loadavg_before": [round(x, 2) for x in load_before],
                    "loadavg_after": [round(x, 2) for x in load_after],
                }
                row = results[fault]
                for phase, counts in row["phases"].items():
                    log(f"  {phase:18} {json.dumps(counts)}")
                log(
                    f"  normal {row['normal_rate_per_s']}/s; down at {down_at} s, back at "
                    f"{back_at} s; normal again {row['seconds_to_normal_after_restart']} s "
                    f"after; load {row['loadavg_before']} -> {row['loadavg_after']}"
                )
                for second, counts in row["timeline"].items():
                    mark = (
                        " <- down" if second == down_at else " <- back" if second == back_at else ""
                    )
                    log(f"    {second:3d} s {json.dumps(counts)}{mark}")
                standby_caught_up(cluster, env)
            for name in ("gunicorn.log", "gunicorn-alone.log"):
                logged = (scratch / name).read_text()
                results[f"log_lines {name}"] = {
                    "tracebacks": logged.count("Traceback"),
                    "database_unreachable": logged.count("Database unreachable"),
                    "database_reachable_again": logged.count("Database reachable again"),
                    "replica_out": logged.count("taken out of the rotation"),
                    "lines": len(logged.splitlines()),
                }
            results["setup"] = {
                "readers": options.readers,
                "outage_seconds": options.outage,
                "page_cache": options.page_cache,
                "pages": [showcase, "/", topic],
                "workers": "2 per app server",
                "replica_retry_after_s": int(env["NEWSDESK_REPLICA_RETRY_AFTER"]),
                "cpus": os.cpu_count(),
            }
            out = ROOT / "bench" / "results" / options.out
            out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
            log(f"Written: {out.relative_to(ROOT)}; gunicorn log {scratch / 'gunicorn.log'}")
            replica_5xx = sum(p["5xx"] for p in results["replica"]["phases"].values())
            after_primary = sum(
                results[fault]["phases"].get("after", {}).get("non_200", 0)
                for fault in ("primary", "primary, no replica")
            )
            return 0 if replica_5xx == 0 and after_primary == 0 else 1
        finally:
            for server in servers:
                stop_server(server)


if __name__ == "__main__":
    sys.exit(main())
