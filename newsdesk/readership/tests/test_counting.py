"""Counting readings for "Meistgelesen": first-party, cookie-free, hard to inflate."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.readership import services
from newsdesk.readership.models import HourlyReads

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0"


def beacon(client, article, **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    headers.setdefault("HTTP_SEC_FETCH_SITE", "same-origin")
    return client.post(f"/gelesen/{article.pk}/", **headers)


def reads(article) -> int:
    return sum(HourlyReads.objects.filter(article=article).values_list("reads", flat=True))


def test_a_reader_opening_an_article_adds_one_reading_to_its_hour(client):
    article = ArticleFactory()
    response = beacon(client, article)
    assert response.status_code == 204
    assert response["Cache-Control"] == "no-store"
    row = HourlyReads.objects.get(article=article)
    assert row.reads == 1
    assert row.hour == services.current_hour()


def test_readers_from_different_addresses_add_up_in_one_row(client):
    article = ArticleFactory()
    for last in range(1, 4):
        beacon(client, article, REMOTE_ADDR=f"192.0.2.{last}")
    assert HourlyReads.objects.get(article=article).reads == 3


def test_no_cookie_is_set_by_counting_or_by_the_page(client):
    article = ArticleFactory()
    page = client.get(article.get_absolute_url())
    counted = beacon(client, article)
    assert page.cookies == {} and counted.cookies == {}
    assert "Set-Cookie" not in counted
    assert client.cookies == {}


def test_nothing_about_the_reader_is_written_to_the_database(client):
    article = ArticleFactory()
    beacon(client, article, REMOTE_ADDR="198.51.100.77", HTTP_USER_AGENT=BROWSER + " Unique/42")
    assert [f.name for f in HourlyReads._meta.get_fields()] == ["id", "article", "hour", "reads"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM readership_hourlyreads")
        stored = repr(cursor.fetchall())
    assert "198.51.100" not in stored and "Unique" not in stored


def test_reloading_the_article_counts_one_reading(client):
    article = ArticleFactory()
    for _ in range(5):
        beacon(client, article)
    assert reads(article) == 1


def test_rotating_the_browser_name_does_not_count_again(client):
    article = ArticleFactory()
    for version in range(20):
        beacon(client, article, HTTP_USER_AGENT=f"Mozilla/5.0 Firefox/{100 + version}")
    assert reads(article) == 1


def test_one_address_stops_counting_at_its_hourly_limit(client, monkeypatch):
    monkeypatch.setattr(services, "READ_RATE", services.ratelimit.Rate(limit=3, window=3600))
    articles = ArticleFactory.create_batch(5)
    for article in articles:
        assert beacon(client, article).status_code == 204
    assert sum(reads(a) for a in articles) == 3
    # Another reader still counts.
    beacon(client, articles[4], REMOTE_ADDR="192.0.2.200")
    assert reads(articles[4]) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": "Googlebot/2.1 (+http://www.google.com/bot.html)"},
        {"HTTP_USER_AGENT": "curl/8.5.0"},
        {"HTTP_USER_AGENT": ""},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
    ],
    ids=["bot", "curl", "no-agent", "prerender", "prefetch", "other-site", "subdomain"],
)
def test_bots_prefetches_and_other_sites_are_not_counted(client, headers):
    article = ArticleFactory()
    assert beacon(client, article, **headers).status_code == 204
    assert reads(article) == 0


def test_opening_the_count_address_in_a_browser_counts_nothing(client):
    article = ArticleFactory()
    assert client.get(f"/gelesen/{article.pk}/", HTTP_USER_AGENT=BROWSER).status_code == 405
    assert reads(article) == 0


def test_drafts_and_missing_articles_are_not_counted(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    beacon(client, draft)
    client.post("/gelesen/999999/", HTTP_USER_AGENT=BROWSER)
    assert HourlyReads.objects.count() == 0


def test_a_new_hour_starts_a_new_row():
    article = ArticleFactory()
    now = timezone.now()
    services.record_reading(article.pk, now=now)
    services.record_reading(article.pk, now=now + timedelta(hours=1))
    assert HourlyReads.objects.filter(article=article).count() == 2
