"""The body editor: Markdown survives the editor unchanged for readers, and its embed search."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from newsdesk.commerce.models import Product
from newsdesk.core.markup import Embed, render_markdown, split_body
from newsdesk.demo.content import ARTICLES
from newsdesk.galleries.models import Gallery
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.importers import wp_content
from newsdesk.importers.plaintext import parse_text
from newsdesk.importers.textimport import FileReport, _body
from newsdesk.importers.wxr import WxrItem, WxrReader
from newsdesk.newsroom.groups import AUTHOR
from newsdesk.newsroom.tests.helpers import newsroom_user

from .factories import ArticleFactory

FRONTEND = Path(__file__).resolve().parents[3] / "frontend"
FIXTURES = Path(__file__).resolve().parents[2] / "importers" / "tests" / "fixtures"


def through_editor(bodies: list[str]) -> list[str]:
    """Each body after a trip through the editor's document model (parse, then serialise)."""
    if not shutil.which("node") or not (FRONTEND / "node_modules").exists():
        pytest.skip("the editor's npm packages are not installed (make install-test does it)")
    done = subprocess.run(
        ["node", "roundtrip.mjs"],
        cwd=FRONTEND,
        input=json.dumps(bodies),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(done.stdout)


def as_readers_see_it(body: str) -> list[str]:
    """The rendered body, block by block; only whitespace between and inside tags is ignored."""
    blocks = []
    for part in split_body(body):
        if isinstance(part, Embed):
            blocks.append(part.token)
        else:
            html = render_markdown(part)
            blocks.append(re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip())
    return blocks


def assert_lossless(bodies: list[str]) -> None:
    assert bodies
    after = through_editor(bodies)
    for before, again in zip(bodies, after, strict=True):
        assert as_readers_see_it(again) == as_readers_see_it(before), (before, again)
    # A second trip changes nothing at all: saving an opened article is stable.
    assert through_editor(after) == after


def test_demo_articles_survive_the_editor():
    assert_lossless([article.body for article in ARTICLES])


@pytest.mark.django_db
def test_text_importer_fixtures_survive_the_editor():
    bodies = []
    for path in sorted((FIXTURES / "text").glob("*.txt")):
        parsed = parse_text(path.read_text(encoding="utf-8"))
        bodies.append(_body(parsed, FileReport(path.name)))
    assert_lossless(bodies)


def test_wordpress_fixture_posts_survive_the_editor():
    resolver = wp_content.Resolver(
        image=lambda attachment, src: wp_content.ImageTarget("/media/bilder/x.jpg", "Alt-Text"),
        gallery=lambda ids: "importierte-bilderstrecke",
        video=lambda provider, video_id: f"video-{video_id}".lower(),
    )
    posts = [
        item
        for item in WxrReader(FIXTURES / "wordpress" / "technikblatt.wordpress.xml")
        if isinstance(item, WxrItem) and item.post_type in ("post", "page") and item.content
    ]
    assert len(posts) >= 3
    assert_lossless([wp_content.convert(post.content, resolver).body for post in posts])


WORDS = "Lumio Aurora Akku Display Preis Händler Größe Kamera Test Über Chip".split()


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _inline(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        text = _words(rng, rng.randint(1, 4))
        if choice < 0.15:
            parts.append(f"**{text}**")
        elif choice < 0.3:
            parts.append(f"*{text}*")
        elif choice < 0.4:
            parts.append(f"[{text}](https://example.org/{rng.randint(1, 99)})")
        elif choice < 0.45:
            parts.append(f"`{text}`")
        elif choice < 0.5:
            parts.append(
                rng.choice(["5 < 6", "AT&T", "a_b_c", "50 % * 2", "[1]", "H<sub>2</sub>O"])
            )
        else:
            parts.append(text)
    return " ".join(parts)


def generated_body(rng: random.Random) -> str:
    """A body like the ones editors and importers write, from every construct we store."""
    blocks = []
    for _ in range(rng.randint(3, 14)):
        choice = rng.random()
        if choice < 0.35:
            blocks.append(_inline(rng) + ".")
        elif choice < 0.45:
            blocks.append(f"{'#' * rng.choice([2, 2, 3])} {_words(rng, 3)}")
        elif choice < 0.55:
            marker = rng.choice(["-", "*", "1."])
            items = [f"{marker} {_inline(rng)}" for _ in range(rng.randint(1, 4))]
            blocks.append(("\n\n" if rng.random() < 0.2 else "\n").join(items))
        elif choice < 0.62:
            blocks.append("> " + _inline(rng))
        elif choice < 0.7:
            cols = rng.randint(2, 4)
            rows = [
                " | ".join(_words(rng, 1) for _ in range(cols)) for _ in range(rng.randint(1, 4))
            ]
            blocks.append(
                "\n".join([f"| {rows[0]} |", "|" + "---|" * cols, *[f"| {r} |" for r in rows[1:]]])
            )
        elif choice < 0.8:
            kind = rng.choice(["gallery", "video", "product", "article"])
            blocks.append(f"[[{kind}:{_words(rng, 1).lower()}-{rng.randint(1, 9)}]]")
        elif choice < 0.85:
            blocks.append(f"Quelle: [{_words(rng, 1)}](https://example.org/quelle)")
        elif choice < 0.9:
            blocks.append(
                '<figure><img src="/media/a.jpg" alt="x"><figcaption>Bild</figcaption></figure>'
            )
        elif choice < 0.93:
            blocks.append("---")
        else:
            blocks.append("```\n" + _words(rng, 4) + "\n```")
    return "\n\n".join(blocks) + "\n"


def test_generated_bodies_survive_the_editor():
    # 2,000 here; the 10,000 cost about 40 s of CPU more (bench/editor_roundtrip.py
    # runs them, figures in docs/performance.md).
    rng = random.Random(16)
    assert_lossless([generated_body(rng) for _ in range(2000)])


def test_unchanged_bodies_in_the_editors_own_form_stay_byte_identical():
    body = (
        "Lumio plant einen Preis.\n\n## Was sich ändert\n\n- Akku\n- Display\n\n"
        "[[gallery:lumio-aurora-x3-bilder]]\n\n| Modell | Preis |\n| --- | --- |\n"
        "| X3 | 649 Euro |\n\nQuelle: [Bloomberg](https://www.bloomberg.com/technology)\n"
    )
    assert through_editor([body]) == [body]


# The embed search the picker and the cards use.


@pytest.fixture
def newsroom(client, django_user_model):
    user = django_user_model.objects.create_superuser("chef", "chef@example.org", "pw-2026-ok")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_embed_search_finds_published_and_unpublished_galleries(newsroom):
    Gallery.objects.create(title="Aurora X3 in Bildern", slug="aurora-bilder", is_published=True)
    Gallery.objects.create(title="Aurora Entwurf", slug="aurora-entwurf")
    Gallery.objects.create(title="Etwas anderes", slug="anderes", is_published=True)
    url = reverse("admin:articles_article_embeds")
    results = newsroom.get(url, {"kind": "gallery", "q": "aurora"}).json()["results"]
    assert {(r["slug"], r["published"]) for r in results} == {
        ("aurora-bilder", True),
        ("aurora-entwurf", False),
    }
    assert results[0]["meta"] == "0 Bilder"


@pytest.mark.django_db
def test_embed_search_reads_galleries_in_a_fixed_number_of_queries(
    newsroom, django_assert_max_num_queries
):
    for number in range(5):
        GalleryFactory(title=f"Aurora {number}", image_count=2)
    url = reverse("admin:articles_article_embeds")
    with django_assert_max_num_queries(8):
        results = newsroom.get(url, {"kind": "gallery", "q": "aurora"}).json()["results"]
    assert len(results) == 5
    assert all(r["meta"] == "2 Bilder" and r["thumbnail"] for r in results)


@pytest.mark.django_db
def test_embed_cards_for_the_embeds_of_a_body(newsroom):
    Product.objects.create(name="Aurora X3", maker="Lumio", slug="aurora-x3", is_published=True)
    article = ArticleFactory(headline="Aurora im Test")
    url = reverse("admin:articles_article_embeds")
    items = f"product:aurora-x3,article:{article.slug},gallery:gibt-es-nicht"
    results = newsroom.get(url, {"items": items}).json()["results"]
    assert {(r["kind"], r["title"]) for r in results} == {
        ("product", "Lumio Aurora X3"),
        ("article", "Aurora im Test"),
    }


@pytest.mark.django_db
def test_an_autor_finds_every_published_article_and_her_own_drafts(client):
    anna = newsroom_user(AUTHOR, "anna", author=True)
    client.force_login(anna)
    ArticleFactory(headline="Aurora veröffentlicht", slug="aurora-live")
    ArticleFactory(headline="Aurora fremder Entwurf", slug="aurora-fremd", status="draft")
    own = ArticleFactory(
        headline="Aurora eigener Entwurf", slug="aurora-eigen", status="draft", authors=[]
    )
    own.created_by = anna
    own.save()
    results = client.get(
        reverse("admin:articles_article_embeds"), {"kind": "article", "q": "aurora"}
    ).json()["results"]
    assert {(r["slug"], r["published"]) for r in results} == {
        ("aurora-live", True),
        ("aurora-eigen", False),
    }


@pytest.mark.django_db
def test_embed_search_needs_a_newsroom_login(client):
    response = client.get(reverse("admin:articles_article_embeds"), {"kind": "gallery"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_form_without_javascript_is_the_markdown_textarea(newsroom):
    article = ArticleFactory(body="## Zwischentitel\n\n[[gallery:x]]\n")
    response = newsroom.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = response.content.decode()
    assert re.search(r"<textarea[^>]*name=\"body\"[^>]*data-body-editor", html) or re.search(
        r"<textarea[^>]*data-body-editor[^>]*name=\"body\"", html
    )
    assert re.search(r"\[\[gallery:x\]\]\s*</textarea>", html)
    assert "articles/editor/editor.js" in html
