"""Task queue figures (docs/performance.md): enqueue throughput, and the latency from enqueue
to start with real `newsdesk worker` processes, on SQLite and on PostgreSQL.

    .venv/bin/python bench/task_queue.py [--tasks 1000] [--rate 20] [--seconds 10] [--workers 2]

Builds its own databases (a SQLite file in a temporary folder; PostgreSQL database
newsdesk_bench_queue at BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432) and
touches nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "newsdesk_bench_queue"


def run_side(database_url: str, args: argparse.Namespace, var_dir: str) -> dict:
    """One measurement in a fresh interpreter, so each database gets its own Django setup."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
        "DATABASE_URL": database_url,
        "NEWSDESK_TASKS_BACKEND": "database",
        "CACHE_URL": "locmem://",
        "NEWSDESK_VAR_DIR": var_dir,
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, __file__, "--measure", *sys.argv[1:]]
    output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(args: argparse.Namespace) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from newsdesk.taskqueue.models import WorkerProcess
    from newsdesk.taskqueue.tasks import ping

    call_command("migrate", verbosity=0)  # post_migrate hooks of other apps need their tables
    DBTaskResult.objects.all().delete()
    WorkerProcess.objects.all().delete()

    # 1. Enqueue throughput: one process, one task per transaction (as an editor's save does).
    started = time.perf_counter()
    for _n in range(args.tasks):
        ping.enqueue()
    enqueue_seconds = time.perf_counter() - started
    DBTaskResult.objects.all().delete()

    # 2. Latency enqueue -> start with workers running, tasks arriving at a steady rate.
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "newsdesk.cli", "worker", "--worker-id", f"bench-{n}"]
            + ["--interval", str(args.interval), "--publish-due-every", "0"],
            env=os.environ,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(args.workers)
    ]
    try:
        ready = WorkerProcess.objects.filter(worker_id__startswith="bench-", stopped_at=None)
        deadline = time.monotonic() + 120
        while ready.count() < args.workers and time.monotonic() < deadline:
            time.sleep(0.2)  # the workers start Django and report in
        total = int(args.rate * args.seconds)
        begin = time.perf_counter()
        for n in range(total):
            ping.enqueue()
            pause = begin + (n + 1) / args.rate - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
        deadline = time.monotonic() + 120
        while DBTaskResult.objects.successful().count() < total and time.monotonic() < deadline:
            time.sleep(0.2)
        rows = list(DBTaskResult.objects.successful().values_list("enqueued_at", "started_at"))
        finished = [
            f for f in DBTaskResult.objects.successful().values_list("finished_at", flat=True)
        ]
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
    latencies = [(s - e).total_seconds() * 1000 for e, s in rows]
    return {
        "vendor": django.db.connection.vendor,
        "enqueue_per_second": round(args.tasks / enqueue_seconds),
        "tasks": total,
        "done": len(rows),
        "latency_ms_p50": round(statistics.median(latencies), 1),
        "latency_ms_p95": round(percentile(latencies, 0.95), 1),
        "latency_ms_max": round(max(latencies), 1),
        "last_finished_after_s": round(
            (max(finished) - min(e for e, _s in rows)).total_seconds(), 2
        ),
    }


def prepare_postgres() -> str | None:
    try:
        import psycopg

        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3) as db:
            db.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
            db.execute(f"CREATE DATABASE {PG_NAME}")
    except Exception as error:  # noqa: BLE001 (reported, the SQLite run goes on)
        print(f"PostgreSQL not reachable at {POSTGRES} ({error}): skipped", file=sys.stderr)
        return None
    return f"{POSTGRES}/{PG_NAME}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000, help="tasks enqueued for throughput")
    parser.add_argument("--rate", type=float, default=20, help="tasks per second for latency")
    parser.add_argument("--seconds", type=float, default=10, help="how long tasks arrive")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--interval", type=float, default=1.0, help="worker poll interval")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args)))
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-queue-") as var_dir:
        results.append(run_side(f"sqlite:///{var_dir}/queue.sqlite3", args, var_dir))
        postgres = prepare_postgres()
        if postgres:
            results.append(run_side(postgres, args, var_dir))
    print(
        f"{args.workers} workers, poll interval {args.interval} s, "
        f"{args.rate:.0f} tasks/s for {args.seconds:.0f} s; "
        f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print("| database | enqueue/s | done | enqueue→start p50 | p95 | max | all done after |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['vendor']} | {r['enqueue_per_second']} | {r['done']}/{r['tasks']} | "
            f"{r['latency_ms_p50']} ms | {r['latency_ms_p95']} ms | {r['latency_ms_max']} ms | "
            f"{r['last_finished_after_s']} s |"
        )


if __name__ == "__main__":
    main()
