"""Template helpers for responsive images, share links and list fields."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.utils.html import format_html

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(image, sizes: str = "(min-width: 60rem) 48rem, 100vw", width: int = 960,
            css_class: str = "", loading: str = "lazy", show_credit: bool = True):
    """A <picture> with WebP and JPEG ``srcset`` and the image's credit beside it."""
    return {"image": image, "sizes": sizes, "width": width, "css_class": css_class,
            "loading": loading, "show_credit": show_credit}


@register.simple_tag
def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.NEWSDESK_BASE_URL + path


@register.simple_tag
def share_links(url: str, title: str) -> list[tuple[str, str]]:
    """Plain links to the networks' share pages: nothing loads until the reader clicks."""
    return [
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("X", "https://twitter.com/intent/tweet?" + urlencode({"url": url, "text": title})),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{title} {url}"})),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("E-Mail", f"mailto:?subject={quote(title)}&body={quote(url)}"),
    ]


@register.simple_tag
def offer_link(offer) -> str:
    """An affiliate link: through /go/, marked sponsored, with the asterisk to the ad label."""
    return format_html(
        '<a class="offer-link" href="{}" rel="sponsored nofollow noopener" target="_blank">'
        '{}<span class="ad-mark" aria-label="Werbung">*</span></a>',
        offer.get_absolute_url(), offer.link_text,
    )
