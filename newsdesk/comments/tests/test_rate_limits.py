"""Posting and reporting are rate-limited per real client address and per e-mail address."""

import pytest

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.comments.models import Comment, CommentReport
from newsdesk.comments.tests.conftest import form_data
from newsdesk.comments.tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def thirty_posts(client, article, *, spoof: bool, proxies_prepend: bool = False) -> list[int]:
    codes = []
    for n in range(30):
        extra = {"REMOTE_ADDR": "203.0.113.50"}
        if spoof:
            forwarded = f"198.51.100.{n}"
            # Behind a proxy, the proxy appends the address it saw after the client's own text.
            extra["HTTP_X_FORWARDED_FOR"] = (
                f"{forwarded}, 203.0.113.50" if proxies_prepend else forwarded
            )
            extra["REMOTE_ADDR"] = "10.0.0.1" if proxies_prepend else "203.0.113.50"
        data = form_data(author_email=f"leser{n}@example.org", body=f"Kommentar Nummer {n}")
        codes.append(client.post(f"/kommentare/{article.pk}/", data, **extra).status_code)
    return codes


@pytest.mark.parametrize(
    ("spoof", "proxies"),
    [(False, 0), (True, 0), (True, 1)],
    ids=["plain", "spoofed-xff-no-proxy", "spoofed-xff-behind-one-proxy"],
)
def test_thirty_comments_a_minute_over_the_limit_get_429_and_none_is_stored(
    client, settings, spoof, proxies
):
    settings.NEWSDESK_COMMENT_RATE = "5/10m"
    settings.NEWSDESK_TRUSTED_PROXIES = proxies
    article = ArticleFactory()
    codes = thirty_posts(client, article, spoof=spoof, proxies_prepend=bool(proxies))
    assert codes[:5] == [302] * 5
    assert codes[5:] == [429] * 25
    assert Comment.objects.count() == 5
    assert not Comment.objects.filter(body="Kommentar Nummer 5").exists()


def test_429_page_is_german_and_says_when_to_try_again(client, settings):
    settings.NEWSDESK_COMMENT_RATE = "1/10m"
    article = ArticleFactory()
    client.post(f"/kommentare/{article.pk}/", form_data())
    response = client.post(f"/kommentare/{article.pk}/", form_data(body="Noch einer"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "zu viele Kommentare geschickt" in html
    assert "Bitte versuchen Sie es in 10 Minuten noch einmal." in html
    assert response["Retry-After"] == "600"


def test_a_reader_over_the_limit_gets_the_text_back_to_copy(client, settings):
    """Not stored is not lost: a reader in a lively debate keeps what they wrote."""
    settings.NEWSDESK_COMMENT_RATE = "1/10m"
    article = ArticleFactory()
    client.post(f"/kommentare/{article.pk}/", form_data())
    response = client.post(
        f"/kommentare/{article.pk}/", form_data(body="Meine <i>lange</i> Antwort an Petra")
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Meine &lt;i&gt;lange&lt;/i&gt; Antwort an Petra" in html
    assert "<i>lange</i>" not in html


def test_one_email_address_is_limited_across_addresses(client, settings):
    settings.NEWSDESK_COMMENT_RATE = "2/10m"
    article = ArticleFactory()
    codes = [
        client.post(
            f"/kommentare/{article.pk}/",
            form_data(body=f"Text {n}"),
            REMOTE_ADDR=f"192.0.2.{n}",
        ).status_code
        for n in range(4)
    ]
    assert codes == [302, 302, 429, 429]
    assert Comment.objects.count() == 2


def test_reports_are_rate_limited(client, settings):
    settings.NEWSDESK_REPORT_RATE = "3/h"
    comments = CommentFactory.create_batch(5)
    codes = [
        client.post(f"/kommentare/{c.article_id}/melden/{c.pk}/", {"reason": "spam"}).status_code
        for c in comments
    ]
    assert codes == [200, 200, 200, 429, 429]
    assert CommentReport.objects.count() == 3
