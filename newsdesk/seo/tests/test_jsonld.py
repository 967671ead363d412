"""Structured data and social tags of each page type, parsed the way a crawler reads them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from lxml import html
from PIL import Image as PILImage

from newsdesk.articles.models import Article, ArticleSource
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory
from newsdesk.galleries.renditions import make_renditions
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
from newsdesk.pages.models import Page
from newsdesk.videos.tests.factories import VideoFactory

from .validation import json_ld, of_type

pytestmark = pytest.mark.django_db

MEDIA_PREFIX = "http://testserver/media/"


def blocks(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    return json_ld(response.content)


def meta(client, url: str) -> dict[str, str]:
    document = html.fromstring(client.get(url).content)
    tags = document.xpath("//meta[@property or @name]")
    return {tag.get("property") or tag.get("name"): tag.get("content") for tag in tags}


def breadcrumb_names(data: list[dict]) -> list[str]:
    (trail,) = of_type(data, "BreadcrumbList")
    return [item["name"] for item in trail["itemListElement"]]


@pytest.fixture
def story():
    image = ImageFactory(credit="Foto: Anna Beispiel")
    make_renditions(image.file.name)
    topic = TopicFactory(name="Smartphones")
    authors = [AuthorFactory(name="Anna Beispiel"), AuthorFactory(name="Ben Muster")]
    article = ArticleFactory(
        headline="Galaxy S8 vorgestellt",
        lead_image=image,
        topics=[topic],
        authors=authors,
        published_at=timezone.now().replace(microsecond=0) - timedelta(hours=3),
    )
    ArticleSource.objects.create(
        article=article, name="Samsung", url="https://news.samsung.example/"
    )
    ArticleSource.objects.create(article=article, name="dpa", position=1)
    return article


def test_news_article_carries_the_recommended_properties(client, story):
    data = blocks(client, story.get_absolute_url())
    (article,) = of_type(data, "NewsArticle")
    assert article["headline"] == "Galaxy S8 vorgestellt"
    assert article["mainEntityOfPage"] == "http://testserver" + story.get_absolute_url()
    assert article["datePublished"].endswith(("+01:00", "+02:00"))
    assert article["dateModified"] == article["datePublished"]
    assert [(p["@type"], p["name"]) for p in article["author"]] == [
        ("Person", "Anna Beispiel"),
        ("Person", "Ben Muster"),
    ]
    for person, author in zip(article["author"], story.ordered_authors(), strict=True):
        assert person["url"] == "http://testserver" + author.get_absolute_url()
    publisher = article["publisher"]
    assert publisher["name"] == "Technikblatt" and publisher["logo"]["url"].endswith("logo.png")
    assert article["isBasedOn"] == ["https://news.samsung.example/"]
    assert [c["name"] for c in article["citation"]] == ["Samsung", "dpa"]
    assert breadcrumb_names(data) == ["Technikblatt", "News", "Smartphones", story.headline]


def test_article_images_are_16_9_4_3_and_1_1_of_at_least_50000_pixels(client, story):
    (article,) = of_type(blocks(client, story.get_absolute_url()), "NewsArticle")
    ratios = set()
    for image in article["image"]:
        assert image["url"].startswith(MEDIA_PREFIX)
        with default_storage.open(image["url"].removeprefix(MEDIA_PREFIX)) as handle:
            width, height = PILImage.open(handle).size
        assert (width, height) == (image["width"], image["height"])
        assert width * height >= 50_000
        ratios.add(round(width / height, 2))
    assert ratios == {round(16 / 9, 2), round(4 / 3, 2), 1.0}


def test_a_tiny_lead_image_is_left_out_rather_than_break_the_size_rule(client):
    tiny = ImageFactory(file__width=200, file__height=150)
    article = ArticleFactory(lead_image=tiny)
    (data,) = of_type(blocks(client, article.get_absolute_url()), "NewsArticle")
    assert "image" not in data


def test_correction_changes_visible_note_and_date_modified_together(client, story):
    story.correction_note = "In einer früheren Fassung stand ein falscher Preis."
    story.save()
    response = client.get(story.get_absolute_url())
    page = response.content.decode()
    assert "Korrektur:" in page and "falscher Preis" in page
    assert "Aktualisiert am" in page
    (article,) = of_type(json_ld(response.content), "NewsArticle")
    assert article["dateModified"] > article["datePublished"]
    assert article["correction"]["text"].startswith("In einer früheren Fassung")
    tags = meta(client, story.get_absolute_url())
    assert tags["article:modified_time"] == article["dateModified"]


def test_review_has_review_with_product_and_rating(client):
    product = ProductFactory(name="Galaxy S7", maker="Samsung")
    OfferFactory(product=product, price=Decimal("499.00"))
    review = ArticleFactory(
        kind=Article.Kind.REVIEW,
        headline="Galaxy S7 im Test",
        score=Decimal("8.5"),
        verdict="Das beste Android-Smartphone des Jahres.",
        pros="Display\nKamera",
        cons="Preis",
    )
    review.products.add(product)
    (data,) = of_type(blocks(client, review.get_absolute_url()), "Review")
    assert data["itemReviewed"]["@type"] == "Product"
    assert data["itemReviewed"]["name"] == "Samsung Galaxy S7"
    assert data["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": "8.5",
        "bestRating": "10",
        "worstRating": "0",
    }
    assert data["author"][0]["@type"] == "Person"
    assert [n["name"] for n in data["positiveNotes"]["itemListElement"]] == ["Display", "Kamera"]


def test_embedded_video_is_a_video_object(client):
    video = VideoFactory(slug="s7-video", title="Galaxy S7 ausgepackt")
    article = ArticleFactory(body="Text.\n\n[[video:s7-video]]\n")
    (data,) = of_type(blocks(client, article.get_absolute_url()), "VideoObject")
    assert data["name"] == "Galaxy S7 ausgepackt"
    assert data["embedUrl"] == "https://www.youtube-nocookie.com/embed/abcdefghijk"
    assert data["uploadDate"] and data["thumbnailUrl"]
    assert video.caption == data["description"]


def test_embedded_video_names_no_watch_page_and_no_upload_after_the_article(client):
    """contentUrl is for a media file, not YouTube's watch page; a video shown in an article
    was online by the article's publication at the latest."""
    video = VideoFactory(slug="s7-video", title="Galaxy S7 ausgepackt")
    article = ArticleFactory(
        body="Text.\n\n[[video:s7-video]]\n", published_at=timezone.now() - timedelta(days=3)
    )
    (data,) = of_type(blocks(client, article.get_absolute_url()), "VideoObject")
    assert "contentUrl" not in data
    assert video.created_at > article.published_at
    (news,) = of_type(blocks(client, article.get_absolute_url()), "NewsArticle")
    assert data["uploadDate"] == news["datePublished"]


def test_gallery_is_an_image_gallery_with_credits(client):
    gallery = GalleryFactory(title="Galaxy S7 in Bildern", image_count=3)
    data = blocks(client, gallery.get_absolute_url())
    (entity,) = of_type(data, "ImageGallery")
    assert entity["name"] == "Galaxy S7 in Bildern"
    assert len(entity["image"]) == 3
    assert all(image["creditText"] == "Foto: Testredaktion" for image in entity["image"])
    assert all(image["contentUrl"].startswith("http://testserver/") for image in entity["image"])
    assert breadcrumb_names(data) == ["Technikblatt", "Galaxy S7 in Bildern"]
    slide = blocks(client, gallery.get_slide_url(2))
    assert of_type(slide, "ImageObject")[0]["caption"].startswith("Bildunterschrift")
    assert breadcrumb_names(slide) == ["Technikblatt", "Galaxy S7 in Bildern", "Bild 2"]


def test_product_page_has_product_with_offers(client):
    product = ProductFactory(name="Galaxy S7", maker="Samsung", description="Das Flaggschiff.")
    OfferFactory(product=product, price=Decimal("499.00"))
    OfferFactory(product=product, price=None)
    (data,) = of_type(blocks(client, product.get_absolute_url()), "Product")
    assert data["brand"] == {"@type": "Brand", "name": "Samsung"}
    offers = data["offers"]
    assert offers["@type"] == "AggregateOffer" and offers["offerCount"] == 1
    assert offers["lowPrice"] == offers["highPrice"] == "499.00"
    (offer,) = offers["offers"]
    assert offer["price"] == "499.00" and offer["priceCurrency"] == "EUR"
    assert offer["url"].startswith("http://testserver/go/")


def test_product_offers_are_an_aggregate_offer_with_the_price_range(client):
    product = ProductFactory(name="Galaxy S7", maker="Samsung")
    for price in ("499.00", "459.90", "529.00"):
        OfferFactory(product=product, price=Decimal(price))
    (data,) = of_type(blocks(client, product.get_absolute_url()), "Product")
    offers = data["offers"]
    assert (offers["@type"], offers["lowPrice"], offers["highPrice"], offers["offerCount"]) == (
        "AggregateOffer",
        "459.90",
        "529.00",
        3,
    )


def test_product_page_shows_and_marks_up_the_test_score(client):
    product = ProductFactory(name="Galaxy S7", maker="Samsung")
    review = ArticleFactory(
        kind=Article.Kind.REVIEW, headline="Galaxy S7 im Test", score=Decimal("8.7")
    )
    review.products.add(product)
    response = client.get(product.get_absolute_url())
    page = response.content.decode()
    assert "Testnote <strong>8,7</strong>/10" in page
    (data,) = of_type(blocks(client, product.get_absolute_url()), "Product")
    assert data["review"]["reviewRating"]["ratingValue"] == "8.7"
    assert data["review"]["url"] == "http://testserver" + review.get_absolute_url()


def test_lists_have_breadcrumbs_and_author_page_a_profile(client, story):
    topic = story.topics.get()
    assert breadcrumb_names(blocks(client, topic.get_absolute_url())) == [
        "Technikblatt",
        "Smartphones",
    ]
    assert breadcrumb_names(blocks(client, "/test/")) == ["Technikblatt", "Tests"]
    author = story.ordered_authors()[0]
    (profile,) = of_type(blocks(client, author.get_absolute_url()), "ProfilePage")
    assert profile["mainEntity"]["name"] == "Anna Beispiel"
    home = blocks(client, "/")
    assert of_type(home, "WebSite")[0]["url"] == "http://testserver/"
    Page.objects.create(slug="impressum", title="Impressum", body="Anschrift")
    assert breadcrumb_names(blocks(client, "/impressum/")) == ["Technikblatt", "Impressum"]


def test_social_tags_follow_the_article_and_its_override(client, story):
    tags = meta(client, story.get_absolute_url())
    assert tags["og:type"] == "article"
    assert tags["og:title"] == "Galaxy S8 vorgestellt"
    assert tags["og:url"] == "http://testserver" + story.get_absolute_url()
    assert tags["og:image"].endswith("-16x9.jpg")
    assert tags["twitter:card"] == "summary_large_image"
    other = ImageFactory()
    story.og_title = "Das ist das neue Galaxy S8"
    story.og_description = "Alle Details auf einen Blick."
    story.og_image = other
    story.save()
    tags = meta(client, story.get_absolute_url())
    assert tags["og:title"] == tags["twitter:title"] == "Das ist das neue Galaxy S8"
    assert tags["og:description"] == "Alle Details auf einen Blick."
    assert other.file.name.rsplit("/", 1)[1].split(".")[0] in tags["og:image"]
    # The page itself keeps its headline.
    assert (
        '<h1 id="headline">Galaxy S8 vorgestellt</h1>'
        in client.get(story.get_absolute_url()).content.decode()
    )


def test_headline_cannot_close_the_json_ld_script(client):
    article = ArticleFactory(headline="Test </script><script>alert(1)</script>")
    response = client.get(article.get_absolute_url())
    (data,) = of_type(json_ld(response.content), "NewsArticle")
    assert data["headline"] == "Test </script><script>alert(1)</script>"
    assert b"<script>alert(1)" not in response.content
