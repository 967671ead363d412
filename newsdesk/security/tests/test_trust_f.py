"""TRUST.md group F, rows F4-F6: listing parameters, scheduled articles, forwarded addresses.

F1-F3 (search queries, feeds, news sitemaps) are tested by the search and feed apps.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles.models import Article, RelatedArticle
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.commerce.tests.factories import ProductFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user
from newsdesk.security.clientip import client_ip

pytestmark = pytest.mark.django_db

TEASER = re.compile(r'<article class="teaser')


# -- F4: page numbers, page sizes, ordering and filters ----------------------------------------


@pytest.fixture
def listing() -> dict[str, str]:
    """25 published articles (two pages of 20) in one topic by one author, plus a draft."""
    topic = TopicFactory()
    user = User.objects.create_user("jana", email="jana.geheim@technikblatt.example")
    author = AuthorFactory(user=user)
    product = ProductFactory()
    for _ in range(25):
        article = ArticleFactory(topics=[topic], authors=[author])
        article.products.add(product)
    draft = ArticleFactory(
        headline="Entwurf mit Geheimnis",
        status=Article.Status.DRAFT,
        topics=[topic],
        authors=[author],
    )
    draft.products.add(product)
    return {
        "kind": "/news/",
        "topic": topic.get_absolute_url(),
        "author": author.get_absolute_url(),
        "product": product.get_absolute_url(),
    }


@pytest.mark.parametrize("name", ["kind", "topic", "author", "product"])
@pytest.mark.parametrize(
    "query, status",
    [
        ("seite=-1", 301),
        ("seite=0", 404),
        ("seite=3", 404),
        ("seite=100000", 404),
        ("seite=" + "9" * 30, 404),
        ("seite=abc", 301),
        ("seite=2", 200),
        ("seite=%C2%B2", 301),  # a superscript two is not a page number
    ],
)
def test_f4_page_numbers_outside_the_listing_are_a_404(client, listing, name, query, status):
    """F4: a page that does not exist is a German 404; garbage goes to page 1's address."""
    response = client.get(f"{listing[name]}?{query}")
    assert response.status_code == status
    if status == 404:
        assert "Diese Seite gibt es nicht" in response.content.decode()
    if status == 301:
        assert response["Location"] == listing[name]


@pytest.mark.parametrize("name", ["kind", "topic", "author", "product"])
@pytest.mark.parametrize(
    "query",
    [
        "page_size=100000",
        "per_page=100000",
        "limit=100000",
        "ordering=password",
        "ordering=-status",
        "order_by=created_by__password",
        "status=draft",
        "status__in=draft,review",
        "author__user__password__startswith=pbkdf2",
        "fields=password,email",
        "format=json",
    ],
)
def test_f4_unknown_parameters_change_nothing_and_leak_nothing(client, listing, name, query):
    """F4: listings have a fixed size and order; no parameter reaches a query, so nothing
    hidden (drafts, account fields) can be listed, filtered or sorted on."""
    plain = client.get(listing[name]).content.decode()
    response = client.get(f"{listing[name]}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(TEASER.findall(html)) == len(TEASER.findall(plain)) == 20
    assert "Entwurf mit Geheimnis" not in html
    assert "jana.geheim@" not in html and "pbkdf2" not in html
    assert response["Content-Type"].startswith("text/html")


@override_settings(NEWSDESK_PAGE_CACHE=True)
@pytest.mark.parametrize("query", ["page_size=100000", "x=1", "seite=2&y=2"])
def test_f4_unknown_parameters_bypass_the_page_cache(listing, query):
    """F4: nobody can fill the page cache with endless variants of one listing."""
    client = Client()
    for _ in range(2):
        response = client.get(f"{listing['topic']}?{query}")
        assert "X-Cache" not in response


# -- F5: scheduled and draft articles ----------------------------------------------------------

SECRET = "Zukunftsmeldung mit Sperrfrist"


@pytest.fixture
def scheduled() -> dict:
    """A scheduled article, and a published one that links it every way an editor can."""
    topic = TopicFactory()
    author = AuthorFactory()
    product = ProductFactory()
    future = ArticleFactory(
        headline=SECRET,
        slug="zukunftsmeldung",
        teaser="Erst morgen zu lesen.",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(days=1),
        topics=[topic],
        authors=[author],
    )
    future.products.add(product)
    linking = ArticleFactory(
        body="Siehe auch:\n\n[[article:zukunftsmeldung]]\n", topics=[topic], authors=[author]
    )
    RelatedArticle.objects.create(from_article=linking, to_article=future)
    return {"future": future, "linking": linking, "topic": topic, "author": author, "p": product}


def public_pages(scheduled: dict) -> list[str]:
    return [
        "/",
        "/news/",
        scheduled["topic"].get_absolute_url(),
        scheduled["author"].get_absolute_url(),
        scheduled["p"].get_absolute_url(),
        scheduled["linking"].get_absolute_url(),
        # Feeds, sitemaps and search come from other apps; whatever they answer, the
        # scheduled article must not be in it.
        "/feed/",
        "/feeds/news/",
        "/rss/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/news-sitemap.xml",
        # A word of the headline, not the slug: the search page repeats the query itself.
        "/suche/?q=Sperrfrist",
        "/search/?q=Sperrfrist",
    ]


@pytest.mark.parametrize("status", [Article.Status.SCHEDULED, Article.Status.DRAFT])
@pytest.mark.parametrize("index", range(14))
def test_f5_scheduled_or_draft_article_is_absent_from_every_public_page(scheduled, status, index):
    future = scheduled["future"]
    Article.objects.filter(pk=future.pk).update(status=status)
    url = public_pages(scheduled)[index]
    response = Client(raise_request_exception=False).get(url, follow=True)
    assert response.status_code < 500
    body = response.content.decode()
    assert SECRET not in body and "zukunftsmeldung" not in body.lower()


@pytest.mark.parametrize("status", [Article.Status.SCHEDULED, Article.Status.DRAFT])
def test_f5_its_own_address_is_a_404_until_go_live(client, scheduled, status):
    future = scheduled["future"]
    Article.objects.filter(pk=future.pk).update(status=status)
    response = client.get(future.get_absolute_url())
    assert response.status_code == 404
    assert SECRET not in response.content.decode()


def test_f5_it_appears_once_its_time_has_come(client, scheduled):
    """F5 control case: the same article is public from its time on."""
    Article.objects.filter(pk=scheduled["future"].pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(scheduled["future"].get_absolute_url()).status_code == 200
    assert SECRET in client.get(scheduled["topic"].get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "who, status",
    [("anonymous", 302), ("staff-without-role", 404), ("reader-account", 302), (EDITOR, 200)],
)
def test_f5_preview_needs_a_newsroom_login_with_permission(client, scheduled, who, status):
    """F5: the preview of an unpublished article is behind the newsroom login and the view
    permission (no token in a URL that could leak); it is never cached or indexed."""
    if who == "staff-without-role":
        client.force_login(User.objects.create_user("praktikant", is_staff=True))
    elif who == "reader-account":
        client.force_login(User.objects.create_user("leserin"))
    elif who == EDITOR:
        client.force_login(newsroom_user(EDITOR))
    url = reverse("admin:articles_article_preview", args=[scheduled["future"].pk])
    response = client.get(url)
    allowed = (404, 403) if status == 404 else (status,)
    assert response.status_code in allowed
    if status == 302:
        assert response["Location"].startswith("/newsroom/login/")
    if status == 200:
        assert SECRET in response.content.decode()
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
    else:
        assert SECRET not in response.content.decode()


# -- F6: forwarded addresses -------------------------------------------------------------------


def test_f6_there_is_no_rest_api_to_throttle():
    """F6: newsdesk has no Django REST framework API (and so no NUM_PROXIES to forget)."""
    assert "rest_framework" not in settings.INSTALLED_APPS
    assert not any("rest_framework" in m for m in settings.MIDDLEWARE)


@pytest.mark.parametrize(
    "proxies, forwarded, remote, expected",
    [
        (0, "", "198.51.100.7", "198.51.100.7"),
        (0, "203.0.113.9", "198.51.100.7", "198.51.100.7"),
        (0, "1.2.3.4, 203.0.113.9", "198.51.100.7", "198.51.100.7"),
        (1, "203.0.113.9", "127.0.0.1", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "127.0.0.1", "203.0.113.9"),  # spoofed entry on the left
        (1, "6.6.6.6,7.7.7.7, 203.0.113.9", "127.0.0.1", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "127.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9", "127.0.0.1", "127.0.0.1"),  # fewer entries than proxies
        (1, "not-an-address", "127.0.0.1", "127.0.0.1"),
        (1, "2001:db8::1", "127.0.0.1", "2001:db8::1"),
        (1, "", "127.0.0.1", "127.0.0.1"),
    ],
)
def test_f6_client_address_uses_only_entries_of_configured_proxies(
    proxies, forwarded, remote, expected
):
    """F6: X-Forwarded-For counts only as far as configured proxies vouch for it; its
    attacker-chosen left end never does."""
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(NEWSDESK_TRUSTED_PROXIES=proxies):
        assert client_ip(request) == expected


def test_f6_no_module_reads_forwarded_headers_without_a_trusted_proxy_setting():
    """F6: any code that reads X-Forwarded-For must also consult the trusted-proxy count;
    Host and port are never taken from forwarded headers."""
    offenders = []
    for path in Path(settings.BASE_DIR).rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text()
        if re.search(r"X_FORWARDED_FOR|X-Forwarded-For", text, re.IGNORECASE):
            if not re.search(r"TRUSTED_PROXIES|NUM_PROXIES|TRUSTED_PROXY", text):
                offenders.append(str(path))
    assert offenders == []
    assert settings.USE_X_FORWARDED_HOST is False
    assert settings.USE_X_FORWARDED_PORT is False
