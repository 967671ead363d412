"""Debian's Varnish with deploy/varnish.vcl in front: a new entry purges exactly the ticker's
fragment and page and the teasers that show the ticker; a scheduled entry reaches Varnish's
copies at its time, with nobody purging by hand."""

import os
import time
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from newsdesk.articles.tests.factories import ArticleFactory, TopicFactory
from newsdesk.commerce.tests.factories import ProductFactory
from newsdesk.liveticker import services
from newsdesk.liveticker.models import LiveTicker

# The skip rule (pytestmark), the Varnish runner and its fetch helper are shared.
from newsdesk.pagecache.tests.test_varnish import fetch, pytestmark, running_varnish  # noqa: F401
from newsdesk.taskqueue.worker import Worker

from .factories import LiveTickerFactory


@pytest.fixture
def varnish(live_server):
    """Varnish on ports of the ticker's own range (8550 on, two per test process)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    port = 8550 + 2 * (int(worker) if worker.isdigit() else 0)
    backend_port = live_server.url.rsplit(":", 1)[1]
    with (
        running_varnish(backend_port, port, port + 1),
        override_settings(
            NEWSDESK_PAGE_CACHE=True,
            NEWSDESK_PURGE_BACKEND="varnish",
            NEWSDESK_PURGE_URLS=[f"http://127.0.0.1:{port + 1}/"],
        ),
    ):
        yield f"http://127.0.0.1:{port}"


def test_an_entry_purges_the_fragment_page_and_the_tickers_teasers_only(varnish):
    topic, other_topic, product = TopicFactory(), TopicFactory(), ProductFactory()
    ticker = LiveTickerFactory(topics=[topic], products=[product])
    LiveTickerFactory(topics=[other_topic])  # another running ticker, on another topic
    article = ArticleFactory(topics=[topic])
    services.post_entry(ticker, "Die Keynote beginnt.")
    pages = {
        "page": varnish + ticker.get_absolute_url(),
        "fragment": varnish + f"/liveticker/{ticker.slug}/eintraege/",
        "home": varnish + "/",
        "topic": varnish + topic.get_absolute_url(),
        "product": varnish + product.get_absolute_url(),
        "other_topic": varnish + other_topic.get_absolute_url(),
        "article": varnish + article.get_absolute_url(),
    }
    for url in pages.values():
        assert fetch(url)[0] == "MISS"
    assert all(fetch(url)[0] == "HIT" for url in pages.values())
    time.sleep(1.2)  # cached copies are now at least a second old

    services.post_entry(ticker, "Das iPhone ist da.")  # autocommit: the purge goes out now
    for name in pages:
        fetch(pages[name])  # a soft purge hands out the old copy once more, fetching anew
    time.sleep(0.3)
    ages = {name: fetch(url)[1] for name, url in pages.items()}
    for name in ("page", "fragment", "home", "topic", "product"):
        assert ages[name] < 1, name
        assert "Das iPhone ist da." in fetch(pages[name])[2], name
    assert ages["other_topic"] >= 1 and ages["article"] >= 1

    time.sleep(1.2)
    services.set_state(ticker, LiveTicker.State.ENDED)
    for name in pages:
        fetch(pages[name])
    time.sleep(0.3)
    ages = {name: fetch(url)[1] for name, url in pages.items()}
    assert ages["home"] < 1 and ages["topic"] < 1
    assert ticker.get_absolute_url() not in fetch(pages["topic"])[2]


def test_a_scheduled_entry_reaches_readers_through_varnish_at_its_time(varnish):
    ticker = LiveTickerFactory()
    fragment = varnish + f"/liveticker/{ticker.slug}/eintraege/"
    page = varnish + ticker.get_absolute_url()
    due = timezone.now() + timedelta(seconds=2)
    services.post_entry(ticker, "Punkt acht: der Preis.", published_at=due)
    for url in (fragment, page, fragment, page):
        assert "Punkt acht" not in fetch(url)[2]
    assert fetch(fragment)[0] == "HIT"

    while timezone.now() <= due:
        time.sleep(0.2)
    # Varnish answers every reader from its copy; no request reaches the app. The task worker
    # (its loop, once a second) notices the time and purges.
    Worker(publish_due_every=0).periodic()
    for url in (fragment, page):
        fetch(url)  # the soft-purged copy once more, while Varnish fetches the new one
    time.sleep(0.3)
    assert "Punkt acht" in fetch(fragment)[2]
    assert "Punkt acht" in fetch(page)[2]
