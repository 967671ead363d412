"""The newsroom's start page as an editor sees it after signing in."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = pytest.mark.django_db

START = reverse("admin:index")


def panel(html, panel_id):
    match = re.search(rf'<div class="module[^"]*" id="{panel_id}">(.*?)</div>', html, re.S)
    assert match, panel_id
    return match.group(1)


def test_redaktion_sees_what_waits_for_review_with_a_count(client):
    ArticleFactory(headline="Erster Prüfling", status=Article.Status.IN_REVIEW)
    ArticleFactory(headline="Zweiter Prüfling", status=Article.Status.IN_REVIEW)
    ArticleFactory(headline="Nur ein Entwurf", status=Article.Status.DRAFT)
    client.force_login(newsroom_user(EDITOR))
    html = client.get(START).content.decode()
    assert '<strong class="desk-count" id="desk-review-count">2</strong>' in html
    review = panel(html, "desk-review")
    assert "Erster Prüfling" in review and "Zweiter Prüfling" in review
    assert "Nur ein Entwurf" not in review


def test_my_drafts_are_mine_only(client):
    autor = newsroom_user(AUTHOR, "anna", author=True)
    ArticleFactory(headline="Annas Entwurf", status=Article.Status.DRAFT, created_by=autor)
    ArticleFactory(headline="Fremder Entwurf", status=Article.Status.DRAFT)
    client.force_login(autor)
    drafts = panel(client.get(START).content.decode(), "desk-drafts")
    assert "Annas Entwurf" in drafts and "Fremder Entwurf" not in drafts


def test_scheduled_articles_stand_on_their_day_in_a_14_day_calendar(client):
    in_three_days = timezone.now() + timedelta(days=3)
    ArticleFactory(
        headline="Geplanter Test", status=Article.Status.SCHEDULED, published_at=in_three_days
    )
    ArticleFactory(
        headline="Zu weit weg",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(days=20),
    )
    client.force_login(newsroom_user(EDITOR))
    html = client.get(START).content.decode()
    days = re.findall(r'<li class="desk-day[^"]*">(.*?)</li>', html, re.S)
    assert len(days) == 14
    day = timezone.localdate(in_three_days)
    planned = next(d for d in days if f'datetime="{day:%Y-%m-%d}"' in d)
    assert "Geplanter Test" in planned
    assert timezone.localtime(in_three_days).strftime("%H:%M") in planned
    assert "Zu weit weg" not in html


def test_recently_published_and_pending_comments(client):
    ArticleFactory(headline="Gerade erschienen")
    client.force_login(newsroom_user(EDITOR))
    html = client.get(START).content.decode()
    assert "Gerade erschienen" in panel(html, "desk-published")
    assert "Kommentare warten" in html


def test_autor_sees_no_media_record_and_no_comment_count(client):
    client.force_login(newsroom_user(AUTHOR, "anna", author=True))
    html = client.get(START).content.decode()
    assert "Meine Entwürfe" in html
    assert "Änderungen an Bildern" not in html
    assert "Kommentare warten" not in html


def test_start_page_queries_do_not_grow_with_articles(client, django_assert_max_num_queries):
    for _ in range(15):
        ArticleFactory(status=Article.Status.IN_REVIEW)
        ArticleFactory(
            status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(days=2)
        )
    client.force_login(newsroom_user(EDITOR))
    with django_assert_max_num_queries(20):
        assert client.get(START).status_code == 200
