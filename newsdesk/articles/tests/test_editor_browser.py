"""The body editor in headless Debian Chromium: writing, embedding, pasting, saving."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from newsdesk.articles.models import Article
from newsdesk.demo.loader import build_showcase
from newsdesk.galleries.tests.factories import GalleryFactory

from .factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head><style>p.MsoNormal{margin:0}</style></head>
<body lang=DE><!--StartFragment-->
<h1 class=MsoTitle>Pressemitteilung</h1>
<p class=MsoNormal>Mehr bei <a href="https://lumio.example/presse?utm_source=newsletter&amp;id=7"
style='color:blue'><span style='font-family:Calibri'>Lumio</span></a> und <span
style='font-weight:bold'>fett</span>.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><span
style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span>Akku<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><span
style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;
</span></span>Display<o:p></o:p></p>
<table class=MsoTableGrid border=1><tr><td><p class=MsoNormal><b>Modell</b></p></td>
<td><p class=MsoNormal><b>Preis</b></p></td></tr><tr><td>X3</td><td>649 Euro</td></tr></table>
<script>alert(1)</script><!--EndFragment--></body></html>"""

GOOGLE_DOCS_HTML = """<meta charset="utf-8"><b style="font-weight:normal;"
id="docs-internal-guid-1a2b"><h2 dir="ltr"><span style="font-size:16pt;font-weight:400">Im
Test</span></h2><p dir="ltr"><span style="font-weight:700">Fazit</span><span> mit </span><a
href="https://www.google.com/url?q=https://example.org/test&amp;sa=D"><span
style="color:#1155cc">Quelle</span></a></p><ul><li dir="ltr"><p dir="ltr"><span>eins</span></p>
</li><li dir="ltr"><p dir="ltr"><span>zwei</span></p></li></ul></b>"""

LIBREOFFICE_HTML = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN"><html><head>
<meta http-equiv="content-type" content="text/html; charset=utf-8"/><title></title>
<meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/><style type="text/css">
p { line-height: 115%; margin-bottom: 0.25cm } h2.western { font-family: "Liberation Sans" }
</style></head><body lang="de-DE" link="#000080" vlink="#800000" dir="ltr">
<h2 class="western">Technische Daten</h2>
<p style="line-height: 100%; margin-bottom: 0cm">Laut <a href="https://lumio.example/daten">
<font color="#000080">Hersteller</font></a> gilt <i>vorerst</i>:</p>
<ol><li><p style="margin-bottom: 0cm">Akku</p></li><li><p>Display</p></li></ol>
<table width="100%" cellpadding="4" cellspacing="0"><col width="128*"/><col width="128*"/>
<tr valign="top"><td style="border: 1px solid #000000; padding: 0.1cm"><p>Modell</p></td>
<td style="border: 1px solid #000000"><p>Preis</p></td></tr><tr valign="top"><td><p>X3</p></td>
<td><p>649 Euro</p></td></tr></table></body></html>"""


def log_in(page, live_server, django_user_model, next_url: str) -> None:
    django_user_model.objects.create_superuser("chef", "chef@example.org", "ein-passwort-2026")
    page.goto(f"{live_server.url}/newsroom/login/?next={next_url}")
    page.fill("#id_username", "chef")
    page.fill("#id_password", "ein-passwort-2026")
    page.click("input[type=submit]")
    page.wait_for_selector(".nd-editor-content")


def paste_html(page, html: str) -> None:
    page.evaluate(
        """html => {
            const target = document.querySelector('.nd-editor-content');
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', 'Nur Text');
            target.dispatchEvent(new ClipboardEvent('paste', {
                clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        html,
    )


def markdown(page) -> str:
    return page.evaluate("document.querySelector('#id_body').bodyEditor.getMarkdown()")


def test_write_heading_link_list_and_gallery_then_readers_see_them(
    live_server, browser_page, django_user_model, tmp_path
):
    article = ArticleFactory(body="Alter Text.\n")
    gallery = GalleryFactory(title="Aurora X3 in Bildern", slug="aurora-x3-bilder", image_count=3)
    GalleryFactory(title="Etwas anderes", slug="etwas-anderes")
    page = browser_page.page
    log_in(page, live_server, django_user_model, f"/newsroom/articles/article/{article.pk}/change/")
    # Without JavaScript this is the textarea; with it, the textarea is hidden behind the editor.
    assert page.locator("#id_body").is_hidden()

    editor = page.locator(".nd-editor-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Lumio zeigt das Aurora X3 am Dienstag.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Zwischentitel").click()
    page.keyboard.type("Was bekannt ist")
    page.keyboard.press("Enter")
    page.keyboard.type("Mehr im Pressetext")
    for _ in range("Pressetext".__len__()):
        page.keyboard.press("Shift+ArrowLeft")
    page.keyboard.press("Control+k")
    page.get_by_label("Adresse (URL)").fill("https://lumio.example/presse")
    page.keyboard.press("Enter")
    expect(editor).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("- Akku mit 4.300 mAh")
    page.keyboard.press("Enter")
    page.keyboard.type("Display mit 6,1 Zoll")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")

    # A gallery from the picker, inserted at the cursor and shown as a card.
    page.get_by_role("button", name="Bilderstrecke", exact=True).click()
    page.get_by_label("Bilderstrecke suchen").fill("Aurora")
    choice = page.locator(".nd-picker-item", has_text="Aurora X3 in Bildern")
    expect(page.locator(".nd-picker-item")).to_have_count(1)
    choice.click()
    card = page.locator(".nd-embed-card[data-slug='aurora-x3-bilder']")
    card.wait_for()
    expect(card.locator(".nd-embed-title")).to_have_text("Aurora X3 in Bildern")
    assert "3 Bilder" in card.inner_text()
    page.keyboard.type("Schlusssatz nach der Bilderstrecke.")
    page.wait_for_timeout(400)
    assert re.search(
        r"\d+ Wörter · 1 Min\. Lesezeit", page.locator(".nd-editor-count").inner_text()
    )

    shot = os.environ.get("NEWSDESK_EDITOR_SCREENSHOT") or str(tmp_path / "editor.png")
    page.locator(".nd-editor").screenshot(path=shot)

    page.get_by_role("button", name="Sichern und weiter bearbeiten").first.click()
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.body == (
        "Lumio zeigt das Aurora X3 am Dienstag.\n\n"
        "## Was bekannt ist\n\n"
        "Mehr im [Pressetext](https://lumio.example/presse)\n\n"
        "- Akku mit 4.300 mAh\n- Display mit 6,1 Zoll\n\n"
        f"[[gallery:{gallery.slug}]]\n\n"
        "Schlusssatz nach der Bilderstrecke."  # the form strips the final line break
    )
    # The reopened form shows the same document.
    page.wait_for_selector(".nd-embed-card[data-slug='aurora-x3-bilder']")
    assert markdown(page) == article.body + "\n"

    page.goto(live_server.url + article.get_absolute_url())
    body = page.locator(".article-body")
    assert body.locator("h2", has_text="Was bekannt ist").is_visible()
    assert body.locator("a", has_text="Pressetext").get_attribute("href") == (
        "https://lumio.example/presse"
    )
    assert body.locator("li").count() == 2
    assert page.locator(".embed-gallery").is_visible()
    assert browser_page.foreign_requests == []


def test_paste_from_word_and_google_docs_keeps_links_lists_headings_and_tables(
    live_server, browser_page, django_user_model
):
    article = ArticleFactory(body="")
    page = browser_page.page
    log_in(page, live_server, django_user_model, f"/newsroom/articles/article/{article.pk}/change/")
    page.locator(".nd-editor-content").click()
    paste_html(page, WORD_HTML)
    text = markdown(page)
    assert "## Pressemitteilung" in text
    assert "[Lumio](https://lumio.example/presse?id=7)" in text  # tracking parameter dropped
    assert "**fett**" in text
    assert "- Akku\n- Display" in text
    assert "| **Modell** | **Preis** |\n| --- | --- |\n| X3 | 649 Euro |" in text
    assert "alert" not in text and "Mso" not in text and "style" not in text

    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    paste_html(page, GOOGLE_DOCS_HTML)
    text = markdown(page)
    assert text.startswith("## Im Test\n\n**Fazit** mit [Quelle](https://example.org/test)")
    assert "- eins\n- zwei" in text

    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    paste_html(page, LIBREOFFICE_HTML)
    text = markdown(page)
    assert text.startswith("## Technische Daten\n\nLaut [Hersteller](https://lumio.example/daten)")
    assert "*vorerst*" in text
    assert "1. Akku\n2. Display" in text
    assert "| Modell | Preis |\n| --- | --- |\n| X3 | 649 Euro |" in text


def test_toolbar_and_embeds_work_by_keyboard(live_server, browser_page, django_user_model):
    article = ArticleFactory(body="Erster Absatz.\n\n[[gallery:aurora]]\n\nLetzter Absatz.\n")
    GalleryFactory(title="Aurora", slug="aurora", image_count=1)
    page = browser_page.page
    log_in(page, live_server, django_user_model, f"/newsroom/articles/article/{article.pk}/change/")
    page.locator(".nd-editor-content p", has_text="Erster").click()
    page.keyboard.press("Alt+F10")
    assert page.evaluate("document.activeElement.dataset.tool") == "Absatz"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # Zwischentitel
    assert markdown(page).startswith("## Erster Absatz.")
    # The card's own buttons move it, and so do Alt+arrow keys on the selected card.
    page.get_by_role("button", name="Bilderstrecke nach oben schieben").click()
    assert markdown(page).startswith("[[gallery:aurora]]\n\n## Erster Absatz.")
    page.keyboard.press("Alt+ArrowDown")
    page.keyboard.press("Alt+ArrowDown")
    assert markdown(page) == "## Erster Absatz.\n\nLetzter Absatz.\n\n[[gallery:aurora]]\n"


def test_german_typography_as_you_type_can_be_switched_off(
    live_server, browser_page, django_user_model
):
    article = ArticleFactory(body="Absatz.\n")
    page = browser_page.page
    log_in(page, live_server, django_user_model, f"/newsroom/articles/article/{article.pk}/change/")
    page.locator(".nd-editor-content p").click()
    page.keyboard.press("End")
    page.keyboard.type(' Er sagt "gut" - und 5 GB reichen...')
    assert markdown(page) == "Absatz. Er sagt \u201egut\u201c \u2013 und 5\u00a0GB reichen\u2026\n"

    switch = page.get_by_role("button", name="Typografie")
    assert switch.get_attribute("aria-pressed") == "true"
    switch.click()
    assert switch.get_attribute("aria-pressed") == "false"
    page.keyboard.type(' "roh"')
    assert markdown(page).endswith('reichen\u2026 "roh"\n')


def test_showcase_article_opens_with_a_card_per_embed_and_saves_unchanged(
    live_server, browser_page, django_user_model
):
    article = build_showcase()
    body = article.body
    page = browser_page.page
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server, django_user_model, f"/newsroom/articles/article/{article.pk}/change/")
    for kind, title in [
        ("gallery", "Bilderstrecke"),
        ("video", "Video"),
        ("product", "Produkt"),
        ("article", "Artikel"),
    ]:
        card = page.locator(f".nd-embed-card[data-kind='{kind}']")
        expect(card.locator(".nd-embed-state")).to_have_text("veröffentlicht")
        assert card.locator(".nd-embed-kind").inner_text().lower() == title.lower()
    expect(page.locator(".nd-embed-card[data-kind='product']")).to_contain_text("Werbung")
    if os.environ.get("NEWSDESK_EDITOR_FORM_SCREENSHOT"):
        page.screenshot(path=os.environ["NEWSDESK_EDITOR_FORM_SCREENSHOT"], full_page=True)
    # Opened and saved without a change: the stored text stays the same byte for byte (but for
    # the final line break, which Django's form field strips from any textarea).
    page.get_by_role("button", name="Sichern und weiter bearbeiten").first.click()
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.body == body.rstrip("\n")
    assert browser_page.foreign_requests == []
    assert errors == []  # no script error, no Content-Security-Policy violation


def test_a_missing_embed_between_paragraphs_blocks_publishing_from_the_editor(
    live_server, browser_page, django_user_model
):
    """Browsers post a textarea with CRLF line ends; the publication check must still find an
    embed code in the middle of the body, as readers would get it, not only on the last line."""
    body = (
        "Erster Absatz.\r\n\r\n[[gallery:gibt-es-nicht]]\r\n\r\n"
        "[[article:auch-nicht]]\r\n\r\nLetzter Absatz.\r\n"
    )
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, body=body)
    page = browser_page.page
    log_in(page, live_server, django_user_model, f"/newsroom/articles/article/{article.pk}/change/")
    editor = page.locator(".nd-editor-content")
    expect(page.locator(".nd-embed-card[data-slug='gibt-es-nicht']")).to_contain_text(
        "nicht gefunden"
    )
    # A change in the last paragraph, so the form posts what the editor wrote.
    editor.locator("p").last.click()
    page.keyboard.press("End")
    page.keyboard.type(" Nachtrag.")
    assert markdown(page).count("\n") >= 6
    with page.expect_navigation():
        page.locator("input[name=_publish]").first.click()
    errors = " ".join(page.locator(".errornote, .errorlist").all_inner_texts())
    assert "„gibt-es-nicht“ gibt es nicht" in errors
    assert "„auch-nicht“ gibt es nicht" in errors
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    # The refused form keeps what was typed.
    assert "Letzter Absatz. Nachtrag." in markdown(page)


def test_the_editor_page_writes_no_warning_or_error_to_the_console(
    live_server, browser_page, django_user_model
):
    article = ArticleFactory(body="Mehr bei https://lumio.example/presse und [[gallery:x]].\n")
    page = browser_page.page
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(f"{message.type}: {message.text}")
            if message.type in ("warning", "error")
            else None
        ),
    )
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    log_in(page, live_server, django_user_model, f"/newsroom/articles/article/{article.pk}/change/")
    # Typing a link makes linkify (autolink) run; it warned "already initialized" before.
    page.locator(".nd-editor-content p").last.click()
    page.keyboard.press("End")
    page.keyboard.type(" Siehe www.example.org ")
    page.wait_for_timeout(400)
    assert messages == []
