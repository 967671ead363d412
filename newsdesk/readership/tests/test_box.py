"""The "Meistgelesen" box on the home page and at the end of an article."""

import re
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.readership import selectors, services

pytestmark = pytest.mark.django_db


def read(article, times: int) -> None:
    """Readings as the beacon counts them, and the ranking renewed as the beacon would."""
    for _ in range(times):
        services.record_reading(article.pk)
    selectors.refresh()


def box(html: str) -> str:
    match = re.search(r'<section class="box most-read".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_home_page_lists_the_most_read_articles_most_read_first(client):
    quiet = ArticleFactory(headline="Kaum gelesen")
    popular = ArticleFactory(headline="Viel gelesen")
    read(quiet, 2)
    read(popular, 9)
    html = box(client.get("/").content.decode())
    assert "Meistgelesen" in html and "Letzte 24 Stunden" in html and "Letzte 7 Tage" in html
    day = html.split("Letzte 7 Tage")[0]
    assert day.index("Viel gelesen") < day.index("Kaum gelesen")


def test_article_ends_with_the_box_and_carries_its_count_address(client):
    other = ArticleFactory(headline="Der Renner der Woche")
    read(other, 3)
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Der Renner der Woche" in box(html)
    assert f'data-read-url="/gelesen/{article.pk}/"' in html
    assert html.index("</article>") < html.index('class="box most-read"')


def test_before_anything_was_read_there_is_no_empty_box_but_the_article_still_counts(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Meistgelesen" not in html
    assert f'<div class="most-read" hidden data-read-url="/gelesen/{article.pk}/"></div>' in html
    assert "Meistgelesen" not in client.get("/").content.decode()


def test_sponsored_article_in_the_box_is_labelled_anzeige(client):
    read(ArticleFactory(headline="Bezahlter Beitrag", is_sponsored=True, sponsor_name="X"), 4)
    html = box(client.get("/").content.decode())
    assert re.search(r"Anzeige</strong> <a [^>]*>Bezahlter Beitrag", html)


def test_pages_do_not_rank_the_articles_themselves(client, settings):
    settings.NEWSDESK_PAGE_CACHE = False
    read(ArticleFactory(headline="Gelesen"), 1)
    with CaptureQueriesContext(connection) as queries:
        assert "Gelesen" in box(client.get("/").content.decode())
    assert not [q["sql"] for q in queries if "readership_hourlyreads" in q["sql"]]


def test_the_box_catches_up_with_the_next_beacon_after_five_minutes(client, settings, monkeypatch):
    settings.NEWSDESK_PAGE_CACHE = False
    read(ArticleFactory(headline="Erster Renner"), 1)
    newcomer = ArticleFactory(headline="Neuer Renner")
    beacon = {"HTTP_USER_AGENT": "Mozilla/5.0 Firefox/130", "HTTP_SEC_FETCH_SITE": "same-origin"}
    client.post(f"/gelesen/{newcomer.pk}/", **beacon)
    assert "Neuer Renner" not in box(client.get("/").content.decode())
    later = time.time() + selectors.REFRESH_SECONDS + 1
    monkeypatch.setattr(selectors.time, "time", lambda: later)
    client.post(f"/gelesen/{newcomer.pk}/", REMOTE_ADDR="192.0.2.9", **beacon)
    assert "Neuer Renner" in box(client.get("/").content.decode())


def test_a_page_renews_a_ranking_no_beacon_renewed_for_a_quarter_hour(
    client, settings, monkeypatch
):
    settings.NEWSDESK_PAGE_CACHE = False
    read(ArticleFactory(headline="Alter Renner"), 1)
    services.record_reading(ArticleFactory(headline="Neuer Renner").pk)
    later = time.time() + selectors.STALE_SECONDS + 1
    monkeypatch.setattr(selectors.time, "time", lambda: later)
    assert "Neuer Renner" in box(client.get("/").content.decode())


def test_an_unpublished_article_leaves_the_box_with_the_next_render(client, settings):
    settings.NEWSDESK_PAGE_CACHE = False
    article = ArticleFactory(headline="Zurückgezogen")
    read(article, 3)
    assert "Zurückgezogen" in box(client.get("/").content.decode())
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert "Zurückgezogen" not in box(client.get("/").content.decode())


def test_readings_older_than_a_week_drop_out_and_are_deleted():
    from datetime import timedelta

    from django.utils import timezone

    from newsdesk.readership.models import HourlyReads

    # Written directly: a reading recorded now would prune the old row in the same call.
    old = ArticleFactory()
    hour = (timezone.now() - timedelta(days=9)).replace(minute=0, second=0, microsecond=0)
    HourlyReads.objects.create(article=old, hour=hour, reads=50)
    assert selectors.refresh() == {"day": [], "week": []}
    assert HourlyReads.objects.filter(article=old).exists()
    cache.delete(services.PRUNED_KEY)
    services.record_reading(ArticleFactory().pk)
    assert not HourlyReads.objects.filter(article=old).exists()


def test_the_lead_picture_is_fetched_first_and_list_pictures_later(client):
    """The picture a phone shows first (home lead, article lead) is asked for with high
    priority; pictures further down wait until they are near (Lighthouse: LCP discovery)."""
    from newsdesk.galleries.tests.factories import ImageFactory

    article = ArticleFactory(lead_image=ImageFactory())
    ArticleFactory(lead_image=ImageFactory())
    ArticleFactory(lead_image=ImageFactory())
    home = client.get("/").content.decode()
    assert len(re.findall(r'loading="eager" fetchpriority="high"', home)) == 1
    assert 'loading="lazy" fetchpriority' not in home
    page = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r'<img [^>]*loading="eager" fetchpriority="high"', page)


def test_an_edit_of_a_much_read_article_leaves_other_cached_articles_cached(
    client, settings, django_capture_on_commit_callbacks
):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_WAIT = 0.1
    with django_capture_on_commit_callbacks(execute=True):
        popular = ArticleFactory(headline="Viel gelesen")
        other = ArticleFactory(headline="Anderer Artikel")
        read(popular, 5)
    url = other.get_absolute_url()
    client.get(url)
    assert "Viel gelesen" in box(client.get(url).content.decode())
    assert client.get(url)["X-Cache"] == "HIT"

    with django_capture_on_commit_callbacks(execute=True):
        popular.teaser = "Neuer Vorspann"
        popular.save()
    assert client.get(url)["X-Cache"] == "HIT"

    # Taken back: every page showing the box is renewed, and the box no longer names it.
    with django_capture_on_commit_callbacks(execute=True):
        popular.status = Article.Status.DRAFT
        popular.save()
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Viel gelesen" not in box(response.content.decode())
