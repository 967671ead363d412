"""Writes for commerce: counting an offer click."""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest

from .models import Offer, OfferClick

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


@transaction.atomic
def record_offer_click(offer: Offer) -> None:
    Offer.objects.filter(pk=offer.pk).update(click_count=F("click_count") + 1)
    OfferClick.objects.create(offer=offer)
