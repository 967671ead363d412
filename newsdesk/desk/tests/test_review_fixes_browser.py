"""Small defects of the last editor review, each as the editor met it, in a real browser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.galleries.tests.factories import ImageFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.models import WorkingCopy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-passwort-2026"


def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("NEWSDESK_REVIEW_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sign_in(page, live_server, django_user_model, username="rita"):
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    page.goto(live_server.url + "/newsroom/login/?next=/newsroom/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector(".desk-start")
    return user


def test_preview_banner_leaves_the_news_label_readable(
    live_server, browser_page, django_user_model, tmp_path
):
    sign_in(browser_page.page, live_server, django_user_model)
    article = ArticleFactory(
        headline="Aurora X3 im Test", status=Article.Status.DRAFT, published_at=None
    )
    page = browser_page.page
    page.goto(f"{live_server.url}/newsroom/articles/article/{article.pk}/vorschau/")
    kicker = page.locator(".kicker").first
    expect(kicker).to_contain_text("News")
    banner = page.locator(".preview-banner").bounding_box()
    label = kicker.bounding_box()
    assert banner["y"] + banner["height"] <= label["y"], (banner, label)
    # Scrolled so that the label is at the top of the window, as after reading down and back
    # up: what is at the label's place is the label, not the banner over it.
    hit = page.evaluate(
        """() => {
            const kicker = document.querySelector('.kicker');
            const top = kicker.getBoundingClientRect().top + window.scrollY;
            window.scrollTo({top: top, behavior: 'instant'});
            const box = kicker.querySelector('a').getBoundingClientRect();
            const found = document.elementFromPoint(box.left + 3, box.top + box.height / 2);
            return found !== null && found.closest('.kicker') !== null;
        }"""
    )
    page.screenshot(path=str(shots(tmp_path) / "vorschau-kennzeichen.png"))
    assert hit, "the preview banner covers the article's kind label"
    assert not browser_page.foreign_requests


def test_restored_lead_image_shows_its_title_not_a_number(
    live_server, browser_page, django_user_model, tmp_path
):
    page = browser_page.page
    user = sign_in(page, live_server, django_user_model)
    image = ImageFactory(title="Aurora X3 von vorn", credit="Foto: Lumio")
    article = ArticleFactory(headline="Aurora X3 im Test", status=Article.Status.DRAFT)
    WorkingCopy.objects.create(
        user=user,
        article=article,
        base_version=article.version,
        data={"headline": ["Aurora X3 im Test"], "lead_image": [str(image.pk)]},
    )
    page.goto(f"{live_server.url}/newsroom/articles/article/{article.pk}/change/")
    page.click("#collab-restore-yes")
    rendered = page.locator("#select2-id_lead_image-container")
    expect(rendered).to_contain_text("Aurora X3 von vorn")
    assert f"#{image.pk}" not in rendered.inner_text()
    rendered.scroll_into_view_if_needed()
    page.screenshot(path=str(shots(tmp_path) / "wiederhergestelltes-bild.png"))
