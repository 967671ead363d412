#!/usr/bin/env python3
"""newsdesk benchmarks, end to end: ``make bench`` (or ``.venv/bin/python bench/run.py``).

Builds its own PostgreSQL database (``newsdesk_bench``, dropped and recreated) and uses Redis
database 14 as the cache, generates a synthetic newsroom, starts app servers and nginx on
127.0.0.1, loads them with wrk for a fixed time each, prints every figure and writes
``bench/results/latest.json`` and ``bench/results/latest.md``. Everything it starts is stopped
when it ends, also on Ctrl-C. Only 127.0.0.1 is ever a load target.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
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
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
NEWSDESK = VENV_BIN / "newsdesk"
HOST = "127.0.0.1"  # the only load target, ever
DB_NAME = "newsdesk_bench"
WORDPRESS_ARTICLE_RPS = 13.0  # Debian WordPress, PHP-FPM, nginx, MariaDB, 1,000 posts, wrk -c32
DEBIAN_PACKAGES = {"nginx": "nginx-light", "wrk": "wrk"}
PIP_PACKAGES = {"granian": "granian==2.8.7", "uvicorn": "uvicorn==0.54.0"}
XCACHE_LUA = BENCH / "xcache.lua"


# ---------------------------------------------------------------------------------------------
# Processes: everything started is registered and stopped in reverse order.


class Processes:
    def __init__(self) -> None:
        self.running: list[subprocess.Popen] = []

    def start(self, args: list[str], env: dict, log: Path, **kwargs) -> subprocess.Popen:
        handle = log.open("ab")
        process = subprocess.Popen(
            [str(a) for a in args],
            env=env,
            cwd=ROOT,
            stdout=kwargs.pop("stdout", handle),
            stderr=handle,
            start_new_session=True,  # its own process group: stopped with all its workers
            **kwargs,
        )
        self.running.append(process)
        return process

    def stop(self, process: subprocess.Popen, timeout: float = 15) -> None:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        # Workers that outlived their master (should not happen) go with the group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        if process in self.running:
            self.running.remove(process)

    def stop_all(self) -> None:
        for process in reversed(list(self.running)):
            self.stop(process)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def log(message: str) -> None:
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", flush=True)


def run(args: list, env: dict, timeout: float = 1800, check: bool = True) -> str:
    result = subprocess.run(
        [str(a) for a in args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


# ---------------------------------------------------------------------------------------------
# Tools


def ensure_tools(with_granian: bool, with_uvicorn: bool) -> dict:
    missing = [pkg for tool, pkg in DEBIAN_PACKAGES.items() if not shutil.which(tool)]
    if missing:
        if os.geteuid() == 0 and shutil.which("apt-get"):
            log(f"Installing Debian packages: {' '.join(missing)}")
            subprocess.run(["apt-get", "update", "-qq"], check=True, timeout=600)
            subprocess.run(
                ["apt-get", "install", "-y", "-qq", *missing],
                check=True,
                timeout=900,
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            )
        else:
            raise SystemExit(f"Missing Debian packages {missing}: install them (needs root).")
    wanted = []
    if with_granian:
        wanted.append("granian")
    if with_uvicorn:
        wanted.append("uvicorn")
    for name in wanted:
        if not (VENV_BIN / name).exists():
            log(f"Installing {PIP_PACKAGES[name]} into .venv (benchmark only)")
            subprocess.run(
                [PYTHON, "-m", "pip", "install", "--quiet", PIP_PACKAGES[name]],
                check=True,
                timeout=600,
            )
    return {
        "nginx": subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip(),
        "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0],
    }


def package_version(name: str) -> str | None:
    out = subprocess.run(
        [PYTHON, "-c", f"import importlib.metadata as m; print(m.version({name!r}))"],
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() or None


def machine() -> dict:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_kb = 0
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    os_name = platform.platform()
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"')
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "os": os_name,
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


# ---------------------------------------------------------------------------------------------
# wrk


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_latency(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * UNITS[match.group(2)]


def wrk(
    url: str,
    seconds: float,
    connections: int = 32,
    threads: int = 2,
    lua: Path | None = None,
    headers: dict | None = None,
) -> dict:
    """One bounded wrk run against 127.0.0.1; requests/s, latency percentiles in ms, errors."""
    if not url.startswith(f"http://{HOST}:"):
        raise ValueError(f"refusing to load anything but {HOST}: {url}")
    threads = min(threads, connections)
    args = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{int(seconds)}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    if lua:
        args += ["-s", str(lua)]
    args.append(url)
    out = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60).stdout
    result: dict = {"url": url, "connections": connections, "seconds": int(seconds)}
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    result["rps"] = float(match.group(1)) if match else 0.0
    match = re.search(r"(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read", out)
    result["requests"] = int(match.group(1)) if match else 0
    for pct in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M)
        result[f"p{pct}_ms"] = round(parse_latency(match.group(1)), 2) if match else None
    errors = {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if match:
        errors = dict(zip(errors, map(int, match.groups()), strict=True))
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors["non_2xx_3xx"] = int(match.group(1)) if match else 0
    result["errors"] = errors
    counts = {}
    for status, state, number in re.findall(r"^XCACHE (\d+) (\S+) (\d+)$", out, re.M):
        counts[f"{status} {state}"] = int(number)
    if counts:
        result["responses"] = counts
    return result


def socket_errors(result: dict) -> int:
    errors = result["errors"]
    # gunicorn's sync workers close the connection after each response; wrk counts the
    # reconnects it has to make as "read" errors only when a response was cut, so all count.
    return sum(errors.values())


def show(label: str, result: dict) -> None:
    log(
        f"  {label:<44} {result['rps']:>9.1f} req/s  p50 {result['p50_ms']} ms  "
        f"p99 {result['p99_ms']} ms  errors {socket_errors(result)}"
    )


# ---------------------------------------------------------------------------------------------
# HTTP helpers (127.0.0.1 only)


def fetch(port: int, path: str, timeout: float = 30) -> tuple[int, Message, bytes]:
    """GET without Accept-Encoding; headers are looked up case-insensitively (granian and
    uvicorn send them in lower case)."""
    request = urllib.request.Request(f"http://{HOST}:{port}{path}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_up(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on {port} exited with {process.returncode}")
        with contextlib.suppress(OSError):
            status, _, _ = fetch(port, "/healthz", timeout=2)
            if status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server on {port} did not answer /healthz in {seconds} s")


# ---------------------------------------------------------------------------------------------
# App servers


SERVERS = {
    # name: (program, arguments after the port)
    "gunicorn-sync-2": ("gunicorn", 2),
    "gunicorn-sync-4": ("gunicorn", 4),
    "granian-wsgi-2": ("granian", 2),
    "granian-wsgi-4": ("granian", 4),
    "uvicorn-asgi-2": ("uvicorn", 2),
}
PRODUCTION_SERVER = "gunicorn-sync-4"  # deploy/systemd/newsdesk.service


def server_command(name: str, port: int, app: str = "newsdesk.wsgi:application") -> list:
    program, workers = SERVERS[name]
    if program == "gunicorn":
        return [
            VENV_BIN / "gunicorn",
            app,
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            workers,
            "--worker-class",
            "sync",
            "--timeout",
            "30",
            "--max-requests",
            "5000",
            "--max-requests-jitter",
            "500",
        ]
    if program == "granian":
        return [
            VENV_BIN / "granian",
            "--interface",
            "wsgi",
            "--host",
            HOST,
            "--port",
            port,
            "--workers",
            workers,
            "--no-ws",
            app,
        ]
    if program == "uvicorn":
        return [
            VENV_BIN / "uvicorn",
            "newsdesk.asgi:application",
            "--host",
            HOST,
            "--port",
            port,
            "--workers",
            workers,
            "--no-access-log",
            "--log-level",
            "warning",
        ]
    raise ValueError(name)


class Bench:
    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.processes = Processes()
        self.work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
        self.work.chmod(0o755)  # nginx workers (another user when run as root) read from here
        self.logs = self.work / "logs"
        self.logs.mkdir()
        self.baked = self.work / "baked"
        self.results: dict = {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "options": {k: v for k, v in vars(options).items() if not k.startswith("_")},
        }
        self.deploy_port = free_port()
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "NEWSDESK"))},
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "ALLOWED_HOSTS": HOST,
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"{options.postgres.rstrip('/')}/{DB_NAME}",
            "CACHE_URL": options.redis,
            "NEWSDESK_VAR_DIR": str(self.work / "var"),
            "STATIC_ROOT": str(self.work / "static"),
            "MEDIA_ROOT": str(self.work / "media"),
            "NEWSDESK_SERVE_MEDIA": "true",
            "NEWSDESK_BASE_URL": f"http://{HOST}:{self.deploy_port}",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }

    # -- setup ------------------------------------------------------------------------------

    def reset_stores(self) -> None:
        admin = self.options.postgres.rstrip("/") + "/postgres"
        script = (
            "import psycopg,sys\n"
            f"c = psycopg.connect({admin!r}, autocommit=True)\n"
            f"c.execute('DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)')\n"
            f"c.execute('CREATE DATABASE {DB_NAME}')\n"
            "import redis\n"
            f"redis.Redis.from_url({self.options.redis!r}).flushdb()\n"
        )
        run([PYTHON, "-c", script], self.env)

    def generate(self, articles: int) -> float:
        started = time.perf_counter()
        out = run([NEWSDESK, "generate", "--articles", articles, "-v0"], self.env, timeout=3600)
        seconds = time.perf_counter() - started
        log(f"  {out.strip()}")
        # A bulk load outruns autovacuum: without fresh statistics PostgreSQL plans the listing
        # queries for a few hundred articles (hash joins over all of them at 100,000). A site
        # that grew to this size has been analysed by autovacuum long since.
        script = (
            "import psycopg\n"
            f"psycopg.connect({self.env['DATABASE_URL']!r}, autocommit=True).execute('ANALYZE')\n"
        )
        run([PYTHON, "-c", script], self.env)
        return seconds

    def pages(self) -> dict:
        return json.loads(run([PYTHON, BENCH / "probe.py", "pages"], self.env))

    def pg_stats(self) -> dict:
        admin = self.options.postgres.rstrip("/") + "/postgres"
        script = (
            "import psycopg,json\n"
            f"c = psycopg.connect({admin!r}, autocommit=True)\n"
            "r = c.execute('SELECT xact_commit, xact_rollback, tup_returned, tup_fetched '\n"
            f"  'FROM pg_stat_database WHERE datname = %s', [{DB_NAME!r}]).fetchone()\n"
            "print(json.dumps(dict(zip(['xact_commit','xact_rollback','tup_returned',"
            "'tup_fetched'], r))))\n"
        )
        return json.loads(run([PYTHON, "-c", script], self.env))

    def start_server(
        self,
        name: str,
        page_cache: bool,
        app: str = "newsdesk.wsgi:application",
        extra: list | None = None,
    ) -> tuple[subprocess.Popen, int]:
        port = free_port()
        env = {
            **self.env,
            "NEWSDESK_PAGE_CACHE": "true" if page_cache else "false",
            "PYTHONPATH": str(BENCH),  # countingwsgi
        }
        process = self.processes.start(
            server_command(name, port, app) + (extra or []), env, self.logs / f"{name}.log"
        )
        wait_until_up(port, process)
        return process, port

    def counters(self, reset: bool = False) -> dict:
        script = (
            "import redis,json\n"
            f"r = redis.Redis.from_url({self.options.redis!r})\n"
            "names = ['bench:queries', 'bench:querying_requests']\n"
            "print(json.dumps([int(v or 0) for v in r.mget(names)]))\n"
            + ("r.delete(*names)\n" if reset else "")
        )
        queries, requests = json.loads(run([PYTHON, "-c", script], self.env))
        return {"app_queries": queries, "querying_requests": requests}

    def start_nginx(self, app_port: int, static_dir: Path) -> subprocess.Popen:
        self.static_port = free_port()
        prefix = self.work / "nginx"
        prefix.mkdir(exist_ok=True)
        config = (BENCH / "nginx.conf.template").read_text()
        for name, value in {
            "PREFIX": prefix,
            "STATIC_PORT": self.static_port,
            "DEPLOY_PORT": self.deploy_port,
            "APP_PORT": app_port,
            "STATIC_COPY": static_dir,
            "BAKED": self.baked,
            "STATIC_ROOT": self.env["STATIC_ROOT"],
            "MEDIA_ROOT": self.env["MEDIA_ROOT"],
        }.items():
            config = config.replace("{{" + name + "}}", str(value))
        (prefix / "nginx.conf").write_text(config)
        args = ["nginx", "-p", prefix, "-c", prefix / "nginx.conf", "-e", prefix / "error.log"]
        run([*args, "-t"], self.env)
        process = self.processes.start(args, self.env, self.logs / "nginx.log")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection((HOST, self.static_port), timeout=1).close()
                return process
            time.sleep(0.1)
        raise RuntimeError("nginx did not start")

    # -- measurements -----------------------------------------------------------------------

    def count_queries(self, urls: list[str]) -> dict:
        return json.loads(run([PYTHON, BENCH / "probe.py", "queries", *urls], self.env))

    def bake(self) -> dict:
        result = {}
        for label, extra in (("full", []), ("incremental_after_one_edit", ["--changed"])):
            if extra:
                self.edit(self.page_info["article_id"], "BakeEdit")
            started = time.perf_counter()
            out = run([NEWSDESK, "bake", self.baked, "--no-assets", "-v0", *extra], self.env)
            wall = time.perf_counter() - started
            match = re.search(
                r"(\d+) pages rendered, (\d+) unchanged, (\d+) removed.* in ([\d.]+) s", out
            )
            rendered, unchanged, removed, seconds = match.groups()
            result[label] = {
                "rendered": int(rendered),
                "unchanged": int(unchanged),
                "removed": int(removed),
                "bake_seconds": float(seconds),
                "pages_per_second": round(int(rendered) / float(seconds), 1),
                "command_wall_seconds": round(wall, 2),
            }
            log(f"  bake {label}: {out.strip()} (command {wall:.2f} s)")
        return result

    def edit(self, article_id: int, token: str) -> dict:
        editor = self.editor()
        editor.stdin.write(f"{article_id} {token}\n")
        editor.stdin.flush()
        return json.loads(editor.stdout.readline())

    def editor(self) -> subprocess.Popen:
        if getattr(self, "_editor", None) is None or self._editor.poll() is not None:
            self._editor = self.processes.start(
                [PYTHON, BENCH / "probe.py", "editor"],
                self.env,
                self.logs / "editor.log",
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            ready = json.loads(self._editor.stdout.readline())
            assert ready.get("ready")
        return self._editor

    def stop_editor(self) -> None:
        if getattr(self, "_editor", None) is not None:
            self._editor.stdin.close()
            self.processes.stop(self._editor)
            self._editor = None

    def page_rates(self, port: int, pages: dict, seconds: float, label: str) -> dict:
        rates = {}
        for page, path in pages.items():
            result = wrk(f"http://{HOST}:{port}{path}", seconds, self.options.connections)
            show(f"{label} {page}", result)
            rates[page] = result
        return rates

    def warm(self, port: int, pages: dict) -> dict:
        states = {}
        for path in pages.values():
            for _ in range(3):
                status, headers, body = fetch(port, path)
                if status != 200:
                    raise RuntimeError(f"{path} answered {status}")
            states[path] = headers.get("X-Cache")
        return states

    def servers(self, pages: dict) -> dict:
        seconds = self.options.duration
        comparison = {}
        for name in self.options.servers:
            entry = {}
            for page_cache in (False, True):
                mode = "hit" if page_cache else "miss"
                process, port = self.start_server(name, page_cache)
                try:
                    states = self.warm(port, pages)
                    if page_cache and set(states.values()) != {"HIT"}:
                        raise RuntimeError(f"pages not cached after warming: {states}")
                    entry[mode] = self.page_rates(port, pages, seconds, f"{name} {mode}")
                    one = wrk(f"http://{HOST}:{port}{pages['article']}", seconds / 2, 1, 1)
                    show(f"{name} {mode} article, 1 connection", one)
                    entry[f"{mode}_article_1_connection"] = one
                    entry[f"{mode}_worker_rss_mb"] = worker_memory(process.pid)
                finally:
                    self.processes.stop(process)
            comparison[name] = entry
        return comparison

    def static_limit(self, app_port: int, pages: dict) -> dict:
        """The exact bytes a cache hit returns, as files from nginx; and the deployment."""
        copy = self.work / "static-copy"
        copy.mkdir(exist_ok=True)
        static_paths, sizes = {}, {}
        for page, path in pages.items():
            status, headers, body = fetch(app_port, path)
            assert status == 200 and headers.get("X-Cache") == "HIT", (path, status, headers)
            (copy / f"{page}.html").write_bytes(body)
            static_paths[page] = f"/{page}.html"
            sizes[page] = len(body)
        nginx = self.start_nginx(app_port, copy)
        try:
            for page, path in pages.items():
                status, _, body = fetch(self.static_port, static_paths[page])
                assert status == 200 and len(body) == sizes[page]
                status, headers, body = fetch(self.deploy_port, path)
                assert status == 200, (path, status)
                if "X-Cache" in headers:
                    raise RuntimeError(f"{path} was not answered from the baked files")
            seconds = self.options.duration
            static, deploy = {}, {}
            for page, path in pages.items():  # alternated, so drift hits both alike
                static[page] = wrk(
                    f"http://{HOST}:{self.static_port}{static_paths[page]}",
                    seconds,
                    self.options.connections,
                )
                show(f"nginx static {page}", static[page])
                deploy[page] = wrk(
                    f"http://{HOST}:{self.deploy_port}{path}", seconds, self.options.connections
                )
                show(f"nginx deploy (baked) {page}", deploy[page])
            # A page that is not baked: nginx → app server page cache (try_files falls through).
            unbaked = pages["topic"] + "?seite=2"
            fetch(self.deploy_port, unbaked)
            fetch(self.deploy_port, unbaked)
            through = wrk(
                f"http://{HOST}:{self.deploy_port}{unbaked}", seconds, self.options.connections
            )
            show("nginx deploy → app (page cache hit)", through)
        finally:
            self.processes.stop(nginx)
        return {"bytes": sizes, "static": static, "deploy": deploy, "deploy_to_app_hit": through}

    def spike(self, name: str) -> dict:
        """64 connections on one hot article for N s while an editor saves it every 5 s."""
        access_log = self.logs / "spike-access.log"
        process, port = self.start_server(
            name,
            True,
            app="countingwsgi:application",
            # Renders and who got a stale copy, as a second count beside wrk's (gunicorn only).
            extra=[
                "--access-logfile",
                access_log,
                "--access-logformat",
                "%(t)s %(s)s %({x-cache}o)s %(M)s",
            ],
        )
        try:
            path = self.page_info["article"]
            self.warm(port, {"article": path})
            self.editor()
            time.sleep(11)  # let idle backends flush their statistics (PGSTAT_IDLE_INTERVAL)
            before = self.pg_stats()
            self.counters(reset=True)
            edits: list[dict] = []
            stop = threading.Event()
            # The last edit falls at least a second before the load ends, so that its render
            # is inside the measurement.
            last_edit = time.monotonic() + self.options.spike_duration - 1

            def edit_loop() -> None:
                number = 0
                while not stop.wait(self.options.spike_edit_every):
                    if time.monotonic() > last_edit:
                        return
                    number += 1
                    edits.append(self.edit(self.page_info["article_id"], f"Spike{number}"))

            editor_thread = threading.Thread(target=edit_loop, daemon=True)
            editor_thread.start()
            result = wrk(
                f"http://{HOST}:{port}{path}",
                self.options.spike_duration,
                self.options.spike_connections,
                lua=XCACHE_LUA,
            )
            stop.set()
            editor_thread.join(30)
            time.sleep(11)
            after = self.pg_stats()
            result["edits"] = len(edits)
            result["editor_queries"] = sum(e["queries"] for e in edits)
            result["db"] = {k: after[k] - before[k] for k in before}
            result["db"].update(self.counters())
            responses = result.get("responses", {})
            result["renders"] = sum(v for k, v in responses.items() if k.endswith(" MISS"))
            result["uncached_fallbacks"] = sum(
                v for k, v in responses.items() if k.endswith(" none")
            )
            result["worker_rss_mb"] = worker_memory(process.pid)
            result["edit_times"] = [e["started"] for e in edits]
            self.processes.stop(process)  # flushes the access log
            result["access_log"] = access_log_summary(access_log)
            show(f"spike {name}", result)
            log(
                f"  responses {responses}; edits {len(edits)}; renders {result['renders']}; "
                f"app queries {result['db']['app_queries']} in "
                f"{result['db']['querying_requests']} requests, "
                f"db transactions {result['db']['xact_commit']} "
                f"(editor's queries {result['editor_queries']})"
            )
            return result
        finally:
            self.processes.stop(process)

    def publish_to_visible(self, name: str) -> dict:
        process, port = self.start_server(name, True)
        try:
            pages = {
                "article": self.page_info["article"],
                "topic": self.page_info["topic"],
                "home": "/",
                "related_box": self.page_info["related"],
            }
            self.editor()
            runs = []
            for number in range(self.options.publish_repeats):
                self.warm(port, pages)
                token = f"Visible{number}x{int(time.time() * 1000) % 100000}"
                seen: dict[str, float] = {}
                stop = threading.Event()

                def poll(
                    page: str, path: str, token: str = token, seen: dict = seen, stop=stop
                ) -> None:
                    needle = token.encode()
                    deadline = time.monotonic() + 20
                    while not stop.is_set() and time.monotonic() < deadline:
                        _, _, body = fetch(port, path)
                        if needle in body:
                            seen[page] = time.time()
                            return
                        time.sleep(0.005)

                pollers = [
                    threading.Thread(target=poll, args=(page, path), daemon=True)
                    for page, path in pages.items()
                ]
                for thread in pollers:
                    thread.start()
                edit = self.edit(self.page_info["article_id"], token)
                for thread in pollers:
                    thread.join(25)
                stop.set()
                delays = {
                    page: round((seen[page] - edit["started"]) * 1000, 1) if page in seen else None
                    for page in pages
                }
                save_ms = round((edit["committed"] - edit["started"]) * 1000, 1)
                slowest = None if None in delays.values() else max(delays.values())
                runs.append({"save_ms": save_ms, "visible_ms": delays, "slowest_ms": slowest})
                log(f"  publish-to-visible run {number + 1}: save {save_ms} ms, {delays}")
                time.sleep(1)
            slowest = [r["slowest_ms"] for r in runs]
            return {
                "runs": runs,
                "slowest_ms_max": None if None in slowest else max(slowest),
                "slowest_ms_median": None if None in slowest else statistics.median(slowest),
            }
        finally:
            self.processes.stop(process)

    # -- the whole run ----------------------------------------------------------------------

    def execute(self) -> dict:
        options = self.options
        r = self.results
        r["machine"] = machine()
        r["tools"] = ensure_tools(
            "granian" in " ".join(options.servers), "uvicorn" in " ".join(options.servers)
        )
        r["versions"] = {
            name: package_version(name)
            for name in ("Django", "gunicorn", "granian", "uvicorn", "psycopg", "redis")
        }
        r["versions"]["postgresql"] = run(
            [
                PYTHON,
                "-c",
                "import psycopg;print(psycopg.connect("
                f"{options.postgres.rstrip('/') + '/postgres'!r}).info.server_version)",
            ],
            self.env,
        ).strip()
        log(f"Machine: {r['machine']}")

        log(f"Database {DB_NAME} (recreated), cache {options.redis} (flushed)")
        self.reset_stores()
        run([NEWSDESK, "migrate", "--noinput", "-v0"], self.env)
        run([NEWSDESK, "collectstatic", "--noinput", "-v0"], self.env)
        log(f"Generating {options.articles} articles")
        r["generate"] = {"articles": options.articles, "seconds": self.generate(options.articles)}
        self.page_info = self.pages()
        pages = {k: self.page_info[k] for k in ("article", "home", "topic")}
        r["pages"] = self.page_info
        log(f"Pages: {pages}")

        log("Queries per page (page cache off, in process)")
        r["queries"] = self.count_queries(list(pages.values()) + [self.page_info["related"]])
        for url, q in r["queries"].items():
            log(f"  {url}: {q['queries']} queries, render {q['render_ms_p50']} ms, {q['bytes']} B")

        log(f"Bake at {options.articles} articles")
        r["bake"] = self.bake()

        log(f"App servers, {options.duration} s per run, {options.connections} connections")
        r["servers"] = self.servers(pages)

        log(f"nginx static file limit and the docs/deploy.md deployment ({PRODUCTION_SERVER})")
        process, port = self.start_server(PRODUCTION_SERVER, True)
        try:
            self.warm(port, pages)
            r["nginx"] = self.static_limit(port, pages)
        finally:
            self.processes.stop(process)

        log(
            f"Spike: {options.spike_connections} connections, {options.spike_duration} s, "
            f"an edit every {options.spike_edit_every} s"
        )
        r["spike"] = self.spike(PRODUCTION_SERVER)

        self.stop_editor()
        log(f"Generating up to {options.publish_articles} articles for publish-to-visible")
        r["generate_publish"] = {
            "articles": options.publish_articles,
            "seconds": self.generate(options.publish_articles),
        }
        self.page_info = self.pages()
        r["publish_pages"] = self.page_info
        log(f"Publish-to-visible at {self.page_info['articles']} articles")
        r["publish_to_visible"] = self.publish_to_visible(PRODUCTION_SERVER)
        self.stop_editor()
        return r


def access_log_summary(path: Path) -> dict:
    """Responses by X-Cache state in gunicorn's access log, and the seconds of each MISS."""
    states: dict[str, int] = {}
    misses = []
    with contextlib.suppress(OSError):
        for line in path.read_text().splitlines():
            match = re.match(r"\[([^\]]+)\] (\d+) (\S+) (\d+)", line)
            if not match:
                continue
            stamp, status, state, millis = match.groups()
            states[f"{status} {state}"] = states.get(f"{status} {state}", 0) + 1
            if state == "MISS":
                misses.append({"at": stamp, "ms": int(millis)})
    return {"responses": states, "misses": misses}


def worker_memory(master_pid: int) -> dict:
    """RSS and PSS (MB) of every process in the server's group, master included."""
    processes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError):
            if os.getpgid(int(entry.name)) != master_pid:
                continue
            rss = pss = 0
            for line in (entry / "smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
            processes.append(
                {
                    "pid": int(entry.name),
                    "master": int(entry.name) == master_pid,
                    "rss_mb": round(rss / 1024, 1),
                    "pss_mb": round(pss / 1024, 1),
                }
            )
    workers = [p for p in processes if not p["master"]] or processes
    return {
        "processes": processes,
        "worker_rss_mb_max": max((p["rss_mb"] for p in workers), default=None),
        "total_pss_mb": round(sum(p["pss_mb"] for p in processes), 1),
    }


# ---------------------------------------------------------------------------------------------
# Report


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def evaluate(r: dict) -> list[dict]:
    """Every goal of the issue with the figure measured for it."""
    prod = r["servers"][PRODUCTION_SERVER]
    q = r["queries"][r["pages"]["article"]]
    static = r["nginx"]["static"]
    deploy = r["nginx"]["deploy"]
    spike = r["spike"]
    bake = r["bake"]
    goals = []

    def goal(name: str, figure: str, target: str, met: bool | None) -> None:
        goals.append({"goal": name, "figure": figure, "target": target, "met": met})

    miss = prod["miss"]["article"]["rps"]
    goal(
        "Cache miss, article page, 32 connections",
        f"{miss:.0f} req/s = {miss / WORDPRESS_ARTICLE_RPS:.1f}× WordPress (13 req/s)",
        "≥ 20× WordPress = 260 req/s",
        miss >= 20 * WORDPRESS_ARTICLE_RPS,
    )
    goal(
        "Cache miss, article page, queries",
        f"{q['queries']} queries ({q['queries_first']} on the first request)",
        "≤ 12",
        q["queries"] <= 12,
    )
    p50 = prod["miss_article_1_connection"]["p50_ms"]
    goal(
        "Cache miss, article page, p50 at 1 connection",
        f"{p50} ms",
        "< 20 ms",
        p50 is not None and p50 < 20,
    )
    for page in ("article", "home", "topic"):
        hit = prod["hit"][page]["rps"]
        limit = static[page]["rps"]
        goal(
            f"Cache hit via app server, {page}, vs nginx static file",
            f"{hit:.0f} / {limit:.0f} req/s = {100 * hit / limit:.1f}%",
            "≥ 15%",
            hit >= 0.15 * limit,
        )
    for page in ("article", "home", "topic"):
        served = deploy[page]["rps"]
        limit = static[page]["rps"]
        goal(
            f"docs/deploy.md deployment (nginx, baked), {page}, vs nginx static",
            f"{served:.0f} / {limit:.0f} req/s = {100 * served / limit:.1f}%",
            "≥ 90%",
            served >= 0.9 * limit,
        )
    ptv = r["publish_to_visible"]
    goal(
        f"Publish-to-visible at {r['publish_pages']['articles']:,} articles (slowest of 4 pages)",
        f"max {ptv['slowest_ms_max']} ms, median {ptv['slowest_ms_median']} ms "
        f"over {len(ptv['runs'])} edits",
        "< 1000 ms",
        ptv["slowest_ms_max"] is not None and ptv["slowest_ms_max"] < 1000,
    )
    errors = socket_errors(spike)
    goal(
        "Spike: errors",
        f"{errors} ({spike['requests']} requests, {spike['rps']:.0f} req/s)",
        "0",
        errors == 0,
    )
    goal("Spike: p99", f"{spike['p99_ms']} ms", "(recorded)", None)
    expected = spike["edits"] + 1  # one render per edit, plus at most one for the first request
    goal(
        "Spike: renders (X-Cache: MISS) per invalidation",
        f"{spike['renders']} renders for {spike['edits']} edits",
        "one per key per invalidation",
        spike["edits"] <= spike["renders"] <= expected and spike["uncached_fallbacks"] == 0,
    )
    db = spike["db"]
    goal(
        "Spike: database queries",
        f"{db['app_queries']} queries by the app server in {db['querying_requests']} requests "
        f"(editor: {spike['editor_queries']} more); PostgreSQL counted "
        f"{db['xact_commit']} transactions, {db['tup_returned']} rows returned",
        "(recorded)",
        None,
    )
    full = bake["full"]
    goal(
        f"Full bake at {r['generate']['articles']:,} articles",
        f"{full['pages_per_second']:.0f} pages/s ({full['rendered']} pages in "
        f"{full['bake_seconds']:.1f} s)",
        "≥ 200 pages/s",
        full["pages_per_second"] >= 200,
    )
    inc = bake["incremental_after_one_edit"]
    goal(
        "Incremental bake after one edited article",
        f"{inc['command_wall_seconds']:.2f} s command ({inc['bake_seconds']:.2f} s in bake, "
        f"{inc['rendered']} pages re-rendered)",
        "< 1 s",
        inc["command_wall_seconds"] < 1,
    )
    mem = prod["miss_worker_rss_mb"]
    goal(
        f"Worker memory ({PRODUCTION_SERVER}, after the miss runs)",
        f"max RSS {mem['worker_rss_mb_max']} MB per worker, {mem['total_pss_mb']} MB PSS in all",
        "(recorded)",
        None,
    )
    return goals


def choose_server(r: dict) -> dict:
    """The server with the best sum of miss and hit rates over the three pages (normalised)."""
    scores = {}
    servers = r["servers"]
    for mode in ("miss", "hit"):
        for page in ("article", "home", "topic"):
            best = max(s[mode][page]["rps"] for s in servers.values())
            for name, s in servers.items():
                scores[name] = scores.get(name, 0) + s[mode][page]["rps"] / best / 6
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    return {"scores": {k: round(v, 3) for k, v in ranked}, "best": ranked[0][0]}


def markdown(r: dict) -> str:
    m = r["machine"]
    lines = [
        f"Run of {r['date']} on {m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gb']} GB, "
        f"{m['os']}, kernel {m['kernel']}, Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in r["versions"].items() if v)
        + f"; {r['tools']['nginx']}; {r['tools']['wrk']}.",
        "",
        "| Goal | Measured | Target | Met |",
        "|---|---|---|---|",
    ]
    for g in r["goals"]:
        met = {True: "met", False: "**not met**", None: "–"}[g["met"]]
        lines.append(f"| {g['goal']} | {g['figure']} | {g['target']} | {met} |")
    lines += [
        "",
        f"App servers ({r['options']['connections']} connections, "
        f"{r['options']['duration']} s per run; req/s, p50/p99 in ms):",
        "",
        "| Server | Miss article | Miss home | Miss topic | Hit article | Hit home | Hit topic "
        "| Miss article p50 at 1 conn. | Hit article p50 at 1 conn. | Worker RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]

    def cell(result: dict) -> str:
        return f"{result['rps']:.0f} ({result['p50_ms']}/{result['p99_ms']})"

    for name, s in r["servers"].items():
        lines.append(
            f"| {name} | "
            + " | ".join(
                cell(s[mode][page])
                for mode in ("miss", "hit")
                for page in ("article", "home", "topic")
            )
            + f" | {s['miss_article_1_connection']['p50_ms']} | "
            f"{s['hit_article_1_connection']['p50_ms']} | "
            f"{s['hit_worker_rss_mb']['worker_rss_mb_max']} |"
        )
    n = r["nginx"]
    lines += [
        "",
        f"Chosen by measurement: **{r['server_choice']['best']}** "
        f"(normalised scores {r['server_choice']['scores']}).",
        "",
        "| nginx | article | home | topic |",
        "|---|---|---|---|",
        "| page bytes (identity) | "
        + " | ".join(str(n["bytes"][p]) for p in ("article", "home", "topic"))
        + " |",
        "| static file (limit) | "
        + " | ".join(cell(n["static"][p]) for p in ("article", "home", "topic"))
        + " |",
        "| deploy.md: baked file via try_files | "
        + " | ".join(cell(n["deploy"][p]) for p in ("article", "home", "topic"))
        + " |",
        "",
        f"nginx → app server, page not baked (page cache hit): {cell(n['deploy_to_app_hit'])}.",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="for pages and bakes")
    parser.add_argument(
        "--publish-articles", type=int, default=100_000, help="for publish-to-visible"
    )
    parser.add_argument("--duration", type=float, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--spike-duration", type=float, default=60)
    parser.add_argument("--spike-connections", type=int, default=64)
    parser.add_argument("--spike-edit-every", type=float, default=5)
    parser.add_argument("--publish-repeats", type=int, default=5)
    parser.add_argument(
        "--servers",
        default=",".join(SERVERS),
        help=f"comma-separated, from {', '.join(SERVERS)}",
    )
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--quick", action="store_true", help="small sizes, short runs: a smoke")
    parser.add_argument(
        "--output",
        help="path without suffix (default bench/results/latest, with --quick .../quick)",
    )
    options = parser.parse_args()
    if options.quick:
        options.articles = min(options.articles, 600)
        options.publish_articles = min(options.publish_articles, 2000)
        options.duration = min(options.duration, 3)
        options.spike_duration = min(options.spike_duration, 12)
        options.spike_edit_every = min(options.spike_edit_every, 3)
        options.publish_repeats = min(options.publish_repeats, 2)
    if not options.output:
        options.output = str(BENCH / "results" / ("quick" if options.quick else "latest"))
    options.servers = [s.strip() for s in options.servers.split(",") if s.strip()]
    unknown = set(options.servers) - set(SERVERS)
    if unknown:
        parser.error(f"unknown servers: {unknown}")
    if PRODUCTION_SERVER not in options.servers:
        options.servers.insert(0, PRODUCTION_SERVER)
    if not PYTHON.exists():
        parser.error("no .venv: run `make install` first (or `make bench`)")

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    bench = Bench(options)
    started = time.monotonic()
    try:
        results = bench.execute()
        results["goals"] = evaluate(results)
        results["server_choice"] = choose_server(results)
        results["total_seconds"] = round(time.monotonic() - started)
        output = Path(options.output)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n")
        text = markdown(results)
        output.with_suffix(".md").write_text(text)
        print()
        print(text)
        print(f"Written: {output}.json and {output}.md ({results['total_seconds']} s in all)")
        return 0
    except KeyboardInterrupt:
        log("Interrupted: stopping everything started")
        return 130
    finally:
        bench.processes.stop_all()
        if not os.environ.get("NEWSDESK_BENCH_KEEP"):
            shutil.rmtree(bench.work, ignore_errors=True)
        else:
            log(f"Kept {bench.work}")


if __name__ == "__main__":
    sys.exit(main())
