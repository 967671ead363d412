"""Feeds: every one parses cleanly, lists only published articles and labels paid content."""

from datetime import timedelta

import feedparser
import pytest
from django.test import override_settings
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.commerce.tests.factories import ProductFactory
from newsdesk.galleries.renditions import make_renditions
from newsdesk.galleries.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    topic, author = TopicFactory(name="Smartphones"), AuthorFactory(name="Anna Beispiel")
    product = ProductFactory(is_published=True, slug="galaxy-s7")
    image = ImageFactory(credit="Foto: Anna Beispiel")
    make_renditions(image.file.name)  # renditions and crops, as an upload writes them
    review = ArticleFactory(
        kind=Article.Kind.REVIEW,
        headline="Galaxy S7 im Test",
        topics=[topic],
        authors=[author],
        lead_image=image,
        body="## Display\n\nHell und **scharf**.",
    )
    review.products.add(product)
    sponsored = ArticleFactory(
        headline="So sparen Sie Strom",
        is_sponsored=True,
        sponsor_name="Stadtwerke Beispiel",
        topics=[topic],
        published_at=timezone.now() - timedelta(hours=2),
    )
    draft = ArticleFactory(status=Article.Status.DRAFT, headline="Geheimer Entwurf", topics=[topic])
    future = ArticleFactory(
        status=Article.Status.SCHEDULED,
        headline="Kommt morgen",
        published_at=timezone.now() + timedelta(days=1),
        topics=[topic],
    )
    return {
        "topic": topic,
        "author": author,
        "product": product,
        "review": review,
        "sponsored": sponsored,
        "draft": draft,
        "future": future,
    }


def feed_urls(newsroom) -> list[str]:
    topic, author, product = newsroom["topic"], newsroom["author"], newsroom["product"]
    bases = [
        "/feed/",
        f"/thema/{topic.slug}/feed/",
        f"/autor/{author.slug}/feed/",
        f"/produkt/{product.slug}/feed/",
        "/test/feed/",
        "/news/feed/",
    ]
    return [url for base in bases for url in (base, base + "atom/")]


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return response, parsed


def test_every_feed_parses_without_warning_and_has_the_required_fields(client, newsroom):
    for url in feed_urls(newsroom):
        response, parsed = parse(client, url)
        is_atom = url.endswith("/atom/")
        assert parsed.version == ("atom10" if is_atom else "rss20"), url
        assert response["Content-Type"].startswith(
            "application/atom+xml" if is_atom else "application/rss+xml"
        )
        assert parsed.feed.title and parsed.feed.link.startswith("http://testserver/")
        # The self link points to the feed itself (RSS via atom:link).
        assert any(
            link.get("rel") == "self" and link["href"] == "http://testserver" + url
            for link in parsed.feed.links
        ), url
        for entry in parsed.entries:
            assert entry.title and entry.link.startswith("http://testserver/")
            assert entry.id == entry.link
            assert entry.published_parsed is not None


def test_only_published_articles(client, newsroom):
    for url in feed_urls(newsroom):
        _response, parsed = parse(client, url)
        titles = " ".join(entry.title for entry in parsed.entries)
        assert "Geheimer Entwurf" not in titles and "Kommt morgen" not in titles


def test_feeds_list_what_their_page_lists(client, newsroom):
    titles = lambda url: [e.title for e in parse(client, url)[1].entries]  # noqa: E731
    assert titles("/test/feed/") == ["Galaxy S7 im Test"]
    assert titles("/produkt/galaxy-s7/feed/") == ["Galaxy S7 im Test"]
    assert titles(f"/autor/{newsroom['author'].slug}/feed/") == ["Galaxy S7 im Test"]
    assert titles(f"/thema/{newsroom['topic'].slug}/feed/") == [
        "Galaxy S7 im Test",
        "Anzeige: So sparen Sie Strom",
    ]


def test_sponsored_items_say_anzeige_and_name_the_sponsor(client, newsroom):
    for url in ("/feed/", "/feed/atom/"):
        _response, parsed = parse(client, url)
        entry = next(e for e in parsed.entries if "Strom" in e.title)
        assert entry.title == "Anzeige: So sparen Sie Strom"
        assert "Anzeige im Auftrag von Stadtwerke Beispiel" in entry.summary


def test_lead_image_goes_along_with_its_credit(client, newsroom):
    _response, rss = parse(client, "/feed/")
    entry = next(e for e in rss.entries if e.title == "Galaxy S7 im Test")
    (media,) = entry.media_content
    assert media["url"].endswith("-16x9.jpg") and media["medium"] == "image"
    assert entry.media_credit[0]["content"] == "Foto: Anna Beispiel"
    _response, atom = parse(client, "/feed/atom/")
    entry = next(e for e in atom.entries if e.title == "Galaxy S7 im Test")
    assert any(link.rel == "enclosure" and link.type == "image/jpeg" for link in entry.links)


def test_teaser_by_default_full_text_by_setting(client, newsroom):
    _response, parsed = parse(client, "/feed/")
    entry = next(e for e in parsed.entries if e.title == "Galaxy S7 im Test")
    assert entry.summary == newsroom["review"].teaser
    assert "content" not in entry
    with override_settings(NEWSDESK_FEED_FULL_TEXT=True):
        for url in ("/feed/", "/feed/atom/"):
            _response, parsed = parse(client, url)
            entry = next(e for e in parsed.entries if e.title == "Galaxy S7 im Test")
            assert "<strong>scharf</strong>" in entry.content[0].value


def test_last_modified_and_etag_answer_304(client, newsroom):
    response = client.get("/feed/")
    assert response["Last-Modified"] and response["ETag"]
    again = client.get("/feed/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    newsroom["review"].headline = "Galaxy S7 im Dauertest"
    newsroom["review"].save()
    changed = client.get("/feed/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200
    assert b"Dauertest" in changed.content


def test_missing_topic_or_unpublished_product_is_404(client, newsroom):
    ProductFactory(is_published=False, slug="geheim")
    assert client.get("/thema/gibt-es-nicht/feed/").status_code == 404
    assert client.get("/produkt/geheim/feed/atom/").status_code == 404


def test_pages_announce_their_feeds(client, newsroom):
    topic = newsroom["topic"]
    html = client.get(topic.get_absolute_url()).content.decode()
    assert (
        f'type="application/rss+xml" title="Thema Smartphones" href="/thema/{topic.slug}/feed/"'
        in html
    )
    assert (
        'type="application/atom+xml" title="Technikblatt: alle Artikel" href="/feed/atom/"' in html
    )


ATOM = {"a": "http://www.w3.org/2005/Atom"}


def test_atom_and_rss_carry_what_their_specifications_require(client, newsroom):
    from lxml import etree

    ArticleFactory(authors=[])  # no byline: the feed's author stands in (RFC 4287, 4.1.1)
    atom = etree.fromstring(client.get("/feed/atom/").content)
    for name in ("a:id", "a:title", "a:updated", "a:author/a:name"):
        assert atom.find(name, ATOM) is not None, name
    for entry in atom.findall("a:entry", ATOM):
        for name in ("a:id", "a:title", "a:updated", "a:link[@rel='alternate']"):
            assert entry.find(name, ATOM) is not None, name
    rss = etree.fromstring(client.get("/feed/").content)
    channel = rss.find("channel")
    for name in ("title", "link", "description"):
        assert channel.findtext(name), name
    for item in channel.findall("item"):
        assert item.findtext("title") and item.findtext("link") and item.findtext("guid")


def test_full_text_keeps_the_affiliate_labels(client):
    from newsdesk.commerce.tests.factories import ShopFactory

    ShopFactory(name="Amazon", domains="amazon.de")
    ArticleFactory(
        headline="Angebot", body="[Kaufen](https://www.amazon.de/dp/X?tag=tb-21) lohnt sich."
    )
    with override_settings(NEWSDESK_FEED_FULL_TEXT=True):
        _response, parsed = parse(client, "/feed/")
    content = parsed.entries[0].content[0].value
    assert 'rel="sponsored nofollow noopener"' in content and "Kaufen*" in content
    assert "Werbung" in content


def test_atom_names_every_author_with_their_own_profile(client):
    anna, ben = AuthorFactory(name="Anna Beispiel"), AuthorFactory(name="Ben Muster")
    ArticleFactory(headline="Galaxy S8 vorgestellt", authors=[anna, ben])
    _response, atom = parse(client, "/feed/atom/")
    (entry,) = atom.entries
    assert [(author["name"], author["href"]) for author in entry.authors] == [
        ("Anna Beispiel", "http://testserver" + anna.get_absolute_url()),
        ("Ben Muster", "http://testserver" + ben.get_absolute_url()),
    ]
    # RSS has one creator field: both names go there.
    _response, rss = parse(client, "/feed/")
    assert rss.entries[0].author == "Anna Beispiel, Ben Muster"


def test_an_empty_feed_claims_no_update(client):
    """No article of the kind yet: the feed does not claim to be new as of each render (Django's
    default), so its ETag and its baked file stay put until an article arrives."""
    parsed = feedparser.parse(client.get("/test/feed/").content)
    assert parsed.bozo == 0 and not parsed.entries
    assert tuple(parsed.feed.updated_parsed[:3]) < timezone.now().timetuple()[:3]
