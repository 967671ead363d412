"""Publishing checks and previews see every embed, wherever it stands in the text."""

from unittest import mock

import pytest
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.commerce.tests.factories import ProductFactory
from newsdesk.desk import previews
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user
from newsdesk.videos.tests.factories import VideoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redaktion(client):
    user = newsroom_user(EDITOR, "rita", author=True)
    client.force_login(user)
    return user


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def preview_url(article):
    return reverse("admin:articles_article_preview", args=[article.pk])


def edit(client, article, **changes):
    data = form_data(client.get(change_url(article)).content.decode(), "article_form")
    data.update(changes)
    return data


def crlf_body(token):
    """The text as a browser posts it from a textarea: CRLF, the embed in the middle."""
    return f"Erster Absatz.\r\n\r\n{token}\r\n\r\nZweiter Absatz."


@pytest.mark.parametrize(
    ("token", "make", "expected"),
    [
        # A draft gallery goes public with the article, but not one without pictures; a draft
        # video always goes with it (articles/tests/test_newsroom.py).
        (
            "[[gallery:entwurf]]",
            lambda: GalleryFactory(slug="entwurf", is_published=False, image_count=0),
            "Bilderstrecke „entwurf“: Eine Bilderstrecke ohne Bilder",
        ),
        (
            "[[product:entwurf]]",
            lambda: ProductFactory(slug="entwurf", is_published=False),
            "Produkt „entwurf“ ist nicht veröffentlicht",
        ),
        (
            "[[article:entwurf]]",
            lambda: ArticleFactory(slug="entwurf", status=Article.Status.DRAFT),
            "Artikel „entwurf“ ist nicht veröffentlicht",
        ),
        ("[[gallery:vertippt]]", lambda: None, "Bilderstrecke „vertippt“ gibt es nicht"),
    ],
)
def test_publishing_refuses_a_hidden_embed_in_the_middle_of_a_crlf_text(
    client, redaktion, token, make, expected
):
    make()
    article = ArticleFactory(status=Article.Status.IN_REVIEW, published_at=None)
    data = edit(client, article, body=crlf_body(token), _publish="1")
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert expected in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_publishing_goes_through_once_the_embed_is_published(client, redaktion):
    GalleryFactory(slug="fertig")
    article = ArticleFactory(status=Article.Status.IN_REVIEW, published_at=None)
    data = edit(client, article, body=crlf_body("[[gallery:fertig]]"), _publish="1")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert "\r" not in article.body


def test_unsaved_preview_renders_embeds_posted_with_crlf(client, redaktion):
    GalleryFactory(slug="fertig", title="Alle Farben")
    article = ArticleFactory(status=Article.Status.DRAFT)
    data = edit(client, article, body=crlf_body("[[gallery:fertig]]"))
    html = client.post(preview_url(article), data).content.decode()
    assert "[[gallery:fertig]]" not in html
    assert "Alle Farben" in html and "embed-gallery" in html
    assert html.index("Erster Absatz") < html.index("Alle Farben") < html.index("Zweiter Absatz")


def test_preview_shows_unpublished_embeds_marked_readers_do_not(client, redaktion):
    GalleryFactory(slug="entwurf", title="Noch geheime Bilder", is_published=False)
    VideoFactory(slug="clip", title="Noch geheimes Video", is_published=False)
    article = ArticleFactory(body="Text.\n\n[[gallery:entwurf]]\n\nMehr.\n\n[[video:clip]]\n")
    html = client.get(preview_url(article)).content.decode()
    assert "Noch geheime Bilder" in html and "Noch geheimes Video" in html
    assert "nicht veröffentlicht: [[gallery:entwurf]]" in html
    assert "nicht veröffentlicht: [[video:clip]]" in html

    client.logout()
    reader = client.get(article.get_absolute_url()).content.decode()
    assert "Noch geheime Bilder" not in reader
    assert "Noch geheimes Video" not in reader
    assert "preview-unpublished" not in reader


def test_preview_link_opens_the_draft_without_a_login(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT, headline="Geheimer Entwurf")
    html = client.get(preview_url(article)).content.decode()
    link = previews.preview_link(article)
    assert f'value="{link}"' in html
    assert link.startswith("http://testserver/vorschau/")

    client.logout()
    response = client.get(link)
    assert response.status_code == 200
    assert "Geheimer Entwurf" in response.content.decode()
    assert "Vorschau – nicht veröffentlicht" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    # The visitor gets no way to pass the link on further.
    assert "preview-share-link" not in response.content.decode()


def test_tampered_preview_link_is_not_found(client):
    article = ArticleFactory(status=Article.Status.DRAFT)
    link = previews.preview_link(article)
    response = client.get(link[:-3] + "xyz/")
    assert response.status_code == 404
    assert "Diesen Vorschau-Link gibt es nicht" in response.content.decode()


def test_preview_link_expires(client, settings):
    settings.NEWSDESK_PREVIEW_LINK_DAYS = 2
    article = ArticleFactory(status=Article.Status.DRAFT, headline="Geheimer Entwurf")
    link = previews.preview_link(article)
    later = previews.link_expires().timestamp() + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(link)
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()
    assert "Geheimer Entwurf" not in response.content.decode()


def test_preview_link_of_a_published_article_leads_to_the_article(client):
    article = ArticleFactory()
    response = client.get(previews.preview_link(article))
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
