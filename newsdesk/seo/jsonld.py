"""Structured data (schema.org JSON-LD) for each kind of reader page.

Builders return plain dicts; ``templatetags/seo.py`` serialises them into
``<script type="application/ld+json">`` blocks. Every URL is absolute, every time carries its
time zone, every text passes through ``strip_control_characters``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from newsdesk.core.text import strip_control_characters
from newsdesk.galleries.renditions import CROP_RATIOS, crop_name, crop_size
from newsdesk.publishing import registry

CONTEXT = "https://schema.org"
# Google's rule for article images: each at least 50,000 pixels (width x height).
MIN_IMAGE_PIXELS = 50_000


def schema_type(obj) -> str:
    """The Schema.org type of an object's own entity, as its registration declares it
    (``structured_data`` in ``publishing.types``)."""
    return registry.get(type(obj)).structured_data


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.NEWSDESK_BASE_URL + url


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in the site's time zone, with its offset ("2026-11-29T20:15:00+01:00")."""
    if value is None:
        return None
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def text(value: str) -> str:
    return strip_control_characters(value or "").strip()


def organization() -> dict:
    """The publisher, with its logo."""
    logo = getattr(settings, "NEWSDESK_LOGO_URL", "") or static("seo/logo.png")
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSDESK_SITE_NAME,
        "url": settings.NEWSDESK_BASE_URL + "/",
        "logo": {"@type": "ImageObject", "url": absolute(logo), "width": 512, "height": 512},
    }


def crops(image) -> list[dict]:
    """The 16:9, 4:3 and 1:1 crops of ``image`` that meet the size rule, largest first.

    Images uploaded before crops were made have none until ``newsdesk make-crops`` runs: then
    their largest rendition (written at upload) stands in, so that a crawler never follows a link
    to a missing file. One ``exists`` per crop and render; rendered pages are cached.
    """
    if image is None or not image.width or not image.height:
        return []
    objects = []
    missing = False
    for ratio in CROP_RATIOS:
        width, height = crop_size(image.width, image.height, ratio)
        if width * height < MIN_IMAGE_PIXELS:
            continue
        name = crop_name(image.file.name, ratio)
        if not default_storage.exists(name):
            missing = True
            continue
        entry = {
            "@type": "ImageObject",
            "url": absolute(default_storage.url(name)),
            "width": width,
            "height": height,
        }
        if image.credit:
            entry["creditText"] = text(image.credit)
        objects.append(entry)
    if missing and not objects:
        largest = image_object(image, width=max(image.widths))
        if largest["width"] * largest["height"] >= MIN_IMAGE_PIXELS:
            objects.append(largest)
    return objects


def image_object(image, width: int = 1280) -> dict:
    """One rendition of ``image`` with caption and credit (galleries, products)."""
    widths = [w for w in image.widths if w <= width] or image.widths[:1]
    shown = widths[-1]
    entry = {
        "@type": "ImageObject",
        "url": absolute(image.rendition_url(shown)),
        # Google's image metadata names the file itself here: the largest rendition.
        "contentUrl": absolute(image.rendition_url(image.widths[-1])),
        "width": shown,
        "height": round(image.height * shown / image.width) if image.width else 0,
    }
    if image.caption:
        entry["caption"] = text(image.caption)
    if image.credit:
        entry["creditText"] = text(image.credit)
    return entry


def person(author) -> dict:
    # Google: the name only, no job title; the URL of the author's profile page.
    return {
        "@type": schema_type(author),
        "name": text(author.name),
        "url": absolute(author.get_absolute_url()),
    }


def breadcrumbs(trail: Iterable[tuple[str, str]]) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": text(name), "item": absolute(url)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def news_article(article, authors, topics, sources) -> dict:
    url = absolute(article.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": schema_type(article),
        "@id": url + "#artikel",
        "mainEntityOfPage": url,
        "url": url,
        "headline": text(article.headline),
        "description": text(article.teaser),
        "inLanguage": settings.LANGUAGE_CODE,
        "articleSection": str(article.get_kind_display()),
        "datePublished": iso(article.published_at),
        "dateModified": iso(article.date_modified),
        "author": [person(author) for author in authors],
        "publisher": organization(),
    }
    images = crops(article.lead_image)
    if images:
        data["image"] = images
    if topics:
        data["keywords"] = [text(topic.name) for topic in topics]
    if sources:
        data["citation"] = [
            {"@type": "CreativeWork", "name": text(s.name), **({"url": s.url} if s.url else {})}
            for s in sources
        ]
        based_on = [s.url for s in sources if s.url]
        if based_on:
            data["isBasedOn"] = based_on
    if article.is_sponsored:
        data["sponsor"] = {"@type": "Organization", "name": text(article.sponsor_name)}
    if article.correction_note.strip():
        data["correction"] = {
            "@type": "CorrectionComment",
            "text": text(article.correction_note),
            "datePublished": iso(article.date_modified),
        }
    return data


REVIEW_SUFFIX = re.compile(r"\s+im\s+(Test|Check|Praxistest)\b.*$", re.IGNORECASE)


def review(article, authors, product=None) -> dict | None:
    """A review's verdict as ``Review`` of a ``Product``; None without a score."""
    if article.score is None:
        return None
    if product is not None:
        item = product_entity(product)
    else:
        # No product linked: name the reviewed thing after the headline ("Galaxy S7 im Test").
        item = {"@type": "Product", "name": REVIEW_SUFFIX.sub("", text(article.headline))}
    data = {
        "@context": CONTEXT,
        "@type": "Review",
        "url": absolute(article.get_absolute_url()),
        "name": text(article.headline),
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": str(article.score),
            "bestRating": "10",
            "worstRating": "0",
        },
        "author": [person(author) for author in authors],
        "publisher": organization(),
        "datePublished": iso(article.published_at),
    }
    if article.verdict:
        data["reviewBody"] = text(article.verdict)
    pros, cons = article.pro_list(), article.con_list()
    if pros:
        data["positiveNotes"] = item_list(pros)
    if cons:
        data["negativeNotes"] = item_list(cons)
    return data


def item_list(lines: list[str]) -> dict:
    return {
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": text(line)}
            for n, line in enumerate(lines, start=1)
        ],
    }


def video_object(video, published: datetime | None = None) -> dict:
    """``published``: the showing article's publication time. A video shown in an article was
    online no later than the article, even if its row was made afterwards (imports, edits)."""
    uploaded = video.created_at
    if published is not None and (uploaded is None or published < uploaded):
        uploaded = published
    data = {
        "@context": CONTEXT,
        "@type": schema_type(video),
        "name": text(video.title),
        "description": text(video.caption or video.title),
        "uploadDate": iso(uploaded),
    }
    if video.poster:
        data["thumbnailUrl"] = [entry["url"] for entry in crops(video.poster)] or [
            absolute(video.poster.src)
        ]
    if video.provider == video.Provider.FILE and video.file:
        data["contentUrl"] = absolute(video.file.url)
    elif video.embed_url:
        # The player only: contentUrl names a media file, never the provider's watch page.
        data["embedUrl"] = video.embed_url.split("?")[0]
    return data


def image_gallery(gallery, items) -> dict:
    return {
        "@context": CONTEXT,
        "@type": schema_type(gallery),
        "name": text(gallery.title),
        "description": text(gallery.intro or gallery.title),
        "url": absolute(gallery.get_absolute_url()),
        "publisher": organization(),
        "image": [image_object(item.image) for item in items],
    }


def product_entity(product, offers=(), test=None) -> dict:
    """``test``: the newest published test of the product with a score, if any."""
    data = {
        "@type": schema_type(product),
        "name": text(product.full_name),
        "brand": {"@type": "Brand", "name": text(product.maker)},
        "url": absolute(product.get_absolute_url()),
    }
    if product.description:
        data["description"] = text(product.description)
    if product.image:
        data["image"] = [entry["url"] for entry in crops(product.image)] or [
            absolute(product.image.src)
        ]
    priced = [offer for offer in offers if offer.price is not None]
    if priced:
        prices = [offer.price for offer in priced]
        data["offers"] = {
            "@type": "AggregateOffer",
            "priceCurrency": "EUR",
            "lowPrice": f"{min(prices):.2f}",
            "highPrice": f"{max(prices):.2f}",
            "offerCount": len(priced),
            "offers": [
                {
                    "@type": "Offer",
                    "price": f"{offer.price:.2f}",
                    "priceCurrency": "EUR",
                    "url": absolute(offer.get_absolute_url()),
                    "availability": "https://schema.org/InStock",
                    "seller": {"@type": "Organization", "name": text(offer.shop.name)},
                }
                for offer in priced
            ],
        }
    if test is not None and test.score is not None:
        data["review"] = {
            "@type": "Review",
            "name": text(test.headline),
            "url": absolute(test.get_absolute_url()),
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": str(test.score),
                "bestRating": "10",
                "worstRating": "0",
            },
            "author": [person(author) for author in test.ordered_authors()] or organization(),
            "datePublished": iso(test.published_at),
        }
    return data


def product_page(product, offers, test=None) -> dict:
    return {"@context": CONTEXT, **product_entity(product, offers, test)}


def profile_page(author) -> dict:
    entity = person(author)
    if author.job_title:
        entity["jobTitle"] = text(author.job_title)
    if author.bio:
        entity["description"] = text(author.bio)
    if author.photo:
        entity["image"] = image_object(author.photo, width=640)
    return {"@context": CONTEXT, "@type": "ProfilePage", "mainEntity": entity}


def website() -> dict:
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": settings.NEWSDESK_SITE_NAME,
        "url": settings.NEWSDESK_BASE_URL + "/",
        "inLanguage": settings.LANGUAGE_CODE,
        "publisher": organization(),
    }


def home_trail() -> tuple[str, str]:
    return (settings.NEWSDESK_SITE_NAME, reverse("articles:home"))
