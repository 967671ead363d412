"""Security headers on every response Django renders.

Reader pages get a strict Content-Security-Policy: scripts, styles and fonts only from this
site, no inline script or style, no plugins, no ``<base>``, forms only to this site, and frames
only from the video players a reader asked for by clicking. Nothing on a reader page needs more:
``site.js`` is an external file, templates carry no inline handlers, and
``<script type="application/ld+json">`` data blocks are not executed, so the policy does not
touch them. The policy holds no nonce, so a page from the full-page cache carries the same valid
header as a freshly rendered one (this middleware sits below the page cache, whose stored copies
keep the headers they were rendered with).

The newsroom (Django's admin) gets a policy of its own without ``'unsafe-inline'`` for scripts
but with it for styles, which the admin's widgets set inline.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# The players of ``videos.Video.embed_url``; loaded into an iframe only after the reader clicks.
DEFAULT_FRAME_SOURCES = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")
# Browser features no page of the site uses; denied so an injected frame cannot ask for them.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


def media_origin() -> str | None:
    """The origin media are served from when it is not this site (S3 or a CDN domain)."""
    custom_domain = getattr(settings, "AWS_S3_CUSTOM_DOMAIN", "") or ""
    if custom_domain:
        return f"https://{custom_domain}"
    parts = urlsplit(settings.MEDIA_URL)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def reader_policy() -> str:
    """The Content-Security-Policy of every public page."""
    media = media_origin()
    media_sources = "'self'" + (f" {media}" if media else "")
    frames = " ".join(getattr(settings, "NEWSDESK_CSP_FRAME_SOURCES", DEFAULT_FRAME_SOURCES))
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src {media_sources} data:",
        f"media-src {media_sources}",
        "font-src 'self'",
        "connect-src 'self'",
        f"frame-src {frames}" if frames else "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def newsroom_policy() -> str:
    """The newsroom's policy: Django's admin sets styles inline, but never runs inline script.

    The article preview shows the reader page here, so its click-to-load videos need the same
    players as ``frame-src`` (the page itself is still framed only by the newsroom).
    """
    media = media_origin()
    media_sources = "'self'" + (f" {media}" if media else "")
    frames = " ".join(getattr(settings, "NEWSDESK_CSP_FRAME_SOURCES", DEFAULT_FRAME_SOURCES))
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src {media_sources} data:",
            f"media-src {media_sources}",
            f"frame-src 'self' {frames}".rstrip(),
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy unless a view set its own.

    Django's ``SecurityMiddleware`` already adds ``X-Content-Type-Options``,
    ``Referrer-Policy`` and ``Cross-Origin-Opener-Policy``; ``XFrameOptionsMiddleware`` adds
    ``X-Frame-Options`` for browsers that predate ``frame-ancestors``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.reader_policy = reader_policy()
        self.newsroom_policy = newsroom_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            if request.path_info.startswith("/newsroom/"):
                response["Content-Security-Policy"] = self.newsroom_policy
            else:
                response["Content-Security-Policy"] = self.reader_policy
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
