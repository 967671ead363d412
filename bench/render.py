"""Render speed of the demo's reader pages on a page-cache miss, measured in process.

    .venv/bin/python bench/render.py                     # SQLite in a throwaway folder, N=200
    .venv/bin/python bench/render.py --database postgres://postgres@127.0.0.1:5432/newsdesk_render_bench
    .venv/bin/python bench/render.py --workdir /tmp/render-bench --reuse -n 100 --callgrind
    .venv/bin/python bench/render.py --save-html DIR    # the bytes of each page, for a diff

Loads the demo newsroom (``newsdesk demo``) into a database of its own, with production settings
(``newsdesk.settings.production``, ``DEBUG=false``, hashed static files from collectstatic) and
the page cache off, so that every request renders. Each page is requested through Django's WSGI
handler (the whole middleware stack, as gunicorn calls it) ``-n`` times after one warm-up
request; per page it reports the CPU time per render (``time.process_time``: the machine is
shared, wall time is noise), median and p95, the queries of a render (``CaptureQueriesContext``)
and the bytes. ``--callgrind`` also counts the instructions of a render under valgrind, which
load on the machine does not change. Writes ``bench/results/render.json``.

The pages: the showcase article of ``make run`` (gallery, video, product with offers, an
embedded article, comments, related box), the home page, the showcase's first topic, its
product, the second slide of its gallery and a search for "Lumio".

Caches: fragment caches stay on (they are part of a miss in production); ``--cache`` picks the
backend (default a local file cache like ``make run``; ``redis://127.0.0.1:6379/8`` for
production's). The cache is cleared before the warm-up request, so the first render of each
page is a cold one (reported as ``cold_cpu_ms``).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "bench" / "results" / "render.json"
PAGE_NAMES = ("article", "home", "topic", "product", "gallery_slide", "search")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--renders", type=int, default=200, help="renders per page")
    parser.add_argument(
        "--database",
        default="",
        help="postgres://.../newsdesk_render_... (dropped and recreated); default SQLite",
    )
    parser.add_argument("--cache", default="", help="CACHE_URL; default a file cache")
    parser.add_argument("--workdir", default="", help="folder for database, media, static")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the workdir's database and static files"
    )
    parser.add_argument("--pages", default=",".join(PAGE_NAMES), help="comma-separated")
    parser.add_argument("--callgrind", action="store_true", help="also count instructions")
    parser.add_argument("--callgrind-renders", type=int, default=5)
    parser.add_argument("--save-html", default="", help="write each page's bytes here")
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT))
    parser.add_argument("--label", default="", help="a name for this run in the output")
    parser.add_argument(
        "--checkout",
        default="",
        help="render with the newsdesk code of another checkout (e.g. `git archive main`)",
    )
    # Internal: the process valgrind runs.
    parser.add_argument("--callgrind-child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def configure_environment(args: argparse.Namespace, workdir: Path) -> None:
    """Production settings, pointed at the throwaway folder. Must run before django.setup()."""
    env = {
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
        "SECRET_KEY": "render-bench-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "NEWSDESK_BASE_URL": "http://127.0.0.1:8400",
        "NEWSDESK_VAR_DIR": str(workdir / "var"),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "NEWSDESK_SERVE_MEDIA": "true",
        "NEWSDESK_PAGE_CACHE": "false",
        # A search is an uncached page; its per-client limit would answer 429 after 20.
        "NEWSDESK_UNCACHED_RATE": "",
        "NEWSDESK_TASKS_BACKEND": "immediate",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": args.database or f"sqlite:///{workdir / 'render.sqlite3'}",
        "CACHE_URL": args.cache or f"file://{workdir / 'var' / 'cache'}",
        "RATELIMIT_CACHE_URL": f"file://{workdir / 'var' / 'ratelimit'}",
    }
    os.environ.update(env)


def recreate_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    if not name.startswith("newsdesk_render"):
        raise SystemExit("--database: the name must start with newsdesk_render (it is dropped)")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(args: argparse.Namespace, workdir: Path) -> None:
    """Database with the demo newsroom, and collected static files (the manifest)."""
    from django.core.management import call_command

    from newsdesk.demo.loader import load_demo

    marker = workdir / "loaded"
    if not (args.reuse and marker.exists()):
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        load_demo()
        print(f"demo loaded in {time.monotonic() - started:.1f} s", file=sys.stderr)
    if not (args.reuse and (workdir / "static" / "staticfiles.json").exists()):
        started = time.monotonic()
        call_command("collectstatic", interactive=False, verbosity=0)
        print(f"static collected in {time.monotonic() - started:.1f} s", file=sys.stderr)
    marker.write_text("1")


def page_urls() -> dict[str, str]:
    from newsdesk.articles.models import Article
    from newsdesk.demo.content.showcase import SHOWCASE_SLUG

    article = Article.objects.get(slug=SHOWCASE_SLUG)
    topic = article.topics.order_by("pk").first()
    # The demo showcase names its gallery and product in the text and its product list.
    product = article.products.order_by("pk").first()
    from newsdesk.core.markup import Embed, split_body

    gallery_slug = next(
        part.slug
        for part in split_body(article.body)
        if isinstance(part, Embed) and part.kind == "gallery"
    )
    return {
        "article": article.get_absolute_url(),
        "home": "/",
        "topic": topic.get_absolute_url(),
        "product": product.get_absolute_url(),
        "gallery_slide": f"/bilderstrecke/{gallery_slug}/2/",
        "search": "/suche/?q=Lumio",
    }


class Renderer:
    """Calls the WSGI application as an app server would, and reads the whole body."""

    def __init__(self) -> None:
        from django.core.handlers.wsgi import WSGIHandler

        self.app = WSGIHandler()

    def __call__(self, url: str) -> tuple[int, bytes]:
        path, _sep, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8400",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_ACCEPT": "text/html",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status = []

        def start_response(status_line, headers, exc_info=None):
            status.append(int(status_line.split()[0]))

        result = self.app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return status[0], body


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(args: argparse.Namespace, urls: dict[str, str]) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    render = Renderer()
    results = {}
    for name in args.pages.split(","):
        url = urls[name]
        status, body = render(url)  # templates compiled, connections open
        if status != 200:
            raise SystemExit(f"{name} {url} answered {status}")
        # Cold: nothing of the page in the cache (the first render after a change to all of
        # it, or a bake's first visit); then the steady state of a miss.
        cache.clear()
        started = time.process_time()
        render(url)
        cold = time.process_time() - started
        render(url)  # the first warm render reads what is due once a minute (pagecache.scheduled)
        with CaptureQueriesContext(connection) as captured:
            render(url)
        queries = [q["sql"] for q in captured.captured_queries]
        times = []
        for _ in range(args.renders):
            started = time.process_time()
            render(url)
            times.append(time.process_time() - started)
        if args.save_html:
            folder = Path(args.save_html)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.html").write_bytes(body)
        results[name] = {
            "url": url,
            "renders": args.renders,
            "cpu_ms_median": round(statistics.median(times) * 1000, 3),
            "cpu_ms_p95": round(percentile(times, 0.95) * 1000, 3),
            "cold_cpu_ms": round(cold * 1000, 3),
            "queries": len(queries),
            "bytes": len(body),
            "sql": [sql[:200] for sql in queries],
        }
        print(
            f"{name:14} {results[name]['cpu_ms_median']:7.2f} ms median "
            f"{results[name]['cpu_ms_p95']:7.2f} ms p95  {len(queries):2} queries  "
            f"{len(body):6} bytes  {url}",
            file=sys.stderr,
        )
    return results


CALLGRIND_HELPER = r"""
#include <valgrind/callgrind.h>
void cg_start(void) { CALLGRIND_START_INSTRUMENTATION; }
void cg_stop(void) { CALLGRIND_STOP_INSTRUMENTATION; }
void cg_zero(void) { CALLGRIND_ZERO_STATS; }
void cg_dump(const char *name) { CALLGRIND_DUMP_STATS_AT(name); }
"""


def build_callgrind_helper(workdir: Path) -> Path:
    source = workdir / "cg_helper.c"
    library = workdir / "cg_helper.so"
    source.write_text(CALLGRIND_HELPER)
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", "-o", library, source], check=True)
    return library


def callgrind_child(args: argparse.Namespace, urls: dict[str, str]) -> None:
    """Under valgrind: instruction counting is switched on around the renders of each page."""
    import ctypes

    helper = ctypes.CDLL(os.environ["RENDER_BENCH_CG_HELPER"])
    render = Renderer()
    for name in args.pages.split(","):
        url = urls[name]
        render(url)  # warm: templates compiled, fragments cached
        render(url)
        helper.cg_start()
        helper.cg_zero()
        for _ in range(args.callgrind_renders):
            render(url)
        helper.cg_dump(f"page:{name}".encode())
        helper.cg_stop()


def run_callgrind(args: argparse.Namespace, workdir: Path) -> dict:
    library = build_callgrind_helper(workdir)
    out = workdir / "callgrind"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    command = [
        "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        f"--callgrind-out-file={out}/cg.%p",
        sys.executable,
        __file__,
        "--callgrind-child",
        "--reuse",
        "--workdir",
        str(workdir),
        "--pages",
        args.pages,
        "--callgrind-renders",
        str(args.callgrind_renders),
    ]
    if args.checkout:
        command += ["--checkout", args.checkout]
    if args.database:
        command += ["--database", args.database]
    if args.cache:
        command += ["--cache", args.cache]
    env = {**os.environ, "RENDER_BENCH_CG_HELPER": str(library), "PYTHONHASHSEED": "0"}
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    counts = {}
    for path in out.iterdir():
        trigger, total = "", 0
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("desc: Trigger:"):
                trigger = line.split("Client Request:", 1)[-1].strip()
            elif line.startswith("totals:") or line.startswith("summary:"):
                total = int(line.split()[1])
        if trigger.startswith("page:"):
            counts[trigger[5:]] = round(total / args.callgrind_renders)
    return counts


def main() -> None:
    args = parse_args()
    keep = bool(args.workdir)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="newsdesk-render-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if not args.reuse and not args.callgrind_child:
        for part in ("render.sqlite3", "render.sqlite3-wal", "render.sqlite3-shm", "loaded"):
            (workdir / part).unlink(missing_ok=True)
        shutil.rmtree(workdir / "media", ignore_errors=True)
        shutil.rmtree(workdir / "var", ignore_errors=True)
        if args.database:
            recreate_postgres(args.database)
    configure_environment(args, workdir)
    sys.path.insert(0, str(Path(args.checkout).resolve() if args.checkout else ROOT))
    import django

    django.setup()
    if args.callgrind_child:
        callgrind_child(args, page_urls())
        return
    prepare(args, workdir)
    urls = page_urls()
    load_before = os.getloadavg()
    results = measure(args, urls)
    instructions = run_callgrind(args, workdir) if args.callgrind else {}
    for name, count in instructions.items():
        results[name]["instructions"] = count
        print(f"{name:14} {count:,} instructions per render", file=sys.stderr)
    import newsdesk

    code = Path(newsdesk.__file__).resolve().parent.parent
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    if args.checkout:
        commit = f"checkout {args.checkout}"
    dirty = bool(
        subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    report = {
        "label": args.label,
        "code": str(code),
        "commit": commit + ("-dirty" if dirty else ""),
        "database": "postgresql" if args.database else "sqlite",
        "cache": os.environ["CACHE_URL"].split("://")[0],
        "python": sys.version.split()[0],
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "pages": results,
    }
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"load average {report['load_average_after']}; written to {output}", file=sys.stderr)
    if not keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
