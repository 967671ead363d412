"""Debian's Varnish with deploy/varnish.vcl in front of the app: a publish purges exactly the
pages that show the changed article, through the xkey vmod (soft purge)."""

import contextlib
import glob
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from newsdesk.articles.tests.factories import ArticleFactory, TopicFactory
from newsdesk.core.tracking import IGNORED_PARAMETERS

VCL = Path(__file__).resolve().parents[3] / "deploy" / "varnish.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not Path(VARNISHD).exists() or not glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so"),
        reason="varnish and varnish-modules are not installed (make test installs them as root)",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, name: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"{name} did not start: " + process.stdout.read().decode())
            time.sleep(0.1)
    process.kill()
    pytest.fail(f"{name} did not start in time")


@contextlib.contextmanager
def running_varnish(backend_port: str, port: int, purge_port: int) -> Iterator[None]:
    """deploy/varnish.vcl with the listeners of deploy/systemd/varnish-newsdesk.conf: "http"
    for nginx on ``port`` and "purge" for the app on ``purge_port``."""
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-varnish-"))
    workdir.chmod(0o755)  # varnishd's worker runs as its own unprivileged user
    vcl = workdir / "newsdesk.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    vcl.chmod(0o644)
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",
            "-n",
            str(workdir / "n"),
            "-a",
            f"http=127.0.0.1:{port}",
            "-a",
            f"purge=127.0.0.1:{purge_port}",
            "-f",
            str(vcl),
            "-s",
            "malloc,32m",
            "-T",
            "none",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, process, "varnishd")
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def varnish(live_server):
    backend_port = live_server.url.rsplit(":", 1)[1]
    port, purge_port = free_port(), free_port()
    url = f"http://127.0.0.1:{port}"
    with (
        running_varnish(backend_port, port, purge_port),
        override_settings(
            NEWSDESK_PAGE_CACHE=True,
            NEWSDESK_PURGE_BACKEND="varnish",
            NEWSDESK_PURGE_URLS=[f"http://127.0.0.1:{purge_port}/"],
        ),
    ):
        yield url


def fetch(url: str) -> tuple[str, int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return (
            response.headers["X-Varnish-Cache"],
            int(response.headers.get("Age", "0")),
            response.read().decode(),
        )


def test_publish_purges_exactly_the_dependent_pages_in_varnish(varnish):
    topic, other_topic = TopicFactory(), TopicFactory()
    story = ArticleFactory(headline="Wird das Galaxy S7 teurer?", topics=[topic])
    unrelated = ArticleFactory(headline="Neues Notebook", topics=[other_topic])
    pages = {
        "story": varnish + story.get_absolute_url(),
        "topic": varnish + topic.get_absolute_url(),
        "unrelated": varnish + unrelated.get_absolute_url(),
        "other_topic": varnish + other_topic.get_absolute_url(),
    }
    for url in pages.values():
        assert fetch(url)[0] == "MISS"
    assert all(fetch(url)[0] == "HIT" for url in pages.values())
    time.sleep(1.2)  # cached copies are now at least a second old

    story.headline = "Wird das Galaxy S7 doch nicht teurer?"
    story.save()  # outside a transaction: the purge goes out right away

    # A soft purge keeps the old copy for one more reader while Varnish fetches the new one in
    # the background (grace); from then on everybody gets the new page.
    seen = [fetch(pages["story"])[2]]
    time.sleep(0.3)
    seen.append(fetch(pages["story"])[2])
    assert "doch nicht teurer" in seen[-1]
    for name in ("topic", "unrelated", "other_topic"):
        fetch(pages[name])
    time.sleep(0.3)
    ages = {name: fetch(url)[1] for name, url in pages.items()}
    # Refetched after the purge: young copies. Untouched: still the copies from before.
    assert ages["story"] < 1 and ages["topic"] < 1
    assert ages["unrelated"] >= 1 and ages["other_topic"] >= 1


def test_an_article_published_again_after_a_takedown_is_not_kept_404_by_varnish(varnish):
    from newsdesk.articles import services
    from newsdesk.articles.models import Article

    story = ArticleFactory(headline="Korrigiert und wieder online")
    page = varnish + story.get_absolute_url()
    services.unpublish_article(story, None)
    for _ in range(2):  # the 404 is now in Varnish
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(page, timeout=10)
        assert missing.value.code == 404
    assert missing.value.headers["X-Varnish-Cache"] == "HIT"

    services.change_status(story, None, Article.Status.PUBLISHED)
    # The purge of the article's key drops the kept 404 (a soft purge: one reader may get it
    # once more while Varnish fetches the page).
    answers = []
    for _ in range(2):
        try:
            answers.append(fetch(page)[2])
        except urllib.error.HTTPError as error:
            answers.append(error.code)
        time.sleep(0.3)
    assert "Korrigiert und wieder online" in answers[-1]


def test_varnish_refuses_purges_without_keys(varnish):
    request = urllib.request.Request(settings.NEWSDESK_PURGE_URLS[0], method="PURGE")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=5)
    assert error.value.code == 400


def test_a_story_shared_with_click_ids_and_campaign_tags_is_one_copy_in_varnish(varnish):
    story = ArticleFactory(headline="Warum teilen alle diesen Test?")
    page = varnish + story.get_absolute_url()
    assert fetch(page)[0] == "MISS"
    # Every name the app leaves out of its page key, Varnish leaves out of its hash too.
    links = [f"?{name}=abc123" for name in sorted(IGNORED_PARAMETERS)]
    links.append("?utm_medium=social&utm_campaign=ifa&fbclid=x")
    answers = {link: fetch(page + link)[0] for link in links}
    assert set(answers.values()) == {"HIT"}, answers
    # What is left after the tags still counts: an unknown parameter is not the cached page.
    assert fetch(page + "?utm_source=newsletter&x=1")[0] != "HIT"
