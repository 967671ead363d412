"""The whole newsroom journey by keyboard alone, in a real browser.

The journey of bench/newsroom_journey.py (an Autorin writes an article with headline, teaser, two
subheadings, a source, a lead image, a gallery, a video, two products with offers and a related
article, and submits it; the Redaktion opens it from the start page and publishes it), driven
only by Tab, Shift+Tab, Enter, Space, the arrow keys, Escape and typing. No click anywhere: a
control the test cannot reach by Tab, or reaches without a visible focus, fails it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from newsdesk.articles.models import Article, Author
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory
from newsdesk.newsroom.groups import AUTHOR, EDITOR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "tastatur-2026-ok"
HEADLINE = "Lumio Aurora X3 im Test: Das beste Display des Jahres"
# Tab presses allowed to reach one control: more means the control is effectively unreachable.
MAX_TABS = 120

# The focused element, through same-origin frames (the media dialog is an iframe), described
# for matching and for the failure message; and whether its focus is visible.
FOCUSED = """() => {
  let doc = document, el = document.activeElement;
  while (el && el.tagName === 'IFRAME' && el.contentDocument) {
    doc = el.contentDocument;
    el = doc.activeElement;
  }
  if (!el || el === doc.body) return null;
  // The focus ring may sit on the element or on a wrapper drawn around it (the editor's area).
  const shows = (node) => {
    const style = doc.defaultView.getComputedStyle(node);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== 'none';
  };
  let ring = false;
  for (let node = el, up = 0; node && up < 4; node = node.parentElement, up++) {
    if (shows(node)) { ring = true; break; }
  }
  const label = el.labels && el.labels[0] ? el.labels[0].textContent : '';
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: el.getAttribute('name') || '',
    type: el.getAttribute('type') || '',
    text: (el.getAttribute('aria-label') || el.value || el.textContent || label || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 80),
    inFrame: doc !== document,
    visibleFocus: ring,
    focusVisible: el.matches(':focus-visible'),
  };
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def describe(info: dict | None) -> str:
    if info is None:
        return "(nothing)"
    return f"<{info['tag']} id={info['id']!r} name={info['name']!r}> {info['text']!r}"


def open_file_chooser_by_keyboard(page, is_field, attempts: int = 3):
    """Space on the focused file field opens the file dialog. On a busy machine the first press
    was once lost in CI (no dialog in 30 s); a keyboard user would press again, and so does this
    (after tabbing back to the field if the focus left it)."""
    for attempt in range(attempts):
        try:
            with page.expect_file_chooser(timeout=10_000) as chooser:
                page.keyboard.press("Space")
            return chooser.value
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise
            info = focused(page)
            if not (info and is_field(info)):
                tab_to(page, is_field)
    raise AssertionError("unreachable")


def tab_to(page, matches, *, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches; it must show its focus."""
    visited = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        info = focused(page)
        visited.append(describe(info))
        if info and matches(info):
            assert info["visibleFocus"], f"no visible focus on {describe(info)}"
            return info
    raise AssertionError("not reachable by keyboard; focus went through:\n" + "\n".join(visited))


def by_id(element_id: str):
    return lambda info: info["id"] == element_id


def by_name(name: str):
    return lambda info: info["name"] == name


def by_text(text: str):
    return lambda info: info["text"] == text


def type_lines(page, text: str) -> None:
    """Typing in the body; a new line is the Enter key."""
    for number, line in enumerate(text.split("\n")):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def pictures(folder: Path, count: int) -> list[str]:
    paths = []
    for number in range(count):
        picture = Image.new("RGB", (800, 450), ["#c0392b", "#2980b9", "#27ae60"][number % 3])
        path = folder / f"Aurora X3 {number + 1:02d}.jpg"
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=80)
        path.write_bytes(buffer.getvalue())
        paths.append(str(path))
    return paths


def account(role: str, username: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.first_name = username.capitalize()
    user.save()
    user.groups.add(Group.objects.get(name=role))
    Author.objects.create(name=user.first_name, slug=username, user=user)
    return user


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/newsroom/login/?next=/newsroom/")
    tab_to(page, by_id("id_username"))
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector(".desk-start")


def toolbar_button(page, name: str) -> None:
    """From the text: Alt+F10 into the editor's toolbar, arrows to ``name``, Enter."""
    page.keyboard.press("Alt+F10")
    for _ in range(40):
        info = focused(page)
        if info and info["text"] == name:
            page.keyboard.press("Enter")
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError(f"toolbar button {name!r} not reachable by the arrow keys")


def pick(page, kind_label: str, search: str, slug: str) -> None:
    """The embed picker: search, arrow down to the hit, Enter; the block lands at the cursor."""
    toolbar_button(page, kind_label)
    expect(page.get_by_label(f"{kind_label} suchen")).to_be_focused()
    page.keyboard.type(search)
    # The search runs as one types: wait for the answer to the whole term (one hit), or the
    # list is redrawn under the arrow key.
    expect(page.locator(".nd-picker-item")).to_have_count(1)
    expect(page.locator(".nd-picker-item")).to_have_attribute("data-slug", slug)
    expect(page.locator(".nd-picker-status")).to_have_text("1 Treffer")
    page.keyboard.press("ArrowDown")
    for _ in range(20):
        if page.evaluate("document.activeElement.dataset.slug") == slug:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.locator(f".nd-embed-card[data-slug='{slug}']").wait_for()
    expect(page.locator(".nd-editor-content")).to_be_focused()


def test_the_whole_journey_works_by_keyboard_alone(live_server, browser_page, tmp_path):
    account(AUTHOR, "autorin")
    account(EDITOR, "redaktion")
    products = [
        ProductFactory(name="Aurora X3", slug="aurora-x3", maker="Lumio"),
        ProductFactory(name="Aurora Buds", slug="aurora-buds", maker="Lumio"),
    ]
    for product in products:
        OfferFactory(product=product)
    related = ArticleFactory(headline="Lumio Aurora X2 im Test", slug="lumio-aurora-x2-im-test")
    page = browser_page.page
    base = live_server.url

    # The Autorin: from the start page to a new article.
    log_in(page, base, "autorin")
    tab_to(page, by_text("Neuer Artikel"))
    page.keyboard.press("Enter")
    page.wait_for_selector(".nd-editor-content")
    tab_to(page, by_id("id_headline"))
    page.keyboard.type(HEADLINE)
    tab_to(page, by_id("id_teaser"))
    page.keyboard.type("Das Aurora X3 kostet 899 Euro. Wir haben es zwei Wochen ausprobiert.")
    tab_to(page, by_id("id_body-editor"))
    type_lines(
        page,
        "Lumio hat das Aurora X3 im März vorgestellt.\n"
        "## Display und Kamera\n"
        "Das OLED-Display leuchtet hell genug für die pralle Sonne.\n",
    )

    # A gallery made in place: the media bar above the editor, a dialog with the builder.
    tab_to(page, by_text("Bilderstrecke hochladen"), backwards=True)
    page.keyboard.press("Enter")
    page.locator("dialog.media-dialog[open]").wait_for()
    frame = page.frame_locator("dialog.media-dialog iframe")
    frame.locator("#id_credit_all").wait_for()
    tab_to(page, lambda i: i["inFrame"] and i["id"] == "id_credit_all")
    page.keyboard.type("Foto: Anna Beispiel")
    tab_to(page, lambda i: i["inFrame"] and i["id"] == "id_files")
    chooser = open_file_chooser_by_keyboard(page, lambda i: i["inFrame"] and i["id"] == "id_files")
    chooser.set_files(pictures(tmp_path, 3))
    frame.locator(".upload-progress li.done").nth(2).wait_for(timeout=60_000)
    tab_to(page, lambda i: i["inFrame"] and i["name"] == "_lead_image")
    page.keyboard.press("Space")
    tab_to(page, lambda i: i["inFrame"] and i["name"] == "_insert")
    page.keyboard.press("Enter")
    page.locator("dialog.media-dialog").wait_for(state="hidden")
    page.locator(".nd-embed-card[data-kind=gallery]").wait_for()
    expect(page.locator(".nd-editor-content")).to_be_focused()
    assert page.input_value("#id_lead_image") != ""

    type_lines(page, "## Akku und Preis\nDer Akku hält gut anderthalb Tage durch.\n")

    # A video, from the same bar.
    tab_to(page, by_text("Video einfügen"), backwards=True)
    page.keyboard.press("Enter")
    page.locator("dialog.media-dialog[open]").wait_for()
    page.frame_locator("dialog.media-dialog iframe").locator("#id_url").wait_for()
    tab_to(page, lambda i: i["inFrame"] and i["id"] == "id_url")
    page.keyboard.type("https://youtu.be/dQw4w9WgXcQ")
    tab_to(page, lambda i: i["inFrame"] and i["id"] == "id_title")
    page.keyboard.type("Aurora X3 im Video")
    tab_to(page, lambda i: i["inFrame"] and i["name"] == "_insert")
    page.keyboard.press("Enter")
    page.locator("dialog.media-dialog").wait_for(state="hidden")
    page.locator(".nd-embed-card[data-kind=video]").wait_for()
    expect(page.locator(".nd-editor-content")).to_be_focused()

    # Two products with their offers and a related article, from the editor's own picker.
    for product in products:
        pick(page, "Produkt", product.name, product.slug)
    pick(page, "Artikel", "Aurora X2", related.slug)
    # Escape closes a picker opened by mistake and gives the text its cursor back.
    toolbar_button(page, "Artikel")
    page.keyboard.press("Escape")
    expect(page.locator(".nd-editor-content")).to_be_focused()
    page.keyboard.type("Quelle: Lumio, eigene Messungen")

    tab_to(page, by_name("_submit_review"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert not page.locator(".errornote, .errorlist").all_inner_texts()
    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Article.Status.IN_REVIEW
    body = article.body
    for line in (
        "## Display und Kamera",
        "## Akku und Preis",
        "[[product:aurora-x3]]",
        "[[product:aurora-buds]]",
        f"[[article:{related.slug}]]",
        "Quelle: Lumio, eigene Messungen",
    ):
        assert line in body, (line, body)
    assert "[[gallery:" in body and "[[video:" in body
    assert article.lead_image_id is not None

    # The Redaktion: log out by a fresh context's cookies is not keyboard work; a new login.
    page.context.clear_cookies()
    log_in(page, base, "redaktion")
    tab_to(page, lambda i: i["tag"] == "a" and i["text"] == HEADLINE)
    page.keyboard.press("Enter")
    page.wait_for_selector(".nd-editor-content")
    tab_to(page, by_name("_publish"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert not page.locator(".errornote, .errorlist").all_inner_texts()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert not browser_page.foreign_requests
