"""Benchmark: typing latency of the newsroom's body editor in headless Debian Chromium.

    make frontend && .venv/bin/python bench/editor_typing.py [--words 2000 10000] [--keys 400]

Serves the built bundle (newsdesk/articles/static/articles/editor/) with a page holding one
generated article of N words (subheadings, lists, a table, embeds, links) from a throwaway HTTP
server on 127.0.0.1, places the cursor in the middle of the text and types German prose with
pauses, as an editor does. Latency per keystroke is measured in the page: from the keydown
event's timestamp to the first task after the next animation frame, i.e. until the browser can
paint the typed character. Also reported: the time from page load until the editor is ready,
and one Markdown serialisation of the whole document (it runs 250 ms after typing stops).
Writes bench/results/editor_typing.json.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the shared browser launcher lives in the package
from newsdesk.core.testing.browser import launch_chromium  # noqa: E402

BUNDLE = ROOT / "newsdesk" / "articles" / "static" / "articles" / "editor"
RESULTS = ROOT / "bench" / "results" / "editor_typing.json"

WORDS = (
    "Lumio Aurora Akku Display Preis Händler Größe Kamera Test Über Chip Hersteller Modell "
    "Vorgänger Leistung Speicher Gehäuse Software Update Sicherheit Netz Tarif Vertrag"
).split()
TYPED = "Der neue Chip braucht bei gleicher Leistung rund ein Fünftel weniger Strom. "

MEASURE = """() => {
  // Per keystroke: the script time of its editor transactions (state, DOM update, listeners),
  // the rendering of the frame after it, and the whole wait from keydown to that frame.
  window.samples = [];
  const view = document.querySelector('#id_body').bodyEditor.editor.view;
  const dispatch = view.dispatch.bind(view);
  let script = 0;
  view.dispatch = (tr) => {
    const start = performance.now();
    dispatch(tr);
    script += performance.now() - start;
  };
  document.addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    script = 0;
    requestAnimationFrame(() => {
      const frame = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const end = performance.now();
        window.samples.push({total: end - start, work: script + (end - frame)});
      };
      channel.port2.postMessage(0);
    });
  }, true);
}"""


def article(words: int, rng: random.Random) -> str:
    """Markdown of about ``words`` words, built like a long review."""
    blocks, count, section = [], 0, 0
    while count < words:
        section += 1
        blocks.append(f"## Abschnitt {section}: {rng.choice(WORDS)}")
        for _ in range(4):
            sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 24)))
            blocks.append(
                f"{sentence}, siehe [{rng.choice(WORDS)}](https://example.org/{count}) "
                f"und **{rng.choice(WORDS)}** im *Test*."
            )
            count += sentence.count(" ") + 6
        if section % 3 == 0:
            blocks.append("\n".join(f"- {rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(4)))
        if section % 4 == 0:
            blocks.append(
                "| Merkmal | Wert |\n| --- | --- |\n| Display | 6,1 Zoll |\n| Akku | 4.300 mAh |"
            )
        if section % 5 == 0:
            blocks.append(f"[[gallery:bilder-{section}]]")
    return "\n\n".join(blocks) + "\n"


def page_html(body: str) -> str:
    return (
        '<!doctype html><html lang="de"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="/editor-style.css"><script src="/editor.js"></script>'
        '</head><body><form><label for="id_body">Text:</label>'
        '<textarea id="id_body" name="body" data-body-editor data-embed-search="/embeds.json">'
        f"{escape(body)}</textarea></form></body></html>"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


SCRIPT_EVENTS = {
    "EventDispatch",
    "FunctionCall",
    "TimerFire",
    "FireAnimationFrame",
    "RunMicrotasks",
}
STYLE_LAYOUT_EVENTS = {"UpdateLayoutTree", "Layout"}
PAINT_EVENTS = {"PrePaint", "Paint", "Layerize", "Commit", "UpdateLayer", "PaintImage"}


def start_trace(page):
    """A Chrome performance trace of the page's renderer, through the DevTools protocol."""
    session = page.context.new_cdp_session(page)
    session.send(
        "Tracing.start",
        {
            "transferMode": "ReturnAsStream",
            "traceConfig": {
                "includedCategories": ["devtools.timeline", "disabled-by-default-devtools.timeline"]
            },
        },
    )
    return session


def stop_trace(session, page) -> dict:
    """Main-thread time of the traced typing, split into script, style and layout, paint."""
    done = {}
    session.on("Tracing.tracingComplete", lambda event: done.update(event))
    session.send("Tracing.end")
    for _ in range(600):
        if done:
            break
        page.wait_for_timeout(50)  # lets Playwright deliver the protocol's event
    chunks, handle = [], done["stream"]
    while True:
        read = session.send("IO.read", {"handle": handle})
        chunks.append(read["data"])
        if read.get("eof"):
            break
    session.send("IO.close", {"handle": handle})
    events = json.loads("".join(chunks))
    events = events["traceEvents"] if isinstance(events, dict) else events
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }
    slices = [e for e in events if e.get("ph") == "X" and (e["pid"], e["tid"]) in main]
    tasks = [e["dur"] / 1000 for e in slices if e["name"] == "RunTask" and e.get("dur")]
    script, style_layout, paint = 0.0, 0.0, 0.0
    open_script_end = -1.0
    for e in sorted(slices, key=lambda e: (e["ts"], -e.get("dur", 0))):
        duration = e.get("dur", 0) / 1000
        if e["name"] in SCRIPT_EVENTS and e["ts"] >= open_script_end:
            script += duration  # outermost script slice only: nested ones are inside it
            open_script_end = e["ts"] + e.get("dur", 0)
        elif e["name"] in STYLE_LAYOUT_EVENTS:
            style_layout += duration
            if e["ts"] < open_script_end:
                script -= duration  # layout forced from script counts as layout
        elif e["name"] in PAINT_EVENTS:
            paint += duration
    return {
        "tasks": len(tasks),
        "task_p95_ms": round(percentile(tasks, 0.95), 1) if tasks else None,
        "script_ms": round(script, 1),
        "style_layout_ms": round(style_layout, 1),
        "paint_ms": round(paint, 1),
    }


def measure(browser, base_url: str, words: int, keys: int, trace: bool = False) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base_url}/article-{words}.html")
    page.wait_for_selector(".nd-editor-content")
    ready_ms = page.evaluate("performance.now()")
    page.evaluate(MEASURE)
    paragraphs = page.locator(".nd-editor-content > p")
    middle = paragraphs.nth(paragraphs.count() // 2)
    middle.click()
    page.keyboard.press("End")
    session = start_trace(page) if trace else None
    typed = 0
    while typed < keys:
        chunk = TYPED[: min(len(TYPED), keys - typed)]
        page.keyboard.type(chunk, delay=45)
        typed += len(chunk)
        page.wait_for_timeout(600)  # a pause: the Markdown sync runs now
    page.wait_for_timeout(500)
    traced = stop_trace(session, page) if session else None
    samples = page.evaluate("window.samples")
    totals = [sample["total"] for sample in samples]
    work = [sample["work"] for sample in samples]
    serialise_ms = page.evaluate(
        """() => { const t = document.querySelector('#id_body').bodyEditor;
                   const start = performance.now(); t.getMarkdown();
                   return performance.now() - start; }"""
    )
    counted = page.locator(".nd-editor-count").inner_text()
    page.close()
    return {
        "words": words,
        "counter": counted,
        "keystrokes": len(samples),
        "work_p50_ms": round(statistics.median(work), 1),
        "work_p95_ms": round(percentile(work, 0.95), 1),
        "key_to_frame_p50_ms": round(statistics.median(totals), 1),
        "key_to_frame_p95_ms": round(percentile(totals, 0.95), 1),
        "key_to_frame_max_ms": round(max(totals), 1),
        "editor_ready_ms": round(ready_ms),
        "serialise_ms": round(serialise_ms, 1),
        **(
            {
                "trace": {
                    **traced,
                    "per_key_script_ms": round(traced["script_ms"] / max(1, len(samples)), 2),
                    "per_key_style_layout_ms": round(
                        traced["style_layout_ms"] / max(1, len(samples)), 2
                    ),
                    "per_key_paint_ms": round(traced["paint_ms"] / max(1, len(samples)), 2),
                }
            }
            if traced
            else {}
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--keys", type=int, default=400, help="keystrokes typed per article")
    parser.add_argument(
        "--trace", action="store_true", help="also record a Chrome performance trace (CDP Tracing)"
    )
    args = parser.parse_args()
    if not (BUNDLE / "editor.js").exists():
        raise SystemExit("Build the editor first: make frontend")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="newsdesk-editor-bench-") as folder:
        root = Path(folder)
        for name in ("editor.js", "editor-style.css"):
            (root / name).write_bytes((BUNDLE / name).read_bytes())
        (root / "embeds.json").write_text('{"results": []}')
        rng = random.Random(16)
        for words in args.words:
            (root / f"article-{words}.html").write_text(page_html(article(words, rng)))
        handler = functools.partial(
            type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: 0}),
            directory=folder,
        )
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base_url = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                runs = [
                    measure(browser, base_url, words, args.keys, args.trace) for words in args.words
                ]
                browser.close()
        finally:
            server.shutdown()

    result = {
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "runs": runs,
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    columns = [
        ("words", "words"),
        ("keystrokes", "keys"),
        ("work_p50_ms", "work p50"),
        ("work_p95_ms", "work p95"),
        ("key_to_frame_p50_ms", "frame p50"),
        ("key_to_frame_p95_ms", "frame p95"),
        ("key_to_frame_max_ms", "frame max"),
        ("editor_ready_ms", "ready"),
        ("serialise_ms", "serialise"),
    ]
    print("  ".join(f"{title:>9}" for _key, title in columns) + "   (ms)")
    for run in runs:
        print("  ".join(f"{run[key]:>9}" for key, _title in columns))
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
