"""Reader pages of a ticker: the full page (newest or oldest first) and the update fragment.

The page is complete without JavaScript. ``liveticker.js`` polls the fragment, a small JSON
document without query parameters, so the page cache and Varnish answer it (one origin render
per change, 304 while nothing changed); ``?seit=<version>`` asks the origin directly for
everything since an older version, for a reader who was away longer than the fragment reaches.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db.models import Max, Q
from django.db.models.functions import Now
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from newsdesk.articles.embeds import render_body
from newsdesk.pagecache.dependencies import record

from . import jsonld
from .models import LiveTicker, TickerEntry

# How many versions back the cacheable fragment reaches; older readers ask with ?seit=.
FRAGMENT_WINDOW = 50


def poll_interval() -> int:
    """Milliseconds between two polls; 3 s is the promise from post to visible."""
    return getattr(settings, "NEWSDESK_LIVETICKER_POLL_MS", 2000)


def _ticker(slug: str) -> LiveTicker:
    return get_object_or_404(LiveTicker.objects.published().select_related("lead_image"), slug=slug)


def rendered_entries(entries) -> list[tuple[TickerEntry, list]]:
    """Each entry with its body blocks (the article body's renderer and embeds)."""
    result = []
    for entry in entries:
        blocks = render_body(entry.text) if not entry.is_deleted else []
        record(block.obj for block in blocks if block.embed)
        record(entry.image)
        result.append((entry, blocks))
    return result


def ticker_context(ticker: LiveTicker, oldest_first: bool = False) -> dict:
    entries = list(ticker.entries.visible().select_related("author", "image"))
    if oldest_first:
        entries.reverse()
    authors = list(ticker.authors.all())
    topics = list(ticker.topics.all())
    record(ticker, ticker.entries_key, authors, topics)
    return {
        "ticker": ticker,
        "entries": rendered_entries(entries),
        "pinned": rendered_entries([e for e in entries if e.is_pinned]),
        "key_events": [e for e in entries if e.is_key_event],
        "authors": authors,
        "topics": topics,
        "oldest_first": oldest_first,
        "poll_interval": poll_interval(),
        "sse": getattr(settings, "NEWSDESK_LIVETICKER_SSE", False),
        "ticker_json_ld": jsonld.live_blog_posting(ticker, entries, authors),
    }


def ticker_detail(request: HttpRequest, slug: str, oldest_first: bool = False) -> HttpResponse:
    ticker = _ticker(slug)
    context = ticker_context(ticker, oldest_first=oldest_first)
    return render(request, "liveticker/ticker_detail.html", context)


def _fragment_etag(request: HttpRequest, slug: str) -> str | None:
    """Version, state and the latest due entry time: a scheduled entry falling due changes it."""
    row = (
        LiveTicker.objects.published()
        .filter(slug=slug)
        .annotate(due=Max("entries__published_at", filter=Q(entries__published_at__lte=Now())))
        .values_list("pk", "version", "state", "due")
        .first()
    )
    if row is None:
        return None
    due = row[3].timestamp() if row[3] else 0
    return f"{row[0]}-{row[1]}-{row[2]}-{due:.0f}-{request.GET.get('seit', '')}"


def entry_payload(entry: TickerEntry, blocks: list) -> dict:
    payload = {"id": entry.pk, "version": entry.version, "deleted": entry.is_deleted}
    if not entry.is_deleted:
        payload.update(
            {
                "time": entry.published_at.isoformat(),
                "pinned": entry.is_pinned,
                "key_event": entry.is_key_event,
                "html": render_to_string(
                    "liveticker/entry.html", {"entry": entry, "blocks": blocks}
                ),
            }
        )
        if entry.is_key_event:
            # Its line in "Das Wichtigste" above the entries.
            payload["key_event_html"] = render_to_string(
                "liveticker/key_event.html", {"entry": entry}
            )
        if entry.is_pinned:
            # The copy at the top of the page, with ids of its own.
            payload["pinned_html"] = render_to_string(
                "liveticker/entry.html", {"entry": entry, "blocks": blocks, "copy": True}
            )
    return payload


@condition(etag_func=_fragment_etag)
def entries_fragment(request: HttpRequest, slug: str) -> HttpResponse:
    """What changed since a version: new and edited entries, and deleted ones as tombstones."""
    ticker = _ticker(slug)
    try:
        since = max(int(request.GET["seit"]), 0)
    except (KeyError, ValueError):
        since = max(ticker.version - FRAGMENT_WINDOW, 0)
    entries = (
        ticker.entries.changed_since(since).select_related("author", "image").order_by("version")
    )
    record(ticker.entries_key, f"liveticker-{ticker.pk}")
    data = {
        "version": ticker.version,
        "since": since,
        "state": ticker.state,
        "entries": [entry_payload(e, b) for e, b in rendered_entries(entries)],
    }
    if ticker.is_ended:
        # Open pages freeze with the summary on top, as a fresh page shows it.
        data["summary_html"] = render_to_string("liveticker/summary.html", {"ticker": ticker})
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    if "seit" in request.GET:
        # Answered by the origin for one reader: short browser caching only.
        patch_cache_control(response, max_age=2)
    return response


def entry_events(request: HttpRequest, slug: str) -> HttpResponse:
    """Server-sent events, only where an operator enables them (``NEWSDESK_LIVETICKER_SSE``).

    Each open stream holds a worker, so it suits an ASGI server or a few thousand readers at
    most; it sends the new version and the reader's page then fetches the cached fragment.
    A stream ends after a minute and the browser reconnects by itself.
    """
    if not getattr(settings, "NEWSDESK_LIVETICKER_SSE", False):
        raise Http404
    ticker = _ticker(slug)

    def stream():
        last = None
        deadline = time.monotonic() + 60
        yield "retry: 2000\n\n"
        while time.monotonic() < deadline:
            version = LiveTicker.objects.values_list("version", flat=True).get(pk=ticker.pk)
            if version != last:
                last = version
                yield f"event: version\ndata: {version}\n\n"
            time.sleep(1)

    response = StreamingHttpResponse(stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-store"
    response["X-Accel-Buffering"] = "no"
    return response
