"""The production front as docs/deploy.md describes it, run for real: Debian's nginx with
deploy/nginx.conf, Varnish with deploy/varnish.vcl and its two listeners, and the app under the
documented ALLOWED_HOSTS. A reader gets pages through all three, the health checks are green, and
nobody outside can purge the cache."""

import http.client
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.test import override_settings

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.feeds.tests.test_nginx import NGINX, local_config
from newsdesk.pagecache.tests.test_varnish import (
    VARNISHD,
    free_port,
    running_varnish,
    wait_for_port,
)

HOST = "www.technikblatt.example"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not Path(VARNISHD).exists()
        or not Path(NGINX).exists()
        or not Path("/etc/nginx/proxy_params").exists(),
        reason="varnish and nginx are not installed (make test installs them as root)",
    ),
]


def request(port: int, method: str, path: str, **headers: str) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers={"Host": HOST, **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture
def front(live_server):
    """nginx :web → Varnish "http" :cache → app; the app purges Varnish on "purge" :purge."""
    app_port = live_server.url.rsplit(":", 1)[1]
    web, cache, purge = free_port(), free_port(), free_port()
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-front-"))
    workdir.chmod(0o755)
    (workdir / "tmp").mkdir()
    (workdir / "baked").mkdir()
    (workdir / "nginx.conf").write_text(
        local_config(workdir / "baked", web, upstream=f"127.0.0.1:{cache}")
    )
    settings = override_settings(
        ALLOWED_HOSTS=[HOST],
        NEWSDESK_TRUSTED_PROXIES=2,
        NEWSDESK_PAGE_CACHE=True,
        NEWSDESK_PURGE_BACKEND="varnish",
        NEWSDESK_PURGE_URLS=[f"http://127.0.0.1:{purge}/"],
    )
    with settings, running_varnish(app_port, cache, purge):
        nginx = subprocess.Popen(
            [NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf")],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(web, nginx, "nginx")
            yield {"web": web, "cache": cache, "purge": purge}
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)
            shutil.rmtree(workdir, ignore_errors=True)


def wait_for_page(port: int, path: str) -> tuple[int, dict, bytes]:
    """Varnish counts the backend sick until its first probe answers."""
    deadline = time.monotonic() + 15
    while True:
        status, headers, body = request(port, "GET", path)
        if status != 503 or time.monotonic() > deadline:
            return status, headers, body
        time.sleep(0.25)


def test_health_checks_are_green_under_the_documented_allowed_hosts(front, live_server):
    app_port = int(live_server.url.rsplit(":", 1)[1])
    # Varnish's probe and load balancers name no host of the site (or another one).
    for host in ("127.0.0.1", "newsdesk_app", f"127.0.0.1:{app_port}"):
        status, _, body = request(app_port, "GET", "/healthz", Host=host)
        assert (status, body) == (200, b"ok\n"), host
    status, _, body = request(front["web"], "GET", "/healthz")
    assert (status, body) == (200, b"ok\n")
    # Other paths still validate the host.
    assert request(app_port, "GET", "/", Host="127.0.0.1")[0] == 400


def test_a_page_is_served_through_nginx_varnish_and_the_app(front):
    article = ArticleFactory(headline="Galaxy S7 im Test")
    status, headers, body = wait_for_page(front["web"], article.get_absolute_url())
    assert status == 200 and "Galaxy S7 im Test" in body.decode()
    assert headers["X-Varnish-Cache"] == "MISS"
    status, headers, _ = request(front["web"], "GET", article.get_absolute_url())
    assert (status, headers["X-Varnish-Cache"]) == (200, "HIT")


def test_nobody_outside_can_purge_through_nginx_or_varnish(front):
    article = ArticleFactory(headline="Galaxy S7 im Test")
    path = article.get_absolute_url()
    assert wait_for_page(front["web"], path)[0] == 200
    assert request(front["web"], "GET", path)[1]["X-Varnish-Cache"] == "HIT"

    for method in ("PURGE", "BAN"):
        for target in (path, "/no-such-file", "/go/1/", "/healthz"):
            status, _, _ = request(front["web"], method, target, **{"xkey-purge": "footer home"})
            assert status == 405, (method, target)
    # A purge header on an ordinary request is dropped before it reaches Varnish.
    request(front["web"], "GET", "/go/1/", **{"xkey-purge": "footer home"})
    # Varnish's public listener (what nginx talks to) refuses purges too.
    status, _, _ = request(front["cache"], "PURGE", "/", **{"xkey-purge": "footer home"})
    assert status == 405
    assert request(front["web"], "GET", path)[1]["X-Varnish-Cache"] == "HIT"

    # The app's own listener still purges.
    status, _, body = request(
        front["purge"], "PURGE", "/", **{"xkey-purge": f"article-{article.pk}"}
    )
    assert status == 200 and b"Purged 0" not in body
    assert request(front["web"], "GET", path)[1]["X-Varnish-Cache"] == "MISS"
