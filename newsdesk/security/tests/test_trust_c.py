"""TRUST.md group C: redirects and affiliate click tracking (``/go/<id>/``, ``next=``)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.commerce.models import Offer, OfferClick
from newsdesk.commerce.services import CLICK_RATE
from newsdesk.commerce.tests.factories import OfferFactory, ProductFactory, ShopFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = pytest.mark.django_db

READER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"}


def clicks(offer: Offer) -> int:
    return Offer.objects.get(pk=offer.pk).click_count


# -- C1: no redirect to targets from the request ----------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "?url=https://evil.example/",
        "?next=https://evil.example/",
        "?to=//evil.example",
        "?redirect=https%3A%2F%2Fevil.example%2F",
        "?url=javascript:alert(1)",
        "?url=https://evil.example/&url=https://evil2.example/",
    ],
)
def test_c1_go_sends_readers_only_to_the_stored_destination(client, query):
    """C1: the destination comes from the database; any target in the request is ignored."""
    offer = OfferFactory()
    response = client.get(offer.get_absolute_url() + query, **READER)
    assert response.status_code == 302
    assert response["Location"] == offer.url


@pytest.mark.parametrize(
    "path", ["/go/", "/go/?url=https://evil.example/", "/go/https://evil.example/"]
)
def test_c1_there_is_no_go_endpoint_that_takes_a_url(client, path):
    """C1: no ad-server style ``/go/?url=`` redirect exists at all."""
    response = client.get(path)
    assert response.status_code == 404
    assert "evil.example" not in response.get("Location", "")


# -- C2: next= and the bad-URL corpus ----------------------------------------------------------

# Django's IsSafeURLTests bad URLs plus web2py's browser-typo quirk and TRUST.md's list.
BAD_NEXT_URLS = [
    "http://evil.com",
    "https://evil.com",
    "ftp://evil.com",
    "//evil.com",
    "///evil.com",
    r"\\evil.com",
    r"\\\evil.com",
    r"/\evil.com",
    r"/\/evil.com",
    r"\/evil.com",
    r"\\//evil.com",
    "http:///evil.com",
    r"http:/\/evil.com",
    r"http:\/evil.com",
    r"http:/\evil.com",
    "http:evil.com",
    "https:evil.com",
    "\x08//evil.com",
    "\njavascript:alert(x)",
    "java\nscript:alert(x)",
    'javascript:alert("XSS")',
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    r"http://testserver\@evil.com",
    r"http:\\testserver\@evil.com",
    r"http://testserver\me:pass@evil.com",
    r"http:\\testserver\confirm\me@evil.com",
    "http://testserver@evil.com",
    "http:999999999",
    "ftp:9999999999",
    "\n",
    " //evil.com",
    "\t//evil.com",
    "http://[2001:cdba:0000:0000:0000:0000:3257:9652/",
    "http://2001:cdba:0000:0000:0000:0000:3257:9652]/",
]


@pytest.mark.parametrize("url", BAD_NEXT_URLS, ids=repr)
def test_c2_bad_urls_are_rejected_by_the_guard_every_redirect_uses(url):
    """C2: ``url_has_allowed_host_and_scheme`` refuses each one (the check Django's login
    and logout views run on ``next``)."""
    assert not url_has_allowed_host_and_scheme(
        url, allowed_hosts={"testserver"}, require_https=True
    )


@pytest.mark.parametrize("url", BAD_NEXT_URLS[:24], ids=repr)
def test_c2_newsroom_login_never_follows_a_foreign_next(client, url):
    """C2 end to end: a correct login with a hostile ``next`` lands in the newsroom."""
    user = newsroom_user(EDITOR)
    user.set_password("richtig-geheim-2026")
    user.save()
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": "richtig-geheim-2026", "next": url},
    )
    assert response.status_code == 302
    location = response["Location"]
    assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"})
    assert "evil" not in location


def test_c2_login_keeps_a_safe_next(client):
    user = User.objects.create_user("redakteurin", password="richtig-geheim-2026", is_staff=True)
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": "richtig-geheim-2026", "next": "/newsroom/"},
    )
    assert response["Location"] == "/newsroom/"


# -- C3: tampered link IDs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/go/999999/",
        "/go/0/",
        "/go/-1/",
        "/go/1.5/",
        "/go/abc/",
        "/go/1%00/",
        "/go/99999999999999999999999999/",
        "/go/9223372036854775808/",
        "/go/%EF%BC%91/",  # a full-width digit one
    ],
)
def test_c3_tampered_offer_ids_are_a_404_and_nothing_is_counted(client, path):
    """C3: link IDs are database keys, not signed tokens: the destination is looked up, never
    read from the link, so a changed ID can only name another public offer or none (404)."""
    OfferFactory()
    response = client.get(path, **READER)
    assert response.status_code == 404
    assert not OfferClick.objects.exists()


def test_c3_offer_of_an_unpublished_product_is_a_404(client):
    offer = OfferFactory(product=ProductFactory(is_published=False))
    response = client.get(offer.get_absolute_url(), **READER)
    assert response.status_code == 404
    assert clicks(offer) == 0


# -- C4: who counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, headers",
    [
        ("head", READER),
        ("get", {**READER, "HTTP_SEC_PURPOSE": "prefetch"}),
        ("get", {**READER, "HTTP_SEC_PURPOSE": "prefetch;prerender"}),
        ("get", {**READER, "HTTP_PURPOSE": "prefetch"}),
        ("get", {"HTTP_USER_AGENT": "Googlebot/2.1 (+http://www.google.com/bot.html)"}),
        ("get", {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; bingbot/2.0)"}),
        ("get", {"HTTP_USER_AGENT": "facebookexternalhit/1.1"}),
        ("get", {"HTTP_USER_AGENT": "WhatsApp/2.23"}),
        ("get", {"HTTP_USER_AGENT": "curl/8.5.0"}),
        ("get", {"HTTP_USER_AGENT": "Wget/1.21"}),
        ("get", {"HTTP_USER_AGENT": "python-requests/2.32"}),
    ],
    ids=lambda v: v if isinstance(v, str) else next(iter(v.values()))[:20],
)
def test_c4_head_prefetch_and_bots_are_redirected_but_not_counted(client, method, headers):
    """C4: the link still works for them; the count stays a count of readers' clicks."""
    offer = OfferFactory()
    response = getattr(client, method)(offer.get_absolute_url(), **headers)
    assert response.status_code == 302
    assert response["Location"] == offer.url
    assert clicks(offer) == 0


@pytest.mark.parametrize("repeats", [2, 20])
def test_c4_rapid_repeats_of_one_reader_count_once(client, repeats):
    """C4: a double click or a script hammering the link counts one click."""
    offer = OfferFactory()
    for _ in range(repeats):
        assert client.get(offer.get_absolute_url(), **READER).status_code == 302
    assert clicks(offer) == 1
    assert OfferClick.objects.filter(offer=offer).count() == 1


def test_c4_two_readers_count_twice(client):
    offer = OfferFactory()
    client.get(offer.get_absolute_url(), REMOTE_ADDR="198.51.100.1", **READER)
    client.get(offer.get_absolute_url(), REMOTE_ADDR="198.51.100.2", **READER)
    assert clicks(offer) == 2


def test_c4_rotating_the_user_agent_does_not_inflate_the_count(client):
    """C4: 25 requests from one address, each with another browser string, are one click."""
    offer = OfferFactory()
    for n in range(25):
        agent = f"Mozilla/5.0 (X11; Linux x86_64) Firefox/{n}.0"
        response = client.get(offer.get_absolute_url(), HTTP_USER_AGENT=agent)
        assert response.status_code == 302
    assert clicks(offer) == 1
    assert OfferClick.objects.filter(offer=offer).count() == 1


def test_c4_one_address_writes_a_bounded_number_of_clicks(client):
    """C4: every counted click is a write; one address gets at most CLICK_RATE of them, and
    the redirect still works beyond it."""
    offers = [OfferFactory() for _ in range(CLICK_RATE.limit + 5)]
    for offer in offers:
        response = client.get(offer.get_absolute_url(), REMOTE_ADDR="198.51.100.7", **READER)
        assert (response.status_code, response["Location"]) == (302, offer.url)
    assert OfferClick.objects.count() == CLICK_RATE.limit
    # Another reader is not affected.
    client.get(offers[-1].get_absolute_url(), REMOTE_ADDR="198.51.100.8", **READER)
    assert clicks(offers[-1]) == 1


@pytest.mark.parametrize("forwarded", ["203.0.113.1", "203.0.113.2", "10.0.0.1, 203.0.113.3"])
def test_c4_a_spoofed_forwarded_for_does_not_make_repeats_count(client, forwarded):
    """C4/F6: without configured proxies, X-Forwarded-For is not the reader's identity."""
    offer = OfferFactory()
    client.get(offer.get_absolute_url(), **READER)
    client.get(offer.get_absolute_url(), HTTP_X_FORWARDED_FOR=forwarded, **READER)
    assert clicks(offer) == 1


def test_c4_redirect_is_not_cacheable_and_not_indexed(client):
    """C4: no shared cache keeps a reader's redirect; search engines do not index it."""
    offer = OfferFactory()
    response = client.get(offer.get_absolute_url(), **READER)
    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control and "no-store" in cache_control
    assert "private" in cache_control or "max-age=0" in cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert not response.cookies


# -- C5: the merchant-domain allow-list --------------------------------------------------------


@pytest.mark.parametrize(
    "new_url, reason",
    [
        ("http://www.amazon.de/dp/S7", "Ziel-Adresse ohne https"),
        ("https://evil.example/dp/S7", "Domain nicht in der Liste des Shops"),
        ("https://amazon.de.evil.example/dp/S7", "Domain nicht in der Liste des Shops"),
        ("https://evilamazon.de/dp/S7", "Domain nicht in der Liste des Shops"),
        ("https://www.amazon.de@evil.example/", "Domain nicht in der Liste des Shops"),
        ("javascript:alert(1)", "Ziel-Adresse ohne https"),
    ],
)
def test_c5_a_changed_destination_disables_the_link_until_approved(client, new_url, reason):
    """C5: a destination changed outside the newsroom's form (an import, a feed, a direct
    write) to http:// or an unlisted domain is stored but not followed: /go/ sends readers to
    the product page, pages stop showing the offer, the newsroom lists it as held with why."""
    shop = ShopFactory(name="Amazon", domains="amazon.de")
    offer = OfferFactory(shop=shop, url="https://www.amazon.de/dp/S7")
    article = ArticleFactory(body=f"[[product:{offer.product.slug}]]\n")
    assert offer.get_absolute_url() in client.get(article.get_absolute_url()).content.decode()

    Offer.objects.filter(pk=offer.pk).update(url=new_url)

    response = client.get(offer.get_absolute_url(), **READER)
    assert response.status_code == 302
    assert response["Location"] == offer.product.get_absolute_url()
    assert clicks(offer) == 0
    for page in (article.get_absolute_url(), offer.product.get_absolute_url()):
        assert offer.get_absolute_url() not in client.get(page).content.decode()
    client.force_login(newsroom_user(EDITOR))
    held = client.get(reverse("admin:commerce_offer_changelist") + "?link=gesperrt")
    assert f"gesperrt: {reason}" in held.content.decode()


def test_c5_saving_through_any_path_keeps_a_bad_destination_held():
    """C5: Offer.save approves only what the shop's list covers; a bad URL saved by code
    (not the newsroom form, which refuses it) stays held."""
    offer = OfferFactory(shop=ShopFactory(name="Amazon", domains="amazon.de"))
    offer.url = "http://www.amazon.de/dp/S7"
    offer.save()
    assert not offer.is_link_live
    assert not Offer.objects.active().filter(pk=offer.pk).exists()


def test_c5_editor_approves_an_https_destination_outside_the_list(client):
    """C5: the approval action enables the link and records who approved it."""
    offer = OfferFactory(shop=ShopFactory(name="Amazon", domains="amazon.de"))
    Offer.objects.filter(pk=offer.pk).update(url="https://partner.example/amazon/S7")
    editor = newsroom_user(EDITOR)
    client.force_login(editor)
    response = client.post(
        reverse("admin:commerce_offer_changelist"),
        {"action": "approve_destinations", "_selected_action": [offer.pk]},
        follow=True,
    )
    assert "1 Ziel-Adresse freigegeben." in response.content.decode()
    offer.refresh_from_db()
    assert offer.is_link_live and offer.approved_by == editor
    client.logout()
    response = client.get(offer.get_absolute_url(), **READER)
    assert response["Location"] == "https://partner.example/amazon/S7"


def test_c5_an_http_destination_cannot_be_approved(client):
    offer = OfferFactory(shop=ShopFactory(name="Amazon", domains="amazon.de"))
    Offer.objects.filter(pk=offer.pk).update(url="http://www.amazon.de/dp/S7")
    client.force_login(newsroom_user(EDITOR))
    response = client.post(
        reverse("admin:commerce_offer_changelist"),
        {"action": "approve_destinations", "_selected_action": [offer.pk]},
        follow=True,
    )
    assert "Angebots-Links müssen mit https:// beginnen." in response.content.decode()
    offer.refresh_from_db()
    assert not offer.is_link_live


def test_c5_the_shop_domain_list_is_the_standing_approval():
    """C5: removing a domain disables its offers; adding it back enables them; an offer an
    editor approved one by one stays enabled."""
    shop = ShopFactory(name="Amazon", domains="amazon.de, amzn.to")
    listed = OfferFactory(shop=shop, url="https://www.amazon.de/dp/S7")
    short = OfferFactory(shop=shop, url="https://amzn.to/x")
    Offer.objects.filter(pk=short.pk).update(approved_by=newsroom_user(EDITOR))
    shop.domains = "amzn.to"
    shop.save()
    assert not Offer.objects.get(pk=listed.pk).is_link_live
    assert Offer.objects.get(pk=short.pk).is_link_live
    shop.domains = "amazon.de, amzn.to"
    shop.save()
    assert Offer.objects.get(pk=listed.pk).is_link_live


def test_c5_newsroom_form_refuses_http_and_unlisted_domains(client):
    """C5: editors cannot type a bad destination in the first place."""
    offer = OfferFactory(shop=ShopFactory(name="Amazon", domains="amazon.de"))
    client.force_login(newsroom_user(EDITOR))
    url = reverse("admin:commerce_offer_change", args=[offer.pk])
    for bad, message in [
        ("http://www.amazon.de/x", "Angebots-Links müssen mit https:// beginnen."),
        ("https://evil.example/x", "gehört nicht zu den Domains des Shops"),
    ]:
        response = client.post(
            url,
            {
                "product": offer.product.pk,
                "shop": offer.shop.pk,
                "label": "",
                "price": "1",
                "url": bad,
                "is_active": "on",
                "position": "0",
            },
        )
        assert message in response.content.decode()
    offer.refresh_from_db()
    assert offer.url.startswith("https://www.amazon.de/") or offer.url.startswith(
        "https://amazon.de/"
    )


# -- C6: how offer links render ----------------------------------------------------------------


@pytest.mark.parametrize("where", ["article-embed", "article-products", "product-page"])
def test_c6_rendered_offer_links_are_sponsored_nofollow_and_labelled(client, where):
    """C6: every offer link carries rel="sponsored nofollow", an asterisk and "* Werbung"."""
    offer = OfferFactory(price=Decimal("499.00"))
    if where == "article-embed":
        page = ArticleFactory(body=f"[[product:{offer.product.slug}]]\n").get_absolute_url()
    elif where == "article-products":
        article = ArticleFactory()
        article.products.add(offer.product)
        page = article.get_absolute_url()
    else:
        page = offer.product.get_absolute_url()
    html = client.get(page).content.decode()
    link_start = html.index(f'href="{offer.get_absolute_url()}"')
    tag = html[html.rindex("<a", 0, link_start) : html.index(">", link_start)]
    rel = re.search(r'rel="([^"]*)"', tag).group(1).split()
    assert "sponsored" in rel and "nofollow" in rel
    link_text = html[html.index(">", link_start) + 1 : html.index("</a>", link_start)]
    assert "*" in link_text or "*" in html[html.index("</a>", link_start) :][:20]
    assert "Werbung" in html
