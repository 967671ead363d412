"""Security headers on reader pages, the newsroom, media and cached pages; the reader pages
keep working under the strict policy in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.commerce.tests.factories import OfferFactory
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user
from newsdesk.security.middleware import reader_policy
from newsdesk.videos.tests.factories import VideoFactory

pytestmark = pytest.mark.django_db


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.fixture
def reader_pages() -> dict[str, str]:
    gallery = GalleryFactory(image_count=2)
    VideoFactory(slug="clip", provider_id="abcdefghijk")
    offer = OfferFactory()
    topic = TopicFactory()
    author = AuthorFactory()
    article = ArticleFactory(
        body=f"[[gallery:{gallery.slug}]]\n\n[[video:clip]]\n\n[[product:{offer.product.slug}]]\n",
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
        "404": "/gibt-es-nicht/",
        "comment-error": f"/kommentare/{article.pk}/",
    }


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "article",
        "kind",
        "topic",
        "author",
        "gallery",
        "slide",
        "product",
        "404",
        "comment-error",
    ],
)
def test_reader_pages_carry_a_strict_policy_and_the_other_headers(client, reader_pages, name):
    url = reader_pages[name]
    response = client.post(url, {}) if name == "comment-error" else client.get(url)
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert set(policy["frame-src"]) == {
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    }
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize(
    "name", ["home", "article", "gallery", "slide", "product", "404", "comment-error"]
)
def test_reader_pages_hold_no_inline_script_style_or_handler(client, reader_pages, name):
    """What the policy would block is not there to be blocked: the pages work unchanged."""
    url = reader_pages[name]
    html = (client.post(url, {}) if name == "comment-error" else client.get(url)).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'src="/static/' in tag or 'type="application/ld+json"' in tag, tag
    assert not re.search(r"<style\b", html)
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"<[^>]+\son[a-z]+=", html)
    assert "javascript:" not in html


def test_embedded_videos_use_only_framed_hosts_the_policy_allows(client, reader_pages):
    html = client.get(reader_pages["article"]).content.decode()
    allowed = directives(reader_policy())["frame-src"]
    embeds = re.findall(r'data-embed-url="(https://[^/"]+)', html)
    assert embeds and all(origin in allowed for origin in embeds)


def test_newsroom_has_its_own_policy_without_inline_script(client):
    client.force_login(newsroom_user(EDITOR))
    response = client.get("/newsroom/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_newsroom_preview_may_frame_the_video_players_readers_get(client, reader_pages):
    """The article preview renders the reader page inside the newsroom: its click-to-load
    video must play there too, so the newsroom policy frames the same players."""
    client.force_login(newsroom_user(EDITOR))
    article_id = reader_pages["comment-error"].strip("/").split("/")[-1]
    response = client.get(f"/newsroom/articles/article/{article_id}/vorschau/")
    assert response.status_code == 200
    html = response.content.decode()
    embeds = re.findall(r'data-embed-url="(https://[^/"]+)', html)
    frames = directives(response["Content-Security-Policy"]).get("frame-src", [])
    assert embeds and all(origin in frames for origin in embeds)


@override_settings(MEDIA_URL="https://media.technikblatt.example/")
def test_media_from_another_origin_are_allowed_as_images_and_video_only():
    policy = directives(reader_policy())
    assert "https://media.technikblatt.example" in policy["img-src"]
    assert "https://media.technikblatt.example" in policy["media-src"]
    assert "https://media.technikblatt.example" not in policy["script-src"]


@override_settings(NEWSDESK_PAGE_CACHE=True)
def test_a_page_from_the_cache_carries_the_same_headers(reader_pages):
    client = Client()
    first = client.get(reader_pages["article"])
    second = client.get(reader_pages["article"])
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "X-Frame-Options",
        "Permissions-Policy",
    ):
        assert second[header] == first[header], header
    assert second["Content-Security-Policy"].count("script-src") == 1


def test_nginx_sends_the_same_policy_with_baked_pages():
    """deploy/nginx.conf serves baked pages itself; they must carry the app's policy."""
    conf = (Path(settings.BASE_DIR).parent / "deploy" / "nginx.conf").read_text()
    baked = conf.split("location / {", 1)[1].split("location @app", 1)[0]
    header = re.search(r'add_header Content-Security-Policy "([^"]+)"', baked)
    assert header and directives(header.group(1)) == directives(reader_policy())
    media = conf.split("location /media/ {", 1)[1].split("}", 1)[0]
    assert "sandbox" in media and "nosniff" in media


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reader_pages_work_under_the_policy_in_a_browser(live_server, browser_page):
    """Slideshow keys, click-to-load video and the comment form work, and the browser
    reports no policy violation on the way."""
    gallery = GalleryFactory(slug="s7", image_count=3)
    VideoFactory(slug="clip", provider_id="abcdefghijk")
    article = ArticleFactory(body="Text\n\n[[video:clip]]\n")
    page = browser_page.page
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    page.goto(live_server.url + gallery.get_slide_url(1))
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/bilderstrecke/s7/2/")

    page.goto(live_server.url + article.get_absolute_url())
    page.locator("a.video-consent").click()
    page.locator("iframe.video-frame").wait_for()

    page.fill("#id_author_name", "Eva")
    page.fill("#id_author_email", "eva@example.org")
    page.fill("#id_body", "Danke für den Artikel.")
    page.locator("#kommentar-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/kommentare/\d+/danke/"))
    assert violations == []


def all_templates() -> list[Path]:
    return sorted(Path(settings.BASE_DIR).rglob("templates/**/*.html"))


@pytest.mark.parametrize(
    "path", all_templates(), ids=lambda p: str(p.relative_to(Path(settings.BASE_DIR)))
)
def test_no_template_holds_script_the_policies_would_block(path):
    """Reader pages and the newsroom both allow scripts from files only: an inline script or
    an ``on…=`` handler in any template would silently stop working. Data blocks
    (``application/ld+json``, ``application/json``) are not executed and stay allowed."""
    text = path.read_text()
    for tag in re.findall(r"<script\b[^>]*>", text, re.IGNORECASE):
        assert re.search(r"\bsrc=", tag) or re.search(r'type="application/(ld\+)?json"', tag), (
            f"inline script in {path.name}: {tag}"
        )
    handlers = re.findall(r"<[a-z][^>]*\s(on[a-z]+)\s*=", text, re.IGNORECASE)
    assert handlers == [], f"event handler attributes in {path.name}: {handlers}"
    assert "javascript:" not in text.lower()
