"""Each content type describes its own page through its registration (``describe_page``)."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from newsdesk.articles.models import Topic
from newsdesk.articles.tests.factories import TopicFactory
from newsdesk.liveticker.tests.factories import LiveTickerFactory
from newsdesk.publishing import registry

pytestmark = pytest.mark.django_db


def og(page: str, name: str) -> str | None:
    found = re.search(rf'<meta property="og:{name}" content="([^"]*)">', page)
    return html.unescape(found.group(1)) if found else None


def test_a_shared_live_ticker_previews_with_its_title_and_teaser(client):
    ticker = LiveTickerFactory(
        title="CES 2027 im Liveticker", teaser="Alle Neuheiten aus Las Vegas."
    )

    page = client.get(ticker.get_absolute_url()).content.decode()

    assert og(page, "title") == "CES 2027 im Liveticker"
    assert og(page, "description") == "Alle Neuheiten aus Las Vegas."
    assert og(page, "type") == "article"


def test_a_topic_page_is_described_by_the_registered_describer(client, monkeypatch):
    topic = TopicFactory(name="Smartphones", description="Alles über Telefone.")
    registered = registry.get(Topic)

    def describe(meta, context, obj, path):
        meta.title = f"Thema: {obj.name}"
        return True

    monkeypatch.setitem(registry._registry, Topic, replace(registered, describe_page=describe))

    page = client.get(topic.get_absolute_url()).content.decode()

    assert og(page, "title") == "Thema: Smartphones"
