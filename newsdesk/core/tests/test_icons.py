"""What browsers and Google ask every site for: icons, a manifest, big image previews, and
media files that may be kept in the cache."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from newsdesk.articles.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_no_page_view_ends_in_a_404_for_icons_or_the_manifest(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    links = dict(re.findall(r'<link rel="(icon|apple-touch-icon|manifest)" href="([^"]+)"', html))
    assert set(links) == {"icon", "apple-touch-icon", "manifest"}
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301 and favicon["Location"].endswith("favicon.ico")
    manifest = client.get(links["manifest"])
    assert manifest.status_code == 200
    assert manifest["Content-Type"] == "application/manifest+json"
    data = json.loads(manifest.content)
    assert data["name"] == "Technikblatt" and data["start_url"] == "/"
    assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}


def test_the_icon_files_exist_with_their_sizes():
    for name, size in [
        ("newsdesk/icon-192.png", (192, 192)),
        ("newsdesk/icon-512.png", (512, 512)),
        ("newsdesk/apple-touch-icon.png", (180, 180)),
    ]:
        with Image.open(finders.find(name)) as image:
            assert image.size == size, name
    assert finders.find("newsdesk/favicon.ico") and finders.find("newsdesk/icon.svg")


def test_google_may_show_large_image_previews_of_indexable_pages(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert '<meta name="robots" content="max-image-preview:large">' in html
    search = client.get("/suche/", {"q": "x"}).content.decode()
    assert "max-image-preview" not in search and 'content="noindex"' in search


def test_renditions_are_cached_for_good_other_media_for_a_month():
    rendition = default_storage.save("renditions/images/2026/12/abc123-640.webp", ContentFile(b"x"))
    original = default_storage.save("images/2026/12/abc123.jpg", ContentFile(b"x"))
    client = Client()
    assert client.get(f"/media/{rendition}")["Cache-Control"] == (
        "public, max-age=31536000, immutable"
    )
    assert client.get(f"/media/{original}")["Cache-Control"] == "public, max-age=2592000"
