"""Article bodies: Markdown, embeds and the allow-list sanitiser (TRUST.md group A)."""

import re

import pytest
from django.test import override_settings

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.core.markup import Embed, find_embeds, render_markdown, sanitize_html, split_body

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=1></svg>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<iframe src="https://evil.example/"></iframe>',
    '<form action="https://evil.example/"><input name=a></form>',
    "<object data=x></object><embed src=x>",
    '<p onmouseover="alert(1)">hover</p>',
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "<style>body{display:none}</style>",
    "[klick](javascript:alert(1))",
    "<<script>script>alert(1)<</script>/script>",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_script_handler_or_dangerous_link_survives(payload):
    html = render_markdown(payload).lower()
    attribute_values = " ".join(re.findall(r'=\s*"([^"]*)"', html))
    assert "<script" not in html
    # Harmless as visible text; dangerous only as a link or source.
    assert "javascript:" not in attribute_values
    assert "vbscript:" not in attribute_values
    assert "data:" not in attribute_values
    assert "onerror" not in html and "onload" not in html and "onmouseover" not in html
    assert "<iframe" not in html and "<form" not in html and "<object" not in html
    assert "<svg" not in html and "<math" not in html and "<style" not in html
    assert "style=" not in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS + ["## Titel\n\n*kursiv* und **fett**"])
def test_sanitiser_is_idempotent(payload):
    once = sanitize_html(render_markdown(payload))
    assert sanitize_html(once) == once


def test_markdown_keeps_headings_lists_links_and_own_images():
    html = render_markdown(
        "## Akku\n\n- lange Laufzeit\n- schnell geladen\n\n"
        "[Hersteller](https://example.com/s7) ![Foto](/media/images/a.jpg)"
    )
    assert "<h2>Akku</h2>" in html
    assert "<li>lange Laufzeit</li>" in html
    assert 'href="https://example.com/s7"' in html
    assert 'rel="noopener noreferrer"' in html
    assert '<img src="/media/images/a.jpg" alt="Foto">' in html


@pytest.mark.parametrize(
    "src",
    [
        "https://tracker.example/pixel.gif",
        "//evil.example/x.png",
        "http://127.0.0.1.evil.example/x.png",
        "/\\evil.example/x.png",
        "\\\\evil.example/x.png",
        "/\t/evil.example/x.png",
        "/&#9;/evil.example/x.png",
        "/\n/evil.example/x.png",
        " //evil.example/x.png",
        "http://testserver@evil.example/x.png",
        "http://testserver.evil.example/x.png",
        "http://testserver:8080/x.png",
        "https:evil.example/x.png",
        "bild.png",
    ],
)
def test_images_from_other_hosts_lose_their_source(src):
    html = render_markdown(f'<img src="{src}" alt="x">')
    assert "src=" not in html


def test_image_with_handler_keeps_the_image_but_not_the_handler():
    html = render_markdown("<img src=/media/x.jpg onerror=alert(1)>")
    assert '<img src="/media/x.jpg">' in html


def test_pasted_word_html_loses_iframes_and_styles_but_keeps_text():
    html = render_markdown('<p style="color:red">Text <iframe src="x"></iframe>bleibt</p>')
    assert "Text" in html and "bleibt" in html
    assert "iframe" not in html and "color" not in html


def test_embed_lines_split_the_body_in_reading_order():
    parts = split_body("Eins\n\n[[gallery:s7-bilder]]\n\nZwei\n[[video:s7]]\n")
    assert parts[0].strip() == "Eins"
    assert parts[1] == Embed("gallery", "s7-bilder")
    assert parts[2].strip() == "Zwei"
    assert parts[3] == Embed("video", "s7")


def test_embed_inside_a_sentence_or_of_unknown_kind_stays_text():
    assert find_embeds("Siehe [[gallery:x]] im Text") == []
    assert find_embeds("[[poll:umfrage]]") == []
    assert "[[poll:umfrage]]" in render_markdown("[[poll:umfrage]]")


@pytest.mark.parametrize(
    "src, kept",
    [
        ("/media/images/a.jpg", "/media/images/a.jpg"),
        ("http://testserver/media/a.jpg", "http://testserver/media/a.jpg"),
        ("/media/images\\a.jpg", "/media/images/a.jpg"),
    ],
)
def test_images_from_this_site_keep_their_source(src, kept):
    html = render_markdown(f'<img src="{src}" alt="x">')
    assert f'src="{kept}"' in html


@pytest.mark.django_db
def test_a_backslash_image_does_not_travel_in_the_full_text_feed(client):
    """Feeds (and mail) have no CSP: an image from elsewhere would be a tracking pixel there."""
    ArticleFactory(headline="Pixel", body='Text <img src="/\\evil.example/x.png" alt="">')
    with override_settings(NEWSDESK_FEED_FULL_TEXT=True):
        for url in ("/feed/", "/feed/atom/"):
            content = client.get(url).content.decode()
            assert "Pixel" in content and "evil.example" not in content, url


def test_pipe_tables_render_as_tables():
    html = render_markdown(
        "| Modell | Preis |\n| :--- | ---: |\n"
        "| Aurora X3 | 649 **Euro** |\n| X3 Pro | 1049 Euro |\n"
    )
    assert "<table>" in html and "<thead>" in html and "<tbody>" in html
    assert "<th>Modell</th>" in html
    assert "<td>649 <strong>Euro</strong></td>" in html
    # Alignment arrives as a style attribute, which the allow-list drops.
    assert "style" not in html


def test_pipe_tables_are_sanitised():
    html = render_markdown(
        "| a | b |\n| - | - |\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |\n"
    )
    assert "<table>" in html
    assert "onerror" not in html
    assert "href" not in html
