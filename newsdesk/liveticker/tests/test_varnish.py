"""Debian's Varnish with deploy/varnish.vcl in front: a new entry purges exactly the ticker's
fragment and page; the teasers that show the ticker are purged when its state changes."""

import time

from newsdesk.articles.tests.factories import TopicFactory
from newsdesk.liveticker import services
from newsdesk.liveticker.models import LiveTicker

# The Varnish fixture, its skip rule (pytestmark) and its fetch helper are shared.
from newsdesk.pagecache.tests.test_varnish import fetch, pytestmark, varnish  # noqa: F401

from .factories import LiveTickerFactory


def test_an_entry_purges_the_fragment_and_page_only(varnish):  # noqa: F811
    topic = TopicFactory()
    ticker = LiveTickerFactory(topics=[topic])
    services.post_entry(ticker, "Die Keynote beginnt.")
    pages = {
        "page": varnish + ticker.get_absolute_url(),
        "fragment": varnish + f"/liveticker/{ticker.slug}/eintraege/",
        "home": varnish + "/",
        "topic": varnish + topic.get_absolute_url(),
    }
    for url in pages.values():
        assert fetch(url)[0] == "MISS"
    assert all(fetch(url)[0] == "HIT" for url in pages.values())
    time.sleep(1.2)  # cached copies are now at least a second old

    services.post_entry(ticker, "Das iPhone ist da.")  # autocommit: the purge goes out now
    for name in pages:
        fetch(pages[name])
    time.sleep(0.3)
    ages = {name: fetch(url)[1] for name, url in pages.items()}
    assert "Das iPhone ist da." in fetch(pages["fragment"])[2]
    assert "Das iPhone ist da." in fetch(pages["page"])[2]
    assert ages["page"] < 1 and ages["fragment"] < 1
    assert ages["home"] >= 1 and ages["topic"] >= 1

    time.sleep(1.2)
    services.set_state(ticker, LiveTicker.State.ENDED)
    for name in pages:
        fetch(pages[name])
    time.sleep(0.3)
    ages = {name: fetch(url)[1] for name, url in pages.items()}
    assert ages["home"] < 1 and ages["topic"] < 1
    assert "live-badge" not in fetch(pages["home"])[2]
