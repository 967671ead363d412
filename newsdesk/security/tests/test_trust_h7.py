"""TRUST.md H7: cached pages hold no per-user data, no Set-Cookie and no CSRF token.

The page cache is switched on here as in production; every case looks at what the next
anonymous reader would receive from it.
"""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.commerce.tests.factories import OfferFactory
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

PER_USER_MARKERS = ("csrfmiddlewaretoken", "csrftoken", "sessionid", "Abmelden", "Log out")


@pytest.fixture
def page_cache_on():
    with override_settings(NEWSDESK_PAGE_CACHE=True):
        yield


@pytest.fixture
def pages() -> dict[str, str]:
    gallery = GalleryFactory(image_count=2)
    offer = OfferFactory()
    topic = TopicFactory()
    author = AuthorFactory()
    article = ArticleFactory(
        body=f"[[gallery:{gallery.slug}]]\n\n[[product:{offer.product.slug}]]\n",
        topics=[topic],
        authors=[author],
    )
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "kind": "/news/",
        "topic": topic.get_absolute_url(),
        "author": author.get_absolute_url(),
        "gallery": gallery.get_absolute_url(),
        "slide": gallery.get_slide_url(1),
        "product": offer.product.get_absolute_url(),
    }


def assert_shareable(response) -> None:
    assert not response.cookies
    assert "Set-Cookie" not in response
    html = response.content.decode()
    for marker in PER_USER_MARKERS:
        assert marker not in html, marker


@pytest.mark.parametrize(
    "name", ["home", "article", "kind", "topic", "author", "gallery", "slide", "product"]
)
def test_h7_cached_reader_pages_set_no_cookie_and_hold_no_token(pages, name):
    client = Client()
    first = client.get(pages[name])
    second = client.get(pages[name])
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert_shareable(first)
    assert_shareable(second)
    assert "public" in second["Cache-Control"]


@pytest.mark.parametrize("name", ["home", "article", "product"])
def test_h7_an_editors_view_never_reaches_the_cache(pages, name):
    """An editor's page (session cookie) is private; the next reader gets a page of their own."""
    editor_client = Client()
    editor = newsroom_user(EDITOR, username="chefin-vom-dienst")
    editor_client.force_login(editor)
    editor_page = editor_client.get(pages[name])
    assert "private" in editor_page["Cache-Control"]
    assert "X-Cache" not in editor_page

    reader = Client().get(pages[name])
    assert reader["X-Cache"] == "MISS"
    assert "chefin-vom-dienst" not in reader.content.decode()
    assert_shareable(reader)


def test_h7_a_readers_rejected_comment_is_not_shown_to_the_next_reader(pages):
    """The comment form with a reader's own input and errors is answered, never cached."""
    article_url = pages["article"]
    article_id = Client().get(article_url).content.decode().split("/kommentare/")[1].split("/")[0]
    rejected = Client().post(
        f"/kommentare/{article_id}/",
        {"author_name": "Eva Privat", "author_email": "eva.privat@example.org", "body": ""},
    )
    assert rejected.status_code == 400
    assert "X-Cache" not in rejected
    assert "eva.privat@example.org" in rejected.content.decode()
    following = Client().get(article_url)
    assert following["X-Cache"] == "HIT"
    html = following.content.decode()
    assert "Eva Privat" not in html and "eva.privat@example.org" not in html
    assert_shareable(following)


@pytest.mark.parametrize("cookie", ["csrftoken", "messages", "django_language", "tracking"])
def test_h7_a_reader_cookie_other_than_the_session_gets_the_shared_page(pages, cookie):
    """Cookies that carry no identity do not split or poison the cache."""
    Client().get(pages["article"])
    client = Client()
    client.cookies[cookie] = "wert-des-lesers"
    response = client.get(pages["article"])
    assert response["X-Cache"] == "HIT"
    assert "wert-des-lesers" not in response.content.decode()
    assert_shareable(response)
