"""Thirty minutes of newsroom use in a real browser on a fresh `make run`-like server.

    .venv/bin/python bench/newsroom_soak.py [--minutes 30] [--port 8720]

Issue 11's acceptance: "A fresh `make run` serves the newsroom for 30 minutes of browser use
without a stall". Serves the demo like `make run` does (migrate, `newsdesk demo`, gunicorn with
the same worker class, threads, keep-alive and embedded task worker) from a temporary folder
with its own SQLite database, file cache and media; it touches nothing else.

Headless Debian Chromium, logged in as the demo's Redaktion, repeats until the time is up:
open a new article, type headline, teaser and body, save it, type more and wait for the
autosave, upload a picture as a one-image gallery, open the preview, publish, open the public
article. A second tab stays open on the home page and reloads now and then, as an editor's
other tab would (idle keep-alive connections are what stalled `make run` before).

Every response is timed in the browser (request start to response end). Recorded: the slowest
response, every response over 2 s (a stall), every failed request and every 5xx, and errors
of the script's own steps. Prints the figures and writes bench/results/newsroom_soak.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parent))

import makeserve  # noqa: E402
from newsroom_journey import BIN, REDAKTION, ROOT, log_in  # noqa: E402

from newsdesk.core.testing.browser import launch_chromium  # noqa: E402

STALL_MS = 2000


class Timings:
    def __init__(self) -> None:
        self.count = 0
        self.slowest: tuple[float, str] = (0.0, "")
        self.stalls: list[dict] = []
        self.failed: list[dict] = []
        self.server_errors: list[dict] = []

    def watch(self, page) -> None:
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)

    def _finished(self, request) -> None:
        timing = request.timing
        if timing.get("responseEnd", -1) < 0:
            return
        ms = timing["responseEnd"]
        self.count += 1
        label = f"{request.method} {request.url.split('//', 1)[-1].split('/', 1)[-1][:100]}"
        if ms > self.slowest[0]:
            self.slowest = (round(ms), label)
        if ms > STALL_MS:
            self.stalls.append({"ms": round(ms), "request": label, "at": time.strftime("%H:%M:%S")})
        try:
            response = request.response()
        except Exception:  # the preview tab was closed before its last response was read
            return
        if response is not None and response.status >= 500:
            self.server_errors.append({"status": response.status, "request": label})

    def _failed(self, request) -> None:
        # The beacon of a page that is left at once may be cancelled by the browser itself.
        self.failed.append({"request": f"{request.method} {request.url}", "error": request.failure})


def picture(folder: Path, number: int) -> str:
    """A picture of its own for each round (the same file twice might be refused as a copy)."""
    from PIL import Image

    image = Image.new("RGB", (1600, 900), ((number * 37) % 256, (number * 91) % 256, 120))
    image.paste((240, 240, 240), ((number * 53) % 1300, 300, (number * 53) % 1300 + 300, 600))
    path = folder / f"Dauertest {number:03d}.jpg"
    image.save(path, "JPEG", quality=85)
    return str(path)


def one_round(page, url: str, number: int, folder: Path) -> None:
    page.goto(f"{url}/newsroom/articles/article/add/")
    page.wait_for_selector(".nd-editor-content")
    page.fill("#id_headline", f"Dauertest {number}: Das Redaktionssystem bleibt wach")
    page.fill("#id_teaser", "Ein Artikel aus dem Dauertest der Redaktion, geschrieben im Browser.")
    page.locator(".nd-editor-content").focus()
    page.keyboard.type("Der erste Absatz entsteht Zeichen für Zeichen im Editor.")
    page.keyboard.press("Enter")
    page.click("input[name=_continue]")
    page.wait_for_selector(".nd-editor-content")
    # More text in the saved article: the autosave (working copy) follows within seconds.
    page.locator(".nd-editor-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    with page.expect_response(lambda r: "/newsroom/arbeitskopie/" in r.url, timeout=30_000):
        page.keyboard.type("## Zweiter Abschnitt")
        page.keyboard.press("Enter")
        page.keyboard.type("Hier schreibt die Redaktion weiter, und der Browser sichert mit.")
    # A picture: a one-image gallery from the media dialog.
    page.get_by_role("button", name="Bilderstrecke hochladen").click()
    frame = page.frame_locator("dialog.media-dialog iframe")
    frame.locator("#id_credit_all").fill("Foto: Dauertest")
    with page.expect_file_chooser() as chooser:
        frame.get_by_text("Bilder auswählen").click()
    chooser.value.set_files([picture(folder, number)])
    frame.locator(".upload-progress li.done").first.wait_for(timeout=120_000)
    frame.locator("input[name=_insert]").click()
    page.locator("dialog.media-dialog").wait_for(state="hidden")
    page.locator(".nd-embed-card[data-kind=gallery]").wait_for()
    # The preview of the unsaved state opens in a tab of its own.
    with page.context.expect_page() as popup:
        page.click("input[formaction*='vorschau'], input[value^='Vorschau']")
    preview = popup.value
    preview.wait_for_load_state()
    preview.close()
    page.click("input[name=_publish]")
    page.wait_for_load_state()
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    if errors:
        raise RuntimeError(f"publishing failed: {errors}")
    # The published article as readers see it (the newsroom's "Auf der Website ansehen").
    link = page.locator("a.viewsitelink")
    if link.count():
        page.goto(urljoin(url + "/", link.first.get_attribute("href")))
        page.wait_for_load_state()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--port", type=int, default=8720)
    parser.add_argument(
        "--demo",
        help="a folder with a freshly loaded demo (newsdesk.sqlite3, media/) to copy instead of "
        "migrating and loading one here (that takes minutes on a loaded machine)",
    )
    parser.add_argument(
        "--output",
        default=str(ROOT / "bench" / "results" / "newsroom_soak.json"),
        help="the JSON results",
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="newsdesk-soak-") as tmp:
        url = f"http://127.0.0.1:{args.port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
            "NEWSDESK_VAR_DIR": tmp,
            "NEWSDESK_BASE_URL": url,
            "SECRET_KEY": "newsroom-soak-bench",
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        env.pop("DATABASE_URL", None)
        env.pop("CACHE_URL", None)
        commands = [["collectstatic", "--noinput", "-v0"]]
        if args.demo:
            shutil.copy(Path(args.demo, "newsdesk.sqlite3"), Path(tmp, "newsdesk.sqlite3"))
            shutil.copytree(Path(args.demo, "media"), Path(tmp, "media"))
        else:
            print("migrating and loading the demo data ...", flush=True)
            commands[:0] = [["migrate", "--noinput", "-v0"], ["demo"]]
        for command in commands:
            subprocess.run(
                [str(BIN / "newsdesk"), *command], env=env, check=True, capture_output=True
            )
        # The command line of `make serve`.
        server = makeserve.start(args.port, env)
        timings = Timings()
        rounds = 0
        step_errors: list[str] = []
        started = time.monotonic()
        try:
            makeserve.wait_until_healthy(url)
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                context = browser.new_context(
                    viewport={"width": 1280, "height": 900}, locale="de-DE"
                )
                context.on("page", timings.watch)
                other_tab = context.new_page()
                page = context.new_page()
                log_in(page, url, REDAKTION, "/newsroom/")
                other_tab.goto(url + "/")
                started = time.monotonic()
                deadline = started + args.minutes * 60
                while time.monotonic() < deadline:
                    rounds += 1
                    try:
                        one_round(page, url, rounds, Path(tmp))
                    except Exception as error:  # recorded, and the next round goes on
                        step_errors.append(
                            f"round {rounds}: {type(error).__name__}: {str(error)[:300]}"
                        )
                    if rounds % 3 == 0:
                        other_tab.reload()
                    print(
                        f"round {rounds} at {(time.monotonic() - started) / 60:.1f} min: "
                        f"{timings.count} responses, slowest {timings.slowest[0]} ms, "
                        f"{len(timings.stalls)} stalls, {len(step_errors)} step errors",
                        flush=True,
                    )
                browser.close()
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)

    load = os.getloadavg()
    summary = {
        "minutes": round((time.monotonic() - started) / 60, 1),
        "rounds": rounds,
        "responses": timings.count,
        "slowest_ms": timings.slowest[0],
        "slowest_request": timings.slowest[1],
        # A worker held by an idle connection answered after its 30 s timeout: over 10 s is a
        # hang, not a slow render on a loaded machine.
        "hangs_over_10s": [stall for stall in timings.stalls if stall["ms"] > 10_000],
        "stalls_over_2s": timings.stalls,
        "failed_requests": timings.failed,
        "server_errors": timings.server_errors,
        "step_errors": step_errors,
        "load_average": [round(x, 2) for x in load],
    }
    out = Path(args.output)
    out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in summary.items() if not isinstance(v, list)}, indent=2))
    hangs = summary["hangs_over_10s"]
    print(
        f"hangs > 10 s: {len(hangs)}, stalls > 2 s: {len(timings.stalls)}, "
        f"5xx: {len(timings.server_errors)}, failed requests: {len(timings.failed)}, "
        f"step errors: {len(step_errors)}"
    )
    return 0 if not hangs and not timings.server_errors and not step_errors else 1


if __name__ == "__main__":
    sys.exit(main())
