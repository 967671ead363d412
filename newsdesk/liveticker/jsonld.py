"""``LiveBlogPosting`` for a ticker page, built with the helpers of ``newsdesk.seo.jsonld``."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

from django.utils.html import strip_tags

from newsdesk.core.markup import render_markdown, split_body
from newsdesk.seo import jsonld

# Google reads the newest updates; a keynote ticker has a few hundred, the page shows all.
MAX_UPDATES = 100
# A keynote runs two hours, a trade-fair day ten: the end announced while a ticker runs.
EXPECTED_LENGTH = timedelta(hours=12)


def plain_text(text: str) -> str:
    """The entry's words as readers see them (sanitised, without embeds), for ``articleBody``."""
    html = " ".join(render_markdown(part) for part in split_body(text) if isinstance(part, str))
    return jsonld.text(" ".join(unescape(strip_tags(html)).split()))


def live_blog_posting(ticker, entries, authors) -> dict:
    url = jsonld.absolute(ticker.get_absolute_url())
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "LiveBlogPosting",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": jsonld.text(ticker.title)[:110],
        "description": jsonld.text(ticker.teaser),
        "datePublished": jsonld.iso(ticker.starts_at),
        "dateModified": jsonld.iso(
            max([ticker.modified_at, *[e.edited_at or e.published_at for e in entries]])
        ),
        "coverageStartTime": jsonld.iso(ticker.starts_at),
        "publisher": jsonld.organization(),
        "author": [jsonld.person(author) for author in authors],
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "@id": f"{url}#{entry.anchor}",
                "url": f"{url}#{entry.anchor}",
                "headline": plain_text(entry.text)[:110],
                "articleBody": plain_text(entry.text),
                "datePublished": jsonld.iso(entry.published_at),
                **({"dateModified": jsonld.iso(entry.edited_at)} if entry.edited_at else {}),
                **({"author": jsonld.person(entry.author)} if entry.author else {}),
                **({"image": jsonld.image_object(entry.image)} if entry.image else {}),
            }
            for entry in sorted(entries, key=lambda e: e.published_at, reverse=True)[:MAX_UPDATES]
        ],
    }
    # Google asks for an end even while the event runs: the expected one until it has ended.
    end = ticker.ended_at or ticker.starts_at + EXPECTED_LENGTH
    data["coverageEndTime"] = jsonld.iso(end)
    images = jsonld.crops(ticker.lead_image)
    if images:
        data["image"] = images
    return data
