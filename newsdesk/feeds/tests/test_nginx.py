"""deploy/nginx.conf serves baked feeds with their feed type, as a feed reader expects.

``newsdesk bake`` writes a feed like every page, as ``feed/index.html``; nginx would send that as
``text/html``, which feedparser flags (bozo) and strict readers reject. Runs Debian's nginx with
the deployed server block against a real bake.
"""

import gzip
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import pytest

from newsdesk.articles.tests.factories import ArticleFactory, TopicFactory
from newsdesk.pagecache.bake import Baker

CONF = Path(__file__).resolve().parents[3] / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not Path(NGINX).exists() or not Path("/etc/nginx/mime.types").exists(),
        reason="nginx is not installed (make test installs nginx-light as root)",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def local_config(baked: Path, port: int, upstream: str = "127.0.0.1:9") -> str:
    """The deployed TLS server block, listening on plain HTTP on 127.0.0.1:``port``, passing
    what is not baked to ``upstream`` (by default nothing listens there: 502)."""
    server = CONF.read_text().split("server {", 2)[2]  # the second server block: TLS
    server = "server {" + server
    for line in ("listen 443 ssl;", "listen [::]:443 ssl;", "http2 on;"):
        server = server.replace(line, "")
    server = "\n".join(line for line in server.splitlines() if "ssl_certificate" not in line)
    server = server.replace("server_name www.technikblatt.example;", f"listen 127.0.0.1:{port};")
    server = server.replace("/srv/newsdesk/baked", str(baked))
    return (
        "daemon off; worker_processes 1; pid nginx.pid; error_log stderr;\n"
        "events { worker_connections 64; }\n"
        "http {\n include /etc/nginx/mime.types;\n default_type application/octet-stream;\n"
        " access_log off;\n client_body_temp_path tmp; proxy_temp_path tmp;\n"
        " fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;\n"
        f" upstream newsdesk_app {{ server {upstream}; keepalive 8; }}\n" + server + "\n}\n"
    )


@pytest.fixture
def nginx_url():
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-nginx-"))
    workdir.chmod(0o755)  # nginx workers (another user when run as root) read the baked files
    (workdir / "tmp").mkdir()
    baked = workdir / "baked"
    port = free_port()
    (workdir / "nginx.conf").write_text(local_config(baked, port))
    yield baked, f"http://127.0.0.1:{port}", workdir
    shutil.rmtree(workdir, ignore_errors=True)


def start(workdir: Path, port_url: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    port = int(port_url.rsplit(":", 1)[1])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            if process.poll() is not None:
                pytest.fail("nginx did not start: " + process.stdout.read().decode())
            time.sleep(0.1)
    process.kill()
    pytest.fail("nginx did not start in time")


def test_baked_feeds_are_served_as_feeds_and_pages_as_html(nginx_url):
    baked, url, workdir = nginx_url
    topic = TopicFactory(slug="smartphones")
    feed_topic = TopicFactory(slug="feed")  # a topic named like the feed address stays a page
    ArticleFactory(headline="Galaxy S7 im Test", topics=[topic, feed_topic])
    paths = [
        "/feed/",
        "/feed/atom/",
        "/news/feed/",
        "/thema/smartphones/feed/",
        "/thema/smartphones/feed/atom/",
        "/thema/smartphones/",
        "/thema/feed/",
    ]
    report = Baker(baked).bake(paths=paths)
    assert not report.failed
    for path in baked.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)

    process = start(workdir, url)
    try:
        for path, expected in [
            ("/feed/", "application/rss+xml"),
            ("/news/feed/", "application/rss+xml"),
            ("/thema/smartphones/feed/", "application/rss+xml"),
            ("/feed/atom/", "application/atom+xml"),
            ("/thema/smartphones/feed/atom/", "application/atom+xml"),
        ]:
            with urllib.request.urlopen(url + path) as response:
                content_type = response.headers["Content-Type"]
                body = response.read()
            assert content_type.split(";")[0] == expected, path
            assert "charset=utf-8" in content_type, path
            parsed = feedparser.parse(body, response_headers={"content-type": content_type})
            assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
            assert [entry.title for entry in parsed.entries] == ["Galaxy S7 im Test"], path
        # The precompressed twin the bake wrote beside it goes out with the same type.
        request = urllib.request.Request(url + "/feed/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Content-Type"].startswith("application/rss+xml")
            assert feedparser.parse(gzip.decompress(response.read())).bozo == 0
        for path in ("/thema/smartphones/", "/thema/feed/"):
            with urllib.request.urlopen(url + path) as response:
                assert response.headers["Content-Type"].startswith("text/html"), path
        # The bake's record and lock lie in the same folder; they are no pages to download.
        assert (baked / ".newsdesk-bake.sqlite3").exists()
        for name in (".newsdesk-bake.sqlite3", ".newsdesk-bake.lock", ".newsdesk-bake.json"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(url + "/" + name)
            assert refused.value.code == 404, name
    finally:
        process.terminate()
        process.wait(timeout=10)
