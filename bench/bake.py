#!/usr/bin/env python3
"""The static export alone: full and incremental bake at 10,000 articles, repeated.

    .venv/bin/python bench/bake.py                      build the database, then measure
    .venv/bin/python bench/bake.py --reuse --repeat 5   measure again on the same database
    .venv/bin/python bench/bake.py --reuse --checkout /tmp/old --jobs 0
                                                        the same with the code of another checkout

The bake section of ``bench/run.py`` runs each bake once, inside a fifteen-minute run; on a shared
machine one figure says little. This script repeats both bakes and reports every figure, their
median and the load average it saw. It creates (or, with ``--reuse``, keeps) the PostgreSQL
database named in ``--database`` and flushes the Redis database of ``--redis`` when it builds the
database; it touches nothing else. Only the bake command runs, no server.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def baked_before(target: Path) -> bool:
    """Whether a bake recorded ``target`` (its SQLite record, or the JSON one of before)."""
    return any(
        (target / name).is_file() for name in (".newsdesk-bake.sqlite3", ".newsdesk-bake.json")
    )


ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
SUMMARY = re.compile(r"(\d+) pages rendered, (\d+) unchanged, (\d+) removed.* in ([\d.]+) s")


def load() -> str:
    """The 1, 5 and 15 minute load averages, as ``uptime`` shows them."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(args: list, env: dict, timeout: float = 3600) -> str:
    result = subprocess.run(
        [str(a) for a in args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class BakedWatcher:
    """Reads the baked article and home page, from before the save is sent, until both show
    the new headline; records when each did (epoch seconds)."""

    def __init__(self, target: Path, token: str) -> None:
        self.target, self.token = target, token
        self.seen: dict[str, float] = {}
        self.thread: threading.Thread | None = None

    def start(self, path: str) -> None:
        files = {
            "article": self.target / path.strip("/") / "index.html",
            "home": self.target / "index.html",
        }
        self.thread = threading.Thread(target=self.look, args=(files,), daemon=True)
        self.thread.start()

    def look(self, files: dict[str, Path]) -> None:
        deadline = time.time() + 120
        while len(self.seen) < len(files) and time.time() < deadline:
            for name, file in files.items():
                if name not in self.seen and self.token in file.read_text():
                    self.seen[name] = time.time()
            time.sleep(0.002)

    def wait(self) -> dict[str, float]:
        self.thread.join(125)
        if len(self.seen) < 2:
            raise RuntimeError(f"the worker did not bake the edit within 120 s: {self.seen}")
        return self.seen


class BakeBench:
    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.work = Path(tempfile.mkdtemp(prefix="newsdesk-bake-bench-"))
        server = options.postgres.rstrip("/")
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "NEWSDESK"))},
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"{server}/{options.database}",
            "CACHE_URL": options.redis,
            "NEWSDESK_VAR_DIR": str(self.work / "var"),
            "STATIC_ROOT": str(self.work / "static"),
            "MEDIA_ROOT": str(
                Path(options.media).resolve() if options.media else self.work / "media"
            ),
            "NEWSDESK_SERVE_MEDIA": "true",
            "NEWSDESK_BASE_URL": "http://127.0.0.1:8080",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
        # The code under test: this checkout, or another one (an older commit, for a fair
        # comparison in the same conditions) put first on the import path.
        self.checkout = Path(options.checkout).resolve() if options.checkout else ROOT
        self.bake_env = dict(self.env)
        if options.checkout:
            self.bake_env["PYTHONPATH"] = str(self.checkout)

    def newsdesk(self, *args, env: dict | None = None) -> str:
        return run([PYTHON, self.checkout / "manage.py", *args], env or self.bake_env)

    def build(self) -> None:
        admin = self.options.postgres.rstrip("/") + "/postgres"
        script = (
            "import psycopg, redis\n"
            f"c = psycopg.connect({admin!r}, autocommit=True)\n"
            f"c.execute('DROP DATABASE IF EXISTS {self.options.database} WITH (FORCE)')\n"
            f"c.execute('CREATE DATABASE {self.options.database}')\n"
            f"redis.Redis.from_url({self.options.redis!r}).flushdb()\n"
        )
        run([PYTHON, "-c", script], self.env)
        run([PYTHON, ROOT / "manage.py", "migrate", "--noinput", "-v0"], self.env)
        started = time.perf_counter()
        out = run(
            [PYTHON, ROOT / "manage.py", "generate", "--articles", self.options.articles, "-v0"],
            self.env,
        )
        print(f"generated in {time.perf_counter() - started:.0f} s: {out.strip()}", flush=True)

    def edit(self, token: str, env: dict | None = None, watch=None) -> dict:
        """One headline edit through the newsroom's save path (``bench/probe.py editor``).

        ``watch(path)`` is called with the article's address just before the save is sent.
        Returns the address and when the save started and committed (epoch seconds).
        """
        env = env or self.env
        article = json.loads(run([PYTHON, ROOT / "bench" / "probe.py", "pages"], env))
        editor = subprocess.Popen(
            [str(PYTHON), str(ROOT / "bench" / "probe.py"), "editor"],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert json.loads(editor.stdout.readline()).get("ready")
            if watch:
                watch(article["article"])
            editor.stdin.write(f"{article['article_id']} {token}\n")
            editor.stdin.flush()
            saved = json.loads(editor.stdout.readline())
        finally:
            editor.stdin.close()
            editor.wait(30)
        return {"path": article["article"], **saved}

    def worker_bakes(self, target: Path, count: int) -> list[dict]:
        """The way ``docs/deploy.md`` runs it: ``NEWSDESK_BAKE_ON_CHANGE`` and a task worker.

        Each headline edit queues one ``bake --changed`` that the running worker (warm: no
        process start, templates compiled) takes; measured from the start of the save until
        the baked article and the baked home page show the new headline, by a thread that
        reads both files from before the save is sent.
        """
        env = {
            **self.bake_env,
            "NEWSDESK_BAKE_DIR": str(target),
            "NEWSDESK_BAKE_ON_CHANGE": "true",
        }
        log = open(self.work / "worker.log", "w")
        worker = subprocess.Popen(
            [str(PYTHON), str(self.checkout / "manage.py"), "worker", "--publish-due-every", "0"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        results = []
        try:
            # A first edit that is not counted: the worker's first bake imports and compiles
            # what every later one reuses (as a worker that has run for a while has).
            for number in range(count + 1):
                loadavg = load()
                token = f"WorkerEdit{number}x{int(time.time())}"
                watcher = BakedWatcher(target, token)
                saved = self.edit(token, env, watcher.start)
                seen = watcher.wait()
                result = {
                    "save_ms": round((saved["committed"] - saved["started"]) * 1000, 1),
                    "article_visible_ms": round((seen["article"] - saved["started"]) * 1000, 1),
                    "home_visible_ms": round((seen["home"] - saved["started"]) * 1000, 1),
                    "load_before": loadavg,
                }
                if number:
                    results.append(result)
                print(f"worker bake #{number}{' (warm-up)' if not number else ''}: {result}")
        finally:
            worker.terminate()
            worker.wait(30)
            log.close()
        return results

    def bake(self, target: Path, changed: bool) -> dict:
        args = ["bake", target, "--no-assets", "-v0"]
        if changed:
            args.append("--changed")
        if self.options.jobs is not None:
            args += ["--jobs", self.options.jobs]
        loadavg = load()
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        out = self.newsdesk(*args)
        wall = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time of the command and its workers (not PostgreSQL's): less sensitive than the
        # wall time to what else runs on the machine.
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
            cpu_after.ru_stime - cpu_before.ru_stime
        )
        rendered, unchanged, removed, seconds = SUMMARY.search(out).groups()
        return {
            "rendered": int(rendered),
            "unchanged": int(unchanged),
            "removed": int(removed),
            "bake_seconds": float(seconds),
            "pages_per_second": round(int(rendered) / float(seconds), 1),
            "command_wall_seconds": round(wall, 2),
            "command_cpu_seconds": round(cpu, 2),
            "cpu_ms_per_page": round(cpu * 1000 / max(int(rendered), 1), 2),
            "load_before": loadavg,
        }

    def execute(self) -> dict:
        if not self.options.reuse:
            self.build()
        # Pages name their CSS by its hashed name, read from the manifest collectstatic writes.
        run([PYTHON, ROOT / "manage.py", "collectstatic", "--noinput", "-v0"], self.env)
        full, incremental = [], []
        target = Path(self.options.baked) if self.options.baked else self.work / "baked"
        if not self.options.repeat and not baked_before(target):
            raise SystemExit(f"--repeat 0 needs a baked site: no bake in {target}")
        for number in range(self.options.repeat):
            if number or target.exists():
                shutil.rmtree(target)
            result = self.bake(target, changed=False)
            full.append(result)
            print(f"full #{number + 1}: {result}", flush=True)
        # Each incremental bake follows one headline edit, on the site the last full bake wrote.
        for number in range(self.options.incremental_repeat):
            self.edit(f"BakeEdit{number}x{int(time.time())}")
            result = self.bake(target, changed=True)
            incremental.append(result)
            print(f"incremental #{number + 1}: {result}", flush=True)
        worker = self.worker_bakes(target, self.options.worker_repeat)
        if not (self.options.keep or self.options.baked):
            shutil.rmtree(target, ignore_errors=True)
        return {
            "checkout": str(self.checkout),
            "jobs": self.options.jobs,
            "full_pages_per_second_median": statistics.median(r["pages_per_second"] for r in full)
            if full
            else None,
            "full_cpu_ms_per_page_median": statistics.median(r["cpu_ms_per_page"] for r in full)
            if full
            else None,
            "incremental_wall_seconds_median": statistics.median(
                r["command_wall_seconds"] for r in incremental
            )
            if incremental
            else None,
            "incremental_bake_seconds_median": statistics.median(
                r["bake_seconds"] for r in incremental
            )
            if incremental
            else None,
            "worker_article_visible_ms_median": statistics.median(
                r["article_visible_ms"] for r in worker
            )
            if worker
            else None,
            "full": full,
            "incremental": incremental,
            "worker": worker,
            "load_after": load(),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--repeat", type=int, default=3, help="full bakes (0: edits only, on the site of --baked)"
    )
    parser.add_argument(
        "--baked", help="bake into this folder and keep it (with --repeat 0: the site to edit)"
    )
    parser.add_argument(
        "--incremental-repeat", type=int, default=5, help="edits, each followed by bake --changed"
    )
    parser.add_argument(
        "--worker-repeat",
        type=int,
        default=5,
        help="edits whose bake runs in a task worker (NEWSDESK_BAKE_ON_CHANGE), after one warm-up",
    )
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="newsdesk_bench_bake")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--media", help="media folder to keep between runs (with --reuse)")
    parser.add_argument("--reuse", action="store_true", help="keep the database as it is")
    parser.add_argument("--checkout", help="bake with the code of another checkout")
    parser.add_argument("--jobs", type=int, help="passed to bake --jobs (new code only)")
    parser.add_argument("--keep", action="store_true", help="keep the baked folders")
    parser.add_argument("--output", help="also write the figures as JSON here")
    options = parser.parse_args()
    summary = BakeBench(options).execute()
    text = json.dumps(summary, indent=2)
    print(text)
    if options.output:
        Path(options.output).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
