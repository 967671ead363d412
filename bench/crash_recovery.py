"""Crash recovery of the newsroom's article form: 50 editors, the browser killed mid-typing.

    .venv/bin/python bench/crash_recovery.py [--runs 50] [--seed 16]

Each run is one editor with an article of their own: a fresh Debian Chromium opens the article
form, the editor types sentences at human speed (45-110 ms a key, thinking pauses of up to
1.5 s between sentences), and at a random moment of the session the whole browser process is
killed with SIGKILL: no pagehide, no unload, nothing the page could still send. A new browser
then opens the form again and takes the offered restore. The run counts as recovered when the
restored text equals everything typed before the kill, character for character; otherwise the
characters lost are counted.

It serves the app with gunicorn (2 workers, 4 threads) on 127.0.0.1 from a temporary folder
with its own SQLite database and file cache; it touches nothing else. Prints the figures and
writes bench/results/crash_recovery.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT))  # the shared browser launcher lives in the package
import makeserve  # noqa: E402

from newsdesk.core.testing.browser import launch_chromium  # noqa: E402

EDITOR = "#id_body-editor"
BODY = "Erster Absatz des Artikels.\n\nZweiter Absatz des Artikels."
WORDS = (
    "Das neue Smartphone kommt mit einem größeren Akku und lädt schneller als sein "
    "Vorgänger im Test zeigte sich die Kamera bei wenig Licht deutlich besser der Preis "
    "steigt allerdings um hundert Euro Samsung bestätigt den Marktstart für März"
).split()

SETUP = """
import json
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from newsdesk.articles.models import Article
editors = []
group = Group.objects.get(name="Redaktion")
for n in range({runs}):
    user = User.objects.create_user(f"editor{{n}}", is_staff=True)
    user.groups.add(group)
    article = Article.objects.create(
        headline=f"Artikel {{n}}", slug=f"artikel-{{n}}", teaser="Vorspann.", body={body!r},
        created_by=user,
    )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    editors.append({{"session": session.session_key, "article": article.pk}})
print(json.dumps(editors))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def newsdesk(env: dict, *args: str) -> str:
    return subprocess.run(
        [str(BIN / "newsdesk"), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def kill_browser(marker: str) -> None:
    """SIGKILL the browser process started with ``marker`` (its children die with it)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if marker.encode() in cmdline and not any(a.startswith(b"--type=") for a in cmdline):
            os.kill(int(entry.name), signal.SIGKILL)


def session_plan(rng: random.Random) -> list[tuple[str, float]]:
    """Keys to type, each with the pause before it: sentences with thinking pauses."""
    plan = []
    for sentence in range(rng.randint(2, 4)):
        words = rng.sample(WORDS, rng.randint(5, 12))
        # A new paragraph is one Enter in the editor, "\n\n" in the stored Markdown.
        keys = ["\n\n" if sentence == 0 else " ", *(" ".join(words).capitalize() + ".")]
        for n, key in enumerate(keys):
            pause = rng.uniform(0.4, 1.5) if n == 0 else rng.uniform(0.045, 0.110)
            plan.append((key, pause))
    return plan


def one_run(playwright, url: str, editor: dict, rng: random.Random) -> dict:
    marker = f"--bench-run={uuid.uuid4().hex}"
    form_url = f"{url}/newsroom/articles/article/{editor['article']}/change/"
    cookie = {"name": "sessionid", "value": editor["session"], "url": url}
    plan = session_plan(rng)
    duration = sum(pause for _key, pause in plan)
    kill_at = rng.uniform(1.0, duration)

    browser = launch_chromium(playwright, [marker])
    context = browser.new_context(locale="de-DE")
    context.add_cookies([cookie])
    page = context.new_page()
    page.goto(form_url)
    # The body is the rich editor; its hidden textarea follows it.
    page.click(EDITOR)
    page.keyboard.press("Control+End")
    typed = ""
    start = time.monotonic()
    for key, pause in plan:
        now = time.monotonic() - start
        if now + pause >= kill_at:
            time.sleep(max(0.0, kill_at - now))
            break
        time.sleep(pause)
        if key == "\n\n":
            page.keyboard.press("Enter")
        else:
            page.keyboard.type(key)
        typed += key
    killed_after = time.monotonic() - start
    kill_browser(marker)
    try:
        browser.close()
    except Exception:  # noqa: BLE001  (the process is gone, as intended)
        pass

    expected = BODY + typed
    browser = launch_chromium(playwright)
    context = browser.new_context(locale="de-DE")
    context.add_cookies([cookie])
    page = context.new_page()
    page.goto(form_url)
    offered = False
    try:
        page.wait_for_selector("#collab-restore:visible", timeout=3000)
        offered = True
        page.click("#collab-restore-yes")
    except Exception:  # noqa: BLE001  (nothing to restore: the text before any autosave)
        pass
    # What the form would post now: the editor's document as the stored Markdown.
    page.wait_for_selector(EDITOR)
    recovered = page.evaluate("document.getElementById('id_body').bodyEditor.getMarkdown()").rstrip(
        "\n"
    )
    browser.close()
    return {
        "typed_chars": len(typed),
        "killed_after_s": round(killed_after, 2),
        "offered": offered,
        # The stored Markdown ends without whitespace, so a space typed last (or a new, still
        # empty paragraph) is not part of the text; everything else must be there exactly.
        "equal": recovered == expected.rstrip(),
        "ends_on_whitespace": expected != expected.rstrip(),
        "lost_chars": max(0, len(expected.rstrip()) - len(recovered))
        if expected.startswith(recovered)
        else len(typed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    options = parser.parse_args()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="newsdesk-crash-") as tmp:
        port = options.port or free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
            "NEWSDESK_VAR_DIR": tmp,
            "SECRET_KEY": "crash-recovery-bench",
            "ALLOWED_HOSTS": "127.0.0.1",
            "CACHE_URL": f"file://{tmp}/cache",
        }
        env.pop("DATABASE_URL", None)
        print("migrating and creating editors ...", flush=True)
        newsdesk(env, "migrate", "--noinput", "-v0")
        newsdesk(env, "collectstatic", "--noinput", "-v0")
        setup = SETUP.format(runs=options.runs, body=BODY)
        editors = json.loads(newsdesk(env, "shell", "-c", setup).strip().splitlines()[-1])
        # As `make serve` starts it (its embedded task worker does not touch the drafts).
        server = makeserve.start(port, env)
        url = f"http://127.0.0.1:{port}"
        try:
            makeserve.wait_until_healthy(url)
            rng = random.Random(options.seed)
            results = []
            with sync_playwright() as playwright:
                for number, editor in enumerate(editors, 1):
                    result = one_run(playwright, url, editor, rng)
                    results.append(result)
                    print(f"run {number:2d}: {result}", flush=True)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)

    equal = sum(r["equal"] for r in results)
    lost = [r["lost_chars"] for r in results]
    summary = {
        "load_average_at_end": [round(x, 1) for x in os.getloadavg()],
        "runs": len(results),
        "recovered_exactly": equal,
        "restore_offered": sum(r["offered"] for r in results),
        "chars_typed_median": statistics.median(r["typed_chars"] for r in results),
        "chars_lost_median": statistics.median(lost),
        "chars_lost_max": max(lost),
        "details": results,
    }
    out = ROOT / "bench" / "results" / "crash_recovery.json"
    out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(
        f"\nrecovered exactly: {equal}/{len(results)}; restore offered: "
        f"{summary['restore_offered']}/{len(results)}; chars lost: median "
        f"{summary['chars_lost_median']}, max {summary['chars_lost_max']} "
        f"(of median {summary['chars_typed_median']} typed)"
    )


if __name__ == "__main__":
    sys.exit(main())
