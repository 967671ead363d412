"""Autosave, restore, presence and merging of the article form in a real browser."""

import os
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.core.testing.browser import chromium_path, launch_chromium
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "Erster Absatz.\n\nZweiter Absatz.\n\nDritter Absatz."
# Screenshots for people to look at, when NEWSDESK_SHOTS names a directory.
SHOTS = os.environ.get("NEWSDESK_SHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def browser(monkeypatch):
    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed (make test installs it as root)")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def editor_context(browser, live_server, username: str, password: str | None = None):
    """A browser context logged in as a new Redaktion account ``username``."""
    user = newsroom_user(EDITOR, username)
    user.first_name = username.capitalize()
    if password:
        user.set_password(password)
    user.save()
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="de-DE")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


def open_form(context, live_server, article):
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    page.wait_for_function("() => document.querySelector('#id_body')?.bodyEditor")
    return page


def write_body(page, text: str) -> None:
    """Replace the body in the rich editor, announced to the form as typing is."""
    page.evaluate(
        """text => {
            const area = document.querySelector('#id_body');
            area.bodyEditor.setMarkdown(text);
            area.dispatchEvent(new Event('input', {bubbles: true}));
        }""",
        text,
    )


def body_shown(page) -> str:
    """The body as the rich editor shows it (not the hidden textarea behind it)."""
    # The editor ends its Markdown with a newline; the saved body is stripped of it.
    shown = page.evaluate("() => document.querySelector('#id_body').bodyEditor.getMarkdown()")
    return shown.rstrip("\n")


def save(page) -> None:
    page.click("input[name=_continue]")
    page.wait_for_load_state("load")


def test_typed_text_is_offered_again_after_the_page_was_closed(browser, live_server):
    article = ArticleFactory(status=Article.Status.DRAFT, body=BODY)
    context = editor_context(browser, live_server, "rita")
    page = open_form(context, live_server, article)
    typed = BODY + "\n\nEin vierter Absatz, getippt und nie gesichert."
    page.click(".ProseMirror")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Ein vierter Absatz, getippt und nie gesichert.")
    # "saved" only once the newest keystroke is stored: the status showed "Automatisch
    # gesichert" after the first keystroke's save, while the last ones were still on their way.
    page.wait_for_selector("#collab-status[data-state='saved']", timeout=5000)
    page.close()

    page = open_form(context, live_server, article)
    page.wait_for_selector("#collab-restore:visible")
    assert "Ungesicherte Änderungen vom" in page.inner_text("#collab-restore")
    assert body_shown(page) == BODY
    shot(page, "autosave-restore-offered")
    page.click("#collab-restore-yes")
    assert body_shown(page) == typed
    shot(page, "autosave-restored")

    # Leaving with unsaved changes asks first.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.close(run_before_unload=True)
    page.wait_for_event("close") if not page.is_closed() else None
    assert dialogs == ["beforeunload"]

    # Saving removes the working copy: nothing is offered any more.
    page = open_form(context, live_server, article)
    page.click("#collab-restore-yes")
    save(page)
    article.refresh_from_db()
    assert article.body == typed
    page = open_form(context, live_server, article)
    page.wait_for_timeout(300)
    assert page.is_hidden("#collab-restore")
    context.close()


def test_a_slow_save_says_so_until_the_newest_change_is_stored(browser, live_server):
    """A server that takes its time: the editor reads "Wird gesichert …", not the last success."""
    article = ArticleFactory(status=Article.Status.DRAFT, body=BODY)
    context = editor_context(browser, live_server, "rita")
    page = open_form(context, live_server, article)
    write_body(page, BODY + "\n\nErste Ergänzung.")
    page.wait_for_selector("#collab-status[data-state='saved']")
    assert "Automatisch gesichert" in page.inner_text("#collab-status")

    held = []
    page.route("**/newsroom/arbeitskopie/", lambda route: held.append(route))
    typed = BODY + "\n\nErste Ergänzung.\n\nZweite Ergänzung, der Server antwortet langsam."
    write_body(page, typed)
    assert page.get_attribute("#collab-status", "data-state") == "pending"
    page.wait_for_selector("#collab-status:has-text('Wird gesichert')", timeout=5000)
    shot(page, "autosave-slow")

    for route in held:
        route.continue_()
    page.unroute("**/newsroom/arbeitskopie/")
    page.wait_for_selector("#collab-status[data-state='saved']")
    assert "Automatisch gesichert" in page.inner_text("#collab-status")
    page.close()
    page = open_form(context, live_server, article)
    page.wait_for_selector("#collab-restore:visible")
    page.click("#collab-restore-yes")
    assert body_shown(page) == typed
    context.close()


def test_two_editors_see_each_other_and_their_paragraphs_merge(browser, live_server):
    article = ArticleFactory(status=Article.Status.DRAFT, body=BODY)
    anna = open_form(editor_context(browser, live_server, "anna"), live_server, article)
    bert = open_form(editor_context(browser, live_server, "bert"), live_server, article)
    bert.wait_for_selector("#collab-presence:has-text('Auch geöffnet von: Anna')", timeout=5000)
    anna.wait_for_selector("#collab-presence:has-text('Auch geöffnet von: Bert')", timeout=5000)
    shot(bert, "presence")

    write_body(anna, BODY.replace("Erster Absatz.", "Erster Absatz, von Anna."))
    save(anna)
    write_body(bert, BODY.replace("Dritter Absatz.", "Dritter Absatz, von Bert."))
    save(bert)
    assert "zusammengeführt" in bert.inner_text("#content-main, .messagelist, body")
    article.refresh_from_db()
    assert article.body == (
        "Erster Absatz, von Anna.\n\nZweiter Absatz.\n\nDritter Absatz, von Bert."
    )
    assert body_shown(bert) == article.body


def test_same_paragraph_shows_both_versions_and_overwrites_nothing(browser, live_server):
    article = ArticleFactory(status=Article.Status.DRAFT, body=BODY)
    anna = open_form(editor_context(browser, live_server, "anna"), live_server, article)
    bert = open_form(editor_context(browser, live_server, "bert"), live_server, article)
    write_body(anna, BODY.replace("Zweiter Absatz.", "Zweiter Absatz, größerer Umbau."))
    save(anna)
    write_body(bert, BODY.replace("Zweiter Absatz.", "Zweiter Absatz, kleiner Umbau."))
    save(bert)
    merge = bert.locator("#merge-body")
    merge.wait_for()
    assert "größerer Umbau" in merge.inner_text() and "kleiner Umbau" in merge.inner_text()
    shot(bert, "conflict-same-paragraph")

    # "Sichern" again without a decision: nothing is overwritten.
    bert.click("input[name=_continue]")
    bert.wait_for_timeout(500)
    article.refresh_from_db()
    assert "größerer Umbau" in article.body and "kleiner Umbau" not in article.body

    bert.locator("#merge-body label:has-text('Beide behalten')").click()
    save(bert)
    article.refresh_from_db()
    assert article.body == (
        "Erster Absatz.\n\nZweiter Absatz, größerer Umbau.\n\nZweiter Absatz, kleiner Umbau."
        "\n\nDritter Absatz."
    )


def test_save_after_the_session_ended_keeps_the_text_through_the_login(browser, live_server):
    article = ArticleFactory(status=Article.Status.DRAFT, body=BODY)
    context = editor_context(browser, live_server, "rita", "ein-passwort-2026")
    page = open_form(context, live_server, article)
    typed = BODY + "\n\nGeschrieben, während die Sitzung ablief."
    write_body(page, typed)
    context.clear_cookies(name="sessionid")  # the session ends (or another tab logged out)

    page.click("input[name=_continue]")
    page.wait_for_selector("#id_username")
    assert "Ihr Text ist sicher" in page.inner_text("body")
    shot(page, "expired-session-login")
    page.fill("#id_username", "rita")
    page.fill("#id_password", "ein-passwort-2026")
    page.click("input[type=submit]")
    page.wait_for_selector("#collab-restore-done:visible")
    assert body_shown(page) == typed
    shot(page, "expired-session-restored")
    save(page)
    article.refresh_from_db()
    assert article.body == typed


def test_without_any_cookie_the_text_is_kept_in_the_browser(browser, live_server):
    """All cookies gone: the server refuses every post (CSRF), the browser keeps the text."""
    article = ArticleFactory(status=Article.Status.DRAFT, body=BODY)
    context = editor_context(browser, live_server, "rita")
    session = next(c for c in context.cookies() if c["name"] == "sessionid")
    page = open_form(context, live_server, article)
    typed = BODY + "\n\nGetippt, nachdem alle Cookies gelöscht wurden."
    context.clear_cookies()
    write_body(page, typed)
    page.wait_for_selector("#collab-status:has-text('in diesem Browser gesichert')")
    page.click("input[name=_continue]")
    page.wait_for_load_state("load")
    assert page.query_selector("#id_body") is None  # the 403 page of a refused CSRF token

    context.add_cookies([session])  # logged in again
    page = open_form(context, live_server, article)
    page.wait_for_selector("#collab-restore:visible")
    assert "(in diesem Browser)" in page.inner_text("#collab-restore")
    page.click("#collab-restore-yes")
    assert body_shown(page) == typed
    page.wait_for_selector("#collab-status:has-text('Automatisch gesichert')")
    save(page)
    article.refresh_from_db()
    assert article.body == typed
