"""Honest outbound links in article bodies.

An editor may paste a shop link with an affiliate tag straight into the Markdown text
("[bei Amazon](https://www.amazon.de/dp/X?tag=technikblatt-21)"), or a link through an
affiliate network ("https://www.awin1.com/cread.php?..."). That is advertising like an offer
box: it gets ``rel="sponsored nofollow"``, the asterisk, and the page shows the "* Werbung" note
(LG München I; Google's link attributes). In a sponsored article every link to another site is
paid for, so each gets ``rel="sponsored"``.

``qualify_links()`` runs on the sanitised HTML of each text block (``articles/embeds.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils.html import escape
from django.utils.translation import gettext as _

from newsdesk.pagecache.dependencies import record
from newsdesk.publishing import keys

# Query parameters by which shops and networks recognise a partner (Amazon "tag", Awin "awc",
# generic ones). A shop link without any of them is an ordinary editorial link.
DEFAULT_AFFILIATE_PARAMETERS = (
    "tag",
    "affid",
    "aff_id",
    "affiliate",
    "affiliate_id",
    "partner",
    "partnerid",
    "partner_id",
    "awc",
    "camref",
    "clickref",
    "subid",
    "sub_id",
    "wt_mc",
)
# Redirect hosts of affiliate networks, and short links that carry a partner tag inside: every
# link through them earns commission, with no parameter to see and whatever shop it leads to
# (an Awin link to otto.de, an amzn.to link). NEWSDESK_AFFILIATE_HOSTS replaces the list.
DEFAULT_AFFILIATE_HOSTS = (
    "amzn.to",  # Amazon associates' short links
    "awin1.com",  # Awin
    "webmasterplan.com",  # affilinet, now Awin
    "adcell.com",  # ADCELL
    "financeads.net",  # financeAds
    "tradedoubler.com",  # Tradedoubler
    "tradetracker.net",  # TradeTracker
    "linksynergy.com",  # Rakuten Advertising
    "anrdoezrs.net",  # CJ Affiliate's click domains
    "dpbolvw.net",
    "jdoqocy.com",
    "kqzyfj.com",
    "tkqlhce.com",
    "redirectingat.com",  # Skimlinks
    "prf.hn",  # Partnerize
    "shareasale.com",  # ShareASale
)
SHOPS_CACHE_KEY = keys.SHOP_DOMAINS_CACHE

ANCHOR = re.compile(r"(<a\s[^>]*>)(.*?)(</a>)", re.DOTALL | re.IGNORECASE)
HREF = re.compile(r'\shref="([^"]*)"', re.IGNORECASE)
REL = re.compile(r'\srel="[^"]*"', re.IGNORECASE)


@dataclass(frozen=True)
class ShopDomains:
    shop_id: int | None  # None: an affiliate network, not one of our shops
    domains: tuple[str, ...]

    def allows(self, host: str) -> bool:
        return any(host == d or host.endswith("." + d) for d in self.domains)


def shop_domains() -> list[ShopDomains]:
    """Every shop's domains, read once and kept in the cache until a shop changes."""
    shops = cache.get(SHOPS_CACHE_KEY)
    if shops is None:
        from newsdesk.commerce.models import Shop

        shops = [ShopDomains(shop.pk, tuple(shop.domain_list())) for shop in Shop.objects.all()]
        cache.set(SHOPS_CACHE_KEY, shops, timeout=None)
    return shops


def forget_shop_domains() -> None:
    cache.delete(SHOPS_CACHE_KEY)


def affiliate_parameters() -> set[str]:
    names = getattr(settings, "NEWSDESK_AFFILIATE_PARAMETERS", None) or DEFAULT_AFFILIATE_PARAMETERS
    return {name.lower() for name in names}


def affiliate_hosts() -> ShopDomains:
    hosts = getattr(settings, "NEWSDESK_AFFILIATE_HOSTS", None) or DEFAULT_AFFILIATE_HOSTS
    return ShopDomains(None, tuple(host.lower() for host in hosts))


def affiliate_shop(url: str) -> ShopDomains | None:
    """The shop (or affiliate network) whose affiliate link ``url`` is, or None for an ordinary
    link."""
    parts = urlsplit(unescape(url))
    host = (parts.hostname or "").lower()
    if not host:
        return None
    networks = affiliate_hosts()
    if networks.allows(host):
        return networks
    parameters = {name.lower() for name, _value in parse_qsl(parts.query, keep_blank_values=True)}
    if not parameters & affiliate_parameters():
        return None
    return next((shop for shop in shop_domains() if shop.allows(host)), None)


def is_external(url: str) -> bool:
    host = (urlsplit(unescape(url)).hostname or "").lower()
    own = (urlsplit(settings.NEWSDESK_BASE_URL).hostname or "").lower()
    return bool(host) and host != own


@dataclass
class QualifiedHtml:
    html: str
    affiliate_links: int = 0


def qualify_links(html: str, sponsored: bool = False) -> QualifiedHtml:
    """Mark affiliate links (and, in paid content, every outbound link) in sanitised HTML."""
    if "<a" not in html:
        return QualifiedHtml(html)
    result = QualifiedHtml(html)

    def rewrite(match: re.Match) -> str:
        opening, inner, closing = match.groups()
        href = HREF.search(opening)
        if href is None:
            return match.group(0)
        url = href.group(1)
        shop = affiliate_shop(url)
        if shop is not None:
            if shop.shop_id is not None:
                record(keys.shop(shop.shop_id))  # a changed domain list re-renders the page
            result.affiliate_links += 1
            inner = f'{inner}*<span class="visually-hidden"> ({escape(_("Werbung"))})</span>'
            rel = "sponsored nofollow noopener"
            css = ' class="affiliate-link"'
        elif sponsored and is_external(url):
            rel, css = "sponsored noopener", ""
        else:
            return match.group(0)
        opening = REL.sub("", opening)
        opening = opening[:-1] + f'{css} rel="{rel}">'
        return opening + inner + closing

    result.html = ANCHOR.sub(rewrite, html)
    return result


def affiliate_warnings(body: str) -> list[str]:
    """What the newsroom tells an editor who put affiliate links into the text by hand."""
    from newsdesk.core.markup import render_markdown

    found = []
    for match in ANCHOR.finditer(render_markdown(body or "")):
        href = HREF.search(match.group(1))
        if href and affiliate_shop(href.group(1)):
            found.append(unescape(href.group(1)))
    if not found:
        return []
    return [
        _(
            "Der Text enthält %(count)s Affiliate-Link(s) (%(urls)s). Leser sehen sie als "
            'Werbung markiert (Sternchen, „* Werbung“, rel="sponsored"). Besser: das Produkt '
            "mit Angebot anlegen und mit [[product:kurzname]] einbetten."
        )
        % {"count": len(found), "urls": ", ".join(found[:3])}
    ]
