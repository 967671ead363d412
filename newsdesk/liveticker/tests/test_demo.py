"""The demo's two tickers: an ended keynote with its summary and a running fair day."""

import pytest

from newsdesk.demo.loader import DemoLoader
from newsdesk.liveticker.demo import ensure_demo_tickers
from newsdesk.liveticker.models import LiveTicker

pytestmark = pytest.mark.django_db


def test_demo_has_an_ended_and_a_running_ticker(client):
    loader = DemoLoader()
    ensure_demo_tickers(loader)
    assert loader.report.created["Liveticker"] == 2
    ended = LiveTicker.objects.get(state=LiveTicker.State.ENDED)
    running = LiveTicker.objects.get(state=LiveTicker.State.LIVE)
    assert ended.summary and ended.ended_at > ended.starts_at
    assert ended.entries.filter(is_key_event=True).count() == 3
    assert running.entries.filter(is_pinned=True).count() == 1
    for ticker in (ended, running):
        assert client.get(ticker.get_absolute_url()).status_code == 200
    assert running.get_absolute_url() in client.get("/").content.decode()

    again = DemoLoader()
    ensure_demo_tickers(again)
    assert again.report.created["Liveticker"] == 0
