"""``newsdesk make-crops`` fills in the crops of images uploaded before they existed."""

import feedparser
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from lxml import html
from PIL import Image as PILImage

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.galleries.renditions import crop_name, make_renditions
from newsdesk.galleries.tests.factories import ImageFactory

from .validation import json_ld, of_type

MEDIA_PREFIX = "http://testserver/media/"

pytestmark = pytest.mark.django_db


def test_missing_crops_are_written_in_their_ratios(capsys):
    image = ImageFactory(file__width=1600, file__height=1200)
    lost = ImageFactory()
    default_storage.delete(lost.file.name)
    call_command("make_crops", verbosity=0)
    sizes = {}
    for ratio in ("16x9", "4x3", "1x1"):
        with default_storage.open(crop_name(image.file.name, ratio)) as handle:
            sizes[ratio] = PILImage.open(handle).size
    assert sizes == {"16x9": (1200, 675), "4x3": (1200, 900), "1x1": (1200, 1200)}
    output = capsys.readouterr()
    assert "1 images cropped, 1 failed." in output.out
    assert f"Bild {lost.pk}" in output.err


def test_before_make_crops_pages_name_only_images_that_exist(client, settings):
    """An image uploaded before crops existed: structured data, link previews and feeds point
    to its rendition instead of crop files that would answer 404, and to the crops once
    ``make-crops`` has written them (the cached pages are rendered again)."""
    settings.NEWSDESK_PAGE_CACHE = True
    image = ImageFactory(file__width=1600, file__height=1200)
    make_renditions(image.file.name)
    for ratio in ("16x9", "4x3", "1x1"):
        default_storage.delete(crop_name(image.file.name, ratio))
    article = ArticleFactory(lead_image=image)

    def shown_images() -> list[str]:
        page = client.get(article.get_absolute_url()).content
        (data,) = of_type(json_ld(page), "NewsArticle")
        tags = html.fromstring(page).xpath('//meta[@property="og:image"]/@content')
        feed = feedparser.parse(client.get("/feed/").content)
        enclosures = [media["url"] for media in feed.entries[0].media_content]
        return [image["url"] for image in data["image"]] + tags + enclosures

    urls = shown_images()
    assert len(urls) == 3
    for url in urls:
        assert url.startswith(MEDIA_PREFIX)
        assert default_storage.exists(url.removeprefix(MEDIA_PREFIX)), url

    call_command("make_crops", verbosity=0)
    urls = shown_images()
    assert [url.rsplit("-", 1)[1] for url in urls] == [
        "16x9.jpg",
        "4x3.jpg",
        "1x1.jpg",
        "16x9.jpg",
        "16x9.jpg",
    ]
    assert all(default_storage.exists(url.removeprefix(MEDIA_PREFIX)) for url in urls)
