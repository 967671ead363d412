"""Small defects of the last editor review, as the editor noticed them."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.galleries.tests.factories import ImageFactory
from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.models import WorkingCopy
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = pytest.mark.django_db


def breadcrumbs(html: str) -> str:
    block = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", block).replace("&rsaquo;", "›").split())


def test_media_library_breadcrumb_names_the_library_once(client):
    client.force_login(newsroom_user(EDITOR, "rita"))
    html = client.get(reverse("newsroom_media:library")).content.decode()
    assert breadcrumbs(html) == "Start › Mediathek"


def test_pages_below_the_library_lead_back_to_it(client):
    client.force_login(newsroom_user(EDITOR, "rita"))
    image = ImageFactory(title="Aurora X3 von vorn")
    html = client.get(reverse("newsroom_media:image", args=[image.pk])).content.decode()
    assert breadcrumbs(html).startswith("Start › Mediathek › ")


def test_autorin_opening_a_colleagues_article_is_told_why_she_cannot(client):
    autorin = newsroom_user(AUTHOR, "anna", author=True)
    colleague = newsroom_user(AUTHOR, "otto", author=True)
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        authors=[colleague.author_profile],
        created_by=colleague,
    )
    client.force_login(autorin)
    for url in (
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_change", args=[article.pk]) + "?x=1",
    ):
        response = client.get(url)
        assert response.status_code == 403
        html = response.content.decode()
        assert "gehört nicht zu Ihren Artikeln" in html
        assert "existiert nicht" not in html
    # Nothing of the colleague's article is shown.
    assert article.headline not in html
    # An id that never existed still says so, as before.
    response = client.get(reverse("admin:articles_article_change", args=[987654]), follow=True)
    assert "existiert nicht" in response.content.decode()


def test_autorin_posting_to_a_colleagues_article_changes_nothing(client):
    autorin = newsroom_user(AUTHOR, "anna", author=True)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    client.force_login(autorin)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert client.post(url, {"headline": "Übernommen"}).status_code == 403
    article.refresh_from_db()
    assert article.headline != "Übernommen"


def test_restored_working_copy_carries_the_pickers_labels_not_bare_ids(client):
    rita = newsroom_user(EDITOR, "rita")
    image = ImageFactory(title="Aurora X3 von vorn")
    other = ArticleFactory(headline="Pixel 10 im Test")
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    WorkingCopy.objects.create(
        user=rita,
        article=article,
        base_version=article.version,
        data={
            "lead_image": [str(image.pk)],
            "related_links-0-to_article": [str(other.pk)],
            "headline": ["123"],
        },
    )
    client.force_login(rita)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    config = json.loads(
        re.search(
            r'<script id="newsroom-collaboration" type="application/json">(.*?)</script>',
            html,
            re.S,
        ).group(1)
    )
    labels = config["copy"]["labels"]
    assert labels["lead_image"] == {str(image.pk): str(image)}
    assert labels["related_links-0-to_article"] == {str(other.pk): "Pixel 10 im Test"}
    assert "headline" not in labels


def test_an_autorin_learns_no_draft_headline_through_a_restored_id(client):
    autorin = newsroom_user(AUTHOR, "anna", author=True)
    secret = ArticleFactory(headline="Geheimer Entwurf", status=Article.Status.DRAFT)
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        authors=[autorin.author_profile],
        created_by=autorin,
    )
    WorkingCopy.objects.create(
        user=autorin,
        article=article,
        base_version=article.version,
        data={"related_links-0-to_article": [str(secret.pk)]},
    )
    client.force_login(autorin)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Geheimer Entwurf" not in html
