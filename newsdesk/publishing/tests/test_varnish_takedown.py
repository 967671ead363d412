"""Varnish (deploy/varnish.vcl) in front of the app: a takedown is purged hard, so not one
reader gets the old copy from grace, while an ordinary edit stays a soft purge."""

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from newsdesk.articles import services
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user
from newsdesk.pagecache.tests.test_varnish import fetch, pytestmark, varnish  # noqa: F401

READERS = 30


def status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_unpublished_article_is_gone_for_every_concurrent_reader(varnish):  # noqa: F811
    article = ArticleFactory(headline="Rechtswidriger Bericht")
    url = varnish + article.get_absolute_url()
    assert fetch(url)[0] == "MISS"
    assert fetch(url)[0] == "HIT"

    editor = newsroom_user(EDITOR, "rita")
    services.unpublish_article(article, editor)  # outside a transaction: purged right away

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(status, [url] * READERS))
    assert [code for code, _body in answers] == [404] * READERS
    assert not any("Rechtswidriger Bericht" in body for _code, body in answers)
