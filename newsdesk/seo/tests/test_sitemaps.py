"""Sitemaps: the index, article months, sections with images, Google News and robots.txt."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory, TopicFactory
from newsdesk.commerce.tests.factories import ProductFactory
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
from newsdesk.pages.models import Page
from newsdesk.seo import sitemaps

from .validation import NS, locs, valid_index, valid_sitemap

pytestmark = pytest.mark.django_db

BERLIN = timezone.get_fixed_timezone(60)


def index_locs(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return locs(valid_index(response.content), "sm:sitemap/sm:loc")


def sitemap(client, url: str):
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200, url
    return valid_sitemap(response.content)


def test_index_lists_a_file_per_month_and_every_file_validates(client):
    march = ArticleFactory(
        published_at=datetime(2025, 3, 14, 9, 0, tzinfo=BERLIN), topics=[TopicFactory()]
    )
    # 23:30 UTC on 31 May is already June in Berlin: the reader's month counts.
    june = ArticleFactory(published_at=datetime(2025, 5, 31, 23, 30, tzinfo=UTC))
    ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="Entwurf")
    GalleryFactory(image_count=2)
    ProductFactory(is_published=True)
    Page.objects.create(slug="impressum", title="Impressum", body="Anschrift")

    files = index_locs(client)
    assert "http://testserver/sitemap-artikel-2025-03.xml" in files
    assert "http://testserver/sitemap-artikel-2025-06.xml" in files
    assert "http://testserver/sitemap-artikel-2025-05.xml" not in files
    for name in ("news", "themen", "autoren", "produkte", "bilderstrecken", "seiten"):
        assert f"http://testserver/sitemap-{name}.xml" in files
    listed = set()
    for url in files:
        listed.update(locs(sitemap(client, url)))
    assert "http://testserver" + march.get_absolute_url() in listed
    assert "http://testserver" + june.get_absolute_url() in listed
    assert "http://testserver/impressum/" in listed
    assert not any("entwurf" in url for url in listed)


def test_article_sitemap_has_lastmod_with_time_zone_and_the_lead_image(client):
    article = ArticleFactory(
        published_at=datetime(2025, 3, 14, 9, 0, tzinfo=BERLIN), lead_image=ImageFactory()
    )
    root = sitemap(client, "/sitemap-artikel-2025-03.xml")
    (url,) = root.findall("sm:url", NS)
    assert url.findtext("sm:loc", namespaces=NS).endswith(article.get_absolute_url())
    lastmod = url.findtext("sm:lastmod", namespaces=NS)
    assert lastmod.endswith(("+01:00", "+02:00"))
    image = url.findtext("image:image/image:loc", namespaces=NS)
    assert image.startswith("http://testserver/media/") and image.endswith(".jpg")


def test_sitemap_lastmod_agrees_with_the_articles_date_modified(client):
    """A silent save (typo, topic) moves neither: lastmod was the row's save time, later than
    the dateModified readers and the JSON-LD state."""
    published = timezone.now().replace(microsecond=0) - timedelta(hours=5)
    article = ArticleFactory(published_at=published)
    Article.objects.filter(pk=article.pk).update(modified_at=timezone.now())
    month = timezone.localtime(published)
    files = {
        "month": f"/sitemap-artikel-{month:%Y-%m}.xml",
        "news": "/sitemap-news.xml",
    }
    for name, url in files.items():
        (entry,) = sitemap(client, url).findall("sm:url", NS)
        lastmod = datetime.fromisoformat(entry.findtext("sm:lastmod", namespaces=NS))
        assert lastmod == published, name
    index = valid_index(client.get("/sitemap.xml").content)
    stated = {
        loc.findtext("sm:loc", namespaces=NS).rsplit("/", 1)[1]: datetime.fromisoformat(
            loc.findtext("sm:lastmod", namespaces=NS)
        )
        for loc in index.findall("sm:sitemap", NS)
    }
    assert stated[files["month"][1:]] == stated["sitemap-news.xml"] == published

    article.correction_note = "Der Preis war falsch angegeben."
    article.save()
    article.refresh_from_db()
    (entry,) = sitemap(client, files["month"]).findall("sm:url", NS)
    lastmod = datetime.fromisoformat(entry.findtext("sm:lastmod", namespaces=NS))
    assert lastmod == article.date_modified.replace(microsecond=0) > published


def test_a_big_month_continues_in_a_second_file(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "URLS_PER_FILE", 2)
    for day in range(1, 6):
        ArticleFactory(published_at=datetime(2025, 3, day, 9, 0, tzinfo=BERLIN))
    files = index_locs(client)
    month_files = [url for url in files if "artikel-2025-03" in url]
    assert month_files == [
        "http://testserver/sitemap-artikel-2025-03.xml",
        "http://testserver/sitemap-artikel-2025-03-2.xml",
        "http://testserver/sitemap-artikel-2025-03-3.xml",
    ]
    counts = [len(locs(sitemap(client, url))) for url in month_files]
    assert counts == [2, 2, 1]
    assert client.get("/sitemap-artikel-2025-03-4.xml").status_code == 404


def test_gallery_sitemap_lists_every_image(client):
    gallery = GalleryFactory(image_count=3)
    GalleryFactory(is_published=False, slug="geheim")
    root = sitemap(client, "/sitemap-bilderstrecken.xml")
    assert locs(root) == ["http://testserver" + gallery.get_absolute_url()]
    assert len(root.findall("sm:url/image:image/image:loc", NS)) == 3


def test_topics_and_authors_only_with_published_articles(client):
    topic, empty_topic = TopicFactory(), TopicFactory()
    author = AuthorFactory()
    ArticleFactory(topics=[topic], authors=[author])
    ArticleFactory(topics=[empty_topic], status=Article.Status.DRAFT)
    assert locs(sitemap(client, "/sitemap-themen.xml")) == [
        "http://testserver" + topic.get_absolute_url()
    ]
    assert "http://testserver" + author.get_absolute_url() in locs(
        sitemap(client, "/sitemap-autoren.xml")
    )


def test_news_sitemap_keeps_the_original_publication_time_after_a_correction(client):
    published = timezone.now().replace(microsecond=0) - timedelta(hours=5)
    article = ArticleFactory(headline="Galaxy S8 vorgestellt", published_at=published)
    article.correction_note = "Der Preis war falsch angegeben."
    article.save()
    article.refresh_from_db()
    assert article.updated_note_at > published
    root = sitemap(client, "/sitemap-news.xml")
    (news,) = root.findall("sm:url/news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Technikblatt"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "de"
    assert news.findtext("news:title", namespaces=NS) == "Galaxy S8 vorgestellt"
    stated = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert stated == published


def test_news_sitemap_leaves_out_old_and_sponsored_articles(client):
    fresh = ArticleFactory()
    ArticleFactory(published_at=timezone.now() - timedelta(days=3), headline="Alt")
    ArticleFactory(is_sponsored=True, sponsor_name="Beispiel GmbH", headline="Bezahlt")
    root = sitemap(client, "/sitemap-news.xml")
    assert locs(root) == ["http://testserver" + fresh.get_absolute_url()]


def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out_of_the_newsroom(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text
    assert "Disallow: /newsroom/" in text


def test_unknown_sitemaps_are_404_not_500(client):
    for url in ("/sitemap-artikel-2025-13.xml", "/sitemap-nichts.xml", "/sitemap-news-1.xml"):
        assert client.get(url).status_code == 404, url
