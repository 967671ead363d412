"""Reader pages, the update fragment, teasers and structured data, without JavaScript."""

import json
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from newsdesk.articles.tests.factories import AuthorFactory, TopicFactory
from newsdesk.commerce.tests.factories import ProductFactory
from newsdesk.liveticker import services
from newsdesk.liveticker.models import LiveTicker

from .factories import LiveTickerFactory

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def entries_part(html: str) -> str:
    return html[html.index('class="ticker-entries"') :]


def test_reader_page_is_complete_without_javascript(client):
    ticker = LiveTickerFactory()
    services.post_entry(ticker, "**Tim Cook** betritt die Bühne.")
    services.post_entry(ticker, "Das iPhone 19 ist offiziell.", is_key_event=True)
    html = client.get(ticker.get_absolute_url()).content.decode()
    entries = entries_part(html)
    assert entries.index("Das iPhone 19") < entries.index("<strong>Tim Cook</strong>")
    assert "Neue Einträge laden" in html
    assert 'aria-live="polite"' in html
    assert "Das Wichtigste" in html
    assert "liveticker/liveticker.js" in html


def test_oldest_first_switch(client):
    ticker = LiveTickerFactory()
    services.post_entry(ticker, "Erster Eintrag")
    services.post_entry(ticker, "Zweiter Eintrag")
    html = client.get(ticker.get_absolute_url()).content.decode()
    assert "Älteste zuerst" in html
    html = client.get(f"/liveticker/{ticker.slug}/aelteste-zuerst/").content.decode()
    entries = entries_part(html)
    assert entries.index("Erster Eintrag") < entries.index("Zweiter Eintrag")
    assert "Neueste zuerst" in html


def test_unpublished_ticker_is_not_found(client):
    ticker = LiveTickerFactory(is_published=False)
    assert client.get(ticker.get_absolute_url()).status_code == 404
    assert client.get(f"/liveticker/{ticker.slug}/eintraege/").status_code == 404


def test_script_in_an_entry_is_removed(client):
    ticker = LiveTickerFactory()
    services.post_entry(ticker, "Hallo <script>alert(1)</script> Welt")
    html = client.get(ticker.get_absolute_url()).content.decode()
    assert "alert(1)" not in html


def test_ended_ticker_is_frozen_with_its_summary_on_top(client):
    ticker = LiveTickerFactory()
    services.post_entry(ticker, "Letzter Eintrag")
    services.set_state(ticker, LiveTicker.State.ENDED, summary="Apple zeigt **drei** iPhones.")
    html = client.get(ticker.get_absolute_url()).content.decode()
    body = html[html.index("<main") :]
    assert body.index("Zusammenfassung") < body.index("Letzter Eintrag")
    assert "<strong>drei</strong>" in html
    assert "liveticker.js" not in html
    assert "Neue Einträge laden" not in html


def test_fragment_lists_changes_and_answers_304_while_nothing_changed(client):
    ticker = LiveTickerFactory()
    first = services.post_entry(ticker, "Eins")
    url = f"/liveticker/{ticker.slug}/eintraege/"
    response = client.get(url)
    data = response.json()
    assert data["version"] == 1
    assert [entry["id"] for entry in data["entries"]] == [first.pk]
    etag = response["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    services.delete_entry(first)
    second = services.post_entry(ticker, "Zwei")
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    entries = {entry["id"]: entry for entry in response.json()["entries"]}
    assert entries[first.pk]["deleted"] is True
    assert "Zwei" in entries[second.pk]["html"]
    since = client.get(url, {"seit": 2}).json()
    assert [entry["id"] for entry in since["entries"]] == [second.pk]


@override_settings(NEWSDESK_PAGE_CACHE=True)
def test_posting_renews_the_fragment_page_and_teasers_of_this_ticker_only(
    client, django_capture_on_commit_callbacks
):
    cache.clear()
    topic, other_topic = TopicFactory(), TopicFactory()
    ticker = LiveTickerFactory(topics=[topic])
    LiveTickerFactory(topics=[other_topic])
    page, fragment = ticker.get_absolute_url(), f"/liveticker/{ticker.slug}/eintraege/"
    teasers = ["/", topic.get_absolute_url()]
    others = [other_topic.get_absolute_url()]
    for url in [page, fragment, *teasers, *others]:
        assert client.get(url)["X-Cache"] == "MISS"
    for url in [page, fragment, *teasers, *others]:
        assert client.get(url)["X-Cache"] == "HIT"
    etag = client.get(fragment)["ETag"]
    assert client.get(fragment, HTTP_IF_NONE_MATCH=etag).status_code == 304

    with django_capture_on_commit_callbacks(execute=True):
        services.post_entry(ticker, "Frisch gepostet")
    assert client.get(fragment)["X-Cache"] == "MISS"
    assert client.get(fragment)["X-Cache"] == "HIT"
    assert "Frisch gepostet" in client.get(page).content.decode()
    for url in teasers:
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert "Frisch gepostet" in response.content.decode()
    for url in others:
        assert client.get(url)["X-Cache"] == "HIT"
    assert f"liveticker-{ticker.pk}-entries" in client.get(fragment)["Surrogate-Key"]

    with django_capture_on_commit_callbacks(execute=True):
        services.set_state(ticker, LiveTicker.State.ENDED)
    for url in teasers:
        assert client.get(url)["X-Cache"] == "MISS"


@override_settings(NEWSDESK_PAGE_CACHE=True)
def test_a_scheduled_entry_reaches_cached_pages_at_its_time_without_a_purge(
    client, django_capture_on_commit_callbacks
):
    cache.clear()
    ticker = LiveTickerFactory()
    page, fragment = ticker.get_absolute_url(), f"/liveticker/{ticker.slug}/eintraege/"
    later = timezone.now() + timedelta(minutes=10)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_entry(ticker, "Punkt acht: der Preis.", published_at=later)
    for url in (page, fragment, page, fragment):
        assert "Punkt acht" not in client.get(url).content.decode()
    assert client.get(fragment)["X-Cache"] == "HIT"

    after = later + timedelta(seconds=1)
    with (
        mock.patch("time.time", return_value=after.timestamp()),
        mock.patch("django.utils.timezone.now", return_value=after),
    ):
        response = client.get(fragment)
        assert response["X-Cache"] == "MISS"
        assert "Punkt acht" in response.json()["entries"][0]["html"]
        assert "Punkt acht" in entries_part(client.get(page).content.decode())
        assert "Punkt acht" in client.get("/").content.decode()  # the LIVE teaser


def test_the_teaser_shows_the_latest_entry(client):
    ticker = LiveTickerFactory()
    services.post_entry(ticker, "Erster Eintrag.")
    services.post_entry(ticker, "Tim Cook betritt die **Bühne**.")
    html = client.get("/").content.decode()
    teaser = html[html.index('class="live-teasers"') :]
    assert "Zuletzt" in teaser
    assert "Tim Cook betritt die Bühne." in teaser
    assert "Erster Eintrag." not in teaser


def test_the_fragment_carries_key_events_and_the_summary_of_an_ended_ticker(client):
    ticker = LiveTickerFactory()
    key = services.post_entry(ticker, "Das iPhone 18 kostet 999 Euro.", is_key_event=True)
    services.post_entry(ticker, "Applaus im Saal.")
    url = f"/liveticker/{ticker.slug}/eintraege/"
    entries = {entry["id"]: entry for entry in client.get(url).json()["entries"]}
    assert f'data-id="{key.pk}"' in entries[key.pk]["key_event_html"]
    assert "999 Euro" in entries[key.pk]["key_event_html"]
    assert sum("key_event_html" in entry for entry in entries.values()) == 1
    assert "summary_html" not in client.get(url).json()

    services.edit_entry(key, is_key_event=False)
    changed = {entry["id"]: entry for entry in client.get(url).json()["entries"]}
    assert changed[key.pk]["key_event"] is False
    services.set_state(ticker, LiveTicker.State.ENDED, summary="Drei neue **iPhones**.")
    data = client.get(url).json()
    assert data["state"] == "ended"
    assert "Zusammenfassung" in data["summary_html"]
    assert "<strong>iPhones</strong>" in data["summary_html"]


def test_live_badge_on_home_topic_and_product_while_running(client):
    topic, product = TopicFactory(), ProductFactory()
    ticker = LiveTickerFactory(topics=[topic], products=[product])
    for url in ["/", topic.get_absolute_url(), product.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert 'class="live-badge">LIVE<' in html, url
        assert ticker.get_absolute_url() in html
    services.set_state(ticker, LiveTicker.State.ENDED)
    for url in ["/", topic.get_absolute_url(), product.get_absolute_url()]:
        assert "live-badge" not in client.get(url).content.decode()


def test_live_blog_posting(client):
    author = AuthorFactory(name="Jana Beispiel")
    ticker = LiveTickerFactory(authors=[author])
    services.post_entry(ticker, "Das iPhone kostet 999 Euro.", user=None, author=author)
    html = client.get(ticker.get_absolute_url()).content.decode()
    blog = next(block for block in json_ld(html) if block["@type"] == "LiveBlogPosting")
    assert blog["coverageStartTime"].endswith(("+01:00", "+02:00"))
    assert "coverageEndTime" in blog
    update = blog["liveBlogUpdate"][0]
    assert update["@type"] == "BlogPosting"
    assert update["articleBody"] == "Das iPhone kostet 999 Euro."
    assert update["author"]["name"] == "Jana Beispiel"
    assert update["url"].startswith("http://testserver/liveticker/")

    services.set_state(ticker, LiveTicker.State.ENDED)
    html = client.get(ticker.get_absolute_url()).content.decode()
    blog = next(block for block in json_ld(html) if block["@type"] == "LiveBlogPosting")
    ticker.refresh_from_db()
    assert blog["coverageEndTime"].startswith(ticker.ended_at.astimezone().strftime("%Y-%m-%d"))


def test_server_sent_events_are_off_unless_enabled(client):
    ticker = LiveTickerFactory()
    assert client.get(f"/liveticker/{ticker.slug}/ereignisse/").status_code == 404


# Committed rows: ending a stream closes the request's database connection, as in production.
@pytest.mark.django_db(transaction=True)
def test_server_sent_events_send_the_version_where_enabled(client, settings):
    settings.NEWSDESK_LIVETICKER_SSE = True
    ticker = LiveTickerFactory()
    services.post_entry(ticker, "Eins")
    response = client.get(f"/liveticker/{ticker.slug}/ereignisse/")
    assert response["Content-Type"] == "text/event-stream"
    stream = iter(response.streaming_content)
    assert next(stream) == b"retry: 2000\n\n"
    assert next(stream) == b"event: version\ndata: 1\n\n"
    response.close()  # the reader goes away
    html = client.get(ticker.get_absolute_url()).content.decode()
    assert f'data-events="/liveticker/{ticker.slug}/ereignisse/"' in html


def test_a_pinned_entry_stands_on_top_once_more_with_ids_of_its_own(client):
    ticker = LiveTickerFactory()
    entry = services.post_entry(ticker, "Alles Wichtige steht hier.", is_pinned=True)
    html = client.get(ticker.get_absolute_url()).content.decode()
    assert html.count(f'id="{entry.anchor}"') == 1
    assert html.count(f'id="{entry.anchor}-oben"') == 1
    payload = client.get(f"/liveticker/{ticker.slug}/eintraege/").json()["entries"][0]
    assert f'id="{entry.anchor}-oben"' in payload["pinned_html"]


def test_entry_times_are_valid_html_without_microseconds(client):
    """``<time datetime>`` allows at most three digits of fractions; an entry posted now has
    six (the Nu HTML Checker found it in the home page's LIVE teaser)."""
    ticker = LiveTickerFactory()
    services.post_entry(ticker, "Das iPhone 18 kostet 999 Euro.", is_key_event=True)
    fraction = re.compile(r'datetime="[^"]*\.\d{4,}')
    assert not fraction.search(client.get("/").content.decode())
    assert not fraction.search(client.get(ticker.get_absolute_url()).content.decode())
    entries = client.get(f"/liveticker/{ticker.slug}/eintraege/").json()["entries"]
    assert not fraction.search(entries[0]["html"] + entries[0]["key_event_html"])
