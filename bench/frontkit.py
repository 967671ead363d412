"""What bench/front.py and bench/junk_flood.py share: the production environment of
docs/deploy.md on 127.0.0.1, a reusable PostgreSQL newsroom, and the processes of the front
(gunicorn, the task worker, Varnish with deploy/varnish.vcl, nginx with deploy/nginx.conf).

Every process is started in its own process group and stopped by ``Processes.stop_all``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from run import HOST, NEWSDESK, PYTHON, ROOT, VENV_BIN, Processes, log, run

SITE = "www.technikblatt.example"  # the host name of docs/deploy.md; readers send it
BENCH = ROOT / "bench"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def production_env(options, workdir: Path) -> dict:
    """docs/deploy.md's /etc/newsdesk/env, on 127.0.0.1 and without TLS."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "NEWSDESK"))},
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": SITE,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",  # no TLS on 127.0.0.1
        "DATABASE_URL": f"{options.postgres.rstrip('/')}/{options.database}",
        "CACHE_URL": options.redis,
        # As docs/deploy.md sets it on one machine: counters apart from the page cache.
        "RATELIMIT_CACHE_URL": f"file://{workdir / 'ratelimit'}",
        "NEWSDESK_VAR_DIR": str(workdir / "var"),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "NEWSDESK_SERVE_MEDIA": "true",
        "NEWSDESK_BASE_URL": f"http://{SITE}",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def psql(options, sql: str, database: str = "postgres") -> str:
    url = f"{options.postgres.rstrip('/')}/{database}"
    script = (
        "import psycopg,sys\n"
        f"c = psycopg.connect({url!r}, autocommit=True)\n"
        "r = c.execute(sys.argv[1])\n"
        "print(r.fetchone()[0] if r.description else '')\n"
    )
    return run([PYTHON, "-c", script, sql], dict(os.environ)).strip()


def prepare_newsroom(options, env: dict) -> dict:
    """The database ``options.database`` with at least ``options.articles`` published
    articles: reused when it has them, else created or grown (``newsdesk generate``)."""
    exists = psql(options, f"SELECT count(*) FROM pg_database WHERE datname = '{options.database}'")
    if exists == "0":
        log(f"Creating database {options.database}")
        psql(options, f'CREATE DATABASE "{options.database}"')
    run([NEWSDESK, "migrate", "--noinput", "-v0"], env)
    if not (Path(env["STATIC_ROOT"]) / "staticfiles.json").exists():
        run([NEWSDESK, "collectstatic", "--noinput", "-v0"], env)

    def count(where: str = "") -> int:
        return int(
            psql(options, f"SELECT count(*) FROM articles_article {where}", options.database)
        )

    generated = None
    # As `newsdesk generate --articles N` counts: all articles (takedowns leave drafts behind).
    if count() < options.articles:
        log(f"Generating up to {options.articles:,} articles (~5 min per 100,000 when quiet)")
        started = time.perf_counter()
        run([NEWSDESK, "generate", "--articles", options.articles, "-v0"], env, timeout=7200)
        generated = round(time.perf_counter() - started, 1)
        psql(options, "ANALYZE", options.database)
    else:
        log(f"Reusing {options.database}: {count():,} articles")
    published = count("WHERE status = 'published'")
    return {
        "database": options.database,
        "articles": count(),
        "published_articles": published,
        "generate_s": generated,
    }


def flush_redis(url: str) -> None:
    run([PYTHON, "-c", f"import redis; redis.Redis.from_url({url!r}).flushdb()"], dict(os.environ))


def wait_for_port(port: int, process: subprocess.Popen, name: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        with contextlib.suppress(OSError):
            socket.create_connection((HOST, port), timeout=1).close()
            return
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not listen on {port} in {seconds} s")


def start_gunicorn(processes: Processes, env: dict, port: int, workers: int, logs: Path):
    """deploy/systemd/newsdesk.service's command line, on ``port``."""
    args = [
        VENV_BIN / "gunicorn",
        "newsdesk.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        workers,
        "--worker-class",
        "sync",
        "--max-requests",
        "5000",
        "--max-requests-jitter",
        "500",
        "--timeout",
        "30",
        "--backlog",
        "2048",
    ]
    process = processes.start(args, env, logs / "gunicorn.log")
    wait_for_port(port, process, "gunicorn", 60)
    return process


def start_worker(processes: Processes, env: dict, logs: Path):
    """deploy/systemd/newsdesk-worker@.service: ``newsdesk worker`` with its defaults."""
    return processes.start([NEWSDESK, "worker", "--worker-id", "bench-1"], env, logs / "worker.log")


def start_varnish(processes: Processes, workdir: Path, app_port: int, http: int, purge: int):
    """deploy/varnish.vcl with the two listeners of deploy/systemd/varnish-newsdesk.conf, as
    newsdesk/pagecache/tests/test_varnish.py runs it (Debian's varnishd, varnish-modules)."""
    folder = workdir / "varnish"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    # varnishd's worker runs as its own unprivileged user and must reach the VCL; the workdir
    # may have been made private by a file cache created in it first (Django makes those 0700).
    workdir.chmod(0o755)
    folder.chmod(0o755)
    vcl = folder / "newsdesk.vcl"
    vcl.write_text(
        (ROOT / "deploy" / "varnish.vcl")
        .read_text()
        .replace('.port = "8000";', f'.port = "{app_port}";')
    )
    vcl.chmod(0o644)
    args = [
        VARNISHD,
        "-F",
        "-n",
        folder / "n",
        "-a",
        f"http={HOST}:{http}",
        "-a",
        f"purge={HOST}:{purge}",
        "-f",
        vcl,
        "-s",
        "malloc,256m",
        "-T",
        "none",
    ]
    process = processes.start(args, dict(os.environ), workdir / "logs" / "varnish.log")
    wait_for_port(http, process, "varnishd")
    return process


def nginx_config(baked: Path, port: int, upstream: str, prefix: Path) -> str:
    """The TLS server block of deploy/nginx.conf on plain HTTP (as newsdesk/feeds/tests/
    test_nginx.py does), with enough connections for 1,000 concurrent readers."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    server = "server {" + conf.split("server {", 2)[2]
    for line in ("listen 443 ssl;", "listen [::]:443 ssl;", "http2 on;"):
        server = server.replace(line, "")
    server = "\n".join(line for line in server.splitlines() if "ssl_certificate" not in line)
    server = server.replace(f"server_name {SITE};", f"listen {HOST}:{port}; server_name {SITE};")
    server = server.replace("/srv/newsdesk/baked", str(baked))
    return (
        f"daemon off; worker_processes 2; pid {prefix}/nginx.pid; error_log {prefix}/error.log;\n"
        "events { worker_connections 4096; }\n"
        "http {\n include /etc/nginx/mime.types;\n default_type application/octet-stream;\n"
        f" access_log off;\n client_body_temp_path {prefix}/tmp; proxy_temp_path {prefix}/tmp;\n"
        f" fastcgi_temp_path {prefix}/tmp; uwsgi_temp_path {prefix}/tmp;"
        f" scgi_temp_path {prefix}/tmp;\n"
        f" upstream newsdesk_app {{ server {upstream}; keepalive 32; }}\n" + server + "\n}\n"
    )


def start_nginx(processes: Processes, workdir: Path, baked: Path, port: int, upstream: int):
    prefix = workdir / "nginx"
    shutil.rmtree(prefix, ignore_errors=True)
    (prefix / "tmp").mkdir(parents=True)
    workdir.chmod(0o755)  # nginx workers (another user when run as root) read the baked files
    config = prefix / "nginx.conf"
    config.write_text(nginx_config(baked, port, f"{HOST}:{upstream}", prefix))
    args = [NGINX, "-p", prefix, "-c", config]
    run([*args, "-t"], dict(os.environ))
    process = processes.start(args, dict(os.environ), workdir / "logs" / "nginx.log")
    wait_for_port(port, process, "nginx")
    return process


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def commit() -> str:
    out = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return out.stdout.strip() + ("-dirty" if dirty else "")


# -- raw HTTP/1.1 over asyncio: many connections at once, nothing but the status and body -------


async def http_get(
    port: int,
    path: str,
    host: str = SITE,
    headers: dict | None = None,
    start: asyncio.Event | None = None,
    timeout: float = 60,
) -> tuple[int, bytes, float]:
    """(status, body, seconds from sending to the last byte); status 0 on a socket error.

    With ``start``, the connection is opened first and the request sent once it is set, so
    that many requests leave at the same moment."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), timeout)
    except (TimeoutError, OSError):
        return 0, b"", 0.0
    try:
        if start is not None:
            await start.wait()
        lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        sent = time.perf_counter()
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
        took = time.perf_counter() - sent
    except (TimeoutError, OSError):
        return 0, b"", 0.0
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()
    head, _, body = raw.partition(b"\r\n\r\n")
    try:
        status = int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0, raw, took
    if b"transfer-encoding: chunked" in head.lower():
        body = dechunk(body)
    return status, body, took


def dechunk(body: bytes) -> bytes:
    out, rest = [], body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0], 16)
        except ValueError:
            break
        if size == 0:
            break
        out.append(rest[:size])
        rest = rest[size + 2 :]
    return b"".join(out)


def get(port: int, path: str, host: str = SITE, headers: dict | None = None):
    return asyncio.run(http_get(port, path, host, headers))


def dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")
