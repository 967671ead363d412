"""The media dialog in a real browser: a 9-image gallery into an article, counted in clicks.

``NEWSDESK_SCREENSHOT_DIR`` set: the builder, the library and the focal-point page are saved
there as PNGs for docs/newsroom-medien.md.
"""

import io
import os
import re
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from playwright.sync_api import expect

from newsdesk.galleries.models import Gallery, Image
from newsdesk.galleries.services import create_image
from newsdesk.newsroom.groups import EDITOR
from newsdesk.videos.models import Video

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-passwort-2026"
COLOURS = ["#c0392b", "#2980b9", "#27ae60", "#8e44ad", "#f39c12", "#16a085", "#2c3e50", "#d35400"]


class Counter:
    """Clicks and file dialogs, the two figures docs/newsroom-medien.md compares."""

    def __init__(self):
        self.clicks = 0
        self.file_dialogs = 0
        self.fields = 0

    def click(self, locator, **kwargs):
        self.clicks += 1
        locator.click(**kwargs)

    def choose_files(self, page, locator, files):
        with page.expect_file_chooser() as chooser:
            self.click(locator)
        self.file_dialogs += 1
        chooser.value.set_files(files)

    def fill(self, locator, text):
        self.fields += 1
        locator.fill(text)


def pictures(folder: Path, count: int) -> list[str]:
    paths = []
    for number in range(count):
        picture = PILImage.new("RGB", (1600, 900), COLOURS[number % len(COLOURS)])
        picture.paste((240, 240, 240), (100 * number, 300, 100 * number + 300, 600))
        path = folder / f"Messe {number + 1:02d}.jpg"
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=85)
        path.write_bytes(buffer.getvalue())
        paths.append(str(path))
    return paths


def screenshot(page, name: str) -> None:
    folder = os.environ.get("NEWSDESK_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=False)


def write_body(page, markdown: str, cursor: int) -> None:
    """Puts ``markdown`` into the body editor and its cursor at document position ``cursor``
    (as typing would; only clicks are counted)."""
    page.wait_for_selector(".nd-editor-content")
    page.locator("#id_body").evaluate(
        "(body, [text, at]) => { body.bodyEditor.setMarkdown(text);"
        " body.bodyEditor.editor.chain().focus().setTextSelection(at).run(); }",
        [markdown, cursor],
    )


def body_markdown(page) -> str:
    """What the form posts: the editor writes its Markdown back into the textarea."""
    return page.input_value("#id_body").strip()


@pytest.fixture
def editor_page(live_server, browser_page, django_user_model):
    user = django_user_model.objects.create_user("redakteur", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    page = browser_page.page
    page.goto(live_server.url + "/newsroom/login/?next=/newsroom/articles/article/add/")
    page.fill("#id_username", "redakteur")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector(".nd-editor-content")
    return page


def test_a_9_image_gallery_goes_into_the_article_with_3_clicks_and_one_file_dialog(
    editor_page, tmp_path
):
    page = editor_page
    count = Counter()
    page.fill("#id_headline", "CES 2027: Die Highlights")
    # The cursor sits after the first paragraph, where the gallery belongs (placed by typing).
    write_body(page, "Erster Absatz.\n\nZweiter Absatz.", len("Erster Absatz.") + 1)

    started = time.monotonic()
    count.click(page.get_by_role("button", name="Bilderstrecke hochladen"))
    frame = page.frame_locator("dialog.media-dialog iframe")
    # The title comes from the article's headline; one credit for all nine pictures.
    assert frame.locator("#id_title").input_value() == "CES 2027: Die Highlights"
    count.fill(frame.locator("#id_credit_all"), "Foto: Anna Beispiel")
    count.choose_files(page, frame.get_by_text("Bilder auswählen"), pictures(tmp_path, 9))
    frame.locator(".builder-item").nth(8).wait_for()
    frame.locator(".upload-progress li.done").nth(8).wait_for()
    screenshot(page, "medien-bilderstrecke-dialog.png")
    count.click(frame.locator("input[name=_insert]"))

    page.locator("dialog.media-dialog").wait_for(state="hidden")
    seconds = time.monotonic() - started
    gallery = Gallery.objects.get()
    # A block in the editor at the cursor, showing the real gallery; a code line in the form.
    card = page.locator(f".nd-embed-card[data-slug='{gallery.slug}']")
    expect(card).to_contain_text("9 Bilder")
    expect(card.locator("img")).to_have_count(1)
    expect(page.locator(".nd-editor-content > *").nth(1)).to_have_class(re.compile("nd-embed-card"))
    body = body_markdown(page)
    assert body == f"Erster Absatz.\n\n[[gallery:{gallery.slug}]]\n\nZweiter Absatz."
    assert gallery.slug == "ces-2027-die-highlights"
    images = list(gallery.ordered_images())
    assert [image.title for image in images] == [f"Messe {n:02d}.jpg" for n in range(1, 10)]
    assert {image.credit for image in images} == {"Foto: Anna Beispiel"}
    assert gallery.cover == images[0]
    assert (count.clicks, count.file_dialogs, count.fields) == (3, 1, 1)
    print(
        f"\n9-image gallery into the article: {count.clicks} clicks, "
        f"{count.file_dialogs} file dialog, {count.fields} field, {seconds:.1f} s scripted"
    )


def test_bad_files_get_a_message_each_and_the_good_ones_are_kept(editor_page, tmp_path):
    page = editor_page
    good = pictures(tmp_path, 2)
    bad = tmp_path / "notiz.jpg"
    bad.write_text("kein Bild")
    page.get_by_role("button", name="Bilderstrecke hochladen").click()
    frame = page.frame_locator("dialog.media-dialog iframe")
    frame.locator("#id_title").fill("Gemischt")
    with page.expect_file_chooser() as chooser:
        frame.get_by_text("Bilder auswählen").click()
    chooser.value.set_files([good[0], str(bad), good[1]])
    failed = frame.locator(".upload-progress li.failed")
    failed.wait_for()
    assert "notiz.jpg" in failed.inner_text()
    assert "kein Bild im Format JPEG" in failed.inner_text()
    frame.locator(".upload-progress li.done").nth(1).wait_for()
    assert frame.locator(".builder-item").count() == 2
    assert Image.objects.count() == 2

    # Keyboard: the second picture moves up with Alt+ArrowUp.
    second = frame.locator(".builder-item").nth(1)
    second.focus()
    second.press("Alt+ArrowUp")
    names = frame.locator(".builder-item .builder-name").all_inner_texts()
    assert names == ["Messe 02.jpg", "Messe 01.jpg"]
    frame.locator("input[name^=caption-]").first.fill("Der Stand von oben")
    # A credit typed after the upload still reaches every row with one click.
    frame.locator("#id_credit_all").fill("Foto: Nachgetragen")
    frame.locator(".apply-all[data-field=credit]").click()
    frame.locator("input[name=_insert]").click()
    page.locator("dialog.media-dialog").wait_for(state="hidden")
    gallery = Gallery.objects.get()
    assert [i.title for i in gallery.ordered_images()] == ["Messe 02.jpg", "Messe 01.jpg"]
    assert gallery.ordered_images()[0].caption == "Der Stand von oben"
    assert {i.credit for i in gallery.ordered_images()} == {"Foto: Nachgetragen"}
    assert body_markdown(page) == f"[[gallery:{gallery.slug}]]"


def test_a_video_and_a_library_gallery_land_at_the_cursor(editor_page, live_server):
    page = editor_page
    # Made before the page starts autosaving: the in-memory SQLite test database is locked
    # while the live server writes an autosave, so the test writes nothing once typing began.
    gallery = Gallery.objects.create(title="Archiv", slug="archiv")
    write_body(page, "Absatz eins.", len("Absatz eins.") + 1)
    page.get_by_role("button", name="Video einfügen").click()
    frame = page.frame_locator("dialog.media-dialog iframe")
    frame.locator("#id_url").fill("https://youtu.be/dQw4w9WgXcQ")
    frame.locator("#id_title").fill("Vision Pro im Test")
    frame.locator("input[name=_insert]").click()
    page.locator("dialog.media-dialog").wait_for(state="hidden")
    assert Video.objects.get().provider_id == "dQw4w9WgXcQ"
    assert body_markdown(page) == "Absatz eins.\n\n[[video:vision-pro-im-test]]"
    # Focus is back in the editor, below the block: typing goes on there.
    page.keyboard.type("Absatz zwei.")
    page.locator(".nd-editor-content").blur()
    assert body_markdown(page) == ("Absatz eins.\n\n[[video:vision-pro-im-test]]\n\nAbsatz zwei.")

    page.get_by_role("button", name="Aus der Mediathek").click()
    frame = page.frame_locator("dialog.media-dialog iframe")
    frame.locator("#media-q").fill("Archiv")
    # The search loads a new page into the dialog; an "Einfügen" clicked on the old one while it
    # goes is lost (CI saw the dialog stay open).
    with page.expect_event("framenavigated", predicate=lambda f: "q=Archiv" in f.url):
        frame.locator("#media-q").press("Enter")
    screenshot(page, "medien-mediathek-dialog.png")
    frame.get_by_role("link", name="Einfügen").first.click()
    page.locator("dialog.media-dialog").wait_for(state="hidden")
    assert body_markdown(page) == (
        f"Absatz eins.\n\n[[video:vision-pro-im-test]]\n\nAbsatz zwei.\n\n"
        f"[[gallery:{gallery.slug}]]"
    )


def test_a_click_on_the_picture_sets_the_focal_point(editor_page, live_server):
    page = editor_page
    # A wide street scene whose subject (the light square) stands far right.
    picture = PILImage.new("RGB", (1600, 900), "#34495e")
    picture.paste((236, 240, 241), (1150, 150, 1450, 450))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    upload = SimpleUploadedFile("strasse.jpg", buffer.getvalue(), content_type="image/jpeg")
    image = create_image(upload, title="Straßenszene", credit="Foto: Test")
    page.goto(f"{live_server.url}/newsroom/medien/bild/{image.pk}/")
    picker = page.locator(".focal-picker input[type=image]")
    box = picker.bounding_box()
    picker.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.3})  # the square
    page.wait_for_selector(".messagelist")
    image.refresh_from_db()
    assert abs(image.focal_x - 0.8) < 0.02 and abs(image.focal_y - 0.3) < 0.02
    # The new page places the marker once its script has run (the message comes before that).
    page.wait_for_function("() => document.querySelector('.focal-marker').style.left !== ''")
    marker = page.locator(".focal-marker").evaluate("m => m.style.left")
    assert re.match(r"8\d(\.\d+)?%|79\.\d+%", marker)
    page.locator(".crop-previews img").last.scroll_into_view_if_needed()
    screenshot(page, "medien-bildmitte.png")


def test_files_dropped_on_the_page_upload_and_rows_reorder_by_drag(editor_page, live_server):
    page = editor_page
    page.goto(live_server.url + "/newsroom/medien/bilderstrecke/neu/")
    # What the browser hands over when files are dropped from the desktop.
    page.locator("#media-dropzone").evaluate(
        """async zone => {
            const transfer = new DataTransfer();
            for (const [name, colour] of [["a.png", "red"], ["b.png", "blue"]]) {
                const canvas = new OffscreenCanvas(400, 300);
                const context = canvas.getContext("2d");
                context.fillStyle = colour;
                context.fillRect(0, 0, 400, 300);
                const blob = await canvas.convertToBlob({type: "image/png"});
                transfer.items.add(new File([blob], name, {type: "image/png"}));
            }
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
        }"""
    )
    page.locator(".upload-progress li.done").nth(1).wait_for()
    rows = page.locator(".builder-item")
    assert rows.locator(".builder-name").all_inner_texts() == ["a.png", "b.png"]
    rows.nth(1).drag_to(rows.nth(0), target_position={"x": 10, "y": 5})
    assert rows.locator(".builder-name").all_inner_texts() == ["b.png", "a.png"]
    page.fill("#id_title", "Gezogen")
    page.locator("input[name=_save]").click()
    page.wait_for_selector(".messagelist")
    gallery = Gallery.objects.get()
    assert [i.title for i in gallery.ordered_images()] == ["b.png", "a.png"]


def test_the_galleries_cover_becomes_the_lead_image_when_ticked(editor_page, tmp_path):
    page = editor_page
    page.fill("#id_headline", "Messe-Rundgang")
    page.get_by_role("button", name="Bilderstrecke hochladen").click()
    frame = page.frame_locator("dialog.media-dialog iframe")
    frame.locator("#id_credit_all").fill("Foto: Anna Beispiel")
    with page.expect_file_chooser() as chooser:
        frame.get_by_text("Bilder auswählen").click()
    chooser.value.set_files(pictures(tmp_path, 2))
    frame.locator(".upload-progress li.done").nth(1).wait_for()
    frame.get_by_label("Titelbild auch als Aufmacherbild des Artikels").check()
    frame.locator("input[name=_insert]").click()
    page.locator("dialog.media-dialog").wait_for(state="hidden")
    cover = Gallery.objects.get().cover_image()
    assert page.input_value("#id_lead_image") == str(cover.pk)
    expect(page.locator(".field-lead_image .select2-selection__rendered")).to_contain_text(
        "Messe 01.jpg"
    )
