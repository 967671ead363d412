"""The reader site in a real browser: nothing is fetched from other hosts before a click."""

import pytest

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.videos.tests.factories import VideoFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_article_page_contacts_no_other_host_until_the_video_is_clicked(live_server, browser_page):
    VideoFactory(slug="s7-video", provider_id="abcdefghijk")
    article = ArticleFactory(body="Text\n\n[[video:s7-video]]\n")
    page = browser_page.page
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert browser_page.foreign_requests == []
    assert page.locator("iframe").count() == 0
    # Share links are plain links: present, but nothing of the networks is loaded.
    assert page.locator(".share-links a").count() == 5

    page.locator("a.video-consent").click()
    frame = page.locator("iframe.video-frame")
    frame.wait_for()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert any("youtube-nocookie.com" in url for url in browser_page.foreign_requests)


def test_arrow_keys_page_through_the_slideshow(live_server, browser_page):
    gallery = GalleryFactory(slug="s7", image_count=3)
    page = browser_page.page
    page.goto(live_server.url + gallery.get_slide_url(2))
    assert "Bild 2 von 3" in page.content()
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/bilderstrecke/s7/3/")
    assert "Bild 3 von 3" in page.content()
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/bilderstrecke/s7/2/")
    assert browser_page.foreign_requests == []


def test_skip_link_appears_on_focus(live_server, browser_page):
    page = browser_page.page
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
