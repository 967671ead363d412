"""Every page type in a real browser: labels, credits, footer links, no cookies, no third parties.

Headless Debian Chromium through Playwright (``browser_page`` in ``newsdesk/conftest.py``) reads
each page as an anonymous reader would, with the page cache on as in production.
"""

from decimal import Decimal

import pytest
from django.test import override_settings

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory, ShopFactory
from newsdesk.demo.content.pages import DATENSCHUTZ, IMPRESSUM
from newsdesk.galleries.renditions import make_renditions
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
from newsdesk.pages.models import Page
from newsdesk.videos.tests.factories import VideoFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def credited_image(**kwargs):
    image = ImageFactory(**kwargs)
    make_renditions(image.file.name)
    return image


# Sources of <img> elements with no credit in their own figure nor in an enclosing one.
UNCREDITED_PICTURES = """() => [...document.querySelectorAll("main img")].filter(img => {
    let figure = img.closest("figure");
    while (figure) {
        if (figure.querySelector(".credit")) return false;
        figure = figure.parentElement.closest("figure");
    }
    return true;
}).map(img => img.currentSrc || img.src)"""


@pytest.fixture
def site():
    for text in (IMPRESSUM, DATENSCHUTZ):
        Page.objects.create(
            slug=text.slug, title=text.title, body=text.body, footer_position=text.footer_position
        )
    topic, author = TopicFactory(name="Smartphones"), AuthorFactory(name="Anna Beispiel")
    shop = ShopFactory(name="Amazon", domains="amazon.de")
    product = ProductFactory(name="Galaxy S7", slug="galaxy-s7", image=credited_image())
    OfferFactory(product=product, shop=shop, price=Decimal("499.00"), url="https://amazon.de/s7")
    gallery = GalleryFactory(slug="s7-bilder", image_count=2)
    VideoFactory(slug="s7-video", poster=credited_image(credit="Foto: Video-Team"))
    review = ArticleFactory(
        kind=Article.Kind.REVIEW,
        headline="Galaxy S7 im Test",
        score=Decimal("8.5"),
        topics=[topic],
        authors=[author],
        lead_image=credited_image(credit="Foto: Anna Beispiel"),
        body=(
            "Gibt es [bei Amazon](https://www.amazon.de/dp/S7?tag=technikblatt-21).\n\n"
            "[[gallery:s7-bilder]]\n\n[[video:s7-video]]\n\n[[product:galaxy-s7]]\n"
        ),
    )
    review.products.add(product)
    sponsored = ArticleFactory(
        headline="So sparen Sie Strom",
        is_sponsored=True,
        sponsor_name="Stadtwerke Beispiel",
        topics=[topic],
        authors=[author],
        lead_image=credited_image(credit="Bild: Stadtwerke Beispiel"),
        body="Zum [Tarifrechner](https://stadtwerke.example/tarife).",
    )
    return {
        "home": "/",
        "review": review.get_absolute_url(),
        "sponsored": sponsored.get_absolute_url(),
        "kind": "/ratgeber/" if sponsored.kind == Article.Kind.GUIDE else "/news/",
        "topic": topic.get_absolute_url(),
        "author": author.get_absolute_url(),
        "product": product.get_absolute_url(),
        "gallery": gallery.get_absolute_url(),
        "slide": gallery.get_slide_url(1),
        "impressum": "/impressum/",
        "datenschutz": "/datenschutz/",
    }


def test_every_page_type_is_labelled_credited_cookie_free_and_first_party(
    live_server, browser_page, site
):
    page = browser_page.page
    with override_settings(NEWSDESK_PAGE_CACHE=True):
        for name, path in site.items():
            for _visit in range(2):  # rendered, then from the cache
                response = page.goto(live_server.url + path)
                assert response.status == 200, name
                page.wait_for_load_state("networkidle")
                footer = page.locator("footer .footer-nav a")
                assert footer.all_inner_texts() == ["Impressum", "Datenschutz"], name
                # Every picture shows its credit beside it (a video poster in the video's caption).
                uncredited = page.evaluate(UNCREDITED_PICTURES)
                assert uncredited == [], (name, uncredited)
            assert browser_page.foreign_requests == [], name
            assert page.context.cookies() == [], name

        # Paid content says so above the headline and in every teaser listing it.
        page.goto(live_server.url + site["sponsored"])
        label = page.locator(".article-header .ad-label")
        assert label.text_content().startswith("Anzeige")
        assert "Stadtwerke Beispiel" in label.inner_text()
        assert (
            page.locator(".article-body a", has_text="Tarifrechner").get_attribute("rel")
            == "sponsored noopener"
        )
        for name in ("home", "topic", "author", "kind"):
            page.goto(live_server.url + site[name])
            teaser = page.locator("article.teaser", has_text="So sparen Sie Strom")
            assert teaser.locator(".ad-label").text_content() == "Anzeige", name

        # Affiliate links: typed into the text or from the offer box, both with the asterisk
        # and the "* Werbung" note on the page.
        page.goto(live_server.url + site["review"])
        typed = page.locator(".article-body a.affiliate-link")
        assert typed.get_attribute("rel") == "sponsored nofollow noopener"
        assert "*" in typed.inner_text()
        assert page.locator(".ad-note").count() >= 1
        for link in page.locator("a.offer-link").all():
            assert link.get_attribute("rel") == "sponsored nofollow"
        # The Impressum names the responsible person.
        page.goto(live_server.url + site["impressum"])
        assert "§ 18 Abs. 2 MStV" in page.inner_text("main")
    assert browser_page.foreign_requests == []
    assert page.context.cookies() == []
