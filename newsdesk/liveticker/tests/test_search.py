"""Tickers in the site search, through their index entries (``liveticker.search``)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.liveticker import services
from newsdesk.liveticker.models import LiveTicker
from newsdesk.search import indexing
from newsdesk.search.models import SearchEntry

from .factories import LiveTickerFactory

pytestmark = pytest.mark.django_db


def search_html(client, text: str) -> str:
    return client.get("/suche/", {"q": text}).content.decode()


def test_a_reader_finds_a_running_ticker_by_its_title_with_the_live_badge(client):
    ticker = LiveTickerFactory(title="Lumio-Keynote im Liveticker")
    LiveTickerFactory(title="Lumio intern", is_published=False)
    html = search_html(client, "lumio keynote")
    assert ticker.get_absolute_url() in html
    assert "Lumio intern" not in html
    section = html.split('class="search-tickers"', 1)[1].split("</section>", 1)[0]
    assert "LIVE" in section
    assert "läuft gerade" in section


def test_a_word_posted_in_an_entry_finds_the_ticker(client):
    ticker = LiveTickerFactory(title="IFA 2026 im Liveticker", teaser="Alles von der Messe.")
    assert ticker.get_absolute_url() not in search_html(client, "Saugroboter")
    services.post_entry(ticker, "Miele zeigt einen **Saugroboter** mit Arm.")
    assert ticker.get_absolute_url() in search_html(client, "Saugroboter")


def test_a_deleted_entry_no_longer_finds_the_ticker(client):
    ticker = LiveTickerFactory()
    entry = services.post_entry(ticker, "Ein Tippfehler: Kwantenrechner.")
    assert ticker.get_absolute_url() in search_html(client, "Kwantenrechner")
    services.delete_entry(entry)
    assert ticker.get_absolute_url() not in search_html(client, "Kwantenrechner")


def test_a_scheduled_entry_is_not_found_before_its_time(client):
    ticker = LiveTickerFactory()
    services.post_entry(
        ticker, "Geheimes Produkt: Fernsehbrille.", published_at=timezone.now() + timedelta(hours=1)
    )
    assert ticker.get_absolute_url() not in search_html(client, "Fernsehbrille")


def test_an_ended_ticker_is_found_marked_as_ended_and_its_summary_counts(client):
    ticker = LiveTickerFactory(title="CES 2027 im Liveticker")
    services.set_state(ticker, LiveTicker.State.ENDED, summary="Höhepunkt: ein rollbares Display.")
    html = search_html(client, "rollbares Display")
    assert ticker.get_absolute_url() in html
    section = html.split('class="search-tickers"', 1)[1].split("</section>", 1)[0]
    assert "beendet am" in section
    assert "live-badge" not in section


def test_unpublishing_a_ticker_takes_it_out_of_the_index():
    ticker = LiveTickerFactory()
    assert SearchEntry.objects.filter(kind="liveticker", object_id=ticker.pk).exists()
    ticker.is_published = False
    services.save_ticker(ticker)
    assert not SearchEntry.objects.filter(kind="liveticker", object_id=ticker.pk).exists()


def test_a_rebuild_of_the_index_keeps_the_tickers():
    ticker = LiveTickerFactory()
    services.post_entry(ticker, "Ein Eintrag über Faltbildschirme.")
    indexing.rebuild()
    entry = SearchEntry.objects.get(kind="liveticker", object_id=ticker.pk)
    assert indexing.joined("Faltbildschirme") in entry.body_terms
    assert indexing.joined("Liveticker") in entry.extra_terms
