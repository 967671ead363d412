"""A whole article through the newsroom in a real browser, counted in clicks and file dialogs.

    .venv/bin/python bench/newsroom_journey.py [--port 8320]

Issue 16's journey: the Autorin of the demo data writes an article with headline, teaser, two
subheadings, a source line, a lead image, a 9-image gallery (one multi-file dialog), a video,
two products with offers and a related article, and submits it for review; the Redaktion opens
it from the start page, reviews and publishes it. Headless Debian Chromium drives the pages as
an editor would: text is typed, every other action is a click on what the editor would click.

Counted: clicks (anything but typing and moving into a text field), fields typed into, file
dialogs, page loads (main-frame documents; the media dialog's frame counted apart) and the wall
time of the scripted run. Logging in is outside the count, as in the figures of issue 16.

It serves the app with gunicorn on 127.0.0.1 from a temporary folder with its own SQLite
database, file cache and media (``newsdesk demo`` data); it touches nothing else. Prints the
figures and writes bench/results/newsroom_journey.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT))  # the shared browser launcher lives in the package
import makeserve  # noqa: E402

from newsdesk.core.testing.browser import launch_chromium  # noqa: E402

AUTOR = ("autorin", "demo-autorin-2026")
REDAKTION = ("redaktion", "demo-redaktion-2026")
HEADLINE = "Lumio Aurora X3 im Test: Das beste Display des Jahres"
TEASER = "Das Aurora X3 kostet 899 Euro. Wir haben es zwei Wochen lang ausprobiert."
# Two published products with offers and a published article to link, from the demo data.
SETUP = """
import json
from newsdesk.articles.models import Article
from newsdesk.commerce.models import Product
products = (
    Product.objects.filter(is_published=True, offers__is_active=True)
    .distinct().order_by("pk")[:2]
)
article = Article.objects.published().order_by("-published_at").first()
print(json.dumps({
    "products": [{"slug": p.slug, "search": p.name} for p in products],
    "article": {"slug": article.slug, "search": article.headline.split(":")[0]},
}))
"""


class Journey:
    """Counts what the editor does; page loads are counted from the browser's requests."""

    def __init__(self, page):
        self.page = page
        self.clicks = 0
        self.fields = 0
        self.file_dialogs = 0
        self.page_loads = 0
        self.dialog_loads = 0
        self.steps: list[tuple[str, int, int, int]] = []
        page.on("request", self._request)

    def _request(self, request) -> None:
        if request.resource_type != "document":
            return
        if request.frame == self.page.main_frame:
            self.page_loads += 1
        elif request.url != "about:blank":
            self.dialog_loads += 1

    def click(self, locator, **kwargs) -> None:
        self.clicks += 1
        locator.click(**kwargs)

    def fill(self, locator, text: str) -> None:
        self.fields += 1
        locator.fill(text)

    def type_in_editor(self, text: str) -> None:
        """Typing in the body; a new line is the Enter key."""
        for number, line in enumerate(text.split("\n")):
            if number:
                self.page.keyboard.press("Enter")
            self.page.keyboard.type(line)

    def choose_files(self, locator, files: list[str]) -> None:
        with self.page.expect_file_chooser() as chooser:
            self.click(locator)
        self.file_dialogs += 1
        chooser.value.set_files(files)

    def step(self, name: str) -> None:
        before = sum(s[1] for s in self.steps), sum(s[2] for s in self.steps)
        self.steps.append(
            (name, self.clicks - before[0], self.file_dialogs - before[1], self.fields)
        )


def pictures(folder: Path, count: int) -> list[str]:
    from PIL import Image

    colours = ["#c0392b", "#2980b9", "#27ae60", "#8e44ad", "#f39c12", "#16a085", "#2c3e50"]
    paths = []
    for number in range(count):
        picture = Image.new("RGB", (1600, 900), colours[number % len(colours)])
        picture.paste((240, 240, 240), (120 * number, 300, 120 * number + 300, 600))
        path = folder / f"Aurora X3 {number + 1:02d}.jpg"
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=85)
        path.write_bytes(buffer.getvalue())
        paths.append(str(path))
    return paths


def log_in(page, url: str, account: tuple[str, str], next_url: str) -> None:
    page.goto(f"{url}/newsroom/login/?next={next_url}")
    page.fill("#id_username", account[0])
    page.fill("#id_password", account[1])
    page.click("input[type=submit]")
    page.wait_for_load_state()


def write_and_submit(journey: Journey, url: str, data: dict, folder: Path) -> None:
    page = journey.page
    page.goto(f"{url}/newsroom/articles/article/add/")
    page.wait_for_selector(".nd-editor-content")
    journey.fill(page.locator("#id_headline"), HEADLINE)
    journey.fill(page.locator("#id_teaser"), TEASER)
    journey.step("headline and teaser")

    # The body: typed, subheadings by "## " as in Markdown; the editor is one more field.
    journey.fields += 1
    page.locator(".nd-editor-content").focus()
    journey.type_in_editor(
        "Lumio hat das Aurora X3 im März vorgestellt, wir hatten es zwei Wochen im Alltag.\n"
        "## Display und Kamera\n"
        "Das OLED-Display leuchtet hell genug für die pralle Sonne.\n"
    )
    # A 9-image gallery, made in place: one dialog, one credit for all, one file dialog.
    journey.click(page.get_by_role("button", name="Bilderstrecke hochladen"))
    frame = page.frame_locator("dialog.media-dialog iframe")
    journey.fill(frame.locator("#id_credit_all"), "Foto: Anna Beispiel")
    journey.choose_files(frame.get_by_text("Bilder auswählen"), pictures(folder, 9))
    frame.locator(".upload-progress li.done").nth(8).wait_for(timeout=120_000)
    # The lead image: the gallery's cover (its first picture), ticked in the same dialog.
    journey.click(frame.locator("input[name=_lead_image]"))
    journey.click(frame.locator("input[name=_insert]"))
    page.locator("dialog.media-dialog").wait_for(state="hidden")
    page.locator(".nd-embed-card[data-kind=gallery]").wait_for()
    if page.input_value("#id_lead_image") == "":
        raise SystemExit("the gallery's cover did not become the lead image")
    journey.step("9-image gallery and lead image")

    journey.type_in_editor("## Akku und Preis\nDer Akku hält gut anderthalb Tage durch.\n")
    journey.click(page.get_by_role("button", name="Video einfügen"))
    frame = page.frame_locator("dialog.media-dialog iframe")
    journey.fill(frame.locator("#id_url"), "https://youtu.be/dQw4w9WgXcQ")
    journey.fill(frame.locator("#id_title"), "Aurora X3 im Video")
    journey.click(frame.locator("input[name=_insert]"))
    page.locator("dialog.media-dialog").wait_for(state="hidden")
    page.locator(".nd-embed-card[data-kind=video]").wait_for()
    journey.step("video")

    for product in data["products"]:
        journey.click(page.get_by_role("button", name="Produkt", exact=True))
        journey.fill(page.get_by_label("Produkt suchen"), product["search"])
        journey.click(page.locator(f".nd-picker-item[data-slug='{product['slug']}']"))
        page.locator(f".nd-embed-card[data-slug='{product['slug']}']").wait_for()
    journey.step("two products")

    related = data["article"]
    journey.click(page.get_by_role("button", name="Artikel", exact=True))
    journey.fill(page.get_by_label("Artikel suchen"), related["search"])
    journey.click(page.locator(f".nd-picker-item[data-slug='{related['slug']}']").first)
    page.locator(f".nd-embed-card[data-slug='{related['slug']}']").wait_for()
    journey.step("related article")

    journey.type_in_editor("Quelle: Lumio, eigene Messungen")
    journey.step("source line (typed)")

    journey.click(page.locator("input[name=_submit_review]").first)
    page.wait_for_load_state()
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    if errors:
        raise SystemExit(f"submitting failed: {errors}")
    journey.step("submit for review")


def review_and_publish(journey: Journey, url: str) -> None:
    page = journey.page
    page.goto(f"{url}/newsroom/")
    page.wait_for_selector(".desk-start")
    journey.click(page.locator("#desk-review").get_by_text(HEADLINE))
    page.wait_for_selector(".nd-editor-content")
    journey.step("Redaktion opens it from the review queue")
    journey.click(page.locator("input[name=_publish]").first)
    page.wait_for_load_state()
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    if errors:
        raise SystemExit(f"publishing failed: {errors}")
    journey.step("publish")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def newsdesk(env: dict, *args: str) -> str:
    return subprocess.run(
        [str(BIN / "newsdesk"), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="newsdesk-journey-") as tmp:
        port = options.port or free_port()
        url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
            "NEWSDESK_VAR_DIR": tmp,
            "NEWSDESK_BASE_URL": url,
            "SECRET_KEY": "newsroom-journey-bench",
            "ALLOWED_HOSTS": "127.0.0.1",
            "CACHE_URL": f"file://{tmp}/cache",
        }
        env.pop("DATABASE_URL", None)
        print("migrating and loading the demo data ...", flush=True)
        newsdesk(env, "migrate", "--noinput", "-v0")
        newsdesk(env, "demo")
        newsdesk(env, "collectstatic", "--noinput", "-v0")
        data = json.loads(newsdesk(env, "shell", "-c", SETUP).strip().splitlines()[-1])
        server = makeserve.start(port, env)
        try:
            makeserve.wait_until_healthy(url)
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                results = {}
                for role, account, run in [
                    ("Autor", AUTOR, lambda j: write_and_submit(j, url, data, Path(tmp))),
                    ("Redaktion", REDAKTION, lambda j: review_and_publish(j, url)),
                ]:
                    context = browser.new_context(
                        viewport={"width": 1280, "height": 900}, locale="de-DE"
                    )
                    page = context.new_page()
                    log_in(page, url, account, "/newsroom/")
                    journey = Journey(page)
                    started = time.monotonic()
                    run(journey)
                    results[role] = {
                        "clicks": journey.clicks,
                        "fields": journey.fields,
                        "file_dialogs": journey.file_dialogs,
                        "page_loads": journey.page_loads,
                        "dialog_loads": journey.dialog_loads,
                        "wall_s": round(time.monotonic() - started, 1),
                        "steps": journey.steps,
                    }
                    context.close()
                browser.close()
            status = (
                newsdesk(
                    env,
                    "shell",
                    "-c",
                    "from newsdesk.articles.models import Article;"
                    f"print(Article.objects.get(headline={HEADLINE!r}).status)",
                )
                .strip()
                .splitlines()[-1]
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)

    total = {
        key: round(sum(r[key] for r in results.values()), 1)
        for key in ["clicks", "fields", "file_dialogs", "page_loads", "dialog_loads", "wall_s"]
    }
    summary = {"article_status": status, "total": total, **results}
    out = ROOT / "bench" / "results" / "newsroom_journey.json"
    out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    for role, result in results.items():
        print(f"\n{role}:")
        for name, clicks, dialogs, _fields in result["steps"]:
            print(f"  {name:42s} {clicks:2d} clicks  {dialogs} file dialogs")
        print(
            f"  = {result['clicks']} clicks, {result['fields']} fields, "
            f"{result['file_dialogs']} file dialogs, {result['page_loads']} page loads "
            f"(+{result['dialog_loads']} in the media dialog), {result['wall_s']} s"
        )
    print(
        f"\nwhole journey: {total['clicks']} clicks, {total['fields']} fields, "
        f"{total['file_dialogs']} file dialogs, {total['page_loads']} page loads "
        f"(+{total['dialog_loads']} in the media dialog), {total['wall_s']} s; "
        f"article status at the end: {status}"
    )


if __name__ == "__main__":
    sys.exit(main())
