"""The correction flow in a real browser: the Autorin proposes, the Redaktion sees the diff and
publishes, and the reader page changes only then.

With ``NEWSDESK_SCREENSHOT_DIR`` set (``make screenshot``) the pictures of docs/newsroom.md's
sections on corrections and notices are taken here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from newsdesk.articles import services
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory
from newsdesk.newsroom.groups import AUTHOR, EDITOR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-passwort-2026"
BODY = """Lumio hat das Aurora X3 im März vorgestellt.

## Akku

Der Akku fasst 4.000 mAh und hält anderthalb Tage durch."""


def account(django_user_model, username, role, first, last):
    user = django_user_model.objects.create_user(
        username,
        password=PASSWORD,
        is_staff=True,
        first_name=first,
        last_name=last,
        email=f"{username}@example.org",
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def sign_in(page, base, username):
    page.goto(base + "/newsroom/login/?next=/newsroom/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector(".desk-start")


def reader_sees(article) -> str:
    return Client().get(article.get_absolute_url()).content.decode()


def test_autorin_proposes_a_correction_and_the_redaktion_publishes_it(
    live_server, browser_page, django_user_model, tmp_path
):
    folder = Path(os.environ.get("NEWSDESK_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    anna = account(django_user_model, "anna", AUTHOR, "Anna", "Autorin")
    account(django_user_model, "rita", EDITOR, "Rita", "Redakteurin")
    profile = AuthorFactory(name="Anna Autorin", user=anna)
    article = ArticleFactory(
        headline="Lumio Aurora X3 im Test",
        teaser="Das Aurora X3 kostet 899 Euro.",
        body=BODY,
        authors=[profile],
        created_by=anna,
    )
    services.ensure_revision(article)
    page = browser_page.page
    base = live_server.url

    # The Autorin finds her published article on the start page and opens it in the editor.
    sign_in(page, base, "anna")
    page.click("#desk-my-published >> text=Lumio Aurora X3 im Test")
    page.wait_for_selector(".nd-editor-content")
    expect(page.locator("#desk-correction-notice")).to_contain_text("Korrekturvorschlag")
    expect(page.locator("input[name=_publish]")).to_have_count(0)
    paragraph = page.locator(".nd-editor-content p", has_text="4.000 mAh")
    paragraph.click()
    page.keyboard.press("End")
    page.keyboard.type(" Nachgemessen: Es sind 5.000 mAh.")
    page.fill("#id_correction_note", "In einer früheren Fassung stand eine falsche Akkugröße.")
    page.locator("#desk-correction-notice").scroll_into_view_if_needed()
    page.screenshot(path=str(folder / "korrektur-vorschlagen.png"))
    page.locator("input[name=_propose]").last.click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Ihre Korrektur ist bei der Redaktion", timeout=30000
    )

    # Readers still see the published version.
    assert "Nachgemessen" not in reader_sees(article)

    page.click("#logout-form button")
    # The Redaktion is told, on the start page and in the header.
    sign_in(page, base, "rita")
    expect(page.locator("#desk-notices")).to_contain_text(
        "Anna Autorin schlägt eine Korrektur für „Lumio Aurora X3 im Test“ vor."
    )
    expect(page.locator("#desk-notice-link")).to_contain_text("(1)")
    expect(page.locator("#desk-correction-count")).to_have_text("1")
    page.screenshot(path=str(folder / "mitteilungen.png"))
    page.click("#desk-notices >> text=schlägt eine Korrektur")

    # She sees the proposal as a diff against the live version and publishes it.
    page.wait_for_selector(".desk-diff")
    expect(page.locator(".desk-diff .diff-removed").first).to_contain_text("4.000 mAh")
    expect(page.locator(".desk-diff .diff-added").first).to_contain_text("5.000 mAh")
    page.screenshot(path=str(folder / "korrektur-pruefen.png"), full_page=True)
    expect(page.locator("#desk-notice-link")).not_to_contain_text("(")
    page.click("input[name=_publish]")
    expect(page.locator(".messagelist")).to_contain_text(
        "Die Korrektur ist veröffentlicht", timeout=30000
    )

    html = reader_sees(article)
    # The editor's German typography puts a non-breaking space before the unit.
    assert "Nachgemessen: Es sind 5.000&nbsp;mAh." in html
    assert "In einer früheren Fassung stand eine falsche Akkugröße." in html
    assert not browser_page.foreign_requests
