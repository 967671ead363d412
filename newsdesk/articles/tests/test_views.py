"""The reader's article page, the home page and the article listings."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from newsdesk.articles.models import Article, RelatedArticle
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory, ShopFactory
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
from newsdesk.videos.tests.factories import VideoFactory

pytestmark = pytest.mark.django_db


def full_article(**kwargs) -> Article:
    """An article with every part of the anatomy: embeds, source, related pick, offers."""
    GalleryFactory(title="Das Galaxy S7 in Bildern", slug="s7-bilder", image_count=9)
    VideoFactory(slug="s7-video", caption="Galaxy S7 im Hands-On")
    product = ProductFactory(name="Galaxy S7", slug="galaxy-s7")
    amazon = ShopFactory(name="Amazon", domains="amazon.de")
    OfferFactory(product=product, shop=amazon, url="https://www.amazon.de/dp/S7")
    OfferFactory(
        product=product,
        shop=ShopFactory(name="O2", domains="o2online.de"),
        label="mit Vertrag",
        url="https://www.o2online.de/s7",
        price=Decimal("1.00"),
    )
    other = ProductFactory(name="Galaxy S7 edge", slug="galaxy-s7-edge")
    OfferFactory(product=other, shop=amazon, url="https://www.amazon.de/dp/S7E")
    pick = ArticleFactory(headline="Pixel 9 im Test", slug="pixel-9-test")
    body = (
        "Intro.\n\n## Kamera\n\nText.\n\n[[gallery:s7-bilder]]\n\n[[video:s7-video]]\n\n"
        "[[product:galaxy-s7]]\n"
    )
    article = ArticleFactory(
        body=body,
        lead_image=ImageFactory(credit="Foto: Anna Beispiel"),
        sources=["Bloomberg"],
        authors=[AuthorFactory(name="Jana Beispiel"), AuthorFactory(name="Tom Muster")],
        topics=[TopicFactory(name="Smartphones")],
        **kwargs,
    )
    article.products.add(other)
    RelatedArticle.objects.create(from_article=article, to_article=pick)
    return article


def test_article_page_shows_byline_teaser_and_source(client):
    author = AuthorFactory(name="Jana Beispiel")
    article = ArticleFactory(authors=[author], sources=["Bloomberg"])
    html = client.get(article.get_absolute_url()).content.decode()
    assert article.headline in html
    assert "Jana Beispiel" in html
    assert article.teaser in html
    assert "Quelle: Bloomberg" in html


def test_article_page_has_every_part_of_the_anatomy(client):
    article = full_article()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    # Byline and date
    assert re.search(r'von <a href="/autor/[^"]+/" rel="author">Jana Beispiel</a> und', html)
    assert f'datetime="{timezone.localtime(article.published_at).isoformat()}"' in html
    assert "Uhr" in html
    # Lead image with its credit
    assert "Foto: Anna Beispiel" in html
    # Gallery teaser below the gallery title, linking to the first slide
    title_at = html.index("Das Galaxy S7 in Bildern")
    teaser_at = html.index("Bilderstrecke starten (9 Bilder)")
    assert title_at < teaser_at
    assert 'href="/bilderstrecke/s7-bilder/1/"' in html
    # Related pick, offers with label and the ad note, video caption
    assert 'Auch interessant: <a href="/news/pixel-9-test-' in html
    assert "Galaxy S7 bei Amazon kaufen*" in html
    assert "Galaxy S7 mit Vertrag bei O2*" in html
    assert "Galaxy S7 edge bei Amazon kaufen*" in html
    assert "* Werbung" in re.sub(r"<[^>]+>", "", html)
    assert "Galaxy S7 im Hands-On" in html
    # Call to comment and share, the comments with a form
    assert "Was meinen Sie?" in html
    assert "Kommentare" in html
    assert 'id="kommentar-form"' in html


def test_a_product_embedded_in_the_text_is_not_listed_again_below_it(client):
    article = full_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("Galaxy S7 bei Amazon kaufen*") == 1


def test_every_offer_link_is_sponsored_and_goes_through_the_redirect(client):
    article = full_article()
    html = client.get(article.get_absolute_url()).content.decode()
    links = re.findall(r'<a class="offer-link"[^>]*>', html)
    assert len(links) == 3
    for link in links:
        assert 'rel="sponsored nofollow"' in link
        assert re.search(r'href="/go/\d+/"', link)
    assert "Werbung" in html


def test_share_links_are_plain_links_and_nothing_loads_from_other_hosts(client):
    article = full_article()
    html = client.get(article.get_absolute_url()).content.decode()
    share = html[html.index('class="share-links"') :]
    share = share[: share.index("</ul>")]
    links = re.findall(r'<a class="share-[^"]+" href="([^"]+)"[^>]*>', share)
    assert [url.split("?")[0] for url in links] == [
        "https://www.facebook.com/sharer/sharer.php",
        "https://twitter.com/intent/tweet",
        "https://wa.me/",
        "https://www.linkedin.com/sharing/share-offsite/",
        "mailto:",
    ]
    assert " on" not in share.lower().replace("noopener", "")
    assert "<iframe" not in html
    # Structured data (JSON-LD) is data, never run: the only program is our own site.js.
    html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
    assert "<script" not in html.replace(
        '<script src="/static/newsdesk/site.js" defer></script>', ""
    )
    # Nothing the browser fetches on its own points at another host.
    for tag in re.findall(r"<(?:script|link|img|source|iframe)\b[^>]*>", html):
        for url in re.findall(r'(?:src|href|srcset)="([^"]*)"', tag):
            if 'rel="canonical"' in tag:
                continue
            assert not url.startswith(("http:", "https:", "//")), tag


def test_video_player_is_only_a_link_until_the_reader_clicks(client):
    article = full_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="video-consent" href="https://www.youtube.com/watch?v=abcdefghijk"' in html
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/abcdefghijk' in html
    assert "<iframe" not in html
    assert "Daten an YouTube" in html


def test_body_html_and_javascript_links_are_defused(client):
    article = ArticleFactory(
        body="Text <img src=x onerror=alert(1)> mehr.\n\n[x](javascript:alert(1))\n\n"
        '<a href="JaVaScRiPt:alert(2)">y</a> <script>alert(3)</script>'
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "onerror" not in html
    assert "alert(3)" not in html
    # The Markdown link stays visible as text, but nothing is clickable.
    assert 'href="javascript' not in html.lower()
    assert not re.search(r"<a [^>]*>x</a>", html)


def test_draft_and_future_articles_are_not_found(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    future = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=2)
    )
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404
    home = client.get("/").content.decode()
    assert draft.headline not in home
    assert future.headline not in home


def test_stale_slug_redirects_permanently_to_current_address(client):
    article = ArticleFactory(slug="alter-name")
    old_url = article.get_absolute_url()
    article.slug = "neuer-name"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_kind_change_redirects_permanently(client):
    article = ArticleFactory(kind=Article.Kind.NEWS)
    old_url = article.get_absolute_url()
    article.kind = Article.Kind.REVIEW
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].startswith("/test/")


@pytest.mark.parametrize("factory", [TopicFactory, AuthorFactory])
def test_renamed_topic_and_author_keep_their_old_address(client, factory):
    obj = factory(slug="alt")
    old_url = obj.get_absolute_url()
    obj.slug = "neu"
    obj.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == obj.get_absolute_url()


def test_only_approved_comments_are_shown_and_html_stays_text(client):
    article = ArticleFactory()
    CommentFactory(article=article, body="<b>fett</b> freigegeben")
    CommentFactory(article=article, body="wartet noch", status="pending")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;b&gt;fett&lt;/b&gt; freigegeben" in html
    assert "wartet noch" not in html


def test_commenter_email_is_never_shown(client):
    article = ArticleFactory()
    CommentFactory(article=article, author_email="geheim@example.org")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "geheim@example.org" not in html


def test_home_shows_newest_articles_by_kind_and_top_topics(client):
    topic = TopicFactory(name="Smartphones")
    newest = ArticleFactory(headline="Ganz neu", topics=[topic])
    for hours in range(2, 16):
        ArticleFactory(published_at=timezone.now() - timedelta(hours=hours))
    review = ArticleFactory(
        kind=Article.Kind.REVIEW,
        headline="Ein älterer Test",
        published_at=timezone.now() - timedelta(days=3),
    )
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Neueste Artikel" in html
    assert html.index(newest.headline) < html.index("Neueste Artikel")
    assert "Top-Themen" in html and "Smartphones" in html
    assert review.headline in html
    assert '<a href="/test/">Tests</a>' in html


def test_topic_page_lists_its_articles(client):
    topic = TopicFactory(name="Smartphones")
    inside = ArticleFactory(topics=[topic])
    outside = ArticleFactory()
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Smartphones</h1>" in html
    assert inside.headline in html
    assert outside.headline not in html


def test_author_page_shows_photo_with_credit_and_articles(client):
    author = AuthorFactory(
        name="Jana Beispiel", job_title="Redakteurin", photo=ImageFactory(credit="Foto: Privat")
    )
    article = ArticleFactory(authors=[author])
    response = client.get(author.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Jana Beispiel</h1>" in html
    assert "Redakteurin" in html
    assert "Foto: Privat" in html
    assert article.headline in html


def test_kind_list_shows_only_that_kind(client):
    review = ArticleFactory(kind=Article.Kind.REVIEW)
    news = ArticleFactory(kind=Article.Kind.NEWS)
    html = client.get("/test/").content.decode()
    assert "<h1>Tests</h1>" in html
    assert review.headline in html
    assert news.headline not in html


def test_lists_page_with_seite_and_link_back_to_the_plain_address(client):
    topic = TopicFactory()
    for hours in range(25):
        ArticleFactory(topics=[topic], published_at=timezone.now() - timedelta(hours=hours + 1))
    first = client.get(topic.get_absolute_url()).content.decode()
    assert f'href="{topic.get_absolute_url()}?seite=2"' in first
    assert "Seite 1 von 2" in first
    second = client.get(topic.get_absolute_url() + "?seite=2").content.decode()
    assert "Seite 2 von 2" in second
    assert f'rel="prev" href="{topic.get_absolute_url()}"' in second
    assert f'rel="canonical" href="http://testserver{topic.get_absolute_url()}?seite=2"' in second
    # Page 1 and garbage have one address, the plain one; "02" is written "2".
    for spelling, address in (("abc", ""), ("1", ""), ("02", "?seite=2")):
        response = client.get(topic.get_absolute_url() + "?seite=" + spelling)
        assert response.status_code == 301
        assert response["Location"] == topic.get_absolute_url() + address
    assert client.get(topic.get_absolute_url() + "?seite=9").status_code == 404


def test_pages_have_title_description_and_canonical(client):
    article = ArticleFactory(headline="Schlagzeile", teaser="Der Vorspann.")
    html = client.get(article.get_absolute_url() + "?utm_source=x").content.decode()
    assert "<title>Schlagzeile – Technikblatt</title>" in html
    assert '<meta name="description" content="Der Vorspann.">' in html
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html


@override_settings(LANGUAGE_CODE="en")
def test_article_page_speaks_english_when_the_site_does(client):
    article = full_article(kind=Article.Kind.REVIEW, score=Decimal("8.5"), pros="Hell")
    with translation.override("en"):
        html = client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert "Source: Bloomberg" in html
    assert "Start gallery (9 images)" in html
    assert "Buy Galaxy S7 at Amazon*" in html
    assert "* Advertisement" in re.sub(r"<[^>]+>", "", html)
    assert "Related: <a" in html
    assert "Comments" in html
    assert "Verdict" in html
    assert "Skip to content" in html
    assert "Kommentare" not in html


def test_home_query_count_does_not_grow_with_articles(client, django_assert_max_num_queries):
    topic = TopicFactory()
    for kind in (Article.Kind.REVIEW, Article.Kind.HANDS_ON, Article.Kind.GUIDE):
        for _ in range(5):
            ArticleFactory(kind=kind, topics=[topic], lead_image=ImageFactory())
    # The newest thirteen fill the "latest" column, so every kind box has four of its own.
    for _ in range(13):
        ArticleFactory(kind=Article.Kind.NEWS, topics=[topic], lead_image=ImageFactory())
    # Latest and three kinds, each with its byline prefetch; top topics (counted over recent
    # articles, then the topics themselves); the footer.
    # One of them looks for running live tickers (their "LIVE" teasers).
    with django_assert_max_num_queries(12):
        html = client.get("/").content.decode()
    assert html.count('class="teaser teaser-compact"') == 12


def test_article_query_count_is_fixed(client, django_assert_max_num_queries):
    article = full_article()
    for _ in range(5):
        parent = CommentFactory(article=article)
        CommentFactory(article=article, parent=parent)
    # The article, bylines, related, products with offers (2), comments, gallery with images
    # (2), video, embedded article, sources, topics: 12 at most, as the performance goal says.
    client.get(article.get_absolute_url())  # the footer links are cached from then on
    with django_assert_max_num_queries(12):
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("kind_of_list", ["topic", "author", "kind"])
def test_listing_query_count_does_not_grow(client, django_assert_max_num_queries, kind_of_list):
    topic = TopicFactory()
    author = AuthorFactory()
    for _ in range(20):
        ArticleFactory(topics=[topic], authors=[author, AuthorFactory()], lead_image=ImageFactory())
    url = {
        "topic": topic.get_absolute_url(),
        "author": author.get_absolute_url(),
        "kind": "/news/",
    }[kind_of_list]
    # The topic page also looks for running live tickers (their "LIVE" teasers).
    with django_assert_max_num_queries(8 if kind_of_list == "topic" else 7):
        assert client.get(url).status_code == 200


def test_article_linked_in_the_text_is_not_repeated_in_the_related_box(client):
    review = ArticleFactory(headline="Pixel 9 im Test: Kamera vorn", slug="pixel-9-test")
    other = ArticleFactory(headline="Pixel 9 Pro: Preis sinkt")
    article = ArticleFactory(body="Vorweg.\n\n[[article:pixel-9-test]]\n\nDanach.\n")
    RelatedArticle.objects.create(from_article=article, to_article=review, position=0)
    RelatedArticle.objects.create(from_article=article, to_article=other, position=1)
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("Pixel 9 im Test: Kamera vorn</a>") == 1
    assert "Pixel 9 Pro: Preis sinkt</a>" in html


def test_articles_say_how_long_they_take_to_read(client):
    article = ArticleFactory(body="Wort " * 800)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Lesezeit: 4 Min." in html
    short = ArticleFactory(body="Kurz.")
    assert "Lesezeit: 1 Min." in client.get(short.get_absolute_url()).content.decode()


def test_a_test_shows_its_rating_near_the_top_with_a_link_to_the_verdict(client):
    review = ArticleFactory(
        kind=Article.Kind.REVIEW,
        score=Decimal("8.7"),
        verdict="Das beste Android-Smartphone des Jahres.",
        body="Erster Absatz des Tests.",
    )
    html = client.get(review.get_absolute_url()).content.decode()
    box = html.index('class="rating-box"')
    assert box < html.index("Erster Absatz des Tests.") < html.index('id="verdict-title"')
    assert 'href="#verdict-title">Zum Fazit</a>' in html[box:]
    plain = ArticleFactory(body="Nachricht.")
    assert "rating-box" not in client.get(plain.get_absolute_url()).content.decode()


def test_an_author_box_at_the_end_introduces_the_author(client):
    author = AuthorFactory(name="Anna Beispiel", job_title="Redakteurin", bio="Testet Akkus.")
    article = ArticleFactory(authors=[author], body="Text des Artikels.")
    html = client.get(article.get_absolute_url()).content.decode()
    box = html[html.index('class="author-box"') :]
    assert html.index("Text des Artikels.") < html.index('class="author-box"')
    assert "Anna Beispiel" in box and "Redakteurin" in box and "Testet Akkus." in box
    assert f'href="{author.get_absolute_url()}"' in box


def test_long_tests_and_guides_get_a_table_of_contents(client):
    body = (
        "Einleitung.\n\n## Display\n\nHell.\n\n## Akku\n\nLange.\n\n"
        "## Kamera\n\nGut.\n\n## Akku\n\nNoch mehr.\n"
    )
    review = ArticleFactory(kind=Article.Kind.REVIEW, score=Decimal("8.0"), body=body)
    html = client.get(review.get_absolute_url()).content.decode()
    toc = html[
        html.index('<nav class="toc"') : html.index("</nav>", html.index('<nav class="toc"'))
    ]
    anchors = re.findall(r'href="#([^"]+)">([^<]+)</a>', toc)
    assert anchors == [
        ("abschnitt-display", "Display"),
        ("abschnitt-akku", "Akku"),
        ("abschnitt-kamera", "Kamera"),
        ("abschnitt-akku-2", "Akku"),
        ("verdict-title", "Fazit"),
    ]
    for anchor, _label in anchors:
        assert f'id="{anchor}"' in html
    # News and short texts go without.
    news = ArticleFactory(kind=Article.Kind.NEWS, body=body)
    assert 'class="toc"' not in client.get(news.get_absolute_url()).content.decode()
    short = ArticleFactory(kind=Article.Kind.GUIDE, body="## Eins\n\nText.\n\n## Zwei\n\nText.")
    assert 'class="toc"' not in client.get(short.get_absolute_url()).content.decode()
