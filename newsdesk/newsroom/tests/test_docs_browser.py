"""The pictures of docs/newsroom.md, taken from the real newsroom in headless Chromium.

``make screenshot`` runs this with ``NEWSDESK_SCREENSHOT_DIR=docs/newsroom``; otherwise the
pictures go to a temporary folder and the test only checks that every screen shows what the
guide describes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory
from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.newsroom.groups import EDITOR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-passwort-2026"
BODY = """Lumio hat das Aurora X3 im März vorgestellt, wir hatten es zwei Wochen im Alltag.

## Display und Kamera

Das OLED-Display leuchtet hell genug für die pralle Sonne.

[[gallery:aurora-x3-bilder]]

## Akku und Preis

Der Akku hält gut anderthalb Tage durch.

[[product:aurora-x3]]

Quelle: Lumio, eigene Messungen
"""


def shoot(page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / name), full_page=False)


def test_the_guides_screens(live_server, browser_page, django_user_model, tmp_path):
    folder = Path(os.environ.get("NEWSDESK_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    user = django_user_model.objects.create_user("rita", password=PASSWORD, is_staff=True)
    user.first_name, user.last_name = "Rita", "Redakteurin"
    user.save()
    user.groups.add(Group.objects.get(name=EDITOR))
    AuthorFactory(name="Rita Redakteurin", user=user)
    GalleryFactory(title="Aurora X3 in Bildern", slug="aurora-x3-bilder", image_count=4)
    product = ProductFactory(name="Aurora X3", slug="aurora-x3", maker="Lumio")
    OfferFactory(product=product)
    ArticleFactory(headline="Pixel 10 im Test", status=Article.Status.IN_REVIEW)
    ArticleFactory(headline="Galaxy S26: alle Gerüchte", status=Article.Status.IN_REVIEW)
    article = ArticleFactory(
        headline="Lumio Aurora X3 im Test",
        slug="lumio-aurora-x3-im-test",
        teaser="Das Aurora X3 kostet 899 Euro. Wir haben es zwei Wochen ausprobiert.",
        body=BODY,
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=user,
    )

    page = browser_page.page
    page.goto(live_server.url + "/newsroom/login/?next=/newsroom/")
    page.fill("#id_username", "rita")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector(".desk-start")
    expect(page.locator("#desk-review-count")).to_have_text("2")
    shoot(page, folder, "startseite.png")

    page.goto(f"{live_server.url}/newsroom/articles/article/{article.pk}/change/")
    page.wait_for_selector(".nd-editor-content")
    expect(page.locator(".nd-embed-card[data-kind=gallery]")).to_contain_text("4 Bilder")
    expect(page.locator(".nd-embed-card[data-kind=product]")).to_contain_text("Werbung")
    page.locator(".nd-editor-content h2").first.scroll_into_view_if_needed()
    page.locator(".nd-toolbar").scroll_into_view_if_needed()
    shoot(page, folder, "editor.png")

    page.locator(".nd-editor-content p").last.click()
    page.get_by_role("button", name="Produkt", exact=True).click()
    page.get_by_label("Produkt suchen").fill("Aurora")
    expect(page.locator(".nd-picker-item")).to_have_count(1)
    shoot(page, folder, "einbetten.png")
    page.locator("dialog.nd-dialog[open]").get_by_role("button", name="Abbrechen").click()

    page.get_by_role("button", name="Bilderstrecke hochladen").click()
    frame = page.frame_locator("dialog.media-dialog iframe")
    expect(frame.locator("#id_title")).to_have_value("Lumio Aurora X3 im Test")
    shoot(page, folder, "bilderstrecke-hochladen.png")
    page.get_by_role("button", name="Schließen").click()

    page.locator(".submit-row").last.scroll_into_view_if_needed()
    expect(page.locator("input[name=_publish]").last).to_be_visible()
    shoot(page, folder, "veroeffentlichen.png")
    assert not browser_page.foreign_requests
