"""What the API says about each object: plain dicts that the schemas in ``schemas`` describe.

Labels travel with the content: a sponsored article says "Anzeige" and its sponsor, every
offer link says "Werbung" and is the tracked link the pages use.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from newsdesk.articles.embeds import render_body
from newsdesk.articles.models import Article, Author, Topic
from newsdesk.commerce.models import Offer, Product
from newsdesk.galleries.models import Gallery, Image
from newsdesk.videos.models import Video

AD_LABEL = "Anzeige"  # paid content (Pressekodex Ziffer 7, MStV)
AFFILIATE_LABEL = "Werbung"  # offer and affiliate links


def absolute(path: str) -> str:
    return settings.NEWSDESK_BASE_URL + path


def image_data(image: Image | None) -> dict | None:
    if image is None:
        return None
    return {
        "id": image.pk,
        "url": absolute(image.src) if image.src.startswith("/") else image.src,
        "width": image.width,
        "height": image.height,
        "caption": image.caption,
        "credit": image.credit,
        "alt_text": image.alt_text,
    }


def topic_data(topic: Topic) -> dict:
    return {
        "id": topic.pk,
        "name": topic.name,
        "slug": topic.slug,
        "description": topic.description,
        "url": absolute(topic.get_absolute_url()),
    }


def author_data(author: Author) -> dict:
    return {
        "id": author.pk,
        "name": author.name,
        "slug": author.slug,
        "job_title": author.job_title,
        "bio": author.bio,
        "url": absolute(author.get_absolute_url()),
    }


def offer_data(offer: Offer) -> dict:
    return {
        "id": offer.pk,
        "shop": offer.shop.name,
        "text": offer.link_text,
        "price": str(offer.price) if offer.price is not None else None,
        "url": absolute(offer.get_absolute_url()),
        "label": AFFILIATE_LABEL,
        "rel": "sponsored nofollow",
    }


def product_data(product: Product) -> dict:
    offers = getattr(product, "active_offers", None)
    if offers is None:
        offers = list(Offer.objects.live().filter(product=product).select_related("shop"))
    return {
        "id": product.pk,
        "name": product.full_name,
        "slug": product.slug,
        "maker": product.maker,
        "description": product.description,
        "specs": [{"name": k, "value": v} for k, v in product.spec_items()],
        "image": image_data(product.image),
        "url": absolute(product.get_absolute_url()),
        "offers": [offer_data(offer) for offer in offers],
    }


def gallery_data(gallery: Gallery) -> dict:
    items = getattr(gallery, "ordered_items", None)
    images = [item.image for item in items] if items is not None else gallery.ordered_images()
    return {
        "id": gallery.pk,
        "title": gallery.title,
        "slug": gallery.slug,
        "intro": gallery.intro,
        "url": absolute(gallery.get_absolute_url()),
        "images": [image_data(image) for image in images],
    }


def video_data(video: Video) -> dict:
    return {
        "id": video.pk,
        "title": video.title,
        "slug": video.slug,
        "caption": video.caption,
        "provider": video.provider,
        "watch_url": video.watch_url,
        "poster": image_data(video.poster),
    }


EMBED_DATA = {
    "gallery": gallery_data,
    "video": video_data,
    "product": product_data,
    "article": lambda article: {
        "id": article.pk,
        "headline": article.headline,
        "url": absolute(article.get_absolute_url()),
        "sponsored": article.is_sponsored,
    },
}


def article_body(article: Article) -> tuple[str, list[dict], list]:
    """The body as the page shows it (embeds resolved, links qualified), and its embeds."""
    blocks = render_body(article.body, sponsored=article.is_sponsored)
    html = []
    embeds = []
    affiliate = False
    for block in blocks:
        if block.embed:
            html.append(render_to_string(block.template, {"obj": block.obj}))
            embeds.append(
                {"kind": block.embed.kind, "slug": block.embed.slug}
                | {"object": EMBED_DATA[block.embed.kind](block.obj)}
            )
        else:
            html.append(block.html)
            affiliate = affiliate or bool(block.extra.get("affiliate_links"))
    if affiliate:
        html.append(render_to_string("includes/ad_note.html"))
    return "".join(html), embeds, [block.obj for block in blocks if block.embed]


def article_data(article: Article, detail: bool) -> tuple[dict, list]:
    """The article, and the objects it shows besides itself (for the surrogate keys)."""
    authors = article.ordered_authors()
    data = {
        "id": article.pk,
        "kind": article.kind,
        "kind_label": str(article.get_kind_display()),
        "headline": article.headline,
        "slug": article.slug,
        "teaser": article.teaser,
        "url": absolute(article.get_absolute_url()),
        "published_at": article.published_at,
        "modified_at": article.date_modified,
        "updated_note_at": article.updated_note_at,
        "correction_note": article.correction_note,
        "sponsored": article.is_sponsored,
        "ad_label": AD_LABEL if article.is_sponsored else None,
        "sponsor_name": article.sponsor_name if article.is_sponsored else None,
        "lead_image": image_data(article.lead_image),
        "authors": [author_data(author) for author in authors],
        "comment_count": getattr(article, "comment_count", None),
    }
    shown: list = list(authors)
    if article.is_review:
        data["verdict"] = {
            "score": float(article.score) if article.score is not None else None,
            "text": article.verdict,
            "pros": article.pro_list(),
            "cons": article.con_list(),
        }
    else:
        data["verdict"] = None
    if detail:
        topics = list(article.topics.all())
        products = list(
            Product.objects.published().filter(articles=article).select_related("image")
        )
        html, embeds, embedded = article_body(article)
        data |= {
            "topics": [topic_data(topic) for topic in topics],
            "products": [product_data(product) for product in products],
            "body_markdown": article.body,
            "body_html": html,
            "embeds": embeds,
        }
        shown += topics + products + embedded
    return data, shown
