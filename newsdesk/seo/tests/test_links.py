"""Affiliate links typed into a body are labelled like offer links; paid content says so."""

import pytest
from django.urls import reverse
from lxml import html

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.commerce.tests.factories import ShopFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user

pytestmark = pytest.mark.django_db

AFFILIATE = "https://www.amazon.de/dp/B01?tag=technikblatt-21"


@pytest.fixture
def shop():
    return ShopFactory(name="Amazon", domains="amazon.de")


def body_links(client, article) -> list:
    document = html.fromstring(client.get(article.get_absolute_url()).content)
    return document.xpath('//div[contains(@class, "article-body")]//a')


def test_affiliate_link_in_the_text_gets_sponsored_rel_asterisk_and_the_note(client, shop):
    article = ArticleFactory(body=f"Das Galaxy gibt es [bei Amazon]({AFFILIATE}) günstiger.")
    (link,) = body_links(client, article)
    assert link.get("rel") == "sponsored nofollow noopener"
    assert link.text_content() == "bei Amazon* (Werbung)"
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="ad-note"' in page and "Werbung" in page


def test_plain_shop_links_and_tagged_links_elsewhere_stay_editorial(client, shop):
    article = ArticleFactory(
        body=(
            "[Amazon-Hilfe](https://www.amazon.de/hilfe) und "
            "[ein Blog](https://blog.example/?tag=smartphones)."
        )
    )
    links = body_links(client, article)
    assert [link.get("rel") for link in links] == ["noopener noreferrer", "noopener noreferrer"]
    assert "*" not in "".join(link.text_content() for link in links)
    assert 'class="ad-note"' not in client.get(article.get_absolute_url()).content.decode()


def test_a_changed_shop_domain_is_recognised_at_once(client, shop):
    article = ArticleFactory(body="[Kaufen](https://www.otto.de/p/1?awc=123)")
    assert body_links(client, article)[0].get("rel") == "noopener noreferrer"
    shop.domains = "amazon.de, otto.de"
    shop.save()
    assert body_links(client, article)[0].get("rel") == "sponsored nofollow noopener"


def test_sponsored_article_shows_anzeige_and_marks_outbound_links(client):
    article = ArticleFactory(
        headline="So sparen Sie Strom",
        is_sponsored=True,
        sponsor_name="Stadtwerke Beispiel",
        body="[Tarifrechner](https://stadtwerke.example/tarife) und [mehr von uns](/news/).",
    )
    outbound, own = body_links(client, article)
    assert outbound.get("rel") == "sponsored noopener"
    assert own.get("rel") == "noopener noreferrer"
    document = html.fromstring(client.get(article.get_absolute_url()).content)
    label = document.xpath('//header[@class="article-header"]/p[@class="ad-label"]')[0]
    assert label.text_content().startswith("Anzeige")
    assert "Stadtwerke Beispiel" in label.text_content()
    # Listings label the teaser too.
    teaser = html.fromstring(client.get("/").content).xpath(
        '//article[contains(@class, "teaser")][.//a[contains(., "Strom")]]'
    )[0]
    assert "Anzeige" in teaser.xpath('.//p[@class="kicker"]')[0].text_content()


def test_newsroom_warns_about_a_hand_made_affiliate_link(client, shop):
    client.force_login(newsroom_user(EDITOR, "rita", author=True))
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).content.decode(), "article_form")
    data["body"] = f"Hier [kaufen]({AFFILIATE})."
    response = client.post(url, data, follow=True)
    page = response.content.decode()
    assert "Affiliate-Link" in page and "technikblatt-21" in page
    article.refresh_from_db()
    assert AFFILIATE in article.body


def test_newsroom_refuses_a_sponsored_article_without_sponsor(client):
    client.force_login(newsroom_user(EDITOR, "rita", author=True))
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).content.decode(), "article_form")
    data["is_sponsored"] = "on"
    data["sponsor_name"] = ""
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Bei einer Anzeige muss der Auftraggeber genannt werden." in response.content.decode()
    article.refresh_from_db()
    assert not article.is_sponsored


NETWORK_LINKS = (
    "https://www.awin1.com/cread.php?awinmid=1&awinaffid=2&ued=https%3A%2F%2Fwww.otto.de%2F",
    "https://amzn.to/3xYzAbc",
    "https://click.linksynergy.com/deeplink?id=abc&mid=1&murl=https%3A%2F%2Fshop.example%2F",
)


def test_links_through_affiliate_networks_are_advertising_too(client):
    """No shop of ours and no tag to see: an Awin redirect, an Amazon short link, a Rakuten
    deep link still earn commission, so readers see them marked like any affiliate link."""
    body = " ".join(f"[Angebot {n}]({url})" for n, url in enumerate(NETWORK_LINKS, start=1))
    article = ArticleFactory(body=f"Günstig: {body}.")
    links = body_links(client, article)
    assert [link.get("rel") for link in links] == ["sponsored nofollow noopener"] * 3
    assert [link.text_content() for link in links] == [f"Angebot {n}* (Werbung)" for n in (1, 2, 3)]
    assert 'class="ad-note"' in client.get(article.get_absolute_url()).content.decode()


def test_newsroom_warns_about_a_hand_made_network_link(client):
    client.force_login(newsroom_user(EDITOR, "rita", author=True))
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).content.decode(), "article_form")
    data["body"] = f"Hier [kaufen]({NETWORK_LINKS[1]})."
    page = client.post(url, data, follow=True).content.decode()
    assert "Affiliate-Link" in page and "amzn.to/3xYzAbc" in page
