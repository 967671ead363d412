"""``{% seo_tags %}``: OpenGraph, Twitter card, feed links and JSON-LD for the page."""

from __future__ import annotations

import json

from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from newsdesk.seo.meta import page_meta

register = template.Library()

# "</script>" inside a headline must not end the JSON-LD block: escape "<", ">" and "&".
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_script(data: dict) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return '<script type="application/ld+json">' + payload + "</script>"


@register.inclusion_tag("seo/meta.html", takes_context=True)
def seo_tags(context) -> dict:
    meta = page_meta(context)
    return {
        "meta": meta,
        "site_name": settings.NEWSDESK_SITE_NAME,
        "locale": "de_DE" if settings.LANGUAGE_CODE.startswith("de") else "en_GB",
        "request": context.get("request"),
        "json_ld": mark_safe("\n".join(json_script(block) for block in meta.json_ld)),  # noqa: S308
    }


@register.simple_tag
def feed_links(feeds) -> str:
    return format_html_join(
        "\n",
        '<link rel="alternate" type="application/rss+xml" title="{}" href="{}">\n'
        '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
        ((f.title, f.rss, f.title, f.atom) for f in feeds),
    )


@register.filter
def has_affiliate_links(blocks) -> bool:
    """Whether the body's text links a shop with an affiliate tag (then "* Werbung" shows)."""
    return any(block.extra.get("affiliate_links") for block in blocks or ())
