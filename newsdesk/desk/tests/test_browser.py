"""The start page in a real browser: what a Redaktion editor sees after signing in."""

import os
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_start_page_shows_review_queue_drafts_calendar_and_published(
    live_server, browser_page, django_user_model, tmp_path
):
    editor = django_user_model.objects.create_user("rita", password="ein-passwort-2026")
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Redaktion"))
    ArticleFactory(headline="Pixel 10 im Test", status=Article.Status.IN_REVIEW)
    ArticleFactory(headline="Galaxy S26: alle Gerüchte", status=Article.Status.IN_REVIEW)
    ArticleFactory(headline="Mein halber Text", status=Article.Status.DRAFT, created_by=editor)
    ArticleFactory(
        headline="iPhone-Event im Liveticker",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(days=2),
    )
    ArticleFactory(headline="Akkus richtig laden")

    page = browser_page.page
    page.goto(live_server.url + "/newsroom/login/?next=/newsroom/")
    page.fill("#id_username", "rita")
    page.fill("#id_password", "ein-passwort-2026")
    page.click("input[type=submit]")
    page.wait_for_selector(".desk-start")

    assert page.inner_text("#desk-review-count") == "2"
    assert "Pixel 10 im Test" in page.inner_text("#desk-review")
    assert "Mein halber Text" in page.inner_text("#desk-drafts")
    assert page.locator(".desk-day").count() == 14
    assert "iPhone-Event im Liveticker" in page.inner_text(".desk-busy")
    assert "Akkus richtig laden" in page.inner_text("#desk-published")
    # The calendar's week rows line up: seven days side by side on a desktop screen.
    days = page.locator(".desk-day")
    assert days.nth(0).bounding_box()["y"] == days.nth(6).bounding_box()["y"]
    assert days.nth(7).bounding_box()["y"] > days.nth(0).bounding_box()["y"]

    page.click("#desk-review >> text=Pixel 10 im Test")
    page.wait_for_selector("#id_headline")
    assert page.input_value("#id_headline") == "Pixel 10 im Test"
    page.go_back()

    shot = os.environ.get("NEWSDESK_DASHBOARD_SCREENSHOT") or str(tmp_path / "start.png")
    page.screenshot(path=shot, full_page=True)
    assert not browser_page.foreign_requests
