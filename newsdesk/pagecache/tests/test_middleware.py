"""The page cache serves anonymous readers from memory and drops exactly what changed."""

import threading

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from newsdesk.pagecache import store
from newsdesk.pagecache.tests import urls as test_urls

pytestmark = pytest.mark.django_db


# The cache would otherwise hold pages from an earlier test.
@pytest.fixture(autouse=True)
def page_cache():
    with override_settings(ROOT_URLCONF="newsdesk.pagecache.tests.urls", NEWSDESK_PAGE_CACHE=True):
        cache.clear()
        test_urls.renders.clear()
        yield test_urls.renders
        cache.clear()


def test_second_request_is_served_from_cache(client, page_cache):
    first = client.get("/artikel-a/")
    second = client.get("/artikel-a/")
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert page_cache["/artikel-a/"] == 1


def test_invalidating_a_key_rerenders_exactly_the_pages_that_show_it(client, page_cache):
    for path in ("/artikel-a/", "/artikel-b/"):
        client.get(path)
    store.invalidate({"article-1"})
    assert client.get("/artikel-a/")["X-Cache"] == "MISS"
    assert client.get("/artikel-b/")["X-Cache"] == "HIT"
    assert page_cache == {"/artikel-a/": 2, "/artikel-b/": 1}
    store.invalidate({"topic-1"})  # both pages list the topic
    client.get("/artikel-a/")
    client.get("/artikel-b/")
    assert page_cache == {"/artikel-a/": 3, "/artikel-b/": 2}


def test_response_headers_for_shared_caches(client):
    client.get("/artikel-a/")
    response = client.get("/artikel-a/")
    assert set(response["Surrogate-Key"].split()) == {"article-1", "topic-1", "footer"}
    assert set(response["Cache-Tag"].split(",")) == {"article-1", "topic-1", "footer"}
    control = response["Cache-Control"]
    for part in ("public", "s-maxage=", "stale-while-revalidate=", "stale-if-error="):
        assert part in control
    assert response["ETag"].startswith('"') and response["Last-Modified"].endswith("GMT")
    assert not response.cookies


def test_etag_and_if_modified_since_answer_304(client):
    etag = client.get("/artikel-a/")["ETag"]
    assert client.get("/artikel-a/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/artikel-a/", HTTP_IF_NONE_MATCH='"anders"').status_code == 200
    last_modified = client.get("/artikel-a/")["Last-Modified"]
    assert client.get("/artikel-a/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    store.invalidate({"article-1"})
    assert client.get("/artikel-a/", HTTP_IF_NONE_MATCH=etag).status_code in (200, 304)


def test_compressed_variants_are_served_to_clients_that_accept_them(client):
    plain = client.get("/artikel-a/")
    gz = client.get("/artikel-a/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    br = client.get("/artikel-a/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert gz["Content-Encoding"] == "gzip" and len(gz.content) < len(plain.content)
    assert br["Content-Encoding"] == "br" and len(br.content) < len(plain.content)
    assert "Accept-Encoding" in plain["Vary"]


def test_head_gets_headers_without_body(client):
    client.get("/artikel-a/")
    response = client.head("/artikel-a/")
    assert response.status_code == 200 and response.content == b""
    assert int(response["Content-Length"]) > 0


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"path": "/artikel-a/", "COOKIES": True},
        {"path": "/artikel-a/?sortierung=neu"},
        {"path": "/ohne-schluessel/"},
        {"path": "/mit-cookie/"},
    ],
)
def test_pages_that_must_not_be_shared_are_never_stored(client, page_cache, request_kwargs):
    path = request_kwargs["path"]
    if request_kwargs.get("COOKIES"):
        client.cookies["sessionid"] = "ein-redakteur"
    client.get(path)
    second = client.get(path)
    assert "X-Cache" not in second or second["X-Cache"] != "HIT"
    assert page_cache[path.split("?")[0]] == 2


def test_signed_in_pages_are_marked_private(client):
    client.cookies["sessionid"] = "ein-redakteur"
    response = client.get("/artikel-a/")
    assert "private" in response["Cache-Control"]


def test_campaign_parameters_share_the_page(client, page_cache):
    client.get("/artikel-a/")
    assert client.get("/artikel-a/?utm_source=mastodon&fbclid=x")["X-Cache"] == "HIT"
    assert page_cache["/artikel-a/"] == 1


def test_a_story_shared_from_social_apps_and_newsletters_comes_from_the_cache(client, page_cache):
    client.get("/artikel-a/")
    for link in ("?igshid=MzRl", "?wt_mc=nl.2026-12", "?utm_id=42&msclkid=7", "?_gl=1*abc"):
        assert client.get("/artikel-a/" + link)["X-Cache"] == "HIT", link
    assert page_cache["/artikel-a/"] == 1
    # A parameter nobody declared is still rendered for its client alone, never stored.
    assert client.get("/artikel-a/?x=1")["Cache-Control"] == "private, no-store"


def test_post_is_never_answered_from_cache(client, page_cache):
    client.get("/artikel-a/")
    client.post("/artikel-a/")
    assert page_cache["/artikel-a/"] == 2


def test_concurrent_misses_render_once(page_cache):
    results = []

    def reader():
        results.append(Client().get("/langsam/"))

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert page_cache["/langsam/"] == 1
    assert all(r.status_code == 200 for r in results)
    assert len({r.content for r in results}) == 1


def test_stale_page_is_served_while_one_request_rerenders(page_cache):
    Client().get("/langsam/")
    store.invalidate({"article-3"})
    results = []

    def reader():
        results.append(Client().get("/langsam/")["X-Cache"])

    threads = [threading.Thread(target=reader) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert page_cache["/langsam/"] == 2
    assert results.count("MISS") == 1
    assert set(results) <= {"MISS", "STALE", "HIT"}


def test_pages_not_from_the_cache_are_compressed_too(client):
    client.cookies["sessionid"] = "ein-redakteur"
    response = client.get("/artikel-a/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def test_an_evicted_generation_makes_pages_stale_not_fresh_again(client, page_cache):
    client.get("/artikel-a/")
    store.invalidate({"article-1"})
    client.get("/artikel-a/")
    assert page_cache["/artikel-a/"] == 2
    # The cache drops the generation of article-1 (memory pressure, restart of Redis).
    cache.delete(store.GENERATION_PREFIX + "article-1")
    assert client.get("/artikel-a/")["X-Cache"] == "MISS"


def test_file_cache_is_shared_between_processes(tmp_path):
    """The embedded default: a page invalidated by one process is stale for the others."""
    import subprocess
    import sys

    from newsdesk.settings.env import cache_from_url

    config = cache_from_url(f"file://{tmp_path}")
    assert config["BACKEND"].endswith("FileBasedCache")
    script = (
        "import django, os; django.setup();"
        "from newsdesk.pagecache import store; store.cache().set('pc:gen:article-9', 42.0, None)"
    )
    subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        timeout=60,
        env={
            **__import__("os").environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
            "CACHE_URL": f"file://{tmp_path}",
        },
    )
    from django.core.cache.backends.filebased import FileBasedCache

    other_process_view = FileBasedCache(str(tmp_path), {})
    assert other_process_view.get("pc:gen:article-9") == 42.0


def test_a_copy_served_while_the_new_version_renders_is_not_kept_by_varnish(client, monkeypatch):
    # Varnish refetches right after an edit's soft purge; if it got the old copy with the
    # usual s-maxage, readers behind it would see the old headline for an hour.
    client.get("/artikel-a/")
    store.invalidate({"article-1"})
    monkeypatch.setattr(store, "acquire_render_lock", lambda key, seconds=30: False)

    stale = client.get("/artikel-a/")

    assert stale["X-Cache"] == "STALE"
    assert "s-maxage=0" in stale["Cache-Control"] and "max-age=0" in stale["Cache-Control"]
    monkeypatch.undo()
    fresh = client.get("/artikel-a/")
    assert fresh["X-Cache"] == "MISS" and "s-maxage=3600" in fresh["Cache-Control"]


def test_a_page_a_change_overtook_while_it_rendered_is_not_kept_by_varnish(
    client, page_cache, monkeypatch
):
    import time

    real = store.generations_for_new_page
    # A change committed after this render started: its key's generation is newer.
    monkeypatch.setattr(
        store,
        "generations_for_new_page",
        lambda keys: {**real(keys), "article-1": time.time() + 5},
    )

    response = client.get("/artikel-a/")

    assert response["X-Cache"] == "MISS"
    assert "s-maxage=0" in response["Cache-Control"]
    monkeypatch.undo()
    assert client.get("/artikel-a/")["X-Cache"] == "MISS"  # it was not kept in the app either
    assert page_cache["/artikel-a/"] == 2
