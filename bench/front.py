#!/usr/bin/env python3
"""Publish-to-visible and takedown-to-gone through the whole front of docs/deploy.md (issue 10).

nginx (deploy/nginx.conf: baked files first) → Varnish (deploy/varnish.vcl, xkey) → gunicorn
(production settings, 4 sync workers, page cache on Redis) → PostgreSQL, with ``newsdesk
worker`` running the queued purges. On a newsroom of ``--articles`` published articles
(PostgreSQL database ``--database``, reused when it has them, generated otherwise):

* publish-to-visible: an editor's headline edit through ``articles.services``; the time until
  Varnish and the app serve the new headline on the article, the home page and its topic page,
  and until nginx serves it from the baked files after ``newsdesk bake DIR --changed``;
* takedown-to-gone: ``newsdesk takedown URL --reason ...`` and the newsroom's unpublish
  (``services.unpublish_article``); the time until each layer stops answering 200, and right
  after the command (or the save) returns, ``--concurrency`` requests at once on each layer
  (nginx, Varnish, app), each of which must be 404 or 410.

Only 127.0.0.1 is loaded; every process it starts is stopped on exit. It flushes the Redis
database of ``--redis`` and writes into ``--workdir`` (baked pages, logs) only.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import resource
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import bake as bake_bench
from frontkit import (
    SITE,
    commit,
    dump,
    flush_redis,
    get,
    http_get,
    load_average,
    prepare_newsroom,
    production_env,
    start_gunicorn,
    start_nginx,
    start_varnish,
    start_worker,
)
from run import NEWSDESK, PYTHON, ROOT, Processes, log, run

GONE = (404, 410)


class Editor:
    """bench/probe.py editor: saves through articles.services, one JSON line per change."""

    def __init__(self, processes: Processes, env: dict, logs: Path, name: str = "editor") -> None:
        self.process = processes.start(
            [PYTHON, ROOT / "bench" / "probe.py", "editor"],
            env,
            logs / f"{name}.log",
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert json.loads(self.process.stdout.readline()).get("ready")

    def send(self, line: str) -> dict:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())


class Poller(threading.Thread):
    """Asks one layer for one page again and again: notes when ``needle`` is first seen, and
    every answer (status, needle found) by the time its request was sent."""

    def __init__(self, port: int, path: str, needle: bytes, seconds: float = 300) -> None:
        super().__init__(daemon=True)
        self.port, self.path, self.needle = port, path, needle
        self.deadline = time.monotonic() + seconds
        self.stop = threading.Event()
        self.seen_at: float | None = None
        self.answers: list[tuple[float, int, bool]] = []

    def run(self) -> None:
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            # Noted at the time the request was sent: under load an answer can take seconds,
            # and one sent before a takedown is not a stale answer after it.
            sent = time.time()
            status, body, _ = get(self.port, self.path)
            found = self.needle in body
            self.answers.append((sent, status, found))
            if found and self.seen_at is None:
                self.seen_at = time.time()
            time.sleep(0.05)  # 20 a second per poller: the pollers are not the load


def statuses(answers: list[tuple[float, int, bool]]) -> dict[str, int]:
    counted: dict[str, int] = {}
    for _, status, _ in answers:
        counted[str(status)] = counted.get(str(status), 0) + 1
    return counted


async def burst(port: int, path: str, count: int, needle: bytes) -> dict:
    """``count`` connections opened first, then every request sent at the same moment."""
    start = asyncio.Event()
    tasks = [
        asyncio.create_task(http_get(port, path, start=start, timeout=180)) for _ in range(count)
    ]
    await asyncio.sleep(0.5)  # let the connections open
    start.set()
    results = await asyncio.gather(*tasks)
    statuses: dict[str, int] = {}
    stale = 0
    for status, body, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
        if status == 200 or needle in body:
            stale += 1
    took = sorted(t for _, _, t in results if t)
    return {
        "requests": count,
        "statuses": statuses,
        "stale": stale,
        "socket_errors": statuses.get("0", 0),
        "not_gone": sum(v for k, v in statuses.items() if int(k) not in GONE),
        "p50_ms": round(statistics.median(took) * 1000, 1) if took else None,
        "max_ms": round(took[-1] * 1000, 1) if took else None,
    }


def time_to_visible(pollers: dict, started: float, seconds: float = 120) -> dict:
    """Milliseconds from ``started`` until each (layer, page) poller first saw its needle
    (None: not within ``seconds``); the pollers are stopped."""
    deadline = time.monotonic() + seconds
    for poller in pollers.values():
        poller.join(max(0.1, deadline - time.monotonic()))
    for poller in pollers.values():
        poller.stop.set()
    return {
        f"{layer} {page}": round((p.seen_at - started) * 1000, 1) if p.seen_at else None
        for (layer, page), p in pollers.items()
    }


class FrontBench:
    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.workdir = Path(options.workdir).resolve()
        self.logs = self.workdir / "logs"
        # A whole baked site (--site, kept between runs) or the pages the runs look at.
        self.baked = Path(options.site).resolve() if options.site else self.workdir / "baked"
        self.processes = Processes()
        self.env = production_env(options, self.workdir)
        base = options.port_base
        self.ports = {"app": base + 1, "varnish": base + 2, "purge": base + 3, "nginx": base + 4}
        self.env.update(
            {
                "NEWSDESK_TRUSTED_PROXIES": "2",  # nginx and Varnish
                "NEWSDESK_PURGE_BACKEND": "varnish",
                "NEWSDESK_PURGE_URLS": f"http://127.0.0.1:{self.ports['purge']}/",
                "NEWSDESK_BAKE_DIR": str(self.baked),
            }
        )

    # -- the front ------------------------------------------------------------------------------

    def start(self) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        flush_redis(self.options.redis)
        start_gunicorn(self.processes, self.env, self.ports["app"], self.options.workers, self.logs)
        start_worker(self.processes, self.env, self.logs)
        start_varnish(
            self.processes,
            self.workdir,
            self.ports["app"],
            self.ports["varnish"],
            self.ports["purge"],
        )
        start_nginx(
            self.processes, self.workdir, self.baked, self.ports["nginx"], self.ports["varnish"]
        )
        # Varnish takes the backend for sick until its first probe answers.
        deadline = time.monotonic() + 30
        while get(self.ports["varnish"], "/")[0] == 503 and time.monotonic() < deadline:
            time.sleep(0.25)

    def bake(self, paths: list[str]) -> dict:
        """The pages the runs look at, baked with the bake's own code (``Baker``); a full bake
        of 100,000 articles takes about half an hour on this machine (``--site``)."""
        if self.options.site:
            return self.bake_site()
        shutil.rmtree(self.baked, ignore_errors=True)
        self.baked.mkdir(parents=True)
        out = run([PYTHON, ROOT / "bench" / "probe.py", "bake", self.baked, *paths], self.env)
        return json.loads(out)

    def bake_site(self) -> dict:
        """The whole site in ``--site``: ``newsdesk bake DIR`` as docs/deploy.md runs it the
        first time, or ``bake DIR --changed`` to bring a site an earlier run baked up to date."""
        baked_before = bake_bench.baked_before(self.baked)
        command = [NEWSDESK, "bake", str(self.baked), "--no-assets", "-v0"]
        if baked_before:
            command.append("--changed")
        log(f"{' '.join(command[1:])} (a whole site: half an hour at 100,000 articles)")
        started = time.perf_counter()
        out = run(command, self.env, timeout=4 * 3600)
        return {
            "whole_site": True,
            "changed_only": baked_before,
            "seconds": round(time.perf_counter() - started, 1),
            "output": out.strip()[-300:],
        }

    def warm(self, path: str, needle: bytes) -> None:
        """Each layer answers the page (twice: Varnish and the page cache hold it). After a
        burst Varnish may take the app for sick for a while (its probe times out behind the
        queued requests): wait until it answers again."""
        for layer in ("app", "varnish", "nginx"):
            deadline = time.monotonic() + 120
            while True:
                answers = [get(self.ports[layer], path)[:2] for _ in range(2)]
                if all(status == 200 and needle in body for status, body in answers):
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{layer} answered {answers[-1][0]} for {path}")
                time.sleep(1)

    # -- publish-to-visible -------------------------------------------------------------------

    def publish_run(self, number: int, editor: Editor, pages: dict, article: dict) -> dict:
        for path in pages.values():
            self.warm(path, b"<html")
        token = f"Sichtbar{number}x{secrets.token_hex(3)}"
        needle = token.encode()
        pollers = {
            (layer, page): Poller(self.ports[layer], path, needle)
            for layer in ("varnish", "app")
            for page, path in pages.items()
        }
        pollers[("nginx", "article")] = Poller(self.ports["nginx"], pages["article"], needle)
        for poller in pollers.values():
            poller.start()
        load = load_average()
        edit = editor.send(f"{article['id']} {token}")
        bake_out, bake_started, bake_done = None, None, None
        if self.options.bake_by == "command":
            # "run it from cron or after publishing": ``bake --changed`` over the baked pages,
            # in a process of its own, started when the save returned.
            bake_started = time.time()
            bake_out = json.loads(
                run(
                    [
                        PYTHON,
                        ROOT / "bench" / "probe.py",
                        "bake",
                        self.baked,
                        "--changed",
                        *self.baked_paths,
                    ],
                    self.env,
                )
            )
            bake_done = time.time()
        visible = time_to_visible(pollers, edit["started"])
        answers = {f"{layer} {page}": statuses(p.answers) for (layer, page), p in pollers.items()}
        result = {
            "token": token,
            "poll_statuses": answers,
            "load_average": load,
            "save_ms": round((edit["committed"] - edit["started"]) * 1000, 1),
            "visible_ms": visible,
            "bake_changed_command_ms": round((bake_done - bake_started) * 1000, 1)
            if bake_done
            else None,
            "bake_changed": bake_out,
        }
        log(
            f"  publish run {number + 1}: save {result['save_ms']} ms, "
            f"bake --changed {result['bake_changed_command_ms'] or 'by the worker'} ms, "
            f"visible {visible}"
        )
        return result

    # -- a publication ------------------------------------------------------------------------

    def publication_run(self, number: int, editor: Editor, article: dict) -> dict:
        """A published article taken back to draft, then published again now with a new
        headline: the time until its page and the home page show it on each layer."""
        path = article["path"]
        editor.send(f"unpublish {article['id']}")
        # Until the worker's bake after the unpublish is done: it lists the whole site.
        deadline = time.monotonic() + 120
        while get(self.ports["nginx"], path)[0] == 200 and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(10)
        token = f"Neu{number}x{secrets.token_hex(3)}"
        needle = token.encode()
        pollers = {
            (layer, page): Poller(self.ports[layer], page_path, needle)
            for layer in ("nginx", "varnish", "app")
            for page, page_path in (("article", path), ("home", "/"))
        }
        for poller in pollers.values():
            poller.start()
        load = load_average()
        published = editor.send(f"publish {article['id']}:{token}")
        visible = time_to_visible(pollers, published["started"])
        result = {
            "token": token,
            "path": published["path"],
            "load_average": load,
            "save_ms": round((published["committed"] - published["started"]) * 1000, 1),
            "visible_ms": visible,
            "poll_statuses": {f"{k[0]} {k[1]}": statuses(p.answers) for k, p in pollers.items()},
        }
        log(f"  publication {number + 1}: save {result['save_ms']} ms, visible {visible}")
        return result

    # -- takedown-to-gone ---------------------------------------------------------------------

    def takedown_run(self, mode: str, number: int, editor: Editor, article: dict) -> dict:
        path = article["path"]
        headline = article["headline"].split(" ~ ")[-1][:40]
        needle = headline.encode()
        # The baked copy must be the one nginx serves, and a copy must sit in Varnish.
        if not (self.baked / path.strip("/") / "index.html").exists():
            raise RuntimeError(f"{path} is not baked")
        self.warm(path, needle)
        pollers = {
            layer: Poller(self.ports[layer], path, needle)
            for layer in self.ports
            if layer != "purge"
        }
        for poller in pollers.values():
            poller.start()
        time.sleep(0.3)
        load = load_average()
        started = time.time()
        if mode == "command":
            cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
            out = subprocess.run(
                [
                    NEWSDESK,
                    "takedown",
                    f"http://{SITE}{path}",
                    "--reason",
                    "Benchmark: Einstweilige Verfügung",
                ],
                env=self.env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
            )
            returned = time.time()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            report = {
                "exit": out.returncode,
                "cpu_s": round(after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime, 2),
                "stdout": out.stdout.strip().splitlines(),
                "stderr": out.stderr.strip().splitlines(),
            }
        else:
            change = editor.send(f"unpublish {article['id']}")
            returned = change["committed"]
            report = {"queries": change["queries"]}
        # Right after it returned: --concurrency readers at once on each layer.
        bursts = {}
        for layer in ("nginx", "varnish", "app"):
            bursts[layer] = asyncio.run(
                burst(self.ports[layer], path, self.options.concurrency, needle)
            )
        time.sleep(1)
        for poller in pollers.values():
            poller.stop.set()
            poller.join(10)
        gone_ms, stale_after_return = {}, {}
        for layer, poller in pollers.items():
            after = [a for a in poller.answers if a[0] >= started]
            last_live = max((a[0] for a in after if a[1] == 200), default=None)
            first_gone = min(
                (a[0] for a in after if a[1] in GONE and (last_live is None or a[0] > last_live)),
                default=None,
            )
            gone_ms[layer] = round((first_gone - started) * 1000, 1) if first_gone else None
            stale_after_return[layer] = sum(
                1 for a in poller.answers if a[0] > returned and a[1] == 200
            )
        result = {
            "mode": mode,
            "path": path,
            "load_average": load,
            "returned_ms": round((returned - started) * 1000, 1),
            "gone_ms": gone_ms,
            "poll_200_after_return": stale_after_return,
            "poll_statuses": {layer: statuses(p.answers) for layer, p in pollers.items()},
            "bursts": bursts,
            "report": report,
        }
        log(
            f"  takedown ({mode}) run {number + 1}: returned after {result['returned_ms']} ms, "
            f"gone after {gone_ms} ms; burst not gone: "
            + ", ".join(f"{k} {v['statuses']} ({v['stale']} stale)" for k, v in bursts.items())
        )
        return result

    # -- the whole run ------------------------------------------------------------------------

    def execute(self) -> dict:
        options = self.options
        results: dict = {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "commit": commit(),
            "options": vars(options),
            "load_average_start": load_average(),
        }
        results["newsroom"] = prepare_newsroom(options, self.env)
        takedowns = options.repeats * len(options.modes)
        count = takedowns + options.publications + 1
        info = json.loads(
            run([PYTHON, ROOT / "bench" / "probe.py", "front-pages", str(count)], self.env)
        )
        publish_article, *takedown_articles = info["articles"]
        publication_articles = [takedown_articles.pop() for _ in range(options.publications)]
        pages = {"article": publish_article["path"], "home": "/", "topic": info["topic"]}
        paths = [*pages.values(), *(a["path"] for a in takedown_articles)]
        # An interrupted run leaves its tasks queued (a bake among them); this run's worker
        # would take them up first.
        cleared = json.loads(run([PYTHON, ROOT / "bench" / "probe.py", "clear-queue"], self.env))
        log(f"Cleared the task queue: {cleared['deleted']} rows")
        if not options.site:
            log(f"Baking {len(paths)} pages into {self.baked}")
        self.baked_paths = paths
        results["bake"] = self.bake(paths)
        log("Starting gunicorn, the task worker, Varnish and nginx")
        self.start()
        editor = Editor(self.processes, self.env, self.logs)
        # With --bake-by worker the edits queue one ``bake --changed`` for the running task
        # worker (NEWSDESK_BAKE_ON_CHANGE, as docs/deploy.md sets it up). Only the editing
        # process asks for it: after a takedown, which changes listings, a --changed bake over
        # this partial bake would add every page not baked yet (100,000 of them).
        # On a whole baked site (--site) every change queues one, as in production.
        publisher = editor
        if options.bake_by == "worker":
            env = {**self.env, "NEWSDESK_BAKE_ON_CHANGE": "true"}
            publisher = Editor(self.processes, env, self.logs, name="publisher")
            if options.site:
                editor = publisher
        log(f"Publish-to-visible at {info['published']:,} articles, {options.repeats} edits")
        results["publish"] = [
            self.publish_run(n, publisher, pages, publish_article) for n in range(options.repeats)
        ]
        if options.publications:
            log(f"Publications at {info['published']:,} articles, {options.publications}")
            results["publications"] = [
                self.publication_run(n, publisher, article)
                for n, article in enumerate(publication_articles)
            ]
        log(f"Takedown-to-gone, {options.concurrency} requests per layer after each")
        runs = []
        for n in range(options.repeats):
            for mode in options.modes:
                runs.append(self.takedown_run(mode, n, editor, takedown_articles.pop(0)))
        results["takedown"] = runs
        results["summary"] = summarise(results)
        results["load_average_end"] = load_average()
        return results


def summarise(r: dict) -> dict:
    def worst(values):
        values = list(values)
        return None if not values or None in values else max(values)

    publish = {}
    for key in r["publish"][0]["visible_ms"]:
        publish[key] = worst(run["visible_ms"][key] for run in r["publish"])
    takedown = {}
    for mode in r["options"]["modes"]:
        runs = [t for t in r["takedown"] if t["mode"] == mode]
        takedown[mode] = {
            "returned_ms_max": worst(t["returned_ms"] for t in runs),
            "gone_ms_max": {
                layer: worst(t["gone_ms"][layer] for t in runs) for layer in runs[0]["gone_ms"]
            },
            "burst_stale": {
                layer: sum(t["bursts"][layer]["stale"] for t in runs) for layer in runs[0]["bursts"]
            },
            "burst_socket_errors": {
                layer: sum(t["bursts"][layer]["socket_errors"] for t in runs)
                for layer in runs[0]["bursts"]
            },
            "burst_not_gone": {
                layer: sum(t["bursts"][layer]["not_gone"] for t in runs)
                for layer in runs[0]["bursts"]
            },
            "burst_requests": {
                layer: sum(t["bursts"][layer]["requests"] for t in runs)
                for layer in runs[0]["bursts"]
            },
            "poll_200_after_return": {
                layer: sum(t["poll_200_after_return"][layer] for t in runs)
                for layer in runs[0]["poll_200_after_return"]
            },
        }
    return {
        "published_articles": r["newsroom"]["published_articles"],
        "publish_visible_ms_max": publish,
        "bake_changed_command_ms_max": worst(p["bake_changed_command_ms"] for p in r["publish"]),
        "takedown": takedown,
        "publication_visible_ms_max": {
            key: worst(run["visible_ms"][key] for run in r["publications"])
            for key in r["publications"][0]["visible_ms"]
        }
        if r.get("publications")
        else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--articles",
        type=int,
        default=100_000,
        help="published articles in the newsroom (generated if fewer)",
    )
    parser.add_argument(
        "--database",
        default="newsdesk_pipebench",
        help="PostgreSQL database, reused when it has enough articles",
    )
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/11",
        help="the page cache; this database is flushed",
    )
    parser.add_argument(
        "--port-base", type=int, default=8100, help="app +1, Varnish +2, Varnish purge +3, nginx +4"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--repeats", type=int, default=3, help="edits, and takedowns of each kind")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=1000,
        help="requests at once on each layer after a takedown",
    )
    parser.add_argument(
        "--modes",
        default="command,service",
        help="takedowns: by the command, by the newsroom's unpublish",
    )
    parser.add_argument(
        "--bake-by",
        choices=["command", "worker"],
        default="command",
        help="after an edit: a bake --changed process, or the worker (NEWSDESK_BAKE_ON_CHANGE)",
    )
    parser.add_argument(
        "--publications",
        type=int,
        default=0,
        help="articles taken back to draft and published again (with --bake-by worker --site)",
    )
    parser.add_argument(
        "--site",
        help="a folder for the whole baked site, kept between runs (baked on the first run)",
    )
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench-front"))
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "front.json"))
    options = parser.parse_args()
    options.modes = [m for m in options.modes.split(",") if m]
    if set(options.modes) - {"command", "service"}:
        parser.error("--modes: command, service")

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    bench = FrontBench(options)
    try:
        results = bench.execute()
        dump(Path(options.output), results)
        print(json.dumps(results["summary"], indent=2))
        log(f"Written: {options.output}")
        return 0
    except KeyboardInterrupt:
        log("Interrupted: stopping everything started")
        return 130
    finally:
        bench.processes.stop_all()


if __name__ == "__main__":
    sys.exit(main())
