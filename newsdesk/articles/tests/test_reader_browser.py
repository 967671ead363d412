"""The reader site in a real browser: nothing is fetched from other hosts before a click."""

import re

import pytest

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
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


def test_a_gallery_slide_keeps_its_place_while_the_picture_loads(live_server, browser_page):
    """The slide's box is reserved from the image's width and height before any pixel arrives:
    nothing below it (the buttons) jumps when it loads (layout shift 0.375 before)."""
    gallery = GalleryFactory(image_count=2)
    page = browser_page.page
    url = live_server.url + gallery.get_slide_url(1)
    page.goto(url)
    page.wait_for_function("() => document.querySelector('.slide-stage img').complete")
    loaded = page.locator(".slide-stage img").bounding_box()
    page.route("**/media/**", lambda route: None)  # now the picture is still on its way
    page.goto(url, wait_until="domcontentloaded")
    pending = page.locator(".slide-stage img").bounding_box()
    assert loaded["height"] > 100
    assert pending["width"] == pytest.approx(loaded["width"], abs=1)
    assert pending["height"] == pytest.approx(loaded["height"], abs=1)


def test_list_thumbnails_ask_for_a_file_the_size_they_are_shown_at(live_server, browser_page):
    """On a phone a list thumbnail is 104 px wide: at three device pixels per CSS pixel the
    browser needs the 320w file, not the 1280w one ("sizes" said 100vw)."""
    for headline in ("Aufmacher", "Zweiter Artikel", "Dritter Artikel"):
        ArticleFactory(headline=headline, lead_image=ImageFactory())
    browser = browser_page.page.context.browser
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=3, locale="de-DE"
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        thumbnail = page.locator(".teaser:not(.teaser-large) .teaser-image img").first
        thumbnail.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.currentSrc", arg=thumbnail.element_handle(), timeout=10000
        )
        shown = thumbnail.bounding_box()["width"]
        chosen = thumbnail.evaluate("img => img.currentSrc")
    finally:
        context.close()
    width = int(re.search(r"(\d+)w?\.(?:webp|jpe?g)$", chosen).group(1))
    assert shown < 120 and width <= 320, (shown, chosen)


def test_a_printed_article_is_black_on_white_without_controls_or_comments(
    live_server, browser_page
):
    """Printers drop backgrounds: no pale text from dark boxes, no buttons, no comment thread,
    and an ordinary article fits on few pages (five before)."""
    gallery = GalleryFactory(image_count=3)
    article = ArticleFactory(
        lead_image=ImageFactory(),
        body="Ein Absatz mit Text.\n\n" * 12 + f"[[gallery:{gallery.slug}]]\n\nSchluss.\n",
    )
    for n in range(6):
        CommentFactory(article=article, body=f"Kommentar {n} " * 20)
    page = browser_page.page
    page.goto(live_server.url + article.get_absolute_url())
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => [...document.querySelectorAll('.comments, .share, .button, button, .site-footer')]
            .every(el => getComputedStyle(el).display === 'none')"""
    )
    assert hidden
    pale = page.evaluate(
        """() => [...document.querySelectorAll('.embed-gallery *, .site-header *')]
            .filter(el => el.textContent.trim())
            .map(el => getComputedStyle(el).color)
            .filter(color => {
                const [r, g, b] = color.match(/\\d+/g).map(Number);
                return r + g + b > 3 * 120;
            })"""
    )
    assert pale == []
    pages = len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))
    assert 1 <= pages <= 3


def test_readers_with_a_dark_system_setting_get_a_dark_page(live_server, browser_page):
    """Dark mode from prefers-color-scheme alone: no cookie, nothing to switch."""
    article = ArticleFactory(body="Ein Absatz.")
    browser = browser_page.page.context.browser
    context = browser.new_context(color_scheme="dark", locale="de-DE")
    try:
        page = context.new_page()
        page.goto(live_server.url + article.get_absolute_url())
        colors = page.evaluate(
            """() => {
                const style = getComputedStyle(document.body);
                const button = document.querySelector('.comment-form .button');
                return [style.backgroundColor, style.color, getComputedStyle(button).color,
                        getComputedStyle(button).backgroundColor];
            }"""
        )
        assert context.cookies() == []
    finally:
        context.close()

    def luminance(color: str) -> float:
        r, g, b = (int(n) / 255 for n in re.findall(r"\d+", color)[:3])
        channel = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2]

    def contrast(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    background, text, button_text, button_background = colors
    assert luminance(background) < 0.05
    assert contrast(text, background) >= 7
    assert contrast(button_text, button_background) >= 4.5


@pytest.mark.parametrize("width, height", [(320, 150), (360, 150), (390, 110)])
def test_the_phone_header_is_compact_and_fits_the_screen(live_server, browser_page, width, height):
    """The header took 166 px (a fifth of an 844 px phone screen) with search on a row of its
    own; from 380 px name and search now share a row."""
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(live_server.url + "/")
    assert page.locator(".site-header").bounding_box()["height"] <= height
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator(".site-search input").bounding_box()["width"] >= 80
