"""Writes for commerce: counting an offer click."""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest

from newsdesk.core import ratelimit

from .models import Offer, OfferClick

# A reader who clicks the same offer again within this many seconds (a double click, a reload,
# a script hammering the link) is counted once.
REPEAT_WINDOW = 30
# At most this many counted clicks per client address and hour over all offers: beyond it the
# redirect still works, but nothing is written (each click is an UPDATE and an INSERT).
CLICK_RATE = ratelimit.Rate(limit=30, window=3600)

# Crawlers and link previewers follow links without a reader behind them.
BOT_AGENTS = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|whatsapp|curl|wget|python-requests",
    re.IGNORECASE,
)


def is_countable(request: HttpRequest) -> bool:
    """Only a reader's real click counts: no HEAD, no prefetch, no known bot."""
    if request.method != "GET":
        return False
    purpose = (request.headers.get("Sec-Purpose") or request.headers.get("Purpose") or "").lower()
    if "prefetch" in purpose:
        return False
    return not BOT_AGENTS.search(request.headers.get("User-Agent", ""))


def is_first_click(request: HttpRequest, offer: Offer) -> bool:
    """False for a repeat click on the offer from the same address within REPEAT_WINDOW
    seconds, and for every click of an address over CLICK_RATE.

    The reader is known only by the client address (IPv6 by its /64), hashed in the cache for
    the window and never stored with the click. Not by the browser's User-Agent: a script
    rotating it would count every request.
    """
    return ratelimit.first_from_client(
        "offer-click", request, offer.pk, repeat_window=REPEAT_WINDOW, rate=CLICK_RATE
    )


@transaction.atomic
def record_offer_click(offer: Offer) -> None:
    Offer.objects.filter(pk=offer.pk).update(click_count=F("click_count") + 1)
    OfferClick.objects.create(offer=offer)
