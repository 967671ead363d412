"""Writes for commerce: counting an offer click."""

from __future__ import annotations

import hashlib
import re

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest

from newsdesk.security.clientip import client_ip

from .models import Offer, OfferClick

# A reader who clicks the same offer again within this many seconds (a double click, a reload,
# a script hammering the link) is counted once.
REPEAT_WINDOW = 30

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
    """False for a repeat of the same reader's click within REPEAT_WINDOW seconds.

    The reader is known only as a hash of address and browser, kept in the cache for the
    window and never stored with the click.
    """
    reader = f"{client_ip(request)}|{request.headers.get('User-Agent', '')}"
    digest = hashlib.sha256(reader.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return cache.add(f"offer-click:{offer.pk}:{digest}", 1, REPEAT_WINDOW)


@transaction.atomic
def record_offer_click(offer: Offer) -> None:
    Offer.objects.filter(pk=offer.pk).update(click_count=F("click_count") + 1)
    OfferClick.objects.create(offer=offer)
