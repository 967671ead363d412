"""Site-wide template and stylesheet rules: accessible, self-hosted, quoted, in order."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from newsdesk.articles.models import RelatedArticle
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
from newsdesk.pages.models import Page
from newsdesk.videos.tests.factories import VideoFactory

PACKAGE = Path(settings.BASE_DIR)
CSS = PACKAGE / "core" / "static" / "newsdesk" / "site.css"


@pytest.fixture
def reader_urls(db) -> dict[str, str]:
    """One address of every reader page type, with content that fills each of them."""
    topic = TopicFactory()
    author = AuthorFactory(photo=ImageFactory())
    product = ProductFactory(slug="galaxy-s7", image=ImageFactory())
    OfferFactory(product=product)
    GalleryFactory(slug="s7-bilder", image_count=3)
    VideoFactory(slug="s7-video")
    article = ArticleFactory(
        body="Text\n\n## Zwischentitel\n\n[[gallery:s7-bilder]]\n\n[[video:s7-video]]\n\n"
        "[[product:galaxy-s7]]\n",
        lead_image=ImageFactory(),
        authors=[author],
        topics=[topic],
        sources=["dpa"],
    )
    article.products.add(product)
    RelatedArticle.objects.create(from_article=article, to_article=ArticleFactory())
    CommentFactory(article=article)
    Page.objects.create(title="Impressum", slug="impressum", body="## Anbieter\n\nText")
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "kind": "/news/",
        "topic": topic.get_absolute_url(),
        "author": author.get_absolute_url(),
        "product": product.get_absolute_url(),
        "gallery": "/bilderstrecke/s7-bilder/",
        "slide": "/bilderstrecke/s7-bilder/2/",
        "page": "/impressum/",
        "404": "/gibt-es-nicht/",
    }


def test_every_page_has_language_landmarks_skip_link_and_one_h1(client, reader_urls):
    for name, url in reader_urls.items():
        html = client.get(url).content.decode()
        assert '<html lang="de">' in html, name
        assert '<a class="skip-link" href="#inhalt">' in html, name
        assert '<main id="inhalt"' in html, name
        assert "<header" in html and "<footer" in html and "<nav" in html, name
        assert len(re.findall(r"<h1\b", html)) == 1, name
        assert "<title>" in html and '<meta name="description" content="' in html, name


def test_headings_never_skip_a_level(client, reader_urls):
    for name, url in reader_urls.items():
        html = client.get(url).content.decode()
        levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
        assert levels[0] == 1, name
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{name}: h{before} followed by h{after}"


def test_every_image_has_alt_text_size_and_a_credit_nearby(client, reader_urls):
    for name, url in reader_urls.items():
        html = client.get(url).content.decode()
        for img in re.findall(r"<img\b[^>]*>", html):
            assert re.search(r'alt="[^"]+"', img), f"{name}: {img}"
            assert re.search(r'width="\d+" height="\d+"', img), f"{name}: {img}"
        pictures = html.count("<picture>")
        assert html.count('class="credit"') >= pictures, name


def test_only_our_own_stylesheet_and_script_are_loaded(client, reader_urls):
    for name, url in reader_urls.items():
        html = client.get(url).content.decode()
        assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == [
            "/static/newsdesk/site.css"
        ], name
        # JSON-LD blocks are data a browser never runs; site.js is the only program.
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert [s for s in scripts if s != '<script type="application/ld+json">'] == [
            '<script src="/static/newsdesk/site.js" defer>'
        ], name
        assert "<iframe" not in html, name
        assert "style=" not in html, name


def test_pages_with_a_canonical_address_point_at_the_configured_site(client, reader_urls):
    for name, url in reader_urls.items():
        html = client.get(url).content.decode()
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)"', html)
        if name == "404":
            assert canonical == []
        else:
            assert canonical == [f"http://testserver{url}"], name


def test_templates_quote_every_attribute_value():
    """Autoescaping does not protect an unquoted attribute (Django's security docs)."""
    unquoted = re.compile(r"""=\{[{%]""")
    for template in PACKAGE.glob("**/templates/**/*.html"):
        if "newsroom" in template.parts or "admin" in template.parts:
            continue
        for number, line in enumerate(template.read_text().splitlines(), 1):
            assert not unquoted.search(line), f"{template}:{number}: {line.strip()}"


def test_stylesheet_uses_system_fonts_and_nothing_from_other_hosts():
    css = CSS.read_text()
    assert "@import" not in css
    assert "@font-face" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)
    assert "system-ui" in css


def test_stylesheet_keeps_focus_visible_and_respects_reduced_motion():
    css = CSS.read_text()
    assert ":focus-visible" in css
    assert "outline: none" not in css.replace("main:focus { outline: none; }", "")
    assert "@media (prefers-reduced-motion: reduce)" in css


def test_honeypot_is_moved_off_screen_not_display_none():
    css = CSS.read_text()
    rule = re.search(r"\.hp\s*\{([^}]*)\}", css).group(1)
    assert "left: -10000px" in rule
    assert "display" not in rule and "visibility" not in rule
