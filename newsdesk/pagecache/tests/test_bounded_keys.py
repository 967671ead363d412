"""The page cache keeps only canonical pages, and uncached renders have a per-client limit.

A flood of junk addresses (unknown parameters, page numbers in any spelling, Host headers with
ports) must neither grow the cache nor push out what is in it; a few clients sending searches
as fast as they can must not take the workers from readers of cached pages.
"""

import pytest
from django.core.cache import cache
from django.test import override_settings

from newsdesk.core import ratelimit
from newsdesk.pagecache.tests import urls as test_urls

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache():
    with override_settings(
        ROOT_URLCONF="newsdesk.pagecache.tests.urls",
        NEWSDESK_PAGE_CACHE=True,
        ALLOWED_HOSTS=["testserver", "localhost", "127.0.0.1", "www.technikblatt.example"],
    ):
        cache.clear()
        test_urls.renders.clear()
        yield test_urls.renders
        cache.clear()


def entries() -> int:
    """How many values the page cache holds (in memory, or in the test's Redis database)."""
    store = cache._cache
    if hasattr(store, "get_client"):
        return store.get_client(write=True).dbsize()
    return len(store)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:8000", "WWW.technikblatt.example:80"])
def test_any_host_spelling_is_answered_from_the_one_cached_page(client, page_cache, host):
    client.get("/artikel-a/")
    other_host = client.get("/artikel-a/", HTTP_HOST=host)
    assert other_host["X-Cache"] == "HIT"
    assert page_cache["/artikel-a/"] == 1


def test_a_host_the_site_does_not_serve_gets_no_cached_page(client):
    client.get("/artikel-a/")
    assert client.get("/artikel-a/", HTTP_HOST="evil.example").status_code == 400


def test_second_page_of_a_list_is_cached_like_the_first(client, page_cache):
    client.get("/liste/?seite=2")
    assert client.get("/liste/?seite=2")["X-Cache"] == "HIT"
    assert page_cache["/liste/"] == 1


@pytest.mark.parametrize(
    ("query", "address"),
    [
        ("seite=abc", "/liste/"),
        ("seite=1", "/liste/"),
        ("seite=", "/liste/"),
        ("seite=02", "/liste/?seite=2"),
        ("seite=%C2%B2", "/liste/"),  # a superscript two is not a page number
        ("x=1&seite=007", "/liste/?x=1&seite=7"),
    ],
)
def test_a_page_number_in_another_spelling_goes_to_the_one_address(
    client, page_cache, query, address
):
    before = entries()
    response = client.get(f"/liste/?{query}")
    assert response.status_code == 301
    assert response["Location"] == address
    assert "no-store" in response["Cache-Control"]
    assert page_cache["/liste/"] == 0
    assert entries() == before


def test_a_page_number_on_a_page_without_numbered_pages_goes_to_the_page(client, page_cache):
    for number in ("2", "99999", "abc"):
        response = client.get(f"/artikel-a/?seite={number}")
        assert response.status_code == 301
        assert response["Location"] == "/artikel-a/"
    assert page_cache["/artikel-a/"] == 0
    assert entries() == 0


@pytest.mark.parametrize(
    "query",
    [
        "seite=" + "9" * 30,
        "seite=0",
        "seite=2&seite=3",
        "x=1",
        "seite=2&sortierung=neu",
    ],
)
def test_junk_addresses_are_rendered_but_never_stored(client, page_cache, query):
    before = entries()
    for _ in range(2):
        response = client.get(f"/liste/?{query}")
        assert response.status_code == 200
        assert "X-Cache" not in response
        # Varnish or a CDN in front must not keep the variant either.
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert page_cache["/liste/"] == 2
    assert entries() == before


@override_settings(NEWSDESK_UNCACHED_RATE="5/m")
def test_a_flood_of_junk_urls_leaves_the_cache_and_the_login_throttle_unchanged(client):
    guessing = ratelimit.Rate.parse("5/15m")
    for _ in range(6):
        ratelimit.hit("login-ip", "203.0.113.10", guessing)
    client.get("/artikel-a/")
    filled = entries()
    for n in range(300):
        # From many addresses, so that the per-client limit is not what stops them.
        response = client.get(
            f"/artikel-a/?x={n}" if n % 2 else f"/liste/?x={n}&seite=0{n + 1}",
            HTTP_HOST=f"127.0.0.1:{8000 + n}",
            REMOTE_ADDR=f"192.0.2.{n % 250}",
        )
        assert response.status_code in ((200, 429) if n % 2 else (301,))
    assert entries() == filled
    assert client.get("/artikel-a/")["X-Cache"] == "HIT"
    # The guesser is still locked out.
    assert ratelimit.count("login-ip", "203.0.113.10", guessing) == 6


@override_settings(NEWSDESK_UNCACHED_RATE="3/m", ROOT_URLCONF="newsdesk.urls")
def test_a_client_searching_nonstop_gets_a_german_429_and_still_reads_cached_pages(client):
    client.get("/")
    codes = [client.get(f"/suche/?q=Galaxy+{n}").status_code for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    refused = client.get("/suche/?q=Galaxy")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "sehr viele Seiten abgerufen" in refused.content.decode()
    assert "no-store" in refused["Cache-Control"]
    # Cached pages stay open to that client, and searches to everybody else.
    assert client.get("/")["X-Cache"] == "HIT"
    assert client.get("/suche/?q=Galaxy", REMOTE_ADDR="198.51.100.20").status_code == 200


@override_settings(NEWSDESK_UNCACHED_RATE="1/m", NEWSDESK_UNCACHED_RATE_EXEMPT=["/artikel-b/"])
def test_exempt_paths_such_as_search_suggestions_are_not_limited(client):
    codes = {client.get(f"/artikel-b/?q=Gal{n}").status_code for n in range(5)}
    assert codes == {200}


@override_settings(NEWSDESK_UNCACHED_RATE="2/m", ROOT_URLCONF="newsdesk.urls")
def test_the_uncached_limit_holds_per_process_while_its_counters_are_away(client, monkeypatch):
    ratelimit._local_counters.clear()

    def unavailable():
        raise ConnectionError("Redis ist weg")

    class Away:
        def __getattr__(self, name):
            return lambda *args, **kwargs: unavailable()

    monkeypatch.setattr(ratelimit, "counters", lambda: Away())
    codes = [client.get(f"/suche/?q=Galaxy+{n}").status_code for n in range(3)]
    assert codes == [200, 200, 429]
