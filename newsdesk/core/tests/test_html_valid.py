"""Every reader page type is valid HTML by the Nu HTML Checker (the W3C validator's engine).

The checker is the bench-only npm package ``vnu-jar`` (``cd bench/lighthouse && npm ci``) and
needs Java; without either the test is skipped. ``bench/lighthouse.py`` runs the same checker
over the demo site.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from newsdesk.articles.tests.factories import AuthorFactory, TopicFactory
from newsdesk.articles.tests.test_views import full_article
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.galleries.models import Gallery
from newsdesk.readership import selectors, services

pytestmark = pytest.mark.django_db

VNU = (
    Path(__file__).resolve().parents[3] / "bench/lighthouse/node_modules/vnu-jar/build/dist/vnu.jar"
)


def vnu_jar() -> Path:
    if not VNU.exists() or not shutil.which("java"):
        pytest.skip("the Nu checker is not installed (cd bench/lighthouse && npm ci; Java 17)")
    return VNU


def test_reader_pages_have_no_html_error(client, tmp_path):
    jar = vnu_jar()
    article = full_article()
    topic = article.topics.first() or TopicFactory()
    author = AuthorFactory()
    comment = CommentFactory(article=article)
    services.record_reading(article.pk)
    selectors.refresh()
    gallery = Gallery.objects.get(slug="s7-bilder")
    pages = {
        "home": "/",
        "article": article.get_absolute_url(),
        "gallery-slide": gallery.get_slide_url(2),
        "topic": topic.get_absolute_url(),
        "author": author.get_absolute_url(),
        "product": "/produkt/galaxy-s7/",
        "search": "/suche/?q=Galaxy",
        "comment-reply": f"/kommentare/{article.pk}/antworten/{comment.pk}/",
        "not-found": "/gibt-es-nicht/",
    }
    files = []
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code in (200, 404), name
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    run = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).stem} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []
