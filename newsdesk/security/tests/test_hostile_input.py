"""Every public entry point against over-long, malformed, control-character and non-UTF-8
input: a clear 4xx answer or cleaned input, never a 500 (TRUST.md house rule).

The public URLs come from the real site (an article with every embed, a gallery, a product, a
topic, an author, a standing page); each is tried with hostile paths and query strings, and the
comment form with hostile bodies. ``raise_request_exception=False`` lets the test client report
a 500 as a status instead of raising, so every case states the answer a reader would get.
"""

from __future__ import annotations

import pytest
from django.test import Client

from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.comments.models import Comment
from newsdesk.commerce.tests.factories import OfferFactory
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.pages.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def site() -> dict[str, str]:
    """One of each public page, by name."""
    gallery = GalleryFactory(image_count=2)
    offer = OfferFactory()
    topic = TopicFactory()
    author = AuthorFactory()
    article = ArticleFactory(
        body=f"Text.\n\n[[gallery:{gallery.slug}]]\n\n[[product:{offer.product.slug}]]\n",
        topics=[topic],
        authors=[author],
    )
    page = Page.objects.create(title="Impressum", slug="impressum", body="Technikblatt GmbH")
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "kind": "/news/",
        "topic": topic.get_absolute_url(),
        "author": author.get_absolute_url(),
        "gallery": gallery.get_absolute_url(),
        "product": offer.product.get_absolute_url(),
        "page": page.get_absolute_url(),
        "go": offer.get_absolute_url(),
        "comments": f"/kommentare/{article.pk}/",
    }


@pytest.fixture
def anon() -> Client:
    return Client(raise_request_exception=False)


HOSTILE_QUERIES = [
    "seite=%FF%FE",
    "seite=%00",
    "seite=%C0%AF",
    "seite=-1",
    "seite=0",
    "seite=1e9",
    "seite=" + "9" * 5000,
    "seite=1&seite=2&seite=x",
    "seite[]=1",
    "%FF=%FF",
    "q=" + "a" * 20_000,
    "q=%0D%0ASet-Cookie:%20x=1",
    "x=" + "%00" * 500,
    "\x1b[31m=1",
    "utm_source=%FF",
    "&".join(f"p{i}=1" for i in range(500)),
    "a=%E2%80%AE%E2%80%8B",
    "seite=%F0%9F%92%A9",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=lambda q: q[:24])
@pytest.mark.parametrize(
    "name", ["home", "article", "kind", "topic", "author", "gallery", "product", "page"]
)
def test_hostile_query_strings_never_cause_a_500(anon, site, name, query):
    response = anon.get(f"{site[name]}?{query}")
    assert response.status_code in (200, 301, 302, 400, 404), response.status_code
    assert "Set-Cookie: x=1" not in str(response.headers)


HOSTILE_PATHS = [
    "/%FF%FE/",
    "/news/%FF-1/",
    "/news/%00-1/",
    "/thema/%C0%AF/",
    "/autor/" + "a" * 5000 + "/",
    "/news/" + "a" * 3000 + "-1/",
    "/news/x-99999999999999999999999/",
    "/news/x-9223372036854775808/",
    "/produkt/%E2%80%AE/",
    "/bilderstrecke/%00/",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2fsettings.py",
    "/kommentare/99999999999999999999999/danke/",
    "/kommentare/1/antworten/99999999999999999999999/",
    "/\x7f/",
    "/news/%0D%0ALocation:%20https://evil.example/-1/",
    "/" + "%F0%9F%92%A9" * 500,
]


@pytest.mark.parametrize("path", HOSTILE_PATHS, ids=lambda p: p[:30])
def test_hostile_paths_get_a_404_or_400_never_a_500(anon, site, path):
    response = anon.get(path)
    assert response.status_code in (301, 302, 400, 404), response.status_code
    assert "evil.example" not in response.get("Location", "")


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "0000-01", "1989-12", "2101-01"])
def test_sitemap_of_an_impossible_month_is_a_404_not_a_500(anon, site, month):
    response = anon.get(f"/sitemap-artikel-{month}.xml")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "dates",
    [{"bis": "9999-12-31"}, {"von": "0001-01-01"}, {"von": "0001-01-01", "bis": "9999-12-31"}],
)
def test_search_dates_at_the_ends_of_the_calendar_get_a_form_error_not_a_500(anon, site, dates):
    response = anon.get("/suche/", {"q": "x", **dates})
    assert response.status_code == 200
    assert "Bitte ein Datum zwischen 1900 und 2100 angeben." in response.content.decode()


def comment(**overrides) -> dict[str, str]:
    return {"author_name": "Eva", "author_email": "eva@example.org", "body": "Gut.", **overrides}


@pytest.mark.parametrize(
    "data, expected_status",
    [
        (comment(body="\x01\x02\x1b\x7f"), 400),  # only control characters: empty
        (comment(body="Gut\x00 gemacht"), 400),  # NUL: Django's "Nullzeichen" form error
        (comment(author_name="\u200b\u200d\u202e"), 400),  # only format characters: no name
        (comment(author_name="E" * 81), 400),
        (comment(author_email="x" * 300 + "@example.org"), 400),
        (comment(author_email="eva@exa mple.org"), 400),
        (comment(author_email="eva@[127.0.0.1]\x00"), 400),
        (comment(parent="99999999999999999999999"), 400),
        (comment(parent="-1"), 400),
        (comment(parent="1 OR 1=1"), 400),
        (comment(parent="\x00"), 400),
        ({"body": "nur Text"}, 400),
        ({}, 400),
    ],
    ids=lambda v: str(v)[:40],
)
def test_comment_form_refuses_malformed_fields_with_a_form_error(anon, site, data, expected_status):
    response = anon.post(site["comments"], data)
    assert response.status_code == expected_status
    assert "Bitte prüfen Sie Ihre Angaben." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "body, stored",
    [
        ("Gut gemacht\x1b[31m!\x07", "Gut gemacht[31m!"),
        ("Zeile 1\r\nZeile 2\tmit Tab", "Zeile 1\nZeile 2\tmit Tab"),
        ("Ha\u200bllo\u202e", "Hallo"),
        ("  Leerzeichen  ", "Leerzeichen"),
    ],
)
def test_comment_control_characters_are_cleaned_not_refused(anon, site, body, stored):
    response = anon.post(site["comments"], comment(body=body))
    assert response.status_code == 302
    assert Comment.objects.get().body == stored


@pytest.mark.parametrize(
    "raw, content_type",
    [
        (b"author_name=%FF%FE&author_email=eva%40example.org&body=%FF", None),
        (b"author_name=Eva&author_email=eva@example.org&body=\xff\xfe\xfa", None),
        (b"\xff\xfe\x00\x00garbage", None),
        (b'{"author_name": "Eva", "body": "json"}', "application/json"),
        (b"--x\r\nContent-Disposition: form-data; name=body\r\n\r\n\xff\r\n--x--", None),
        (b"--broken", "multipart/form-data; boundary=x"),
        (b"irrelevant", "multipart/form-data"),
        (b"irrelevant", "multipart/form-data; boundary="),
        (b"body=%", None),
        (b"=&=&&&==", None),
        (b"body=ok", "application/x-www-form-urlencoded; charset=does-not-exist"),
        (b"body=ok", "application/x-www-form-urlencoded; charset=utf-16"),
        (b"body=ok", "text/xml"),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_malformed_and_non_utf8_comment_bodies_never_cause_a_500(anon, site, raw, content_type):
    response = anon.generic(
        "POST",
        site["comments"],
        raw,
        content_type=content_type or "application/x-www-form-urlencoded",
    )
    assert response.status_code in (302, 400), response.status_code
    for saved in Comment.objects.all():
        assert "\ufffd" not in saved.author_name or saved.author_name.strip()


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"])
@pytest.mark.parametrize("name", ["home", "article", "go", "comments"])
def test_unexpected_methods_get_a_4xx(anon, site, method, name):
    response = anon.generic(method, site[name])
    assert response.status_code < 500
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "header, value",
    [
        ("HTTP_ACCEPT_ENCODING", "\xff\xfe"),
        ("HTTP_ACCEPT_LANGUAGE", "de;q=abc,%%%," * 200),
        ("HTTP_IF_NONE_MATCH", '"' + "x" * 10_000),
        ("HTTP_IF_MODIFIED_SINCE", "Mon, 99 Foo 99999 99:99:99 GMT"),
        ("HTTP_COOKIE", "sessionid=\x00\xff; csrftoken=" + "a" * 5000),
        ("HTTP_USER_AGENT", "\x00" * 1000),
        ("HTTP_X_FORWARDED_FOR", "not-an-ip, \xff"),
        ("HTTP_RANGE", "bytes=999999999999-"),
    ],
    ids=lambda v: v[:20],
)
@pytest.mark.parametrize("name", ["home", "article", "go"])
def test_hostile_headers_never_cause_a_500(anon, site, name, header, value):
    response = anon.get(site[name], **{header: value})
    assert response.status_code in (200, 302, 304, 400), response.status_code


# -- The newsroom's forms ----------------------------------------------------------------------


def newsroom_article_data(client, **changes) -> dict:
    from django.urls import reverse

    from newsdesk.newsroom.tests.helpers import form_data

    data = form_data(
        client.get(reverse("admin:articles_article_add")).content.decode(), "article_form"
    )
    data.update(
        {
            "headline": "Neues Galaxy vorgestellt",
            "slug": "neues-galaxy",
            "teaser": "Samsung zeigt ein neues Telefon.",
            "body": "Text.",
        }
    )
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "changes",
    [
        {"headline": "x" * 201},
        {"teaser": "t" * 601},
        {"slug": "../../etc/passwd"},
        {"slug": "ümlaut slug mit leerzeichen"},
        {"slug": "s" * 201},
        {"kind": "nonsense"},
        {"score": "99999999999999999999"},
        {"published_at_0": "31.02.2026", "published_at_1": "25:61"},
        {"version": "x" * 50},
    ],
    ids=lambda c: repr(c)[:40],
)
def test_newsroom_article_form_answers_hostile_values_with_a_form_error(client, changes):
    """The newsroom form refuses what it cannot store as given, and stores nothing."""
    from django.urls import reverse

    from newsdesk.articles.models import Article
    from newsdesk.newsroom.groups import EDITOR
    from newsdesk.newsroom.tests.helpers import newsroom_user

    client.raise_request_exception = False
    client.force_login(newsroom_user(EDITOR, "rita", author=True))
    response = client.post(
        reverse("admin:articles_article_add"), newsroom_article_data(client, **changes)
    )
    assert response.status_code in (200, 400, 409), response.status_code
    assert 'class="errorlist' in response.content.decode() or response.status_code != 200
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "field, value, stored",
    [
        ("headline", "Galaxy\x0b S7\x1f im Test", "Galaxy S7 im Test"),
        ("headline", "Null\x00zeichen", "Nullzeichen"),
        ("headline", "Mojibake\x85 aus Windows-1252", "Mojibake aus Windows-1252"),
        ("headline", "Nicht\ufffezeichen", "Nichtzeichen"),
        ("headline", "Silben\u00adtrennung bleibt", "Silben\u00adtrennung bleibt"),
        ("teaser", "Vor\x1bspann", "Vorspann"),
        ("body", "Absatz\x00 eins\n\n\tzwei\x07", "Absatz eins\n\n\tzwei"),
        ("body", "Familie: \U0001f468\u200d\U0001f469\u200d\U0001f467", None),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_newsroom_control_characters_are_cleaned_before_saving(client, field, value, stored):
    """Control characters in newsroom text never reach a page, a feed or a sitemap: the form
    drops them (and only them; soft hyphens and emoji joiners stay)."""
    from django.urls import reverse

    from newsdesk.articles.models import Article
    from newsdesk.newsroom.groups import EDITOR
    from newsdesk.newsroom.tests.helpers import newsroom_user

    client.force_login(newsroom_user(EDITOR, "rita", author=True))
    response = client.post(
        reverse("admin:articles_article_add"), newsroom_article_data(client, **{field: value})
    )
    assert response.status_code == 302
    saved = getattr(Article.objects.get(), field)
    assert saved.strip() == (stored if stored is not None else value)


@pytest.mark.parametrize(
    "url_name, data",
    [
        ("admin:articles_topic_add", {"name": "Smart\x00phones\x1b", "slug": "smartphones"}),
        ("admin:commerce_shop_add", {"name": "Ama\x7fzon", "domains": "amazon.de"}),
    ],
)
def test_other_newsroom_forms_clean_control_characters_too(client, url_name, data):
    from django.urls import reverse

    from newsdesk.newsroom.tests.helpers import newsroom_user

    user = newsroom_user("Admin", "admin-user")
    client.force_login(user)
    response = client.post(reverse(url_name), data)
    assert response.status_code == 302, response.content.decode()[:500]
    model = response.wsgi_request.resolver_match.func.model_admin.model
    assert not any(ch in model.objects.get().name for ch in "\x00\x1b\x7f")
