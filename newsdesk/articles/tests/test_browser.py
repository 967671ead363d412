"""The showcase article as a reader's browser sees it (headless Debian Chromium)."""

import os
import re

import pytest

from newsdesk.demo.loader import build_showcase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_showcase_article_has_every_part_and_loads_nothing_from_other_hosts(
    live_server, browser_page
):
    article = build_showcase()
    page = browser_page.page
    page.goto(live_server.url + article.get_absolute_url())

    # Headline, byline, date, teaser.
    assert page.locator("h1").inner_text() == article.headline
    assert article.headline.endswith("?")
    byline = page.locator(".byline")
    for author in article.ordered_authors():
        assert author.name in byline.inner_text()
    assert page.locator(".byline time[datetime]").count() >= 1
    assert article.teaser in page.content()
    # Body with subheadings, source credit.
    assert page.locator(".article-body h2").count() >= 1
    assert page.get_by_text(re.compile(r"^Quelle:")).first.is_visible()
    # Gallery teaser under the gallery's own title.
    gallery_link = page.get_by_role(
        "link", name=re.compile(r"Bilderstrecke starten \(\d+ Bilder\)")
    )
    assert gallery_link.is_visible()
    assert page.locator(".embed-gallery").inner_text().strip() != ""
    # Related article, affiliate links with their label, video with caption.
    assert page.get_by_text(re.compile("Auch interessant:")).first.is_visible()
    offer = page.locator("a[href^='/go/']").first
    assert re.search(r"(bei .+ kaufen|mit Vertrag bei .+)\*", offer.inner_text())
    assert "sponsored" in offer.get_attribute("rel")
    assert page.get_by_text(re.compile("Werbung")).first.is_visible()
    video = page.locator(".embed-video")
    assert "im Hands-On" in video.inner_text()
    # Call to comment and share, share links, comments and their form.
    for network in ("Facebook", "X", "WhatsApp", "LinkedIn", "E-Mail"):
        assert page.locator(".share-links a", has_text=network).count() == 1
    assert page.locator("#kommentare h2").inner_text().startswith("Kommentare")
    assert page.locator(".comment").count() >= 2
    assert page.locator("form.comment-form textarea").is_visible()

    if os.environ.get("NEWSDESK_SCREENSHOT"):
        # Lazy images below the fold load only when scrolled to; load them all for the picture.
        page.evaluate(
            "document.querySelectorAll('img[loading=lazy]')"
            ".forEach(img => { img.loading = 'eager'; })"
        )
        page.wait_for_load_state("networkidle")
        page.screenshot(path=os.environ["NEWSDESK_SCREENSHOT"], full_page=True)

    # Privacy by default: nothing was fetched from another host so far.
    assert browser_page.foreign_requests == []

    # The provider's player is requested only after the reader clicks the poster.
    video.locator("a.video-consent").click()
    page.wait_for_selector(".embed-video iframe")
    assert any("youtube" in url for url in browser_page.foreign_requests)


def test_slideshow_steps_with_the_keyboard(live_server, browser_page):
    article = build_showcase()
    page = browser_page.page
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("link", name=re.compile(r"Bilderstrecke starten")).click()
    page.wait_for_url(re.compile(r"/bilderstrecke/[^/]+/1/$"))
    total = int(re.search(r"Bild 1 von (\d+)", page.content()).group(1))
    assert total >= 6
    assert page.locator("figcaption .credit").first.inner_text().strip() != ""

    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"/2/$"))
    assert f"Bild 2 von {total}" in page.content()
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"/1/$"))
    assert f"Bild 1 von {total}" in page.content()
    assert browser_page.foreign_requests == []
