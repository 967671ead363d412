"""``{% live_teasers %}``: running tickers above a listing (home, topic and product pages)."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from newsdesk.core.markup import render_markdown
from newsdesk.pagecache.dependencies import record
from newsdesk.seo.templatetags.seo import json_script

from ..jsonld import plain_text
from ..models import LiveTicker, TickerEntry
from ..services import TICKER_TEASERS

register = template.Library()

# More than two running tickers at once is a very busy day; the rest are one click away.
MAX_TEASERS = 2


@register.inclusion_tag("liveticker/teasers.html")
def live_teasers(topic=None, product=None) -> dict:
    tickers = LiveTicker.objects.running().select_related("lead_image")
    if topic is not None:
        tickers = tickers.filter(topics=topic)
    if product is not None:
        tickers = tickers.filter(products=product)
    tickers = list(tickers.order_by("-starts_at")[:MAX_TEASERS])
    # The latest entry under the title: a new entry renews exactly these teasers. One plain
    # query per teaser (there are at most two): a sliced prefetch for all of them needs a window
    # function whose compilation alone cost more than half of the home page's render.
    for ticker in tickers:
        ticker.latest_entry = (
            TickerEntry.objects.visible()
            .filter(ticker=ticker)
            .order_by("-published_at", "-id")
            .first()
        )
    record(TICKER_TEASERS, tickers, [ticker.teaser_key for ticker in tickers])
    return {"tickers": tickers}


@register.simple_tag
def ticker_json_ld(data: dict) -> str:
    return mark_safe(json_script(data))  # noqa: S308 - json_script escapes <, > and &


@register.filter
def ticker_markdown(text: str) -> str:
    """A ticker's summary through the body's renderer and sanitiser."""
    return mark_safe(render_markdown(text or ""))  # noqa: S308 - sanitised by nh3


@register.filter
def ticker_plain(text: str) -> str:
    """An entry's words without Markdown or embeds (for the "Das Wichtigste" list)."""
    return plain_text(text or "")
